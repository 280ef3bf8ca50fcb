import { useEffect, useMemo, useState, type ReactNode } from 'react'
import {
  CircleAlert,
  CircleStop,
  FlaskConical,
  Globe2,
  KeyRound,
  Play,
  RefreshCw,
  Table2
} from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { JobDetail, LiveSummary, Preflight, PreflightProviderLine, SpendLine } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { flagEmoji, formatCount, formatMoney, formatSpend, parseAmount } from '../../lib/format'
import { currentLanguage, translate } from '../../i18n'
import { useAppStore } from '../../store'
import { Steps } from '../jobs/JobProgressView'
import { localizeProviderText } from './provider-text'
import { regionNoteLines } from './region-notes'
import { defaultSampleSize } from './sample-size'
import { SampleOutcomeView } from './SampleOutcomeView'
import { UncertainPanel } from './UncertainPanel'

const COUNTRIES_SHOWN = 8
const MIN_SAMPLE_POPULATION = 20

/** The pre-flight: what the paid check will send, to whom, and what it should cost, before anything is paid. */
export function PreflightPanel({ job, live }: { job: JobDetail; live: LiveSummary }) {
  const preflight = useAppStore((state) => state.preflight)
  const preflightState = useAppStore((state) => state.preflightState)
  const preflightError = useAppStore((state) => state.preflightError)
  const ensurePreflight = useAppStore((state) => state.ensurePreflight)
  const reloadPreflight = useAppStore((state) => state.reloadPreflight)
  const liveBusy = useAppStore((state) => state.liveBusy)
  const liveError = useAppStore((state) => state.liveError)
  const cancelling = useAppStore((state) => state.cancelling)
  const startLive = useAppStore((state) => state.startLive)
  const cancelJob = useAppStore((state) => state.cancelJob)
  const showPausedResults = useAppStore((state) => state.showPausedResults)
  const dismissLiveError = useAppStore((state) => state.dismissLiveError)
  const { t } = useTranslation('live')

  // The figures change when a sample ran, rows were queued again, or answers arrived; re-read them then.
  const key = `${job.id}|${live.pauseReason}|${live.pending}|${live.answered}|${live.sample?.checked ?? 0}`
  useEffect(() => {
    void ensurePreflight(job.id, key)
  }, [job.id, key, ensurePreflight])

  const [capText, setCapText] = useState(() =>
    live.plan.spendCap === null ? '' : String(live.plan.spendCap)
  )
  const [sampleText, setSampleText] = useState<string | null>(null)
  const [resend, setResend] = useState(false)
  const [confirm, setConfirm] = useState<'start' | 'sample' | null>(null)
  const [confirmCancel, setConfirmCancel] = useState(false)

  const figures = preflight?.jobId === job.id ? preflight : null
  const toPay = figures ? figures.providers.reduce((sum, line) => sum + line.toPay, 0) : 0
  const currencies = useMemo(() => [...new Set(figures?.providers.map((p) => p.currency) ?? [])], [figures])
  const currency = currencies.length === 1 ? currencies[0] : null
  const problems = figures?.providers.filter((line) => line.problem) ?? []
  const cap = parseAmount(capText)
  const capInvalid = cap !== null && Number.isNaN(cap)
  const sampleDefault = defaultSampleSize(toPay)
  const sampleSize = Number((sampleText ?? String(sampleDefault)).trim())
  const sampleValid = Number.isInteger(sampleSize) && sampleSize >= 1 && sampleSize < toPay
  const canStart = figures !== null && problems.length === 0 && !capInvalid
  const onlyUncertain = live.pending === 0 && live.uncertain > 0
  const afterSample = live.pauseReason === 'sample' && live.sample !== null

  const start = async (kind: 'start' | 'sample') => {
    const ok = await startLive(
      {
        jobId: job.id,
        spendCap: cap,
        ...(kind === 'sample' ? { sampleSize } : {}),
        ...(resend ? { recheckUncertain: true } : {})
      },
      kind
    )
    if (ok) setConfirm(null)
  }

  return (
    <>
      <section className="card preflight-card" data-testid="preflight" aria-labelledby="preflight-title">
        <Steps phase="live" paid />
        <header className="preflight-head">
          <div>
            <h2 id="preflight-title" className="progress-title">
              {afterSample ? t('preflight.titleSample') : t('preflight.title')}
            </h2>
            <p className="progress-sub">{afterSample ? t('preflight.subSample') : t('preflight.sub')}</p>
          </div>
          <Button
            variant="ghost"
            size="sm"
            icon={<RefreshCw size={13} aria-hidden="true" />}
            onClick={() => void reloadPreflight()}
            disabled={preflightState === 'loading'}
            title={t('preflight.refreshHint')}
            data-testid="preflight-refresh"
          >
            {t('preflight.refresh')}
          </Button>
        </header>

        {afterSample && live.sample ? <SampleOutcomeView sample={live.sample} /> : null}

        {preflightState === 'error' && !figures ? (
          <ErrorPanel
            title={t('preflight.failed')}
            message={preflightError?.message ?? t('preflight.failedFallback')}
            code={preflightError?.code}
            actions={
              <Button onClick={() => void reloadPreflight()}>{translate('common:action.tryAgain')}</Button>
            }
          />
        ) : !figures ? (
          <div className="preflight-loading">
            <Spinner size={18} label={t('preflight.loading')} />
            <span className="dim">{t('preflight.loadingDots')}</span>
          </div>
        ) : (
          <>
            <PreflightCounts figures={figures} />
            <RegionNotes figures={figures} />
            <ProviderTable figures={figures} />
          </>
        )}
      </section>

      {live.uncertain > 0 ? (
        <UncertainPanel jobId={job.id} count={live.uncertain} resend={resend} onResendChange={setResend} />
      ) : null}

      {figures ? (
        <section className="card preflight-actions" aria-label={t('preflight.startSection')}>
          <div className="preflight-controls">
            <label className="field cap-field">
              <span className="field-label">{t('preflight.capLabel')}</span>
              <span className="input-with-suffix">
                <input
                  className="text-input"
                  value={capText}
                  placeholder={t('preflight.noCap')}
                  inputMode="decimal"
                  spellCheck={false}
                  onChange={(event) => setCapText(event.currentTarget.value)}
                  aria-invalid={capInvalid || undefined}
                  data-testid="spend-cap-input"
                />
                <span className="input-suffix">{currency ?? t('preflight.perCurrency')}</span>
              </span>
              <span className={`field-hint${capInvalid ? ' is-error' : ''}`}>
                {capInvalid ? t('preflight.capInvalid') : capHint(cap, figures.total)}
              </span>
            </label>

            {toPay >= MIN_SAMPLE_POPULATION && !afterSample ? (
              <div className="field sample-field">
                <span className="field-label" id="sample-label">
                  {t('preflight.notSure')}
                </span>
                <div className="sample-row">
                  <input
                    className="text-input sample-size"
                    value={sampleText ?? String(sampleDefault)}
                    inputMode="numeric"
                    aria-labelledby="sample-label"
                    aria-label={t('preflight.sampleSize')}
                    onChange={(event) => setSampleText(event.currentTarget.value)}
                    data-testid="sample-size"
                  />
                  <Button
                    icon={<FlaskConical size={14} aria-hidden="true" />}
                    disabled={!canStart || !sampleValid}
                    onClick={() => setConfirm('sample')}
                    data-testid="start-sample"
                  >
                    {t('preflight.checkSample')}
                  </Button>
                </div>
                <span className="field-hint">
                  {sampleValid
                    ? t('preflight.sampleHint')
                    : t('preflight.sampleRange', { max: formatCount(Math.max(1, toPay - 1)) })}
                </span>
              </div>
            ) : null}

            <div className="preflight-go">
              <div className="preflight-total" data-testid="preflight-total">
                <span className="preflight-total-label">{t('preflight.estimate')}</span>
                <span className="preflight-total-value">{formatSpend(figures.total, freeText(figures))}</span>
                <span className="preflight-total-sub">
                  {sumCached(figures) > 0
                    ? t('preflight.toPayCached', { count: toPay, cached: sumCached(figures) })
                    : t('preflight.toPay', { count: toPay })}
                </span>
              </div>
              <Button
                variant="primary"
                size="lg"
                icon={<Play size={15} aria-hidden="true" />}
                disabled={!canStart || (onlyUncertain && !resend)}
                onClick={() => setConfirm('start')}
                data-testid="start-live"
              >
                {afterSample ? t('preflight.checkRest') : t('preflight.start')}
              </Button>
            </div>
          </div>
          {problems.length > 0 ? (
            <p className="preflight-blocked" role="alert" data-testid="preflight-blocked">
              <CircleAlert size={14} aria-hidden="true" />
              {t('preflight.blocked', { count: problems.length })}
            </p>
          ) : null}
          {liveError ? (
            <p className="provider-error" role="alert" data-testid="live-error">
              {liveError.message}{' '}
              <button type="button" className="link-button" onClick={dismissLiveError}>
                {t('preflight.dismiss')}
              </button>
            </p>
          ) : null}
          <footer className="preflight-footer">
            <Button
              variant="ghost"
              size="sm"
              icon={<Table2 size={14} aria-hidden="true" />}
              onClick={() => showPausedResults(true)}
              data-testid="show-results"
            >
              {job.counts.byStatus.active + job.counts.byStatus.inactive > 0
                ? t('preflight.resultsSoFar')
                : t('preflight.offlineResults')}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              icon={<CircleStop size={14} aria-hidden="true" />}
              onClick={() => setConfirmCancel(true)}
              data-testid="cancel-live"
            >
              {t('preflight.skip')}
            </Button>
          </footer>
        </section>
      ) : null}

      <ConfirmDialog
        open={confirm !== null && figures !== null}
        title={
          confirm === 'sample'
            ? t('preflight.confirmSampleTitle', { count: sampleSize })
            : t('preflight.confirmStartTitle')
        }
        message={figures ? confirmMessage(confirm, figures, toPay, sampleSize, cap) : null}
        confirmLabel={confirm === 'sample' ? t('preflight.confirmSampleLabel') : t('preflight.start')}
        busy={liveBusy === 'start' || liveBusy === 'sample'}
        testId="start-live-dialog"
        onCancel={() => setConfirm(null)}
        onConfirm={() => void start(confirm ?? 'start')}
      />
      <ConfirmDialog
        open={confirmCancel}
        title={t('preflight.skipTitle')}
        message={<p>{live.answered > 0 ? t('preflight.skipMessageAnswered') : t('preflight.skipMessage')}</p>}
        confirmLabel={t('preflight.skipConfirm')}
        cancelLabel={t('preflight.back')}
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

function PreflightCounts({ figures }: { figures: Preflight }) {
  const { t } = useTranslation('live')
  const items: { key: string; label: string; value: number; hint: string; tone?: 'muted' | 'warning' }[] = [
    { key: 'rows', label: t('counts.rows'), value: figures.rows, hint: t('counts.rowsHint') },
    {
      key: 'numbers',
      label: t('counts.numbers'),
      value: figures.numbers,
      hint: t('counts.numbersHint')
    },
    {
      key: 'duplicates',
      label: t('counts.duplicates'),
      value: figures.duplicates,
      hint: t('counts.duplicatesHint'),
      tone: 'muted'
    },
    {
      key: 'invalid',
      label: t('counts.invalid'),
      value: figures.invalid,
      hint: t('counts.invalidHint'),
      tone: 'muted'
    },
    {
      key: 'notSent',
      label: t('counts.notSent'),
      value: figures.notSent,
      hint: t('counts.notSentHint'),
      tone: 'muted'
    },
    {
      key: 'noCoverage',
      label: t('counts.noCoverage'),
      value: figures.noCoverage,
      hint: t('counts.noCoverageHint'),
      tone: 'muted'
    },
    {
      key: 'alreadyAnswered',
      label: t('counts.alreadyAnswered'),
      value: figures.alreadyAnswered,
      hint: t('counts.alreadyAnsweredHint')
    }
  ]
  if (figures.uncertain > 0) {
    items.push({
      key: 'uncertain',
      label: t('counts.uncertain'),
      value: figures.uncertain,
      hint: t('counts.uncertainHint'),
      tone: 'warning'
    })
  }
  return (
    <dl className="preflight-counts" aria-label={t('preflight.countsLabel')}>
      {items.map((item) => (
        <div
          key={item.key}
          className={item.tone && item.value > 0 ? `is-${item.tone}` : undefined}
          title={item.hint}
        >
          <dt>{item.label}</dt>
          <dd data-testid={`preflight-count-${item.key}`}>{formatCount(item.value)}</dd>
        </div>
      ))}
    </dl>
  )
}

function RegionNotes({ figures }: { figures: Preflight }) {
  const { t } = useTranslation('live')
  const lines = regionNoteLines(figures)
  if (lines.length === 0) return null
  return (
    <ul className="preflight-region-notes" aria-label={t('preflight.countriesLabel')}>
      {lines.map((line) => (
        <li key={line.key} data-testid={`preflight-${line.key}`}>
          <Globe2 size={13} aria-hidden="true" />
          {line.text}
        </li>
      ))}
    </ul>
  )
}

/**
 * One block per provider instead of a wide table: the figures wrap as a grid under the provider's name, so the
 * pre-flight reads at 900 px in both languages without scrolling sideways.
 */
function ProviderTable({ figures }: { figures: Preflight }) {
  const { t } = useTranslation('live')
  if (figures.providers.length === 0) {
    return <p className="preflight-providers-empty dim">{t('preflight.noProviderLines')}</p>
  }
  return (
    <div className="preflight-providers">
      {figures.providers.map((line) => (
        <ProviderRows key={line.provider} line={line} />
      ))}
    </div>
  )
}

function ProviderRows({ line }: { line: PreflightProviderLine }) {
  const navigate = useAppStore((state) => state.navigate)
  const { t } = useTranslation('live')
  const [allCountries, setAllCountries] = useState(false)
  const countries = allCountries ? line.byCountry : line.byCountry.slice(0, COUNTRIES_SHOWN)
  const hidden = line.byCountry.length - countries.length
  const balanceLow =
    line.balance !== null && line.balanceCurrency === line.currency && line.balance < line.estimatedCost

  return (
    <section
      className={`preflight-provider${line.problem ? ' has-problem' : ''}`}
      data-testid={`preflight-provider-${line.provider}`}
      aria-label={line.name}
    >
      <header className="preflight-provider-head">
        <h3 className="preflight-name">{line.name}</h3>
        <span className="preflight-provider-cost">
          <span className="preflight-figure-label">{t('table.cost')}</span>
          <strong data-testid={`preflight-cost-${line.provider}`}>
            {formatMoney(line.estimatedCost, line.currency)}
          </strong>
        </span>
      </header>
      <dl className="preflight-figures">
        <div>
          <dt>{t('table.routed')}</dt>
          <dd data-testid={`preflight-routed-${line.provider}`}>{formatCount(line.routed)}</dd>
        </div>
        <div>
          <dt>{t('table.cached')}</dt>
          <dd data-testid={`preflight-cached-${line.provider}`}>{formatCount(line.cached)}</dd>
        </div>
        <div>
          <dt>{t('table.toPay')}</dt>
          <dd className="strong" data-testid={`preflight-topay-${line.provider}`}>
            {formatCount(line.toPay)}
          </dd>
        </div>
        <div>
          <dt>{t('table.price')}</dt>
          <dd>{formatMoney(line.pricePerLookup, line.currency)}</dd>
        </div>
        <div className="preflight-balance">
          <dt>{t('table.balance')}</dt>
          <dd data-testid={`preflight-balance-${line.provider}`}>
            {line.balance !== null ? (
              <span className={balanceLow ? 'balance-low' : undefined}>
                {formatMoney(line.balance, line.balanceCurrency ?? '')}
              </span>
            ) : (
              <span className="dim">—</span>
            )}
            {line.balanceMessage ? (
              <span className={`balance-note${balanceLow ? ' is-warning' : ''}`}>
                {line.balanceNote
                  ? t(`table.balanceNote.${line.balanceNote.kind}`, {
                      name: line.name,
                      balance: formatMoney(line.balance ?? 0, line.balanceCurrency ?? ''),
                      detail: localizeProviderText(line.balanceNote.detail ?? '')
                    })
                  : localizeProviderText(line.balanceMessage)}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      {countries.length > 0 ? (
        <ul className="preflight-countries" aria-label={t('preflight.byCountry', { name: line.name })}>
          {countries.map((c) => (
            <li key={c.country} title={t('preflight.countryTitle', { country: c.country, count: c.toPay })}>
              <span className="flag" aria-hidden="true">
                {flagEmoji(c.country)}
              </span>
              <span className="mono">{c.country || '—'}</span>
              <span>{formatCount(c.toPay)}</span>
              <span className="dim">· {formatMoney(c.estimatedCost, line.currency)}</span>
            </li>
          ))}
          {hidden > 0 ? (
            <li>
              <button type="button" className="link-button" onClick={() => setAllCountries(true)}>
                {t('preflight.moreCountries', { count: hidden })}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
      {line.problem ? (
        <div className="preflight-problem" role="alert" data-testid={`preflight-problem-${line.provider}`}>
          <CircleAlert size={15} aria-hidden="true" />
          <span>
            {line.problemNote
              ? t(`table.problem.${line.problemNote.kind}`, {
                  ...line.problemNote,
                  detail: 'detail' in line.problemNote ? localizeProviderText(line.problemNote.detail) : ''
                })
              : localizeProviderText(line.problem)}
          </span>
          {!line.keySet ? (
            <Button
              size="sm"
              icon={<KeyRound size={13} aria-hidden="true" />}
              onClick={() => navigate({ kind: 'settings', focus: line.provider })}
              data-testid={`preflight-settings-${line.provider}`}
            >
              {t('preflight.openSettings')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}

function sumCached(figures: Preflight): number {
  return figures.providers.reduce((sum, line) => sum + line.cached, 0)
}

function freeText(figures: Preflight): string {
  const currency = figures.providers[0]?.currency ?? ''
  return formatMoney(0, currency)
}

function capHint(cap: number | null, total: SpendLine[]): string {
  if (cap === null) return translate('live:preflight.capOptional')
  const over = total.some((line) => line.amount > cap)
  return over ? translate('live:preflight.capBelow') : translate('live:preflight.capAbove')
}

function confirmMessage(
  kind: 'start' | 'sample' | null,
  figures: Preflight,
  toPay: number,
  sampleSize: number,
  cap: number | null
): ReactNode {
  const paying = figures.providers.filter((line) => line.toPay > 0)
  const estimate = formatSpend(figures.total, freeText(figures))
  if (kind === 'sample') {
    const share = toPay > 0 ? sampleSize / toPay : 0
    const sampleCost = formatSpend(
      figures.total.map((line) => ({ currency: line.currency, amount: line.amount * share })),
      freeText(figures)
    )
    return (
      <>
        <p>
          {translate('live:preflight.confirmSample', {
            count: sampleSize,
            rest: Math.max(0, toPay - sampleSize)
          })}
        </p>
        <p className="confirm-cost" data-testid="confirm-cost">
          {translate('live:preflight.sampleCost')}{' '}
          <strong>{translate('live:preflight.sampleCostValue', { cost: sampleCost })}</strong>
        </p>
      </>
    )
  }
  return (
    <>
      <p>
        {paying.length === 0
          ? translate('live:preflight.nothingToSend')
          : translate('live:preflight.sendsTo', {
              list: listOf(
                paying.map((line) =>
                  translate('live:preflight.sendsToItem', { count: line.toPay, name: line.name })
                )
              )
            })}
      </p>
      <p className="confirm-cost" data-testid="confirm-cost">
        {translate('live:preflight.estimatedCost')} <strong>{estimate}</strong>{' '}
        {cap !== null ? (
          <>
            {translate('live:preflight.withCap')}{' '}
            <strong>{formatMoney(cap, figures.providers[0]?.currency ?? '')}</strong>
          </>
        ) : (
          translate('live:preflight.withoutCap')
        )}
      </p>
      <p className="dim">{translate('live:preflight.pauseAnyTime')}</p>
    </>
  )
}

/** "a, b and c" in the UI's language (Intl.ListFormat), for items that are whole phrases already. */
function listOf(items: string[]): string {
  return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(items)
}
