import { STATUSES, type Status } from '@contract/types'
import { STATUS_LABELS } from '../lib/labels'
import { formatCount } from '../lib/format'

/** A thin stacked bar of the status mix; rows without a result leave the track empty. */
export function StatusBar({ byStatus, total }: { byStatus: Record<Status, number>; total: number }) {
  const summary = STATUSES.filter((status) => byStatus[status] > 0)
    .map((status) => `${STATUS_LABELS[status]} ${formatCount(byStatus[status])}`)
    .join(', ')
  return (
    <div className="status-bar" role="img" aria-label={summary || 'No results yet'} title={summary}>
      {total > 0
        ? STATUSES.map((status) =>
            byStatus[status] > 0 ? (
              <span
                key={status}
                className={`status-bar-seg status-${status}`}
                style={{ width: `${(byStatus[status] / total) * 100}%` }}
              />
            ) : null
          )
        : null}
    </div>
  )
}
