import { useTranslation } from 'react-i18next'
import type { Status } from '@contract/types'
import { formatCount, formatPercent } from '../lib/format'
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from '../lib/labels'

interface StatusChipProps {
  status: Status
  count: number
  /** When given, the chip is a toggle button for the status filter. */
  pressed?: boolean
  onToggle?: (status: Status) => void
  dimmed?: boolean
  /** A tile shows the count large with a share bar; it needs the total the share is of. */
  variant?: 'pill' | 'tile'
  total?: number
}

export function StatusChip({
  status,
  count,
  pressed,
  onToggle,
  dimmed,
  variant = 'pill',
  total = 0
}: StatusChipProps) {
  const { t } = useTranslation('results')
  const share = total > 0 ? formatPercent(count, total) : null
  const content =
    variant === 'tile' ? (
      <>
        <span className="tile-label">
          <span className="status-dot" aria-hidden="true" />
          {STATUS_LABELS[status]}
        </span>
        <span className="tile-value chip-count" data-count>
          {formatCount(count)}
        </span>
        <span className="tile-share" aria-hidden="true">
          <span style={{ width: total > 0 ? `${(count / total) * 100}%` : 0 }} />
        </span>
      </>
    ) : (
      <>
        <span className="status-dot" aria-hidden="true" />
        <span className="chip-label">{STATUS_LABELS[status]}</span>
        <span className="chip-count" data-count>
          {formatCount(count)}
        </span>
      </>
    )
  const className = [
    variant === 'tile' ? 'status-tile' : 'status-chip',
    `status-${status}`,
    pressed ? 'is-pressed' : '',
    dimmed ? 'is-dimmed' : ''
  ]
    .filter(Boolean)
    .join(' ')
  const description = STATUS_DESCRIPTIONS[status]
  const title = share ? t('chip.share', { description, share }) : description
  if (onToggle) {
    return (
      <button
        type="button"
        className={className}
        data-testid={`status-chip-${status}`}
        aria-pressed={pressed ?? false}
        title={t(pressed ? 'chip.remove' : 'chip.add', { title })}
        onClick={() => onToggle(status)}
      >
        {content}
      </button>
    )
  }
  return (
    <span className={className} data-testid={`status-chip-${status}`} title={title}>
      {content}
    </span>
  )
}
