import type { JobSummary } from '@contract/types'
import { StatusBar } from '../../components/StatusBar'
import { formatCount, formatShortDate } from '../../lib/format'
import { JOB_STATUS_LABELS, isTerminal } from '../../lib/labels'
import { useAppStore } from '../../store'

interface JobListItemProps {
  job: JobSummary
  current: boolean
  onOpen: () => void
}

export function JobListItem({ job, current, onOpen }: JobListItemProps) {
  const progress = useAppStore((state) => state.progress[job.id])
  // While a job runs, its live event is fresher than the list entry read when it started.
  const live = progress && !isTerminal(job.status) ? progress : null
  const status = live?.status ?? job.status
  const counts = live?.counts ?? job.counts
  const rows = live && live.phase === 'importing' ? live.done : counts.rows
  const pct = live && live.total > 0 ? Math.floor((live.done / live.total) * 100) : null

  return (
    <button
      type="button"
      className={`job-item${current ? ' is-current' : ''}`}
      data-testid={`job-item-${job.id}`}
      data-status={status}
      aria-current={current ? 'page' : undefined}
      onClick={onOpen}
    >
      <span className="job-item-top">
        <span className="job-item-name" title={job.name}>
          {job.name}
        </span>
        <span className={`job-status job-status-${status}`}>
          {status === 'running' && pct !== null ? `${pct}%` : JOB_STATUS_LABELS[status]}
        </span>
      </span>
      <span className="job-item-file" title={job.fileName}>
        {job.fileName}
      </span>
      <span className="job-item-meta">
        <span>{formatShortDate(job.createdAt)}</span>
        <span aria-hidden="true">·</span>
        <span>
          {formatCount(rows)} {rows === 1 ? 'row' : 'rows'}
        </span>
      </span>
      <StatusBar byStatus={counts.byStatus} total={counts.rows} />
    </button>
  )
}
