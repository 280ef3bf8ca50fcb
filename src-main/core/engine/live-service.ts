// The paid check of a job: routing numbers to the provider chain, the pre-flight, start/resume, sample runs,
// pause, cancel, re-check and crash recovery. LiveRun does one run; this decides when and with what.
import type {
  FreshnessState,
  JobCounts,
  LivePlan,
  LiveSummary,
  PauseReason,
  Preflight,
  PreflightProblemNote,
  PreflightProviderLine,
  SampleOutcome,
  StartLiveRequest,
  Status,
  UncertainAttempt
} from '../domain'
import { FRESHNESS_STATES } from '../domain'
import { liveProvider } from '../provider-registry'
import type { ProviderRuntime } from '../providers/runtime'
import { ProviderError, type LiveProviderId } from '../providers/types'
import type { ProviderService } from '../settings/provider-service'
import type { JobStore } from '../store/job-store'
import type { JobRunner, RunHandle, RunningUpdate } from '../jobs/job-runner'
import { ServiceError } from '../jobs/service-error'
import {
  DEFAULT_TUNING,
  LiveRun,
  money,
  type EngineTuning,
  type LiveRunSnapshot,
  type RunOutcome
} from './live-run'
import { countersOf, newLive, toSummary, type LiveStore, type PersistedLive } from '../store/live-store'
import { GateRegistry } from './provider-gate'

const ROUTE_PAGE = 2000

export interface LiveServiceOptions {
  store: JobStore
  live: LiveStore
  providers: ProviderService
  /** Runs the paid check as the job's 'live' phase; it also writes the job's state and counts. */
  runner: JobRunner
  tuning?: Partial<EngineTuning>
  gates?: GateRegistry
}

export class LiveService {
  private readonly store: JobStore
  private readonly live: LiveStore
  private readonly providers: ProviderService
  private readonly runner: JobRunner
  private readonly tuning: EngineTuning
  private readonly gates: GateRegistry
  /** Jobs whose run ended on a store that refused writes, so they could not be marked paused on disk. */
  private readonly stalled = new Set<string>()

  constructor(options: LiveServiceOptions) {
    this.store = options.store
    this.live = options.live
    this.providers = options.providers
    this.runner = options.runner
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning }
    this.gates = options.gates ?? new GateRegistry()
  }

  runningJobIds(): string[] {
    return this.runner.runningJobIds('live')
  }

  isRunning(jobId: string): boolean {
    return this.runner.isRunning(jobId, 'live')
  }

  async waitFor(jobId: string): Promise<void> {
    if (this.isRunning(jobId)) await this.runner.waitFor(jobId)
  }

  /**
   * After the offline check: sends each valid number of a sent line type to the first step of the chain that
   * covers it, marks the rest as outside coverage, and waits for the user's go-ahead. Returns false when
   * nothing needs a paid answer (the job can finish at once).
   */
  prepare(jobId: string, plan: LivePlan): boolean {
    const persisted = newLive(plan)
    let afterId = 0
    this.live.transaction(() => {
      this.live.saveLive(jobId, persisted)
      const skipped: number[] = []
      for (;;) {
        const page = this.live.eligiblePage(jobId, afterId, ROUTE_PAGE)
        if (page.length === 0) break
        for (const n of page) {
          afterId = n.id
          if (!plannedLineType(plan, n.line_type)) continue
          const provider = chooseProvider(plan, n.e164, n.country)
          if (provider) this.live.route(n.id, 'pending', provider, null)
          else {
            this.live.route(n.id, 'skipped', null, 'no_coverage')
            skipped.push(n.id)
          }
        }
      }
      // Rows show why their number will not get a paid answer.
      this.live.refreshRows(jobId, skipped, new Map())
    })
    this.refreshCounts(jobId)
    const counts = this.live.liveCounts(jobId)
    if (counts.pending === 0) {
      // Nothing to pay for: the job finishes now, and its live state must not say it waits for a go-ahead.
      setPause(persisted, null, null)
      this.live.saveLive(jobId, persisted)
      return false
    }
    setPause(
      persisted,
      'confirm',
      `Ready: ${counts.pending} numbers to check. Review the pre-flight and start the paid check.`
    )
    this.live.saveLive(jobId, persisted)
    this.runner.setState(jobId, 'paused', 'live', null, false)
    return true
  }

  summary(jobId: string): LiveSummary | null {
    const persisted = this.live.loadLive(jobId)
    if (!persisted) return null
    return toSummary(persisted, countersOf(this.live.liveCounts(jobId)))
  }

  async preflight(jobId: string): Promise<Preflight> {
    const persisted = this.requireLive(jobId)
    const job = this.store.jobs.get(jobId)
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    const figures = this.live.preflightFigures(jobId, persisted.plan.freshnessDays)
    const overview = await this.providers.list()
    const lines: PreflightProviderLine[] = []
    const needed = new Set<LiveProviderId>([
      ...persisted.plan.route.map((s) => s.provider),
      ...(persisted.plan.fallback ? [persisted.plan.fallback] : [])
    ])
    for (const id of needed) {
      const adapter = liveProvider(id)
      const view = overview.providers.find((p) => p.id === id)
      const settings = view?.settings
      const price = settings?.pricePerLookup ?? adapter.info.defaults.pricePerLookup
      const currency = settings?.currency ?? adapter.info.defaults.currency
      const mine = figures.byProvider.get(id) ?? {
        routed: 0,
        cached: 0,
        byCountry: new Map<string, number>()
      }
      const toPay = mine.routed - mine.cached
      const keySet = view?.keys.every((k) => k.set) ?? false
      let problem: string | null = null
      let problemNote: PreflightProblemNote | undefined
      const name = adapter.info.name
      if (!keySet && toPay > 0) {
        const envVar = view?.keys[0]?.envVar ?? 'the environment'
        problem = `No API key for ${name}: set it in Settings or ${envVar}.`
        problemNote = { kind: 'no_key', name, envVar }
      }
      // A key entered for another origin than the base URL now in effect is not sent (not even for the balance).
      const keyMismatch = keySet && toPay > 0 && view?.keyMismatch ? view.keyMismatch : null
      if (keyMismatch) {
        const { keyOrigin, baseUrlOrigin } = keyMismatch
        problem = `${name}: the key was entered for ${keyOrigin}, not for ${baseUrlOrigin} (the base URL now in use), so it is not sent. Enter it again in Settings to use it with ${baseUrlOrigin}.`
        problemNote = { kind: 'key_origin', name, keyOrigin, baseUrlOrigin }
      }
      // Only a minimum the provider itself stated (when it refused a smaller task) is held against the job.
      const learned = adapter.kind === 'bulk' ? this.live.learnedMinimum(id) : null
      const minimum = adapter.kind === 'bulk' ? Math.max(adapter.minTaskSize, learned?.minimum ?? 0) : 0
      if (adapter.kind === 'bulk' && toPay > 0 && toPay < minimum) {
        problem =
          `${name} takes at least ${minimum} numbers per task` +
          (learned ? ' (it said so when it refused a smaller task)' : '') +
          `; this job has ${toPay} for it.`
        problemNote = { kind: 'minimum', name, minimum, toPay, learned: learned ? 'yes' : 'no' }
      }
      const line: PreflightProviderLine & { balanceRefusedKey?: { message: string; detail: string } } = {
        provider: id,
        name: adapter.info.name,
        routed: mine.routed,
        cached: mine.cached,
        toPay,
        pricePerLookup: price,
        currency,
        estimatedCost: roundMoney(toPay * price),
        byCountry: [...mine.byCountry.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([country, n]) => ({ country, toPay: n, estimatedCost: roundMoney(n * price) })),
        balance: null,
        balanceCurrency: null,
        balanceMessage: null,
        keySet,
        problem,
        ...(problemNote ? { problemNote } : {})
      }
      if (keySet && toPay > 0 && !keyMismatch) await this.readBalance(id, line)
      if (line.balanceRefusedKey && !line.problem) {
        line.problem = line.balanceRefusedKey.message
        line.problemNote = { kind: 'refused_key', name, detail: line.balanceRefusedKey.detail }
      }
      delete line.balanceRefusedKey
      lines.push(line)
    }
    const totals = new Map<string, number>()
    for (const l of lines) totals.set(l.currency, roundMoney((totals.get(l.currency) ?? 0) + l.estimatedCost))
    return {
      jobId,
      rows: job.counts.rows,
      numbers: job.counts.numbers,
      unique: job.counts.unique,
      duplicates: Math.max(0, job.counts.numbers - job.counts.unique),
      invalid: figures.invalid,
      notSent: figures.notSent,
      noCoverage: figures.noCoverage,
      alreadyAnswered: figures.answered,
      uncertain: figures.uncertain,
      inferred: figures.inferred,
      ambiguous: figures.ambiguous,
      providers: lines,
      total: [...totals.entries()].map(([currency, amount]) => ({ currency, amount }))
    }
  }

  private async readBalance(
    id: LiveProviderId,
    line: PreflightProviderLine & { balanceRefusedKey?: { message: string; detail: string } }
  ): Promise<void> {
    try {
      const balance = await this.balanceOf(id)
      if (balance) {
        line.balance = balance.amount
        line.balanceCurrency = balance.currency
        if (balance.currency === line.currency && balance.amount < line.estimatedCost) {
          line.balanceMessage = `The balance (${money(balance.amount, balance.currency)}) is below the estimated cost.`
          line.balanceNote = { kind: 'below_cost' }
        }
      } else {
        line.balanceMessage = `${line.name} has no balance API.`
        line.balanceNote = { kind: 'no_api' }
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      line.balanceMessage = `Balance not available: ${detail}`
      line.balanceNote = { kind: 'unavailable', detail }
      // A refused key on the free balance call is a refused key: nothing is uploaded with it.
      if (error instanceof ProviderError && error.kind === 'auth') {
        line.balanceRefusedKey = {
          message: `${line.name} refused the API key on its balance call (${error.message}).`,
          detail: error.message
        }
      }
    }
  }

  /** The provider's balance call, read here (not through the settings service) so its error kind survives. */
  private async balanceOf(id: LiveProviderId): Promise<{ amount: number; currency: string } | null> {
    const runtime = await this.providers.runtime(id)
    const signal = AbortSignal.timeout(runtime.settings.timeoutMs + 5_000)
    try {
      return await runtime.provider.balance(runtime.credentials, runtime.settings, signal)
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error
      let message = error.message
      for (const secret of runtime.secrets)
        if (secret.length >= 4) message = message.split(secret).join('••••')
      throw new ProviderError(error.provider, error.kind, message, error.details)
    }
  }

  /** Starts or resumes the paid check after the user confirmed (or the CLI was told --yes / --max-cost). */
  async start(request: StartLiveRequest): Promise<void> {
    const { jobId } = request
    if (this.stalled.has(jobId) && !this.isRunning(jobId)) {
      // Its run stopped on a store failure and the job is still 'running' on disk: recover it as a restart
      // would (what was in flight becomes possibly charged), then go on. Throws while the store still fails.
      this.recover(jobId)
      this.stalled.delete(jobId)
    }
    const persisted = this.requireLive(jobId)
    const job = this.store.jobs.get(jobId)
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    if (this.isRunning(jobId) || job.status === 'running') {
      throw new ServiceError('job_running', 'The job is already running.', { variant: 'already' })
    }
    if (job.status === 'cancelled')
      throw new ServiceError('job_cancelled', 'A cancelled job cannot be resumed.')
    if (request.spendCap !== undefined) persisted.plan.spendCap = request.spendCap
    if (request.recheckUncertain) {
      this.live.transaction(() => {
        for (const id of this.live.uncertainNumbers(jobId)) {
          const n = this.live.numberForRoute(id)
          const provider = n?.e164 ? chooseProvider(persisted.plan, n.e164, n.country) : null
          if (provider) this.live.forcePending(id, provider)
        }
      })
    }
    const counts = this.live.liveCounts(jobId)
    const waitingTasks = this.live
      .tasks(jobId)
      .some((t) => t.state === 'submitted' || t.state === 'downloaded')
    if (counts.pending === 0 && !waitingTasks) {
      if (counts.uncertain > 0 && !request.recheckUncertain) {
        throw new ServiceError(
          'only_uncertain',
          `Nothing is left to check except ${counts.uncertain} possibly charged requests; re-send them only if you accept paying again.`,
          { count: counts.uncertain }
        )
      }
      this.finish(jobId, persisted, { kind: 'done' })
      return
    }
    const runtimes = await this.runtimes(persisted.plan, jobId)
    let only: Set<number> | null = null
    if (request.sampleSize && request.sampleSize > 0)
      only = new Set(this.live.randomPending(jobId, request.sampleSize))
    setPause(persisted, null, null)
    if (only) persisted.sample = null
    // Errors are this run's: an old refused key must not show as the last error of a run that works.
    persisted.errors = 0
    persisted.lastError = null
    this.live.saveLive(jobId, persisted)
    this.runner.setState(jobId, 'running', 'live', null, false)
    const jobCounts = this.store.results.computeCounts(jobId, job.counts.rows)
    const counters = countersOf(this.live.liveCounts(jobId))
    let report = (_snapshot: LiveRunSnapshot, _force?: boolean): void => undefined
    const run = new LiveRun({
      jobId,
      store: this.live,
      live: persisted,
      counts: jobCounts,
      counters,
      runtimes,
      gates: this.gates,
      tuning: this.tuning,
      only,
      onChange: (snapshot) => report(snapshot)
    })
    const work = ({ progress }: RunHandle): Promise<void> => {
      report = (snapshot, force = false) => progress.report('live', () => liveUpdate(snapshot), force)
      report(run.snapshot(), true)
      return run.run().then(
        (outcome) => {
          if (outcome.kind === 'paused' && outcome.reason === 'sample' && only) {
            persisted.sample = this.sampleOutcome(jobId, only, runtimes)
            outcome = { kind: 'paused', reason: 'sample', message: describeSample(persisted.sample) }
          }
          this.finish(jobId, persisted, outcome)
        },
        (error: unknown) => {
          // The store failed under the run (locked, read-only, disk full, closed). Answers it could not commit
          // are lost with the run, so recover from what is on disk: requests still marked in flight become
          // possibly charged, and the spend is the committed one (the run's own figure counted lost answers).
          const cause = storeStopMessage(error)
          try {
            this.recover(jobId, cause)
            const stored = this.requireLive(jobId)
            this.finish(jobId, stored, {
              kind: 'paused',
              reason: 'interrupted',
              message: stored.pauseMessage ?? cause
            })
          } catch {
            // Still refused: the job stays 'running' on disk until a resume here or the next start recovers it.
            this.stalled.add(jobId)
            const message = `${cause} Everything stored is kept; resume when it is fixed.`
            const paused = progress.running('live', liveUpdate(run.snapshot()))
            this.runner.emit({ ...paused, status: 'paused', message })
          }
        }
      )
    }
    void this.runner.start(jobId, 'live', work, {
      onStop: (reason) =>
        reason === 'cancel'
          ? run.stop('cancel', 'Cancelled by the user.')
          : run.stop('user', 'Paused by the user.')
    })
  }

  pause(jobId: string): void {
    if (!this.isRunning(jobId)) throw new ServiceError('job_not_running', 'The job is not running.')
    this.runner.stop(jobId, 'pause')
  }

  /** Stops a live run (the requests in flight may still answer) and marks the job cancelled. */
  async cancel(jobId: string): Promise<boolean> {
    if (this.isRunning(jobId)) {
      this.runner.stop(jobId, 'cancel')
      await this.runner.waitFor(jobId)
      return true
    }
    const persisted = this.live.loadLive(jobId)
    const job = this.store.jobs.get(jobId)
    if (!persisted || !job || job.status !== 'paused') return false
    this.finish(jobId, persisted, { kind: 'cancelled' })
    return true
  }

  /** Queues the numbers of rows in the given statuses for a fresh paid answer (skipping the cache). */
  recheck(jobId: string, statuses: Status[]): number {
    const persisted = this.requireLive(jobId)
    if (this.isRunning(jobId))
      throw new ServiceError('job_running', 'Pause the job before re-checking rows.', {
        variant: 'recheck'
      })
    let queued = 0
    this.live.transaction(() => {
      for (const status of statuses) {
        for (const id of this.live.numbersOfRowsWithStatus(jobId, status)) {
          const n = this.live.numberForRoute(id)
          if (!n?.e164) continue
          const provider = chooseProvider(persisted.plan, n.e164, n.country)
          if (!provider) continue
          this.live.forcePending(id, provider)
          queued++
        }
      }
      if (queued > 0) {
        setPause(
          persisted,
          'confirm',
          `${queued} numbers queued for a fresh check. Review the pre-flight and start.`
        )
        this.live.saveLive(jobId, persisted)
        this.runner.setState(jobId, 'paused', 'live', null, false)
      }
    })
    return queued
  }

  /**
   * Applies `choose` (numbers that were ambiguous get the country the user chose; it returns their ids) in one
   * transaction with what follows from it: their rows are summarized again and, when the job's paid check was
   * already planned, they are routed like any valid number and the job waits for a go-ahead on the pre-flight.
   */
  numbersChosen(jobId: string, choose: () => number[]): number[] {
    if (this.isRunning(jobId)) {
      throw new ServiceError('job_running', 'Pause the paid check before choosing countries.', {
        variant: 'countries'
      })
    }
    const persisted = this.live.loadLive(jobId)
    const planned = persisted !== null && this.store.jobs.get(jobId)?.phase === 'live'
    const ids = this.live.transaction(() => {
      const chosen = choose()
      this.live.refreshRows(jobId, chosen, new Map())
      if (!planned || !persisted) return chosen
      let queued = 0
      for (const id of chosen) {
        const n = this.live.numberForRoute(id)
        if (!n?.e164 || n.live !== null) continue
        const provider = plannedLineType(persisted.plan, n.line_type)
          ? chooseProvider(persisted.plan, n.e164, n.country)
          : null
        if (!provider) continue
        this.live.route(id, 'pending', provider, null)
        queued++
      }
      if (queued > 0) {
        setPause(
          persisted,
          'confirm',
          `${queued} numbers read in the chosen country are queued. Review the pre-flight and start.`
        )
        this.live.saveLive(jobId, persisted)
        this.runner.setState(jobId, 'paused', 'live', null, false)
      }
      return chosen
    })
    this.refreshCounts(jobId)
    return ids
  }

  uncertain(jobId: string): UncertainAttempt[] {
    this.requireLive(jobId)
    return this.live.uncertainAttempts(jobId)
  }

  /** A job left 'running' in the live phase by a process that died. */
  recover(jobId: string, cause = 'Ringtrue stopped while this job was running.'): void {
    const persisted = this.live.loadLive(jobId)
    if (!persisted) return
    const uncertain = this.live.recoverInFlight(
      jobId,
      'Ringtrue stopped before the answer was stored; the provider may have charged for it.'
    )
    const inFlight =
      uncertain > 0
        ? ` ${uncertain} requests were in flight and may have been charged; they are re-sent only if you choose to.`
        : ''
    setPause(
      persisted,
      'interrupted',
      `${cause} Everything answered is kept; resume to continue.${inFlight}`,
      `${cause}${inFlight}`
    )
    this.live.saveLive(jobId, persisted)
    this.runner.setState(jobId, 'paused', 'live', null, false)
    this.refreshCounts(jobId)
  }

  private finish(jobId: string, persisted: PersistedLive, outcome: RunOutcome): void {
    const counters = countersOf(this.live.liveCounts(jobId))
    if (outcome.kind === 'paused') {
      setPause(persisted, outcome.reason, outcome.message, outcome.detail, outcome.provider)
    } else {
      setPause(persisted, null, null)
    }
    this.live.saveLive(jobId, persisted)
    const counts = this.refreshCounts(jobId)
    let status: 'done' | 'paused' | 'cancelled' = 'done'
    let note: string | null = null
    if (outcome.kind === 'paused') status = 'paused'
    else if (outcome.kind === 'cancelled') {
      status = 'cancelled'
      note = 'Cancelled by the user. Every answer received is kept.'
    } else if (counters.pending > 0 && outcome.kind === 'done') {
      // Numbers queued for a provider this run could not use (no runtime): say so instead of claiming done.
      status = 'paused'
      setPause(persisted, 'confirm', `${counters.pending} numbers are still waiting for a provider.`)
      this.live.saveLive(jobId, persisted)
    } else if (counters.answered + counters.cached === 0 && counters.uncertain + counters.failed > 0) {
      // Not one answer: a job whose every request ended possibly charged (an upload cut at the connection) or
      // failed is not "done", whatever the run thought.
      status = 'paused'
      const parts: string[] = []
      if (counters.uncertain > 0) {
        parts.push(
          `${counters.uncertain} ${counters.uncertain === 1 ? 'request' : 'requests'} ended without an answer and may have been charged`
        )
      }
      if (counters.failed > 0) parts.push(`${counters.failed} could not be checked`)
      const last = persisted.lastError ? ` Last error: ${persisted.lastError}` : ''
      const detail = `No answer arrived: ${parts.join(', ')}.${last}`
      const advice =
        counters.uncertain > 0
          ? 'Re-send the possibly charged ones only if you accept paying again.'
          : 'Re-check the rows when the provider works again.'
      setPause(persisted, 'no_answers', `${detail} ${advice}`, detail, singleProvider(persisted.plan))
      this.live.saveLive(jobId, persisted)
    } else {
      const loose: string[] = []
      if (counters.uncertain > 0) loose.push(`${counters.uncertain} possibly charged without an answer`)
      if (counters.failed > 0) loose.push(`${counters.failed} could not be checked`)
      note = loose.length ? `Finished; ${loose.join(', ')}.` : null
    }
    this.runner.setState(jobId, status, status === 'done' ? 'finished' : 'live', note, status !== 'paused')
    this.live.checkpoint()
    const job = this.store.jobs.get(jobId)
    this.runner.emit({
      jobId,
      status,
      phase: status === 'done' ? 'finished' : 'live',
      done: counters.total - counters.pending - counters.sent,
      total: counters.total,
      counts,
      ratePerSecond: 0,
      etaSeconds: null,
      message: persisted.pauseMessage ?? note ?? job?.error ?? null,
      live: toSummary(persisted, counters)
    })
  }

  private refreshCounts(jobId: string): JobCounts {
    const job = this.store.jobs.get(jobId)
    const counts = this.store.results.computeCounts(jobId, job?.counts.rows ?? 0)
    this.runner.saveCounts(jobId, counts, job?.counts.rows ?? 0, job?.counts.rows ?? 0)
    return counts
  }

  private requireLive(jobId: string): PersistedLive {
    if (!this.store.jobs.exists(jobId)) throw new ServiceError('job_not_found', 'That job no longer exists.')
    const persisted = this.live.loadLive(jobId)
    if (!persisted) {
      throw new ServiceError(
        'no_live_check',
        'This job has no paid check; it was run with the offline check only.'
      )
    }
    return persisted
  }

  private async runtimes(plan: LivePlan, jobId: string): Promise<Map<LiveProviderId, ProviderRuntime>> {
    const wanted = new Set<LiveProviderId>(this.live.pendingProviders(jobId))
    for (const task of this.live.tasks(jobId)) {
      if (task.state === 'submitted' || task.state === 'downloaded') wanted.add(task.provider)
    }
    if (plan.fallback) wanted.add(plan.fallback)
    const runtimes = new Map<LiveProviderId, ProviderRuntime>()
    for (const id of wanted) {
      try {
        runtimes.set(id, await this.providers.runtime(id))
      } catch (error) {
        // A fallback without a key is simply not used; a provider with work waiting must have one.
        if (id === plan.fallback && !this.live.pendingProviders(jobId).includes(id)) continue
        throw error
      }
    }
    return runtimes
  }

  private sampleOutcome(
    jobId: string,
    only: Set<number>,
    runtimes: Map<LiveProviderId, ProviderRuntime>
  ): SampleOutcome {
    const byStatus = Object.fromEntries(FRESHNESS_STATES.map((s) => [s, 0])) as Record<FreshnessState, number>
    let checked = 0
    for (const state of this.live.statesOf([...only])) {
      if (state in byStatus) {
        byStatus[state as FreshnessState]++
        checked++
      }
    }
    const remaining = this.live.pendingByProvider(jobId)
    const counters = countersOf(this.live.liveCounts(jobId))
    const population = counters.pending + checked
    const projectedByStatus = Object.fromEntries(
      FRESHNESS_STATES.map((s) => [s, checked > 0 ? Math.round((byStatus[s] / checked) * population) : 0])
    ) as Record<FreshnessState, number>
    const costs = new Map<string, number>()
    for (const [provider, n] of remaining) {
      const runtime = runtimes.get(provider)
      if (!runtime) continue
      costs.set(runtime.currency, roundMoney((costs.get(runtime.currency) ?? 0) + n * runtime.pricePerLookup))
    }
    return {
      checked,
      byStatus,
      projectedByStatus,
      projectedCost: [...costs.entries()].map(([currency, amount]) => ({ currency, amount }))
    }
  }
}

/** The first step of the chain that covers the number (and its country, when the step names countries). */
export function chooseProvider(plan: LivePlan, e164: string, country: string | null): LiveProviderId | null {
  for (const step of plan.route) {
    if (step.countries && !(country && step.countries.includes(country))) continue
    if (liveProvider(step.provider).covers(e164)) return step.provider
  }
  if (plan.fallback && liveProvider(plan.fallback).covers(e164)) return plan.fallback
  return null
}

function plannedLineType(plan: LivePlan, lineType: string | null): boolean {
  return plan.lineTypes.includes((lineType ?? 'unknown') as never)
}

/** The one provider of a plan (route and fallback), or null when it has several. */
function singleProvider(plan: LivePlan): LiveProviderId | null {
  const ids = new Set<LiveProviderId>([
    ...plan.route.map((s) => s.provider),
    ...(plan.fallback ? [plan.fallback] : [])
  ])
  return ids.size === 1 ? [...ids][0] : null
}

function setPause(
  persisted: PersistedLive,
  reason: PauseReason | null,
  message: string | null,
  detail: string | null = message,
  provider: LiveProviderId | null = null
): void {
  persisted.pauseReason = reason
  persisted.pauseMessage = message
  persisted.pauseDetail = detail
  persisted.pauseProvider = provider
}

function describeSample(sample: SampleOutcome): string {
  const parts = FRESHNESS_STATES.filter((s) => sample.byStatus[s] > 0).map(
    (s) => `${s} ${Math.round((sample.byStatus[s] / Math.max(1, sample.checked)) * 100)}%`
  )
  const cost = sample.projectedCost.map((c) => money(c.amount, c.currency)).join(' + ') || 'nothing'
  return `Sample of ${sample.checked} checked: ${parts.join(', ') || 'no answers'}. The rest would cost about ${cost}. Start the full check to continue.`
}

const STORE_PROBLEMS: [string, string][] = [
  ['SQLITE_BUSY', 'the database is locked by another program'],
  ['SQLITE_LOCKED', 'the database is locked by another program'],
  ['SQLITE_READONLY', 'the data folder is read-only'],
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_IOERR', 'the disk reported a read or write error'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened']
]

/** Why a run stopped under the user, in words (SQLite's own text kept in brackets for support). */
function storeStopMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const what =
    typeof code === 'string' ? STORE_PROBLEMS.find(([prefix]) => code.startsWith(prefix))?.[1] : undefined
  return `The paid check stopped: ${what ? `${what} (${text})` : text}.`
}

function roundMoney(amount: number): number {
  return Math.round(amount * 1e4) / 1e4
}

/** A paid run's progress: rate and ETA from the run's recent answers. */
function liveUpdate(snapshot: LiveRunSnapshot): RunningUpdate {
  const { counters } = snapshot
  return {
    done: counters.total - counters.pending - counters.sent,
    total: counters.total,
    counts: snapshot.counts,
    rate: snapshot.ratePerSecond,
    live: toSummary(snapshot.live, counters)
  }
}

export type { PauseReason }
