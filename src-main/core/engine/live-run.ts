// One run of a job's paid check: dispatches pending numbers to their providers through the shared gates,
// writes every paid request to the ledger before it leaves, commits answers in short batches, and stops
// cleanly (in-flight requests are allowed to answer) when the user pauses or something needs the user.
// Its parts: the commit queue (commit-queue.ts), the spend meter (spend-meter.ts), the health windows
// (health-window.ts) and bulk dispatch (bulk-dispatch.ts); one-number-per-request dispatch is here.
import type { JobCounts, PauseReason, Status } from '../domain'
import { scrub, type ProviderRuntime } from '../providers/runtime'
import type { LiveProviderId, LiveResult, ProviderError, SingleLookupProvider } from '../providers/types'
import { BulkDispatch } from './bulk-dispatch'
import { CommitQueue, failedOutcome } from './commit-queue'
import { ErrorWindow, RateWindow } from './health-window'
import type {
  CachedCheck,
  LiveCounters,
  LiveStore,
  PersistedLive,
  StatusDelta,
  WorkItem
} from '../store/live-store'
import type { GateRegistry, ProviderGate } from './provider-gate'
import { asProviderError, describe, PAGE, type RunContext } from './run-context'
import { money, SpendMeter } from './spend-meter'
import { backoffDelay, pause, type EngineTuning } from './timing'

export { money } from './spend-meter'
export { taskRef } from './run-context'
export { DEFAULT_TUNING, type EngineTuning } from './timing'

export type RunOutcome =
  | { kind: 'done' }
  | {
      kind: 'paused'
      reason: PauseReason
      message: string
      detail?: string
      provider?: LiveProviderId | null
    }
  | { kind: 'cancelled' }

export interface LiveRunSnapshot {
  counters: LiveCounters
  live: PersistedLive
  counts: JobCounts
  ratePerSecond: number
}

export interface LiveRunOptions {
  jobId: string
  store: LiveStore
  live: PersistedLive
  counts: JobCounts
  counters: LiveCounters
  runtimes: Map<LiveProviderId, ProviderRuntime>
  gates: GateRegistry
  tuning: EngineTuning
  /** Only these numbers are sent (a sample run); null for all pending ones. */
  only: Set<number> | null
  /** Called after each commit; the caller throttles what it pushes to the UI. */
  onChange(snapshot: LiveRunSnapshot): void
}

export class LiveRun implements RunContext {
  readonly store: LiveStore
  readonly jobId: string
  readonly live: PersistedLive
  readonly counters: LiveCounters
  readonly tuning: EngineTuning
  readonly only: Set<number> | null
  readonly queue: CommitQueue
  readonly answers = new RateWindow()
  private readonly stopController = new AbortController()
  private stopReason: {
    reason: PauseReason | 'cancel'
    message: string
    detail: string
    provider: LiveProviderId | null
  } | null = null
  private readonly meter: SpendMeter
  private readonly errors: ErrorWindow
  private readonly bulk = new BulkDispatch(this)
  private readonly inMemory = new Set<number>()

  constructor(private readonly options: LiveRunOptions) {
    this.store = options.store
    this.jobId = options.jobId
    this.live = options.live
    this.counters = options.counters
    this.tuning = options.tuning
    this.only = options.only
    this.meter = new SpendMeter(options.live)
    this.errors = new ErrorWindow(options.tuning.errorWindow.size, options.tuning.errorWindow.threshold)
    this.queue = new CommitQueue({
      store: options.store,
      jobId: options.jobId,
      live: options.live,
      counters: options.counters,
      flushMs: options.tuning.flushMs,
      flushSize: options.tuning.flushSize,
      fallbackFor: (item) => this.fallbackFor(item),
      onAnswer: (result) => this.countSpend(result),
      onCommitted: (delta) => this.report(delta),
      onStoreFailure: (error) =>
        this.stop('interrupted', `The job store could not be written: ${describe(error)}`)
    })
  }

  get stopping(): boolean {
    return this.stopReason !== null
  }

  get signal(): AbortSignal {
    return this.stopController.signal
  }

  /**
   * Asks the run to stop: no new request leaves, the ones in flight may answer. The first reason wins.
   * `detail` says what happened (and names the provider); `advice` what to do in the app. The CLI gives its
   * own advice, so the two are kept apart.
   */
  stop(
    reason: PauseReason | 'cancel',
    detail: string,
    advice = '',
    provider: LiveProviderId | null = null
  ): void {
    if (this.stopReason && !(reason === 'cancel' && this.stopReason.reason === 'user')) return
    this.stopReason = { reason, message: advice ? `${detail} ${advice}` : detail, detail, provider }
    this.stopController.abort()
  }

  async run(): Promise<RunOutcome> {
    try {
      // Rounds: a fallback moves numbers to another provider's queue after that provider may have drained.
      for (let round = 0; round < 4 && !this.stopping; round++) {
        const pending = this.store.pendingProviders(this.jobId).filter((p) => this.options.runtimes.has(p))
        // Bulk tasks already with the provider are finished by their provider's dispatcher.
        const waitingTasks = this.store
          .tasks(this.jobId)
          .filter((t) => t.state === 'submitted' || t.state === 'downloaded')
          .map((t) => t.provider)
        const providers = [...new Set([...pending, ...waitingTasks])]
        if (providers.length === 0) break
        await Promise.all(providers.map((id) => this.dispatch(this.runtime(id))))
        this.queue.flush()
      }
    } finally {
      this.queue.flush()
    }
    if (this.queue.failure) throw this.queue.failure
    if (this.stopReason) {
      if (this.stopReason.reason === 'cancel') return { kind: 'cancelled' }
      const { reason, message, detail, provider } = this.stopReason
      return { kind: 'paused', reason, message, detail, provider }
    }
    if (this.only) return { kind: 'paused', reason: 'sample', message: 'The sample is checked.' }
    return { kind: 'done' }
  }

  private runtime(id: LiveProviderId): ProviderRuntime {
    const runtime = this.options.runtimes.get(id)
    if (!runtime) throw new Error(`No runtime for ${id}`)
    return runtime
  }

  private async dispatch(runtime: ProviderRuntime): Promise<void> {
    const gate = this.options.gates.gate(runtime.provider.info.id, {
      concurrency: runtime.concurrency,
      ratePerSecond: runtime.ratePerSecond
    })
    if (runtime.provider.kind === 'bulk') await this.bulk.dispatch(runtime, runtime.provider, gate)
    else await this.dispatchSingle(runtime, runtime.provider, gate)
  }

  // ── one number per request ──────────────────────────────────────────────────────────────────────────────

  private async dispatchSingle(
    runtime: ProviderRuntime,
    provider: SingleLookupProvider,
    gate: ProviderGate
  ): Promise<void> {
    const inFlight = new Set<Promise<void>>()
    let cursor = 0
    outer: while (!this.stopping) {
      const page = this.store.pendingPage(this.jobId, provider.info.id, cursor, PAGE)
      if (page.length === 0) break
      for (const item of page) {
        cursor = item.numberId
        if (this.stopping) break outer
        if (this.only && !this.only.has(item.numberId)) continue
        if (this.inMemory.has(item.numberId)) continue
        if (this.useCache(item)) continue
        if (!(await gate.acquire(this.signal))) break outer
        if (!this.reserve(runtime, 1)) {
          gate.release()
          break outer
        }
        this.inMemory.add(item.numberId)
        const task = this.lookupOne(runtime, provider, gate, item).finally(() => {
          inFlight.delete(task)
          this.inMemory.delete(item.numberId)
          this.unreserve(runtime, 1)
        })
        inFlight.add(task)
      }
    }
    await Promise.all(inFlight)
  }

  private async lookupOne(
    runtime: ProviderRuntime,
    provider: SingleLookupProvider,
    gate: ProviderGate,
    item: WorkItem
  ): Promise<void> {
    let holding = true
    let failures = 0
    try {
      for (;;) {
        let attemptId: number
        try {
          attemptId = await this.queue.claim(item)
        } catch (error) {
          // Without its ledger entry a request must not leave: stop instead of paying blind.
          this.queue.failure ??= error
          this.stop('interrupted', `The job store could not be written: ${describe(error)}`)
          return
        }
        let result: LiveResult
        try {
          result = await provider.lookup(item.e164, runtime.credentials, runtime.settings)
        } catch (error) {
          const failure = asProviderError(provider.info.id, error)
          failures++
          const retry = this.onFailure(runtime, gate, item, attemptId, failure, failures)
          if (!retry) return
          gate.release()
          holding = false
          await pause(backoffDelay(this.tuning.backoff, failures, failure.details.retryAfterMs), this.signal)
          if (this.stopping || !(await gate.acquire(this.signal))) {
            this.queue.push({
              kind: 'unanswered',
              item,
              claimed: true,
              attemptId: null,
              attemptState: 'failed',
              live: 'pending',
              reason: null,
              error: null
            })
            return
          }
          holding = true
          continue
        }
        this.recordWindow(true)
        this.answers.add(1)
        this.queue.push({ kind: 'answer', item, claimed: true, attemptId, result, cachedFrom: null })
        return
      }
    } finally {
      if (holding) gate.release()
    }
  }

  /** Records a failed request; true when the same number should be sent again after a backoff. */
  private onFailure(
    runtime: ProviderRuntime,
    gate: ProviderGate,
    item: WorkItem,
    attemptId: number,
    failure: ProviderError,
    failures: number
  ): boolean {
    const message = scrub(runtime, `${runtime.name}: ${failure.message}`)
    this.live.lastError = message
    this.live.errors++
    if (failure.kind === 'auth' || failure.kind === 'balance' || failure.kind === 'quota') {
      // An account-wide refusal: every other number would get the same answer, so none is retried or sent.
      this.queue.push({
        kind: 'unanswered',
        item,
        claimed: true,
        attemptId,
        attemptState: 'failed',
        live: 'pending',
        reason: null,
        error: message
      })
      this.stopForAccount(runtime, failure)
      return false
    }
    if (failure.details.retryable && !failure.details.maybeProcessed) {
      if (failure.kind === 'rate_limit') gate.throttled(failure.details.retryAfterMs)
      else this.recordWindow(false, message, runtime)
      if (failures < this.tuning.backoff.maxAttempts) {
        this.queue.push({ kind: 'attempt', attemptId, state: 'failed', error: message })
        return true
      }
      this.queue.push(failedOutcome(item, attemptId, 'failed', message))
      return false
    }
    this.recordWindow(false, message, runtime)
    if (failure.details.maybeProcessed) {
      // It may have been processed and charged: never re-sent without the user's say-so.
      this.queue.push({
        kind: 'unanswered',
        item,
        claimed: true,
        attemptId,
        attemptState: 'uncertain',
        live: 'uncertain',
        reason: 'possibly_charged',
        error: message
      })
      return false
    }
    this.queue.push(failedOutcome(item, attemptId, 'failed', message))
    return false
  }

  /** Pauses the run on a refusal that concerns the whole account (key, credit, account limit). */
  stopForAccount(runtime: ProviderRuntime, failure: ProviderError): void {
    const kind = failure.kind as 'auth' | 'balance' | 'quota'
    const detail =
      kind === 'auth'
        ? `${runtime.name} refused the API key (${failure.message}).`
        : kind === 'balance'
          ? `${runtime.name} says the account is out of credit (${failure.message}).`
          : `${runtime.name} stopped accepting requests: an account limit is reached (${failure.message}).`
    const advice =
      kind === 'auth'
        ? 'Check the key in Settings, then resume.'
        : kind === 'balance'
          ? 'Top up, then resume.'
          : 'Raise the limit with the provider (or wait until it resets), then resume.'
    this.stop(kind, scrub(runtime, detail), advice, runtime.provider.info.id)
  }

  private recordWindow(ok: boolean, message?: string, runtime?: ProviderRuntime): void {
    const failed = this.errors.record(ok)
    if (failed === null) return
    const { size } = this.tuning.errorWindow
    this.stop(
      'error_rate',
      `${failed} of the last ${size} requests${runtime ? ` to ${runtime.name}` : ''} failed; paused so no more ` +
        `money is spent on a provider in trouble. Last error: ${message ?? 'unknown'}`,
      '',
      runtime?.provider.info.id ?? null
    )
  }

  // ── spending cap ────────────────────────────────────────────────────────────────────────────────────────

  reserve(runtime: ProviderRuntime, lookups: number): boolean {
    if (this.meter.reserve(runtime, lookups)) return true
    this.stop(
      'spend_cap',
      // The spend is not quoted: answers still in flight may add to it before the run stops.
      `The next ${lookups === 1 ? 'lookup' : `${lookups} lookups`} would pass the spending cap of ` +
        `${money(this.live.plan.spendCap ?? 0, runtime.currency)}.`,
      'Raise the cap to continue.',
      runtime.provider.info.id
    )
    return false
  }

  unreserve(runtime: ProviderRuntime, lookups: number): void {
    this.meter.unreserve(runtime, lookups)
  }

  countSpend(result: LiveResult): void {
    this.meter.count(result)
  }

  // ── cache ───────────────────────────────────────────────────────────────────────────────────────────────

  useCache(item: WorkItem): boolean {
    if (item.force) return false
    const cached = this.store.freshCheck(item.provider, item.e164, this.live.plan.freshnessDays)
    if (!cached) return false
    this.queue.push({
      kind: 'answer',
      item,
      claimed: false,
      attemptId: null,
      result: fromCache(item, cached),
      cachedFrom: cached.id
    })
    return true
  }

  // ── answers ─────────────────────────────────────────────────────────────────────────────────────────────

  fallbackFor(item: WorkItem): LiveProviderId | null {
    const fallback = this.live.plan.fallback
    if (!fallback || fallback === item.provider) return null
    const runtime = this.options.runtimes.get(fallback)
    if (!runtime || !runtime.provider.covers(item.e164)) return null
    return fallback
  }

  report(delta: StatusDelta): void {
    for (const [status, change] of delta) this.options.counts.byStatus[status as Status] += change
    this.options.onChange(this.snapshot())
  }

  snapshot(): LiveRunSnapshot {
    const rate = this.answers.perSecond()
    return {
      counters: { ...this.counters },
      live: structuredClone(this.live),
      counts: structuredClone(this.options.counts),
      ratePerSecond: rate
    }
  }
}

function fromCache(item: WorkItem, cached: CachedCheck): LiveResult {
  const f = cached.fields
  return {
    provider: item.provider,
    e164: item.e164,
    state: cached.state,
    reason: cached.reason ?? 'inconclusive',
    reachability: (f.reachability as LiveResult['reachability']) ?? 'unknown',
    ported: (f.ported as boolean | null) ?? null,
    roaming: (f.roaming as boolean | null) ?? null,
    carrier: cached.carrier,
    lineType: (f.lineType as string | null) ?? null,
    confidence: (f.confidence as LiveResult['confidence']) ?? 'inferred',
    billed: 'free',
    cost: 0,
    costEstimated: false,
    currency: null,
    retryable: false,
    raw: cached.raw,
    // The age of the information is what matters to the user: keep when it was really checked.
    checkedAt: cached.checkedAt
  }
}
