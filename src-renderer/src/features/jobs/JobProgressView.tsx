import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Check, CirclePause, CircleStop, FileSpreadsheet, Gauge, Hash, Play, Timer } from 'lucide-react'
import { STATUSES, type JobDetail, type JobPhase } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ProgressBar } from '../../components/ProgressBar'
import { StatusChip } from '../../components/StatusChip'
import { formatCount, formatDateTime, formatDuration, formatPercent, formatRate } from '../../lib/format'
import { PHASE_LABELS } from '../../lib/labels'
import { useAppStore } from '../../store'

const PHASE_UNITS: Record<JobPhase, 'rows' | 'numbers'> = {
  importing: 'rows',
  checking: 'numbers',
  live: 'numbers',
  finished: 'rows'
}

type StepKey = 'import' | 'check' | 'checkOffline' | 'paid' | 'review'

const OFFLINE_STEPS: { phase: JobPhase; label: StepKey }[] = [
  { phase: 'importing', label: 'import' },
  { phase: 'checking', label: 'check' },
  { phase: 'finished', label: 'review' }
]

const PAID_STEPS: { phase: JobPhase; label: StepKey }[] = [
  { phase: 'importing', label: 'import' },
  { phase: 'checking', label: 'checkOffline' },
  { phase: 'live', label: 'paid' },
  { phase: 'finished', label: 'review' }
]

/** True when the job was created with a paid check after the offline one. */
export function hasPaidCheck(job: JobDetail): boolean {
  return job.live !== null || job.providers.some((provider) => provider !== 'offline')
}

export function Steps({ phase, paid }: { phase: JobPhase; paid: boolean }) {
  const { t } = useTranslation('jobs')
  const steps = paid ? PAID_STEPS : OFFLINE_STEPS
  const current = steps.findIndex((step) => step.phase === phase)
  return (
    <ol className="steps" aria-label={t('progress.steps')}>
      {steps.map((step, i) => {
        const state = i < current ? 'is-done' : i === current ? 'is-current' : ''
        return (
          <li key={step.phase} className={`step ${state}`} aria-current={i === current ? 'step' : undefined}>
            <span className="step-index" aria-hidden="true">
              {i < current ? <Check size={12} strokeWidth={3} /> : i + 1}
            </span>
            {t(`progress.step.${step.label}`)}
          </li>
        )
      })}
    </ol>
  )
}

export function JobProgressView({ job }: { job: JobDetail }) {
  const { t } = useTranslation('jobs')
  const [askCancel, setAskCancel] = useState(false)
  const progress = useAppStore((state) => state.progress[job.id])
  const cancelling = useAppStore((state) => state.cancelling)
  const cancelJob = useAppStore((state) => state.cancelJob)
  const startLive = useAppStore((state) => state.startLive)
  const liveBusy = useAppStore((state) => state.liveBusy)
  const liveError = useAppStore((state) => state.liveError)

  const status = progress?.status ?? job.status
  const phase = progress?.phase ?? job.phase
  const counts = progress?.counts ?? job.counts
  const done = progress?.done ?? 0
  const total = progress?.total ?? 0
  const known = total > 0
  const unit = PHASE_UNITS[phase]
  // A big text file's row total is an estimate until the import ends: shown as such, and never passed.
  const estimated = known && progress?.totalEstimated === true
  const past = estimated && done >= total
  const shownDone = past ? total * 0.99 : done
  const figures = { unit, done: formatCount(done), total: formatCount(total) }
  const counted = past
    ? t('progress.countedPast', figures)
    : estimated
      ? t('progress.countedEstimate', figures)
      : t('progress.counted', figures)

  const headline =
    status === 'draft'
      ? t('progress.waiting')
      : status === 'paused'
        ? t('progress.paused')
        : PHASE_LABELS[phase]
  // Stopping an import loses the rest of the file, so it is asked first; the import runs on meanwhile.
  const importing = status === 'running' && phase === 'importing'

  return (
    <div className="page page-progress">
      <header className="page-header">
        <div className="file-heading">
          <div className="file-icon" aria-hidden="true">
            <FileSpreadsheet size={22} strokeWidth={1.7} />
          </div>
          <div className="file-heading-text">
            <h1 className="page-title">{job.name}</h1>
            <p className="page-subtitle">
              {t('progress.started', { file: job.fileName, date: formatDateTime(job.createdAt) })}
            </p>
          </div>
        </div>
      </header>

      <section
        className="card progress-card"
        data-testid="job-progress"
        data-phase={phase}
        data-status={status}
        aria-labelledby="progress-title"
      >
        <Steps phase={phase} paid={hasPaidCheck(job)} />

        <div className="progress-head">
          <div>
            <h2 id="progress-title" className="progress-title">
              {headline}
              {status === 'running' ? <span className="pulse" aria-hidden="true" /> : null}
            </h2>
            <p className="progress-sub" aria-live="polite">
              {known ? counted : status === 'running' ? t('progress.preparing') : ' '}
            </p>
          </div>
          <div className="progress-pct" aria-hidden="true">
            {known ? formatPercent(shownDone, total) : ''}
          </div>
        </div>

        <ProgressBar
          testId="progress-bar"
          label={t('progress.barLabel', {
            headline,
            percent: known ? formatPercent(shownDone, total) : t('progress.starting')
          })}
          value={shownDone}
          max={total}
          indeterminate={!known}
        />

        <dl className="progress-stats">
          <div>
            <dt>
              <Gauge size={14} aria-hidden="true" /> {t('progress.speed')}
            </dt>
            <dd data-testid="progress-rate">
              {progress && progress.ratePerSecond > 0
                ? t('progress.rate', { unit, rate: formatRate(progress.ratePerSecond) })
                : '—'}
            </dd>
          </div>
          <div>
            <dt>
              <Timer size={14} aria-hidden="true" /> {t('progress.timeLeft')}
            </dt>
            <dd data-testid="progress-eta">
              {progress?.etaSeconds !== null && progress?.etaSeconds !== undefined
                ? t('progress.about', { duration: formatDuration(progress.etaSeconds) })
                : '—'}
            </dd>
          </div>
          <div>
            <dt>
              <Hash size={14} aria-hidden="true" /> {t('progress.numbersFound')}
            </dt>
            <dd>
              {formatCount(counts.numbers)}
              <span className="dim"> · {t('progress.unique', { count: formatCount(counts.unique) })}</span>
            </dd>
          </div>
        </dl>

        <div className="progress-chips" aria-label={t('progress.byStatus')}>
          {STATUSES.map((s) => (
            <StatusChip key={s} status={s} count={counts.byStatus[s]} dimmed={counts.byStatus[s] === 0} />
          ))}
        </div>

        {progress?.message ? <p className="progress-message">{progress.message}</p> : null}

        {status === 'paused' ? (
          // Stopped before the offline check finished (Ringtrue quit or was killed): nothing was spent, and
          // resuming runs the offline check again from the stored rows, then the paid check's pre-flight.
          <div className="banner banner-warning pause-banner" role="status" data-testid="interrupted-banner">
            <CirclePause size={18} aria-hidden="true" />
            <div className="pause-banner-body">
              <strong className="pause-banner-title">{t('progress.interrupted')}</strong>
              <p data-testid="pause-message">
                {job.live?.pauseMessage ?? job.error ?? t('progress.interruptedBody')}
              </p>
              <div className="pause-banner-actions">
                <Button
                  icon={<Play size={15} aria-hidden="true" />}
                  onClick={() => void startLive({ jobId: job.id }, 'resume')}
                  busy={liveBusy === 'resume'}
                  disabled={liveBusy !== null}
                  data-testid="resume-offline"
                >
                  {t('progress.resume')}
                </Button>
              </div>
              {liveError ? (
                <p className="pause-banner-error" role="alert" data-testid="live-error">
                  {liveError.message}
                </p>
              ) : null}
            </div>
          </div>
        ) : null}

        <div className="progress-actions">
          <p className="dim">{t('progress.savedNote')}</p>
          <Button
            variant="secondary"
            icon={<CircleStop size={15} aria-hidden="true" />}
            onClick={() => (importing ? setAskCancel(true) : void cancelJob(job.id))}
            data-testid="cancel-job"
            busy={cancelling}
            disabled={status !== 'running' && status !== 'draft' && status !== 'paused'}
          >
            {t('progress.cancel')}
          </Button>
        </div>
        <ConfirmDialog
          open={askCancel && importing}
          title={t('cancelImport.title', { file: job.fileName })}
          message={t('cancelImport.body', { rows: done })}
          confirmLabel={t('cancelImport.confirm')}
          cancelLabel={t('cancelImport.keep')}
          tone="danger"
          busy={cancelling}
          onConfirm={() => {
            setAskCancel(false)
            void cancelJob(job.id)
          }}
          onCancel={() => setAskCancel(false)}
          testId="cancel-import-dialog"
        />
      </section>
    </div>
  )
}
