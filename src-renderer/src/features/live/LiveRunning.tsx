import { useState } from 'react'
import { CircleStop, Banknote, Gauge, Pause, Timer } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { STATUSES, type JobDetail, type LiveSummary } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ProgressBar } from '../../components/ProgressBar'
import { StatusChip } from '../../components/StatusChip'
import { formatCount, formatDuration, formatPercent, formatRate } from '../../lib/format'
import { providerLabel } from '../../lib/labels'
import { useAppStore } from '../../store'
import { Steps } from '../jobs/JobProgressView'
import { LastError, LiveCounters, liveDone, planCurrency, spendText } from './LiveFigures'

export function LiveRunning({ job, live }: { job: JobDetail; live: LiveSummary }) {
  const progress = useAppStore((state) => state.progress[job.id])
  const overview = useAppStore((state) => state.providers)
  const liveBusy = useAppStore((state) => state.liveBusy)
  const pauseRequested = useAppStore((state) => state.pauseRequested)
  const liveError = useAppStore((state) => state.liveError)
  const cancelling = useAppStore((state) => state.cancelling)
  const pauseLive = useAppStore((state) => state.pauseLive)
  const cancelJob = useAppStore((state) => state.cancelJob)
  const [confirmCancel, setConfirmCancel] = useState(false)
  const { t } = useTranslation('live')

  const counts = progress?.counts ?? job.counts
  const done = liveDone(live)
  const total = live.total
  const pausing = pauseRequested === job.id
  const chain = live.plan.route.map((step) => providerLabel(step.provider, overview?.providers))
  const rate = progress && progress.status === 'running' ? progress.ratePerSecond : 0
  const eta = progress && progress.status === 'running' ? progress.etaSeconds : null

  return (
    <section
      className="card progress-card"
      data-testid="live-progress"
      data-status={job.status}
      aria-labelledby="live-progress-title"
    >
      <Steps phase="live" paid />

      <div className="progress-head">
        <div>
          <h2 id="live-progress-title" className="progress-title">
            {pausing ? t('running.pausing') : t('running.title')}
            {pausing ? null : <span className="pulse" aria-hidden="true" />}
          </h2>
          <p className="progress-sub" aria-live="polite" data-testid="live-done">
            {t('running.done', { done: formatCount(done), total, chain: chain.join(' → ') })}
          </p>
        </div>
        <div className="progress-pct" aria-hidden="true">
          {total > 0 ? formatPercent(done, total) : ''}
        </div>
      </div>

      <ProgressBar
        testId="live-progress-bar"
        label={t('running.progress', { pct: formatPercent(done, total) })}
        value={done}
        max={total}
        indeterminate={total === 0}
      />

      <dl className="progress-stats progress-stats-4">
        <div>
          <dt>
            <Gauge size={14} aria-hidden="true" /> {t('running.speed')}
          </dt>
          <dd data-testid="live-rate">{rate > 0 ? t('running.rate', { rate: formatRate(rate) }) : '—'}</dd>
        </div>
        <div>
          <dt>
            <Timer size={14} aria-hidden="true" /> {t('running.timeLeft')}
          </dt>
          <dd data-testid="live-eta">
            {eta !== null ? t('running.eta', { duration: formatDuration(eta) }) : '—'}
          </dd>
        </div>
        <div className="span-2">
          <dt>
            <Banknote size={14} aria-hidden="true" /> {t('running.spent')}
          </dt>
          <dd data-testid="live-spend">{spendText(live, planCurrency(live, overview))}</dd>
        </div>
      </dl>

      <LiveCounters live={live} />
      <LastError live={live} />

      <div className="progress-chips" aria-label={t('running.byStatus')}>
        {STATUSES.map((s) => (
          <StatusChip key={s} status={s} count={counts.byStatus[s]} dimmed={counts.byStatus[s] === 0} />
        ))}
      </div>

      {liveError ? (
        <p className="provider-error" role="alert">
          {liveError.message}
        </p>
      ) : null}

      <div className="progress-actions">
        <p className="dim">{pausing ? t('running.waiting') : t('running.saved')}</p>
        <div className="progress-buttons">
          <Button
            icon={<Pause size={15} aria-hidden="true" />}
            onClick={() => void pauseLive(job.id)}
            busy={liveBusy === 'pause' || pausing}
            data-testid="pause-live"
          >
            {t('running.pause')}
          </Button>
          <Button
            variant="ghost"
            icon={<CircleStop size={15} aria-hidden="true" />}
            onClick={() => setConfirmCancel(true)}
            data-testid="cancel-live"
          >
            {t('running.cancel')}
          </Button>
        </div>
      </div>

      <ConfirmDialog
        open={confirmCancel}
        title={t('running.cancelTitle')}
        message={<p>{t('running.cancelMessage')}</p>}
        confirmLabel={t('running.cancelConfirm')}
        cancelLabel={t('running.keepRunning')}
        tone="danger"
        busy={cancelling}
        testId="cancel-live-dialog"
        onCancel={() => setConfirmCancel(false)}
        onConfirm={async () => {
          await cancelJob(job.id)
          setConfirmCancel(false)
        }}
      />
    </section>
  )
}
