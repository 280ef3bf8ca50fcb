import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/Button'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { isTerminal } from '../../lib/labels'
import { useAppStore } from '../../store'
import { LiveJobView } from '../live/LiveJobView'
import { ResultsView } from '../results/ResultsView'
import { JobProgressView } from './JobProgressView'

// Progress events are hints; if they stop arriving, re-read the job so a missed final event cannot strand the view.
const STALE_PROGRESS_MS = 4000

export function JobScreen({ jobId }: { jobId: string }) {
  const { t } = useTranslation(['jobs', 'common'])
  const job = useAppStore((state) => state.job)
  const jobState = useAppStore((state) => state.jobState)
  const jobError = useAppStore((state) => state.jobError)
  const openJob = useAppStore((state) => state.openJob)
  const reloadJob = useAppStore((state) => state.reloadJob)
  const pausedResults = useAppStore((state) => state.pausedResults)

  const loaded = job !== null && job.id === jobId
  // A paused job sends no events, so only a running one is watched for a missed final event.
  const running = loaded && (job.status === 'running' || job.status === 'draft')

  useEffect(() => {
    if (!running) return
    let lastSeen = Date.now()
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.progress[jobId] !== previous.progress[jobId]) lastSeen = Date.now()
    })
    const timer = window.setInterval(() => {
      if (Date.now() - lastSeen > STALE_PROGRESS_MS) void reloadJob()
    }, STALE_PROGRESS_MS)
    return () => {
      unsubscribe()
      window.clearInterval(timer)
    }
  }, [running, jobId, reloadJob])

  if (jobState === 'error' && !loaded) {
    return (
      <div className="page">
        <ErrorPanel
          title={t('screen.openFailed')}
          message={jobError?.message ?? t('screen.loadFailed')}
          code={jobError?.code}
          actions={<Button onClick={() => void openJob(jobId)}>{t('common:action.tryAgain')}</Button>}
        />
      </div>
    )
  }

  if (!loaded) {
    return (
      <div className="page page-center">
        <Spinner size={22} label={t('screen.loading')} />
      </div>
    )
  }

  if (isTerminal(job.status)) return <ResultsView job={job} />
  // The paid check, running or paused (waiting at the pre-flight, or for a reason the user has to see).
  if (job.phase === 'live' && job.live) {
    return job.status === 'paused' && pausedResults ? <ResultsView job={job} /> : <LiveJobView job={job} />
  }
  return <JobProgressView job={job} />
}
