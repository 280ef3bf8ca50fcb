import { useTranslation } from 'react-i18next'
import type { JobSummary } from '@contract/types'
import { StatusBar } from '../../components/StatusBar'
import { formatShortDate, formatSpend } from '../../lib/format'
import { JOB_STATUS_LABELS, PAUSE_SHORT, PAUSE_TITLES, isTerminal } from '../../lib/labels'
import { useAppStore } from '../../store'

interface JobListItemProps {
  job: JobSummary
  current: boolean
  onOpen: () => void
}

export function JobListItem({ job, current, onOpen }: JobListItemProps) {
  const { t } = useTranslation('jobs')
  const progress = useAppStore((state) => state.progress[job.id])
  // While a job runs, its live event is fresher than the list entry read when it started.
  const live = progress && !isTerminal(job.status) ? progress : null
  const status = live?.status ?? job.status
  const counts = live?.counts ?? job.counts
  const rows = live && live.phase === 'importing' ? live.done : counts.rows
  const pct = live && live.total > 0 ? Math.floor((live.done / live.total) * 100) : null
  const paid = live?.live ?? job.live
  const pauseReason = status === 'paused' ? (paid?.pauseReason ?? null) : null
  const spent = paid && paid.spend.some((line) => line.amount > 0) ? formatSpend(paid.spend) : null
  const label =
    status === 'running' && pct !== null
      ? `${pct}%`
      : pauseReason
        ? PAUSE_SHORT[pauseReason]
        : JOB_STATUS_LABELS[status]

  return (
    <button
      type="button"
      className={`job-item${current ? ' is-current' : ''}`}
      data-testid={`job-item-${job.id}`}
      data-status={status}
      data-reason={pauseReason ?? undefined}
      aria-current={current ? 'page' : undefined}
      onClick={onOpen}
    >
      <span className="job-item-top">
        <span className="job-item-name" title={job.name}>
          {job.name}
        </span>
        <span
          className={`job-status job-status-${status}${pauseReason === 'confirm' || pauseReason === 'sample' ? ' is-waiting' : ''}`}
          title={pauseReason ? PAUSE_TITLES[pauseReason] : undefined}
          data-testid={`job-status-${job.id}`}
        >
          {label}
        </span>
      </span>
      <span className="job-item-file-row">
        <span className="job-item-file" title={job.sheet ? `${job.fileName} · ${job.sheet}` : job.fileName}>
          {job.fileName}
          {job.sheet && job.format !== 'csv' && job.format !== 'vcf' ? ` · ${job.sheet}` : ''}
        </span>
        {spent ? (
          <span className="job-item-spend" title={t('item.spent')} data-testid={`job-spend-${job.id}`}>
            {spent}
          </span>
        ) : null}
      </span>
      <span className="job-item-meta">
        <span>{formatShortDate(job.createdAt)}</span>
        <span aria-hidden="true">·</span>
        <span>{t('item.rows', { count: rows })}</span>
      </span>
      <StatusBar byStatus={counts.byStatus} total={counts.rows} />
    </button>
  )
}
