import { ChevronRight, Phone } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { CheckRecord, JobDetail, NumberDetail, ProviderView } from '@contract/types'
import { Drawer } from '../../components/Drawer'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { StatusBadge } from '../../components/StatusBadge'
import {
  columnLetter,
  flagEmoji,
  formatAge,
  formatCell,
  formatDateTime,
  formatMoney,
  regionName
} from '../../lib/format'
import { lineTypeLabel, providerLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

export function RowDetailDrawer({ job }: { job: JobDetail }) {
  const rowIndex = useAppStore((state) => state.detailRowIndex)
  const detail = useAppStore((state) => state.detail)
  const detailState = useAppStore((state) => state.detailState)
  const detailError = useAppStore((state) => state.detailError)
  const closeRow = useAppStore((state) => state.closeRow)
  const openRow = useAppStore((state) => state.openRow)
  const overview = useAppStore((state) => state.providers)
  const providers = overview?.providers ?? null
  const { t } = useTranslation('results')

  const open = rowIndex !== null
  const headers = detail?.headers ?? job.headers

  return (
    <Drawer
      open={open}
      onClose={closeRow}
      title={rowIndex !== null ? t('detail.title', { row: String(rowIndex + 1) }) : t('detail.titleNone')}
      subtitle={detail ? <StatusBadge status={detail.status} /> : null}
      testId="row-detail"
    >
      {detail && detail.provider ? (
        <p className="detail-answered" data-testid="detail-answered">
          {t('detail.answered', { provider: providerLabel(detail.provider, providers) })}
          {detail.checkedAt ? (
            <span title={formatDateTime(detail.checkedAt)}>
              {' · '}
              {t('detail.checked', { age: formatAge(detail.checkedAt) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {detailState === 'loading' ? (
        <div className="drawer-loading">
          <Spinner size={20} label={t('detail.loading')} />
        </div>
      ) : null}
      {detailState === 'error' && detailError && rowIndex !== null ? (
        <ErrorPanel
          title={t('detail.loadFailed')}
          message={detailError.message}
          code={detailError.code}
          onDismiss={() => void openRow(rowIndex)}
        />
      ) : null}
      {detail ? (
        <>
          <section className="detail-section" aria-labelledby="detail-cells">
            <h3 id="detail-cells" className="detail-heading">
              {t('detail.cells')}
            </h3>
            <dl className="kv">
              {headers.map((header, i) => (
                <div key={i} className={job.phoneColumns.includes(i) ? 'is-phone' : undefined}>
                  <dt title={t('detail.column', { letter: columnLetter(i) })}>
                    {job.phoneColumns.includes(i) ? (
                      <Phone size={11} aria-label={t('table.phoneColumn')} />
                    ) : null}
                    {header}
                  </dt>
                  <dd className={typeof detail.cells[i] === 'number' ? 'mono' : undefined}>
                    {formatCell(detail.cells[i]) || <span className="dim">{t('detail.empty')}</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="detail-section" aria-labelledby="detail-numbers">
            <h3 id="detail-numbers" className="detail-heading">
              {t('detail.numbers', { count: detail.numbers.length })}
            </h3>
            {detail.numbers.length === 0 ? (
              <p className="dim">{t('detail.noNumber')}</p>
            ) : (
              detail.numbers.map((number, i) => (
                <NumberCard key={i} number={number} header={headers[number.column]} providers={providers} />
              ))
            )}
          </section>
        </>
      ) : null}
    </Drawer>
  )
}

function NumberCard({
  number,
  header,
  providers
}: {
  number: NumberDetail
  header: string | undefined
  providers: readonly ProviderView[] | null
}) {
  const { t } = useTranslation('results')
  const fields: [string, string | null, string?][] = [
    [
      t('detail.field.column'),
      t('detail.columnValue', { header: header ?? '', letter: columnLetter(number.column) })
    ],
    ['E.164', number.e164, 'mono'],
    [t('detail.field.nationalFormat'), number.nationalFormat, 'mono'],
    [t('detail.field.internationalFormat'), number.internationalFormat, 'mono'],
    [t('detail.field.lineType'), lineTypeLabel(number.lineType) || null],
    [
      t('detail.field.country'),
      number.country
        ? `${flagEmoji(number.country)} ${t('detail.countryValue', { country: regionName(number.country), code: number.country })}`.trim()
        : null
    ],
    [t('detail.field.extension'), number.extension, 'mono'],
    [t('detail.field.note'), number.note]
  ]
  return (
    <article className="number-card" aria-label={t('detail.number', { raw: number.raw })}>
      <header className="number-card-head">
        <span className="number-raw mono" title={t('detail.asWritten')}>
          {number.raw}
        </span>
        <StatusBadge status={number.status} />
      </header>
      {number.reason ? (
        <p className="number-reason" title={number.reason}>
          {reasonLabel(number.reason)} <code>{number.reason}</code>
        </p>
      ) : null}
      <dl className="kv kv-compact">
        {fields.map(([label, value, cls]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={value ? cls : 'dim'}>{value ? value : '—'}</dd>
          </div>
        ))}
      </dl>
      <h4 className="detail-subheading">{t('detail.checks')}</h4>
      {number.checks.length === 0 ? (
        <p className="dim">{t('detail.noChecks')}</p>
      ) : (
        number.checks.map((check, i) => (
          // The newest paid answer opens with its raw answer shown; older and offline ones stay folded.
          <CheckCard
            key={i}
            check={check}
            providers={providers}
            expanded={i === 0 && check.provider !== 'offline'}
          />
        ))
      )}
    </article>
  )
}

function CheckCard({
  check,
  providers,
  expanded
}: {
  check: CheckRecord
  providers: readonly ProviderView[] | null
  expanded: boolean
}) {
  const { t } = useTranslation('results')
  const offline = check.provider === 'offline'
  const name = providerLabel(check.provider, providers)
  const currency = providers?.find((p) => p.id === check.provider)?.settings?.currency ?? ''
  return (
    <div className="check-card" data-testid={`check-${check.provider}`}>
      <div className="check-card-head">
        <span className="check-provider">{name}</span>
        <StatusBadge status={check.state} />
        {check.reason ? (
          <span className="check-reason" title={check.reason}>
            {reasonLabel(check.reason)}
          </span>
        ) : null}
      </div>
      <dl className="check-meta">
        <div>
          <dt>{t('detail.when')}</dt>
          <dd title={formatDateTime(check.checkedAt)}>
            {formatDateTime(check.checkedAt)} <span className="dim">· {formatAge(check.checkedAt)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('detail.cost')}</dt>
          <dd
            data-testid="check-cost"
            title={!offline && check.cost > 0 && check.costEstimated ? t('detail.estimatedTitle') : undefined}
          >
            {offline
              ? t('detail.free')
              : check.cost > 0
                ? check.costEstimated
                  ? t('detail.estimated', { amount: formatMoney(check.cost, currency) })
                  : formatMoney(check.cost, currency)
                : t('detail.notCharged')}
          </dd>
        </div>
      </dl>
      <details className="raw-answer" open={expanded || undefined}>
        <summary className="raw-answer-label" data-testid="raw-answer-toggle">
          <ChevronRight size={12} aria-hidden="true" className="raw-answer-chevron" />
          {offline ? t('detail.offlineFound') : t('detail.rawAnswer', { provider: name })}
        </summary>
        <pre data-testid="raw-answer">{stringify(check.raw)}</pre>
      </details>
    </div>
  )
}

function stringify(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}
