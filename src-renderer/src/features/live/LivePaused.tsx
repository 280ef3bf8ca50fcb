import { useState } from 'react'
import { CircleAlert, CirclePause, CircleStop, Banknote, KeyRound, Play, Table2, Wallet } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { JobDetail, LiveSummary, PauseReason } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ProgressBar } from '../../components/ProgressBar'
import { formatCount, formatMoney, formatPercent, parseAmount } from '../../lib/format'
import { PAUSE_TITLES } from '../../lib/labels'
import { useAppStore } from '../../store'
import { Steps } from '../jobs/JobProgressView'
import { LastError, LiveCounters, liveDone, planCurrency, spendText } from './LiveFigures'
import { currentLanguage } from '../../i18n'
import { pauseQuote } from './pause-quote'
import { UncertainPanel } from './UncertainPanel'

/** Reasons the user has to fix something first: shown as an error, not a plain pause. */
const BLOCKING: PauseReason[] = ['auth', 'balance', 'error_rate', 'quota', 'provider', 'no_answers']

export function LivePaused({ job, live }: { job: JobDetail; live: LiveSummary }) {
  const overview = useAppStore((state) => state.providers)
  const liveBusy = useAppStore((state) => state.liveBusy)
  const liveError = useAppStore((state) => state.liveError)
  const cancelling = useAppStore((state) => state.cancelling)
  const startLive = useAppStore((state) => state.startLive)
  const cancelJob = useAppStore((state) => state.cancelJob)
  const navigate = useAppStore((state) => state.navigate)
  const showPausedResults = useAppStore((state) => state.showPausedResults)
  const dismissLiveError = useAppStore((state) => state.dismissLiveError)
  const { t } = useTranslation('live')

  const reason = live.pauseReason ?? 'user'
  const currency = planCurrency(live, overview)
  const spent = live.spend.find((line) => line.currency === currency)?.amount ?? live.spend[0]?.amount ?? 0
  const [capText, setCapText] = useState(() => suggestedCap(live.plan.spendCap, spent))
  const [resend, setResend] = useState(false)
  const [confirmCancel, setConfirmCancel] = useState(false)

  const done = liveDone(live)
  const blocking = BLOCKING.includes(reason)
  const quote = pauseQuote(live, currentLanguage())
  const cap = parseAmount(capText)
  const capInvalid = cap !== null && Number.isNaN(cap)
  const capTooLow = cap !== null && !Number.isNaN(cap) && cap <= spent
  // The provider the pause is about, for the Settings link (the first of the chain when main names none).
  const settingsFor = live.pauseProvider ?? live.plan.route[0]?.provider

  const resume = (spendCap?: number | null) =>
    void startLive(
      {
        jobId: job.id,
        ...(spendCap !== undefined ? { spendCap } : {}),
        ...(resend ? { recheckUncertain: true } : {})
      },
      'resume'
    )

  return (
    <>
      <section
        className={`banner ${blocking ? 'banner-error' : 'banner-warning'} pause-banner`}
        role={blocking ? 'alert' : 'status'}
        data-testid="pause-banner"
        data-reason={reason}
      >
        {reason === 'auth' ? (
          <KeyRound size={18} aria-hidden="true" />
        ) : reason === 'balance' ? (
          <Wallet size={18} aria-hidden="true" />
        ) : reason === 'spend_cap' ? (
          <Banknote size={18} aria-hidden="true" />
        ) : blocking ? (
          <CircleAlert size={18} aria-hidden="true" />
        ) : (
          <CirclePause size={18} aria-hidden="true" />
        )}
        <div className="pause-banner-body">
          <strong className="pause-banner-title">{PAUSE_TITLES[reason]}</strong>
          {quote ? (
            // Main's and the provider's words, quoted as they came (only a summary of a broken answer is
            // said again in the UI's language; see pauseQuote).
            <blockquote
              className="pause-quote"
              data-testid="pause-message"
              aria-label={t('paused.providerSays')}
            >
              {quote}
            </blockquote>
          ) : null}

          {reason === 'spend_cap' ? (
            <form
              className="raise-cap"
              onSubmit={(event) => {
                event.preventDefault()
                if (!capInvalid && !capTooLow) resume(cap)
              }}
            >
              <label className="field">
                <span className="field-label">{t('paused.newCap')}</span>
                <span className="input-with-suffix">
                  <input
                    className="text-input"
                    value={capText}
                    inputMode="decimal"
                    spellCheck={false}
                    onChange={(event) => setCapText(event.currentTarget.value)}
                    aria-invalid={capInvalid || capTooLow || undefined}
                    data-testid="raise-cap-input"
                  />
                  {currency ? <span className="input-suffix">{currency}</span> : null}
                </span>
              </label>
              <Button
                type="submit"
                variant="primary"
                icon={<Play size={14} aria-hidden="true" />}
                disabled={capInvalid || capTooLow}
                busy={liveBusy === 'resume'}
                data-testid="raise-cap-submit"
              >
                {cap === null ? t('paused.removeCap') : t('paused.raiseCap')}
              </Button>
              <span className="field-hint raise-cap-hint">
                {capInvalid
                  ? t('paused.capInvalid')
                  : capTooLow
                    ? t('paused.capTooLow', { spent: formatMoney(spent, currency ?? '') })
                    : t('paused.capEmpty')}
              </span>
            </form>
          ) : (
            <div className="pause-banner-actions">
              <Button
                variant="primary"
                icon={<Play size={14} aria-hidden="true" />}
                busy={liveBusy === 'resume'}
                onClick={() => resume()}
                data-testid="resume-live"
              >
                {resend
                  ? t(blocking ? 'paused.tryAgainResend' : 'paused.resumeResend', { count: live.uncertain })
                  : blocking
                    ? t('paused.tryAgain')
                    : t('paused.resume')}
              </Button>
              {(reason === 'auth' || reason === 'balance') && settingsFor ? (
                <Button
                  icon={<KeyRound size={14} aria-hidden="true" />}
                  onClick={() => navigate({ kind: 'settings', focus: settingsFor })}
                  data-testid="open-settings"
                >
                  {t('paused.openSettings')}
                </Button>
              ) : null}
            </div>
          )}
          {liveError ? (
            <p className="pause-banner-error" role="alert" data-testid="live-error">
              {liveError.message}
              <button type="button" className="link-button" onClick={dismissLiveError}>
                {t('paused.dismiss')}
              </button>
            </p>
          ) : null}
        </div>
      </section>

      {live.uncertain > 0 ? (
        <UncertainPanel jobId={job.id} count={live.uncertain} resend={resend} onResendChange={setResend} />
      ) : null}

      <section
        className="card progress-card"
        data-testid="live-progress"
        data-status="paused"
        aria-labelledby="live-paused-title"
      >
        <Steps phase="live" paid />
        <div className="progress-head">
          <div>
            <h2 id="live-paused-title" className="progress-title">
              {t('paused.title', { done: formatCount(done), total: live.total })}
            </h2>
            <p className="progress-sub" data-testid="live-spend">
              {t('paused.spent', { spend: spendText(live, currency) })}
            </p>
          </div>
          <div className="progress-pct" aria-hidden="true">
            {live.total > 0 ? formatPercent(done, live.total) : ''}
          </div>
        </div>
        <ProgressBar
          testId="live-progress-bar"
          label={t('paused.progress', { pct: formatPercent(done, live.total) })}
          value={done}
          max={live.total}
        />
        <LiveCounters live={live} />
        <LastError live={live} />
        <div className="progress-actions">
          <p className="dim">
            {reason === 'interrupted' || reason === 'user'
              ? t('paused.nothingSentResume')
              : t('paused.nothingSent')}
          </p>
          <div className="progress-buttons">
            <Button
              variant="ghost"
              icon={<Table2 size={15} aria-hidden="true" />}
              onClick={() => showPausedResults(true)}
              data-testid="show-results"
            >
              {t('paused.resultsSoFar')}
            </Button>
            <Button
              variant="ghost"
              icon={<CircleStop size={15} aria-hidden="true" />}
              onClick={() => setConfirmCancel(true)}
              data-testid="cancel-live"
            >
              {t('paused.cancel')}
            </Button>
          </div>
        </div>
      </section>

      <ConfirmDialog
        open={confirmCancel}
        title={t('paused.cancelTitle')}
        message={<p>{t('paused.cancelMessage', { count: live.pending })}</p>}
        confirmLabel={t('paused.cancelConfirm')}
        cancelLabel={t('paused.keepPaused')}
        tone="danger"
        busy={cancelling}
        testId="cancel-live-dialog"
        onCancel={() => setConfirmCancel(false)}
        onConfirm={async () => {
          await cancelJob(job.id)
          setConfirmCancel(false)
        }}
      />
    </>
  )
}

/** Twice the old cap (or what was spent), as a starting point the user can change. */
function suggestedCap(cap: number | null, spent: number): string {
  const base = Math.max(cap ?? 0, spent)
  if (base <= 0) return ''
  const doubled = base * 2
  return String(Math.round(doubled * 100) / 100)
}
