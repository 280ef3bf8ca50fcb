import { Phone } from 'lucide-react'
import type { CheckRecord, JobDetail, NumberDetail } from '@contract/types'
import { Drawer } from '../../components/Drawer'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { StatusBadge } from '../../components/StatusBadge'
import { columnLetter, flagEmoji, formatCell, formatDateTime } from '../../lib/format'
import { lineTypeLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

export function RowDetailDrawer({ job }: { job: JobDetail }) {
  const rowIndex = useAppStore((state) => state.detailRowIndex)
  const detail = useAppStore((state) => state.detail)
  const detailState = useAppStore((state) => state.detailState)
  const detailError = useAppStore((state) => state.detailError)
  const closeRow = useAppStore((state) => state.closeRow)
  const openRow = useAppStore((state) => state.openRow)
  const appInfo = useAppStore((state) => state.appInfo)

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
                <NumberCard key={i} number={number} header={headers[number.column]} regionName={regionName} />
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
  regionName
}: {
  number: NumberDetail
  header: string | undefined
  regionName: (code: string | null) => string | null
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
        number.checks.map((check, i) => <CheckCard key={i} check={check} />)
      )}
    </article>
  )
}

function CheckCard({ check }: { check: CheckRecord }) {
  return (
    <div className="check-card">
      <div className="check-card-head">
        <span className="check-provider">{check.provider}</span>
        <StatusBadge status={check.state} />
        {check.reason ? (
          <span className="dim" title={check.reason}>
            {reasonLabel(check.reason)}
          </span>
        ) : null}
        <span className="check-time">{formatDateTime(check.checkedAt)}</span>
      </div>
      {check.cost > 0 ? <p className="dim">Cost {check.cost}</p> : null}
      <div className="raw-answer">
        <span className="raw-answer-label">Raw answer</span>
        <pre>{stringify(check.raw)}</pre>
      </div>
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
