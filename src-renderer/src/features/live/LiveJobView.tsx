import { useEffect } from 'react'
import { FileSpreadsheet } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { JobDetail, LiveSummary } from '@contract/types'
import { formatDateTime } from '../../lib/format'
import { useAppStore } from '../../store'
import { LivePaused } from './LivePaused'
import { LiveRunning } from './LiveRunning'
import { PreflightPanel } from './PreflightPanel'

/**
 * The newest status and live figures. The pushed event wins while it describes the state the detail shows; a
 * pause it reports before the detail is read again (or one main could not write to disk) is shown at once.
 */
function useLiveState(job: JobDetail): { status: JobDetail['status']; live: LiveSummary | null } {
  const progress = useAppStore((state) => state.progress[job.id])
  if (progress?.live && progress.status === job.status) return { status: job.status, live: progress.live }
  if (progress?.live && progress.status === 'paused' && job.status === 'running') {
    const live = progress.live
    return {
      status: 'paused',
      live: {
        ...live,
        pauseReason: live.pauseReason ?? 'interrupted',
        pauseMessage: live.pauseMessage ?? progress.message
      }
    }
  }
  return { status: job.status, live: job.live }
}

/** A job in its paid phase: the pre-flight, the running check, or a pause the user has to act on. */
export function LiveJobView({ job }: { job: JobDetail }) {
  const { status, live } = useLiveState(job)
  const loadProviders = useAppStore((state) => state.loadProviders)
  const providersState = useAppStore((state) => state.providersState)
  const { t } = useTranslation('live')

  // Display names and currencies of the providers; the list is small and read once.
  useEffect(() => {
    if (providersState === 'idle') void loadProviders()
  }, [providersState, loadProviders])

  if (!live) return null
  const reason = status === 'paused' ? live.pauseReason : null
  const atPreflight = reason === 'confirm' || reason === 'sample'

  return (
    <div
      className={`page page-live${atPreflight ? ' is-preflight' : ''}`}
      data-testid="live-view"
      data-status={status}
      data-reason={reason ?? ''}
    >
      <header className="page-header">
        <div className="file-heading">
          <div className="file-icon" aria-hidden="true">
            <FileSpreadsheet size={22} strokeWidth={1.7} />
          </div>
          <div className="file-heading-text">
            <h1 className="page-title">{job.name}</h1>
            <p className="page-subtitle">
              {t('view.started', { file: job.fileName, date: formatDateTime(job.createdAt) })}
            </p>
          </div>
        </div>
      </header>
      {status !== 'paused' ? (
        <LiveRunning job={job} live={live} />
      ) : atPreflight ? (
        <PreflightPanel job={job} live={live} />
      ) : (
        <LivePaused job={job} live={live} />
      )}
    </div>
  )
}
