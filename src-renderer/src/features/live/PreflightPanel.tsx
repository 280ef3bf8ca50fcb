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
import type { JobDetail, LiveSummary, Preflight, PreflightProviderLine, SpendLine } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { flagEmoji, formatCount, formatMoney, formatSpend, parseAmount } from '../../lib/format'
import { useAppStore } from '../../store'
import { Steps } from '../jobs/JobProgressView'
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
              {afterSample ? 'Sample checked — continue with the rest?' : 'Review the paid check'}
            </h2>
            <p className="progress-sub">
              {afterSample
                ? 'The sample’s answers are saved. Nothing more is sent until you start the full check.'
                : 'Nothing has been sent yet. This is what the paid check will send, where, and what it should cost.'}
            </p>
          </div>
          <Button
            variant="ghost"
            size="sm"
            icon={<RefreshCw size={13} aria-hidden="true" />}
            onClick={() => void reloadPreflight()}
            disabled={preflightState === 'loading'}
            title="Read the figures and balances again"
            data-testid="preflight-refresh"
          >
            Refresh
          </Button>
        </header>

        {afterSample && live.sample ? <SampleOutcomeView sample={live.sample} /> : null}

        {preflightState === 'error' && !figures ? (
          <ErrorPanel
            title="The pre-flight could not be read"
            message={preflightError?.message ?? 'Ringtrue could not work out the cost.'}
            code={preflightError?.code}
            actions={<Button onClick={() => void reloadPreflight()}>Try again</Button>}
          />
        ) : !figures ? (
          <div className="preflight-loading">
            <Spinner size={18} label="Working out the cost and reading balances" />
            <span className="dim">Working out the cost and reading balances…</span>
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
        <section className="card preflight-actions" aria-label="Start the paid check">
          <div className="preflight-controls">
            <label className="field cap-field">
              <span className="field-label">Spending cap</span>
              <span className="input-with-suffix">
                <input
                  className="text-input"
                  value={capText}
                  placeholder="No cap"
                  inputMode="decimal"
                  spellCheck={false}
                  onChange={(event) => setCapText(event.currentTarget.value)}
                  aria-invalid={capInvalid || undefined}
                  data-testid="spend-cap-input"
                />
                <span className="input-suffix">{currency ?? 'per currency'}</span>
              </span>
              <span className={`field-hint${capInvalid ? ' is-error' : ''}`}>
                {capInvalid
                  ? 'Enter an amount like 25 or 12.50, or leave it empty.'
                  : capHint(cap, figures.total)}
              </span>
            </label>

            {toPay >= MIN_SAMPLE_POPULATION && !afterSample ? (
              <div className="field sample-field">
                <span className="field-label" id="sample-label">
                  Not sure yet?
                </span>
                <div className="sample-row">
                  <input
                    className="text-input sample-size"
                    value={sampleText ?? String(sampleDefault)}
                    inputMode="numeric"
                    aria-labelledby="sample-label"
                    aria-label="Sample size"
                    onChange={(event) => setSampleText(event.currentTarget.value)}
                    data-testid="sample-size"
                  />
                  <Button
                    icon={<FlaskConical size={14} aria-hidden="true" />}
                    disabled={!canStart || !sampleValid}
                    onClick={() => setConfirm('sample')}
                    data-testid="start-sample"
                  >
                    Check a sample first
                  </Button>
                </div>
                <span className="field-hint">
                  {sampleValid
                    ? 'Random numbers; then Ringtrue pauses and projects the rest.'
                    : `Enter a size from 1 to ${formatCount(Math.max(1, toPay - 1))}.`}
                </span>
              </div>
            ) : null}

            <div className="preflight-go">
              <div className="preflight-total" data-testid="preflight-total">
                <span className="preflight-total-label">Estimated cost</span>
                <span className="preflight-total-value">{formatSpend(figures.total, freeText(figures))}</span>
                <span className="preflight-total-sub">
                  {formatCount(toPay)} {toPay === 1 ? 'lookup' : 'lookups'} to pay
                  {sumCached(figures) > 0 ? ` · ${formatCount(sumCached(figures))} free from cache` : ''}
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
                {afterSample ? 'Check the rest' : 'Start paid check'}
              </Button>
            </div>
          </div>
          {problems.length > 0 ? (
            <p className="preflight-blocked" role="alert" data-testid="preflight-blocked">
              <CircleAlert size={14} aria-hidden="true" />
              Fix the {problems.length === 1 ? 'problem' : 'problems'} above before starting.
            </p>
          ) : null}
          {liveError ? (
            <p className="provider-error" role="alert" data-testid="live-error">
              {liveError.message}{' '}
              <button type="button" className="link-button" onClick={dismissLiveError}>
                Dismiss
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
                ? 'Results so far'
                : 'Offline results'}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              icon={<CircleStop size={14} aria-hidden="true" />}
              onClick={() => setConfirmCancel(true)}
              data-testid="cancel-live"
            >
              Skip the paid check
            </Button>
          </footer>
        </section>
      ) : null}

      <ConfirmDialog
        open={confirm !== null && figures !== null}
        title={
          confirm === 'sample' ? `Check a sample of ${formatCount(sampleSize)}?` : 'Start the paid check?'
        }
        message={figures ? confirmMessage(confirm, figures, toPay, sampleSize, cap) : null}
        confirmLabel={confirm === 'sample' ? 'Check the sample' : 'Start paid check'}
        busy={liveBusy === 'start' || liveBusy === 'sample'}
        testId="start-live-dialog"
        onCancel={() => setConfirm(null)}
        onConfirm={() => void start(confirm ?? 'start')}
      />
      <ConfirmDialog
        open={confirmCancel}
        title="Skip the paid check?"
        message={
          <p>
            No number is sent to a paid provider. The job ends with the offline results
            {live.answered > 0 ? ' and the answers already received' : ''}, and it cannot be resumed.
          </p>
        }
        confirmLabel="Skip it"
        cancelLabel="Back"
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
  const items: { key: string; label: string; value: number; hint: string; tone?: 'muted' | 'warning' }[] = [
    { key: 'rows', label: 'Rows', value: figures.rows, hint: 'Data rows in the imported sheet' },
    {
      key: 'numbers',
      label: 'Numbers',
      value: figures.numbers,
      hint: 'Phone numbers found in the phone columns'
    },
    {
      key: 'duplicates',
      label: 'Duplicates',
      value: figures.duplicates,
      hint: 'Written more than once; each distinct number is checked once',
      tone: 'muted'
    },
    {
      key: 'invalid',
      label: 'Invalid',
      value: figures.invalid,
      hint: 'Found invalid offline; never sent',
      tone: 'muted'
    },
    {
      key: 'notSent',
      label: 'Line type not sent',
      value: figures.notSent,
      hint: 'Valid, but of a line type this check does not send (landline, toll-free…)',
      tone: 'muted'
    },
    {
      key: 'noCoverage',
      label: 'No coverage',
      value: figures.noCoverage,
      hint: 'No provider of the chain covers these numbers; they stay unchecked',
      tone: 'muted'
    },
    {
      key: 'alreadyAnswered',
      label: 'Already answered',
      value: figures.alreadyAnswered,
      hint: 'Answered earlier in this job; not paid again'
    }
  ]
  if (figures.uncertain > 0) {
    items.push({
      key: 'uncertain',
      label: 'Possibly charged',
      value: figures.uncertain,
      hint: 'Sent before, with no answer; re-sent only if you ask',
      tone: 'warning'
    })
  }
  return (
    <dl className="preflight-counts" aria-label="What happens to the numbers">
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
  const lines = regionNoteLines(figures)
  if (lines.length === 0) return null
  return (
    <ul className="preflight-region-notes" aria-label="Countries of the numbers">
      {lines.map((line) => (
        <li key={line.key} data-testid={`preflight-${line.key}`}>
          <Globe2 size={13} aria-hidden="true" />
          {line.text}
        </li>
      ))}
    </ul>
  )
}

function ProviderTable({ figures }: { figures: Preflight }) {
  return (
    <div className="preflight-table-wrap">
      <table className="preflight-table">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col" className="num">
              Routed
            </th>
            <th scope="col" className="num">
              Free from cache
            </th>
            <th scope="col" className="num">
              To pay
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Estimated cost
            </th>
            <th scope="col">Balance</th>
          </tr>
        </thead>
        {figures.providers.map((line) => (
          <ProviderRows key={line.provider} line={line} />
        ))}
        {figures.providers.length === 0 ? (
          <tbody>
            <tr>
              <td colSpan={7} className="dim">
                No provider of the chain has numbers to check.
              </td>
            </tr>
          </tbody>
        ) : null}
      </table>
    </div>
  )
}

function ProviderRows({ line }: { line: PreflightProviderLine }) {
  const navigate = useAppStore((state) => state.navigate)
  const [allCountries, setAllCountries] = useState(false)
  const countries = allCountries ? line.byCountry : line.byCountry.slice(0, COUNTRIES_SHOWN)
  const hidden = line.byCountry.length - countries.length
  const balanceLow =
    line.balance !== null && line.balanceCurrency === line.currency && line.balance < line.estimatedCost

  return (
    <tbody
      className={`preflight-provider${line.problem ? ' has-problem' : ''}`}
      data-testid={`preflight-provider-${line.provider}`}
    >
      <tr>
        <th scope="row" className="preflight-name">
          {line.name}
        </th>
        <td className="num" data-testid={`preflight-routed-${line.provider}`}>
          {formatCount(line.routed)}
        </td>
        <td className="num" data-testid={`preflight-cached-${line.provider}`}>
          {formatCount(line.cached)}
        </td>
        <td className="num strong" data-testid={`preflight-topay-${line.provider}`}>
          {formatCount(line.toPay)}
        </td>
        <td className="num">{formatMoney(line.pricePerLookup, line.currency)}</td>
        <td className="num strong" data-testid={`preflight-cost-${line.provider}`}>
          {formatMoney(line.estimatedCost, line.currency)}
        </td>
        <td data-testid={`preflight-balance-${line.provider}`}>
          {line.balance !== null ? (
            <span className={balanceLow ? 'balance-low' : undefined}>
              {formatMoney(line.balance, line.balanceCurrency ?? '')}
            </span>
          ) : (
            <span className="dim">—</span>
          )}
          {line.balanceMessage ? (
            <span className={`balance-note${balanceLow ? ' is-warning' : ''}`}>{line.balanceMessage}</span>
          ) : null}
        </td>
      </tr>
      {countries.length > 0 ? (
        <tr className="preflight-countries-row">
          <td colSpan={7}>
            <ul className="preflight-countries" aria-label={`${line.name} by country`}>
              {countries.map((c) => (
                <li key={c.country} title={`${c.country}: ${formatCount(c.toPay)} to pay`}>
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
                    {formatCount(hidden)} more
                  </button>
                </li>
              ) : null}
            </ul>
          </td>
        </tr>
      ) : null}
      {line.problem ? (
        <tr className="preflight-problem-row">
          <td colSpan={7}>
            <div
              className="preflight-problem"
              role="alert"
              data-testid={`preflight-problem-${line.provider}`}
            >
              <CircleAlert size={15} aria-hidden="true" />
              <span>{line.problem}</span>
              {!line.keySet ? (
                <Button
                  size="sm"
                  icon={<KeyRound size={13} aria-hidden="true" />}
                  onClick={() => navigate({ kind: 'settings', focus: line.provider })}
                  data-testid={`preflight-settings-${line.provider}`}
                >
                  Open Settings
                </Button>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
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
  if (cap === null) return 'Optional. The check pauses when it reaches the cap.'
  const over = total.some((line) => line.amount > cap)
  return over
    ? 'Below the estimate: the check will pause when it reaches the cap, before every number is checked.'
    : 'The check pauses if it reaches the cap.'
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
          Ringtrue sends {formatCount(sampleSize)} randomly chosen numbers, then pauses and shows what they
          found and what the remaining {formatCount(Math.max(0, toPay - sampleSize))} would likely cost.
        </p>
        <p className="confirm-cost" data-testid="confirm-cost">
          Estimated cost of the sample: <strong>about {sampleCost}</strong>
        </p>
      </>
    )
  }
  return (
    <>
      <p>
        {paying.length === 0
          ? 'Every number has a fresh answer in the cache, so nothing is sent and nothing is paid.'
          : `Ringtrue sends ${paying
              .map(
                (line) =>
                  `${formatCount(line.toPay)} ${line.toPay === 1 ? 'number' : 'numbers'} to ${line.name}`
              )
              .join(', ')}. Providers bill every lookup they answer.`}
      </p>
      <p className="confirm-cost" data-testid="confirm-cost">
        Estimated cost: <strong>{estimate}</strong>
        {cap !== null ? (
          <>
            {' '}
            · spending cap <strong>{formatMoney(cap, figures.providers[0]?.currency ?? '')}</strong>
          </>
        ) : (
          ' · no spending cap'
        )}
      </p>
      <p className="dim">You can pause at any time; every answer is saved as it arrives.</p>
    </>
  )
}
