import { ChevronRight, Phone } from 'lucide-react'
import type { CheckRecord, JobDetail, NumberDetail, ProviderView } from '@contract/types'
import { Drawer } from '../../components/Drawer'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { StatusBadge } from '../../components/StatusBadge'
import { columnLetter, flagEmoji, formatAge, formatCell, formatDateTime, formatMoney } from '../../lib/format'
import { lineTypeLabel, providerLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

export function RowDetailDrawer({ job }: { job: JobDetail }) {
  const rowIndex = useAppStore((state) => state.detailRowIndex)
  const detail = useAppStore((state) => state.detail)
  const detailState = useAppStore((state) => state.detailState)
  const detailError = useAppStore((state) => state.detailError)
  const closeRow = useAppStore((state) => state.closeRow)
  const openRow = useAppStore((state) => state.openRow)
  const appInfo = useAppStore((state) => state.appInfo)
  const overview = useAppStore((state) => state.providers)
  const providers = overview?.providers ?? null

  const open = rowIndex !== null
  const headers = detail?.headers ?? job.headers
  const regionName = (code: string | null) =>
    code ? (appInfo?.regions.find((r) => r.code === code)?.name ?? code) : null

  return (
    <Drawer
      open={open}
      onClose={closeRow}
      title={rowIndex !== null ? `Row ${rowIndex + 1}` : 'Row'}
      subtitle={detail ? <StatusBadge status={detail.status} /> : null}
      testId="row-detail"
    >
      {detail && detail.provider ? (
        <p className="detail-answered" data-testid="detail-answered">
          Answered by <strong>{providerLabel(detail.provider, providers)}</strong>
          {detail.checkedAt ? (
            <span title={formatDateTime(detail.checkedAt)}> · checked {formatAge(detail.checkedAt)}</span>
          ) : null}
        </p>
      ) : null}
      {detailState === 'loading' ? (
        <div className="drawer-loading">
          <Spinner size={20} label="Loading row" />
        </div>
      ) : null}
      {detailState === 'error' && detailError && rowIndex !== null ? (
        <ErrorPanel
          title="This row could not be loaded"
          message={detailError.message}
          code={detailError.code}
          onDismiss={() => void openRow(rowIndex)}
        />
      ) : null}
      {detail ? (
        <>
          <section className="detail-section" aria-labelledby="detail-cells">
            <h3 id="detail-cells" className="detail-heading">
              Original cells
            </h3>
            <dl className="kv">
              {headers.map((header, i) => (
                <div key={i} className={job.phoneColumns.includes(i) ? 'is-phone' : undefined}>
                  <dt title={`Column ${columnLetter(i)}`}>
                    {job.phoneColumns.includes(i) ? <Phone size={11} aria-label="Phone column" /> : null}
                    {header}
                  </dt>
                  <dd className={typeof detail.cells[i] === 'number' ? 'mono' : undefined}>
                    {formatCell(detail.cells[i]) || <span className="dim">empty</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="detail-section" aria-labelledby="detail-numbers">
            <h3 id="detail-numbers" className="detail-heading">
              {detail.numbers.length === 1 ? 'Number' : `Numbers (${detail.numbers.length})`}
            </h3>
            {detail.numbers.length === 0 ? (
              <p className="dim">No phone number was found in this row’s phone columns.</p>
            ) : (
              detail.numbers.map((number, i) => (
                <NumberCard
                  key={i}
                  number={number}
                  header={headers[number.column]}
                  regionName={regionName}
                  providers={providers}
                />
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
  regionName,
  providers
}: {
  number: NumberDetail
  header: string | undefined
  regionName: (code: string | null) => string | null
  providers: readonly ProviderView[] | null
}) {
  const fields: [string, string | null, string?][] = [
    ['Column', `${header ?? ''} (${columnLetter(number.column)})`],
    ['E.164', number.e164, 'mono'],
    ['National format', number.nationalFormat, 'mono'],
    ['International format', number.internationalFormat, 'mono'],
    ['Line type', lineTypeLabel(number.lineType) || null],
    [
      'Country',
      number.country
        ? `${flagEmoji(number.country)} ${regionName(number.country)} (${number.country})`.trim()
        : null
    ],
    ['Extension', number.extension, 'mono'],
    ['Note', number.note]
  ]
  return (
    <article className="number-card" aria-label={`Number ${number.raw}`}>
      <header className="number-card-head">
        <span className="number-raw mono" title="As written in the file">
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
      <h4 className="detail-subheading">Checks</h4>
      {number.checks.length === 0 ? (
        <p className="dim">No check was recorded for this number.</p>
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
          <dt>When</dt>
          <dd title={formatDateTime(check.checkedAt)}>
            {formatDateTime(check.checkedAt)} <span className="dim">· {formatAge(check.checkedAt)}</span>
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd
            data-testid="check-cost"
            title={
              !offline && check.cost > 0 && check.costEstimated
                ? 'Estimated: the provider does not document whether this answer is billed, so it is counted at the configured price.'
                : undefined
            }
          >
            {offline
              ? 'Free'
              : check.cost > 0
                ? check.costEstimated
                  ? `≈${formatMoney(check.cost, currency)} (estimated)`
                  : formatMoney(check.cost, currency)
                : 'Not charged'}
          </dd>
        </div>
      </dl>
      <details className="raw-answer" open={expanded || undefined}>
        <summary className="raw-answer-label" data-testid="raw-answer-toggle">
          <ChevronRight size={12} aria-hidden="true" className="raw-answer-chevron" />
          {offline ? 'What the offline check found' : `Raw answer from ${name}`}
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
