import { translate } from '../i18n'
import { STATUSES, type Status } from '@contract/types'
import { STATUS_LABELS } from '../lib/labels'
import { formatCount } from '../lib/format'

/** A thin stacked bar of the status mix; rows without a result leave the track empty. */
export function StatusBar({ byStatus, total }: { byStatus: Record<Status, number>; total: number }) {
  const summary = STATUSES.filter((status) => byStatus[status] > 0)
    .map((status) =>
      translate('common:component.statusCount', {
        status: STATUS_LABELS[status],
        count: formatCount(byStatus[status])
      })
    )
    .join(', ')
  return (
    <div
      className="status-bar"
      role="img"
      aria-label={summary || translate('common:component.noResultsYet')}
      title={summary}
    >
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
