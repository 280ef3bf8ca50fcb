import type { Status } from '@contract/types'
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from '../lib/labels'

export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`status-badge status-${status}`} title={STATUS_DESCRIPTIONS[status]}>
      <span className="status-dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  )
}
