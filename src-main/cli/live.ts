// The paid (live) check on the command line: the plan from the options, the pre-flight, consent, the run in
// the foreground with its progress line and Ctrl-C, and how the run ended as one line and an exit code.
import type {
  JobDetail,
  LineType,
  LivePlan,
  LiveSummary,
  Preflight,
  RouteStep,
  SpendLine,
  StartLiveRequest
} from '@contract/types'
import { DEFAULT_FRESHNESS_DAYS, DEFAULT_LIVE_LINE_TYPES, LINE_TYPES } from '@contract/types'
import { listRegions } from '../core/phone'
import { LIVE_PROVIDERS } from '../core/provider-registry'
import type { LiveProviderId } from '../core/providers/types'
import { credentialFields, envVarFor } from '../core/secrets'
import type { Services } from '../core/services'
import { notice } from './console'
import { CliExit, EXIT, UsageError } from './errors'
import { cost, costs, formatPreflight, preflightProblem } from './format'
import { liveProgress } from './progress'
import { askYesNo, terminalAvailable } from './prompt'

// The text of the paid check moved to format.ts; re-exported for the callers that know it here.
export { cost, describeRoute, formatLive, formatPreflight } from './format'
export { liveJson } from './json'

const LIVE_IDS: readonly string[] = LIVE_PROVIDERS.map((p) => p.info.id)

// ── options ──────────────────────────────────────────────────────────────────────────────────────────────

export interface PlanOptions {
  provider?: string[]
  fallback?: string
  maxCost?: string
  sample?: string
  lineTypes?: string
}

function providerId(value: string, flag: string): LiveProviderId {
  const id = value.trim().toLowerCase()
  if (LIVE_IDS.includes(id)) return id as LiveProviderId
  throw new UsageError(`Unknown provider "${value}" for ${flag}. Providers: offline, ${LIVE_IDS.join(', ')}`)
}

/** `acedata` or `acedata:CN,HK` (the step only takes numbers of those countries). */
function routeStep(value: string): RouteStep | null {
  const [id, regions, ...rest] = value.split(':')
  if (id.trim().toLowerCase() === 'offline') {
    if (regions !== undefined) throw new UsageError('The offline check always covers every country.')
    return null
  }
  const provider = providerId(id, '--provider')
  if (rest.length > 0) throw new UsageError(`--provider ${value}: write it as ${provider}:CN,HK`)
  if (regions === undefined) return { provider, countries: null }
  const countries = [...new Set(regions.split(',').map((c) => c.trim().toUpperCase()))].filter(Boolean)
  if (countries.length === 0) {
    throw new UsageError(`--provider ${value}: name the countries after the colon, e.g. ${provider}:CN,HK`)
  }
  const known = new Set(listRegions().map((r) => r.code))
  const unknown = countries.find((c) => !known.has(c))
  if (unknown) throw new UsageError(`--provider ${value}: "${unknown}" is not a two-letter country code`)
  return { provider, countries }
}

export function parseMaxCost(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new UsageError(`--max-cost must be an amount such as 5 or 12.50 (got "${value}")`)
  }
  return Number(value.trim())
}

export function parseSample(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`--sample must be a whole number of lookups such as 50 (got "${value}")`)
  }
  return Number(value)
}

function parseLineTypes(value: string): LineType[] {
  const types = [...new Set(value.split(',').map((t) => t.trim().toLowerCase()))].filter(Boolean)
  const bad = types.find((t) => !(LINE_TYPES as readonly string[]).includes(t))
  if (bad !== undefined || types.length === 0) {
    throw new UsageError(`--line-types takes a list of ${LINE_TYPES.join(', ')} (got "${bad ?? value}")`)
  }
  return types as LineType[]
}

/** The provider chain of `check`, or null for the offline check alone. */
export function parsePlan(options: PlanOptions): LivePlan | null {
  const route = (options.provider ?? []).map(routeStep).filter((s): s is RouteStep => s !== null)
  const maxCost = parseMaxCost(options.maxCost)
  parseSample(options.sample)
  if (route.length === 0) {
    const paidOnly: [string, unknown][] = [
      ['--fallback', options.fallback],
      ['--max-cost', options.maxCost],
      ['--sample', options.sample],
      ['--line-types', options.lineTypes]
    ]
    const used = paidOnly.find(([, v]) => v !== undefined)
    if (used) {
      throw new UsageError(`${used[0]} applies to a paid check: add --provider <id> (${LIVE_IDS.join(', ')})`)
    }
    return null
  }
  return {
    route,
    fallback: options.fallback ? providerId(options.fallback, '--fallback') : null,
    spendCap: maxCost ?? null,
    lineTypes: options.lineTypes ? parseLineTypes(options.lineTypes) : [...DEFAULT_LIVE_LINE_TYPES],
    freshnessDays: { ...DEFAULT_FRESHNESS_DAYS }
  }
}

// ── consent and the run ──────────────────────────────────────────────────────────────────────────────────

export interface PaidRunOptions {
  yes?: boolean
  maxCost?: number
  sample?: number
  recheckUncertain?: boolean
  json?: boolean
}

function planProviders(plan: LivePlan): LiveProviderId[] {
  return [...new Set([...plan.route.map((s) => s.provider), ...(plan.fallback ? [plan.fallback] : [])])]
}

function providerName(id: LiveProviderId): string {
  return LIVE_PROVIDERS.find((p) => p.info.id === id)?.info.name ?? id
}

function keyHint(id: LiveProviderId): string {
  const fields = credentialFields(id)
  const vars = fields.map((f) => envVarFor(id, f))
  const fromEnv = vars.filter((v) => process.env[v])
  if (fromEnv.length > 0) {
    return `Fix ${fromEnv.join(' and ')} (the environment overrides \`ringtrue keys set ${id}\`)`
  }
  const commands = fields.map((f) => `\`ringtrue keys set ${id}${f === 'apiKey' ? '' : ` --field ${f}`}\``)
  return `Set ${fields.length > 1 ? 'them' : 'it'} with ${commands.join(' and ')} or ${vars.join(' and ')}`
}

/** Nothing is sent when the pre-flight shows a provider that cannot run as planned. */
function assertRunnable(p: Preflight, jobId: string): void {
  const blocked = p.providers.find((l) => l.problem)
  if (!blocked) return
  if (!blocked.keySet) {
    throw new CliExit(
      EXIT.failure,
      `${blocked.provider}: no API key for ${blocked.name}. ${keyHint(blocked.provider)}, then ` +
        `\`ringtrue jobs resume ${jobId}\`.`
    )
  }
  const refusedKey = blocked.problemNote?.kind === 'refused_key' ? ` ${keyHint(blocked.provider)}.` : ''
  throw new CliExit(
    EXIT.failure,
    `${blocked.provider}: ${preflightProblem(blocked)}${refusedKey} Nothing was spent; job ${jobId} is kept with its offline results.`
  )
}

/** Estimated spend per currency for `lookups` of the pre-flight's lookups to pay (a sample takes a share). */
function estimate(p: Preflight, lookups: number | null): SpendLine[] {
  const toPay = p.providers.reduce((n, l) => n + l.toPay, 0)
  if (lookups === null || toPay === 0 || lookups >= toPay) return p.total.filter((t) => t.amount > 0)
  const share = lookups / toPay
  return p.total
    .map((t) => ({ currency: t.currency, amount: Math.round(t.amount * share * 1e4) / 1e4 }))
    .filter((t) => t.amount > 0)
}

/**
 * Shows the pre-flight, gets consent (--yes, --max-cost, or "y" on a terminal) and runs the paid check in the
 * foreground. Throws CliExit when there is no consent or a provider cannot run; returns the job when the run
 * ends, however it ended (see outcomeExit).
 */
export async function confirmAndRun(
  services: Services,
  jobId: string,
  options: PaidRunOptions
): Promise<{ job: JobDetail; preflight: Preflight }> {
  const preflight = await services.jobs.preflight(jobId)
  let lookups = preflight.providers.reduce((n, l) => n + l.toPay, 0)
  let spend = preflight.total
  if (options.recheckUncertain && preflight.uncertain > 0) {
    // Re-sending possibly charged requests pays for them again: count them in what the user agrees to.
    const extra = new Map<string, number>()
    for (const attempt of services.jobs.uncertain(jobId)) {
      const line = preflight.providers.find((l) => l.provider === attempt.provider)
      if (line) extra.set(line.currency, (extra.get(line.currency) ?? 0) + line.pricePerLookup)
    }
    lookups += preflight.uncertain
    spend = [...new Set([...spend.map((s) => s.currency), ...extra.keys()])].map((currency) => ({
      currency,
      amount:
        Math.round(
          ((spend.find((s) => s.currency === currency)?.amount ?? 0) + (extra.get(currency) ?? 0)) * 1e4
        ) / 1e4
    }))
  }
  const sampled = options.sample !== undefined ? Math.min(options.sample, lookups) : lookups
  const expected = options.sample !== undefined ? estimate({ ...preflight, total: spend }, sampled) : spend
  const consented = options.yes === true || options.maxCost !== undefined
  const interactive = terminalAvailable()
  const asking = lookups > 0 && !consented && interactive
  const show = options.json ? (asking ? process.stderr : null) : process.stdout
  show?.write(`${formatPreflight(preflight).join('\n')}\n`)
  assertRunnable(preflight, jobId)
  const what = `${sampled} ${sampled === 1 ? 'lookup' : 'lookups'}${options.sample !== undefined ? ' (sample)' : ''}, estimated ${costs(expected)}`
  if (lookups > 0 && !consented) {
    const refusal =
      `No consent to spend: add --yes, or --max-cost <amount> to cap the spend (${what}). ` +
      `Nothing was spent; job ${jobId} is kept: ringtrue jobs resume ${jobId} --yes`
    if (!interactive) throw new CliExit(EXIT.usage, refusal)
    if (!(await askYesNo(`Start the paid check: ${what}? [y/N] `, refusal))) {
      throw new CliExit(
        EXIT.paused,
        `Not started; nothing was spent. Resume with: ringtrue jobs resume ${jobId}`,
        true
      )
    }
  }
  if (options.maxCost !== undefined && !options.json) {
    const over = expected.find((e) => e.amount > (options.maxCost ?? 0))
    if (over) {
      process.stdout.write(
        `The estimate (${cost(over.amount, over.currency)}) is above --max-cost ${options.maxCost}: the check stops at the cap.\n`
      )
    }
  }
  const request: Omit<StartLiveRequest, 'jobId'> = {}
  if (options.maxCost !== undefined) request.spendCap = options.maxCost
  if (options.recheckUncertain) request.recheckUncertain = true
  if (options.sample !== undefined) request.sampleSize = options.sample
  const job = await runInForeground(services, jobId, request)
  return { job, preflight }
}

/** The signals that stop a foreground run: Ctrl-C, and a `kill` or a closed terminal (SIGTERM, SIGHUP). */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Calls `handler` with how many stop signals arrived so far (the first asks to stop cleanly, a second to quit at
 * once), for any of SIGINT, SIGTERM and SIGHUP. Returns what removes the handlers.
 */
export function onStopSignals(handler: (count: number, signal: NodeJS.Signals) => void): () => void {
  let count = 0
  const listener = (signal: NodeJS.Signals): void => handler(++count, signal)
  for (const signal of STOP_SIGNALS) process.on(signal, listener)
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, listener)
  }
}

/**
 * Runs the paid check until it ends. Ctrl-C asks it to pause (nothing new is sent, requests in flight may
 * answer); a second Ctrl-C quits at once, and the next start recovers the job as interrupted.
 */
async function runInForeground(
  services: Services,
  jobId: string,
  request: Omit<StartLiveRequest, 'jobId'>
): Promise<JobDetail> {
  const bar = liveProgress()
  const unsubscribe = services.jobs.onProgress((p) => {
    if (p.jobId === jobId) bar.update(p)
  })
  let interrupts = 0
  let started = false
  const pause = (): void => {
    try {
      services.jobs.pause(jobId)
    } catch {
      // The run already ended on its own.
    }
  }
  // SIGTERM and SIGHUP pause like Ctrl-C: a `kill` or a closed terminal must not leave requests in flight.
  const onSigint = (count: number): void => {
    interrupts = count
    bar.stop()
    if (interrupts > 1) {
      process.stderr.write(
        `Stopped at once; requests in flight are kept as possibly charged. Resume with: ringtrue jobs resume ${jobId}\n`
      )
      process.exit(EXIT.aborted)
    }
    notice(
      `${process.stderr.isTTY ? '\n' : ''}Pausing: nothing new is sent; waiting for the requests in flight. ` +
        'Press Ctrl-C again to quit at once.'
    )
    if (started) pause()
  }
  const offSignals = onStopSignals(onSigint)
  try {
    await services.jobs.startLive({ jobId, ...request })
    started = true
    if (interrupts > 0) pause()
    return await services.jobs.waitFor(jobId)
  } finally {
    offSignals()
    unsubscribe()
    bar.stop()
  }
}

// ── how a run ended ──────────────────────────────────────────────────────────────────────────────────────

/** The provider a pause is about: the engine says so, else the only provider of the plan. */
function providerOf(live: LiveSummary): LiveProviderId | null {
  if (live.pauseProvider) return live.pauseProvider
  const ids = planProviders(live.plan)
  return ids.length === 1 ? ids[0] : null
}

function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`
}

/** Null when the command succeeded; otherwise how to end it (one line, an exit code). */
export function outcomeExit(job: JobDetail): CliExit | null {
  if (job.status === 'done') return null
  const resume = `ringtrue jobs resume ${job.id}`
  if (job.status !== 'paused' || !job.live) {
    return new CliExit(EXIT.failure, job.error ?? `Job ${job.id} ended as ${job.status}.`)
  }
  const live = job.live
  // The detail is the engine's message without the app's advice; the CLI words its own.
  const message = live.pauseDetail ?? live.pauseMessage ?? ''
  const id = providerOf(live)
  const prefix = id ? `${id}: ` : ''
  switch (live.pauseReason) {
    case 'sample':
      return null
    case 'user':
      return new CliExit(EXIT.paused, `Paused. Resume with: ${resume}`, true)
    case 'auth':
      return new CliExit(
        EXIT.failure,
        `${prefix}${sentence(message)} ${id ? keyHint(id) : 'Fix the API key'}, then \`${resume}\`.`
      )
    case 'balance':
      return new CliExit(
        EXIT.failure,
        `${prefix}${sentence(message)} Top up the ${id ? providerName(id) : 'provider'} account, then \`${resume}\`.`
      )
    case 'quota':
      return new CliExit(
        EXIT.failure,
        `${prefix}${sentence(message)} Raise the limit with ${id ? providerName(id) : 'the provider'} ` +
          `(or wait until it resets), then \`${resume}\`.`
      )
    case 'no_answers':
      return new CliExit(
        EXIT.failure,
        live.uncertain > 0
          ? `${prefix}${sentence(message)} Re-send them only if you accept paying again: ` +
              `\`${resume} --recheck-uncertain --yes\`.`
          : `${prefix}${sentence(message)} When the provider works again: \`${resume}\`.`
      )
    case 'error_rate':
      return new CliExit(EXIT.failure, `${prefix}${sentence(message)} When it works again: \`${resume}\`.`)
    case 'spend_cap':
      return new CliExit(
        EXIT.spendCap,
        `${sentence(message)} ${live.pending} numbers are left; to continue, raise the cap: ` +
          `\`${resume} --max-cost <amount>\`.`
      )
    default:
      return new CliExit(
        EXIT.failure,
        `${sentence(message || `Job ${job.id} is paused.`)} Resume with: \`${resume}\`.`
      )
  }
}

/** A job whose numbers no chosen provider covers: nothing was sent, and the user must choose another. */
export function coverageExit(job: JobDetail, preflight: Preflight): CliExit | null {
  const routed = preflight.providers.reduce((n, l) => n + l.routed, 0)
  if (!job.live || routed > 0 || job.live.answered + job.live.cached > 0 || preflight.noCoverage === 0) {
    return null
  }
  const ids = planProviders(job.live.plan)
  const covers = ids
    .map((id) => `${providerName(id)} covers ${LIVE_PROVIDERS.find((p) => p.info.id === id)?.info.coverage}`)
    .join('; ')
  return new CliExit(
    EXIT.failure,
    `${ids.join(', ')}: none of the ${preflight.noCoverage} numbers to check is covered (${covers.replace(/\.\s*$/, '')}). ` +
      'Nothing was sent; choose a provider that covers them with --provider (see `ringtrue providers list`).'
  )
}
