import { useRef, type ReactNode } from 'react'
import { ImageDown } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts'
import { HorizontalBars, type BarDatum } from '../../components/HorizontalBars'
import { STATUSES, type FacetField, type JobDetail, type Status } from '@contract/types'
import type { LegendLine } from '../../lib/chart-image'
import { fileStem, flagEmoji, formatCount, formatMoney, formatPercent, regionName } from '../../lib/format'
import { STATUS_LABELS, lineTypeLabel, providerLabel } from '../../lib/labels'
import { useThemeColors } from '../../lib/theme-colors'
import { useAppStore } from '../../store'

/** Bars per chart: the most frequent values. */
const TOP = 6

type Datum = BarDatum

/**
 * The job at a glance, above the table: how its rows split by status, its top countries, line types and
 * carriers, and what the paid check cost per provider. It follows the filters (each chart counts under the other
 * filters, as the facet panel does); clicking a slice or a bar narrows the table to it; each chart saves as PNG.
 */
export function Overview({ job }: { job: JobDetail }) {
  const facets = useAppStore((state) => state.facets)
  const filter = useAppStore((state) => state.filter)
  const spend = useAppStore((state) => state.spend)
  const providers = useAppStore((state) => state.providers)
  const toggleFacetValue = useAppStore((state) => state.toggleFacetValue)
  const colors = useThemeColors()
  const { t } = useTranslation('results')

  if (!facets) return null
  const statusData: Datum[] = STATUSES.map((status) => ({
    value: status,
    label: STATUS_LABELS[status],
    count: facets.statuses.find((f) => f.value === status)?.count ?? 0
  }))
  const statusTotal = statusData.reduce((sum, d) => sum + d.count, 0)
  const top = (field: FacetField, label: (value: string) => string): Datum[] =>
    facets[field]
      .filter((f) => f.value !== '')
      .slice(0, TOP)
      .map((f) => ({ value: f.value, label: label(f.value), count: f.count }))
  const countries = top('countries', (code) => `${flagEmoji(code)} ${regionName(code)}`.trim())
  const lineTypes = top('lineTypes', (value) => lineTypeLabel(value))
  const carriers = top('carriers', (value) => value)
  const chosen = (field: FacetField, value: string): boolean =>
    ((filter[field] as string[] | undefined) ?? []).includes(value)
  const stem = fileStem(job.fileName)

  return (
    <section className="overview" aria-label={t('overview.label')} data-testid="overview">
      <ChartCard
        title={t('overview.status')}
        testId="overview-status"
        fileName={`${stem}-status.png`}
        legend={statusData.map((d) => ({
          color: colors[d.value],
          label: d.label,
          figures: `${formatCount(d.count)}  ${formatPercent(d.count, statusTotal)}`
        }))}
      >
        <div className="overview-donut">
          <ResponsiveContainer width={132} height={132}>
            <PieChart>
              <Pie
                data={statusData.filter((d) => d.count > 0)}
                dataKey="count"
                nameKey="label"
                innerRadius={38}
                outerRadius={62}
                paddingAngle={1}
                isAnimationActive={false}
                onClick={(datum: { payload?: Datum }) => {
                  if (datum.payload) toggleFacetValue('statuses', datum.payload.value)
                }}
              >
                {statusData
                  .filter((d) => d.count > 0)
                  .map((d) => (
                    <Cell
                      key={d.value}
                      fill={colors[d.value]}
                      stroke={colors.surface}
                      className="chart-clickable"
                      data-testid={`overview-status-slice-${d.value}`}
                    />
                  ))}
              </Pie>
              <Tooltip formatter={(value) => formatCount(Number(value))} isAnimationActive={false} />
            </PieChart>
          </ResponsiveContainer>
          <ul className="overview-legend">
            {statusData.map((d) => (
              <li key={d.value}>
                <button
                  type="button"
                  className={`overview-legend-item${chosen('statuses', d.value) ? ' is-on' : ''}`}
                  aria-pressed={chosen('statuses', d.value)}
                  onClick={() => toggleFacetValue('statuses', d.value)}
                  data-testid={`overview-status-${d.value}`}
                >
                  <span className={`status-dot status-${d.value as Status}`} aria-hidden="true" />
                  <span className="overview-legend-label">{d.label}</span>
                  <span className="overview-legend-count" data-count>
                    {formatCount(d.count)}
                  </span>
                  <span className="overview-legend-share" data-count>
                    {formatPercent(d.count, statusTotal)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </ChartCard>
      {countries.length > 0 ? (
        <BarCard
          title={t('overview.countries')}
          testId="overview-countries"
          fileName={`${stem}-countries.png`}
          data={countries}
          color={colors.accent}
          text={colors.text}
          isOn={(value) => chosen('countries', value)}
          onPick={(value) => toggleFacetValue('countries', value)}
        />
      ) : null}
      {lineTypes.length > 0 ? (
        <BarCard
          title={t('overview.lineTypes')}
          testId="overview-line-types"
          fileName={`${stem}-line-types.png`}
          data={lineTypes}
          color={colors.accent}
          text={colors.text}
          isOn={(value) => chosen('lineTypes', value)}
          onPick={(value) => toggleFacetValue('lineTypes', value)}
        />
      ) : null}
      {carriers.length > 0 ? (
        <BarCard
          title={t('overview.carriers')}
          testId="overview-carriers"
          fileName={`${stem}-carriers.png`}
          data={carriers}
          color={colors.accent}
          text={colors.text}
          isOn={(value) => chosen('carriers', value)}
          onPick={(value) => toggleFacetValue('carriers', value)}
        />
      ) : null}
      {spend && spend.length > 0 ? (
        <ChartCard title={t('overview.spend')} testId="overview-spend" fileName={`${stem}-spend.png`}>
          <ul className="overview-spend">
            {spend.map((line) => (
              <li key={`${line.provider}-${line.currency ?? ''}`}>
                <button
                  type="button"
                  className={`overview-legend-item${chosen('providers', line.provider) ? ' is-on' : ''}`}
                  aria-pressed={chosen('providers', line.provider)}
                  onClick={() => toggleFacetValue('providers', line.provider)}
                  data-testid={`overview-spend-${line.provider}`}
                >
                  <span className="overview-legend-label">
                    {providerLabel(line.provider, providers?.providers)}
                  </span>
                  <span className="overview-legend-count" data-count>
                    {line.currency ? formatMoney(line.amount, line.currency) : formatCount(line.amount)}
                  </span>
                  <span className="overview-legend-share" data-count>
                    {t('overview.lookups', { count: line.lookups })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </ChartCard>
      ) : null}
    </section>
  )
}

function ChartCard({
  title,
  testId,
  fileName,
  legend,
  children
}: {
  title: string
  testId: string
  fileName: string
  /** Drawn beside the chart in its PNG (the page shows it as HTML). */
  legend?: LegendLine[]
  children: ReactNode
}) {
  const saveChart = useAppStore((state) => state.saveChart)
  const body = useRef<HTMLDivElement>(null)
  const { t } = useTranslation('results')
  return (
    <figure className="overview-card" data-testid={testId}>
      <figcaption className="overview-card-head">
        <span>{title}</span>
        <button
          type="button"
          className="icon-button"
          aria-label={t('overview.save', { title })}
          title={t('overview.saveTitle')}
          data-testid={`${testId}-png`}
          onClick={() => {
            const svg = body.current?.querySelector('svg.recharts-surface')
            if (svg instanceof SVGSVGElement) void saveChart(svg, title, fileName, legend)
          }}
        >
          <ImageDown size={14} aria-hidden="true" />
        </button>
      </figcaption>
      <div ref={body} className="overview-card-body">
        {children}
      </div>
    </figure>
  )
}

function BarCard({
  title,
  testId,
  fileName,
  data,
  color,
  text,
  isOn,
  onPick
}: {
  title: string
  testId: string
  fileName: string
  data: Datum[]
  color: string
  text: string
  isOn: (value: string) => boolean
  onPick: (value: string) => void
}) {
  const { t } = useTranslation('results')
  return (
    <ChartCard title={title} testId={testId} fileName={fileName}>
      <HorizontalBars
        data={data}
        color={color}
        text={text}
        valueName={t('overview.rowsName')}
        isOn={isOn}
        onPick={onPick}
        barTestId={(value) => `${testId}-bar-${value}`}
      />
    </ChartCard>
  )
}
