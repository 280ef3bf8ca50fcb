import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ArrowLeft, CircleHelp } from 'lucide-react'
import type { JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { formatCount } from '../../lib/format'
import { PAUSE_TITLES } from '../../lib/labels'
import { useAppStore } from '../../store'
import { UncertainPanel } from '../live/UncertainPanel'
import { ExportDialog } from '../export/ExportDialog'
import { AmbiguousBanner } from './AmbiguousBanner'
import { CompareDialog, CompareView } from './CompareView'
import { FacetPanel } from './FacetPanel'
import { Overview } from './Overview'
import { FilterBar } from './FilterBar'
import { ResultsHeader } from './ResultsHeader'
import { ResultsTable } from './ResultsTable'
import { RowDetailDrawer } from './RowDetailDrawer'

export function ResultsView({ job }: { job: JobDetail }) {
  const openResults = useAppStore((state) => state.openResults)
  const resultsJobId = useAppStore((state) => state.resultsJobId)
  const resultsError = useAppStore((state) => state.resultsError)
  const retryResults = useAppStore((state) => state.retryResults)
  const showPausedResults = useAppStore((state) => state.showPausedResults)
  const overviewOpen = useAppStore((state) => state.overviewOpen)
  const comparing = useAppStore(
    (state) =>
      state.comparing !== null && (state.comparing.newerId === job.id || state.comparing.olderId === job.id)
  )
  const [compareOpen, setCompareOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const [uncertainOpen, setUncertainOpen] = useState(false)
  const { t } = useTranslation('results')

  useEffect(() => {
    openResults(job.id)
  }, [job.id, openResults])

  const ready = resultsJobId === job.id

  return (
    <div className="page page-results">
      <ResultsHeader job={job} onExport={() => setExportOpen(true)} onCompare={() => setCompareOpen(true)} />
      {job.status === 'failed' ? (
        <ErrorPanel title={t('view.failedTitle')} message={job.error ?? t('view.failedMessage')} />
      ) : null}
      {job.status === 'paused' && job.live ? (
        <div className="notice notice-live" role="note" data-testid="paused-notice">
          <span>
            <strong>{t('view.pausedTitle', { title: PAUSE_TITLES[job.live.pauseReason ?? 'user'] })}</strong>{' '}
            {t('view.pausedNote')}
          </span>
          <Button
            size="sm"
            icon={<ArrowLeft size={14} aria-hidden="true" />}
            onClick={() => showPausedResults(false)}
            data-testid="back-to-live"
          >
            {t('view.backToLive')}
          </Button>
        </div>
      ) : null}
      {job.status === 'done' && job.live && job.live.uncertain > 0 ? (
        <div className="notice notice-live" role="note" data-testid="uncertain-notice">
          <span>
            <CircleHelp size={14} aria-hidden="true" />{' '}
            {t('view.uncertainNote', {
              count: job.live.uncertain
            })}
          </span>
          <Button size="sm" onClick={() => setUncertainOpen(true)} data-testid="open-uncertain">
            {t('view.review')}
          </Button>
        </div>
      ) : null}
      {job.status === 'cancelled' ? (
        <p className="notice" role="note">
          {job.live && job.phase === 'live' ? t('view.cancelledLive') : t('view.cancelled')}
        </p>
      ) : null}
      {resultsError ? (
        <ErrorPanel
          title={t('view.loadFailed')}
          message={resultsError.message}
          code={resultsError.code}
          onDismiss={retryResults}
        />
      ) : null}
      {ready ? (
        <>
          <AmbiguousBanner job={job} />
          {comparing ? (
            <CompareView />
          ) : (
            <>
              <FilterBar job={job} />
              {overviewOpen ? <Overview job={job} /> : null}
              <div className="results-body">
                <FacetPanel />
                <ResultsTable job={job} />
              </div>
            </>
          )}
        </>
      ) : null}
      <RowDetailDrawer job={job} />
      <ExportDialog job={job} open={exportOpen} onClose={() => setExportOpen(false)} />
      <CompareDialog job={job} open={compareOpen} onClose={() => setCompareOpen(false)} />
      {job.live && job.live.uncertain > 0 ? (
        <UncertainDialog job={job} open={uncertainOpen} onClose={() => setUncertainOpen(false)} />
      ) : null}
    </div>
  )
}

function UncertainDialog({ job, open, onClose }: { job: JobDetail; open: boolean; onClose: () => void }) {
  const startLive = useAppStore((state) => state.startLive)
  const liveBusy = useAppStore((state) => state.liveBusy)
  const liveError = useAppStore((state) => state.liveError)
  const [resend, setResend] = useState(false)
  const count = job.live?.uncertain ?? 0
  const { t } = useTranslation('results')
  return (
    <Dialog
      open={open}
      title={t('view.uncertainTitle')}
      onClose={onClose}
      testId="uncertain-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            {t('view.close')}
          </Button>
          <Button
            variant="primary"
            disabled={!resend}
            busy={liveBusy === 'resume'}
            onClick={async () => {
              const ok = await startLive({ jobId: job.id, recheckUncertain: true }, 'resume')
              if (ok) onClose()
            }}
            data-testid="resend-uncertain"
          >
            {t('view.resend', { shown: formatCount(count) })}
          </Button>
        </>
      }
    >
      {open ? (
        <UncertainPanel jobId={job.id} count={count} resend={resend} onResendChange={setResend} bare />
      ) : null}
      {liveError ? (
        <p className="provider-error" role="alert">
          {liveError.message}
        </p>
      ) : null}
    </Dialog>
  )
}
