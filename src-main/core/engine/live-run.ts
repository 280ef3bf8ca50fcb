// One run of a job's paid check: dispatches pending numbers to their providers through the shared gates,
// writes every paid request to the ledger before it leaves, commits answers in short batches, and stops
// cleanly (in-flight requests are allowed to answer) when the user pauses or something needs the user.
import type { JobCounts, PauseReason, Status } from '../domain'
import { checknumberResultsFor, isUnprocessedRow } from '../providers/checknumber'
import {
  ProviderError,
  type BulkProvider,
  type BulkTask,
  type LiveProvider,
  type LiveProviderId,
  type LiveResult,
  type ProviderCredentials,
  type ProviderSettings,
  type SingleLookupProvider
} from '../providers/types'
import type { GateRegistry, ProviderGate } from './provider-gate'
import type {
  AttemptState,
  BulkTaskRecord,
  CachedCheck,
  LiveCounters,
  LiveNumberState,
  LiveStore,
  PersistedLive,
  StatusDelta,
  WorkItem
} from './live-store'
import { backoffDelay, DEFAULT_BACKOFF, pause, type BackoffPolicy } from './timing'

/** What a run needs of one provider: the adapter, its key and settings, limits and price. */
export interface ProviderRuntime {
  provider: LiveProvider
  name: string
  credentials: ProviderCredentials
  settings: ProviderSettings
  concurrency: number
  ratePerSecond: number
  pricePerLookup: number
  currency: string
  /** Values that must never appear in a message (the key, the customer id). */
  secrets: string[]
}

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

export interface EngineTuning {
  backoff: BackoffPolicy
  /** How often a bulk task is polled. */
  bulkPollMs: number
  /** Answers are committed at least this often… */
  flushMs: number
  /** …or when this many are waiting. */
  flushSize: number
  /** Pause when more than `threshold` of the last `size` requests failed (rate limits excluded). */
  errorWindow: { size: number; threshold: number }
}

export const DEFAULT_TUNING: EngineTuning = {
  backoff: DEFAULT_BACKOFF,
  bulkPollMs: 5_000,
  flushMs: 50,
  flushSize: 200,
  errorWindow: { size: 20, threshold: 0.5 }
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

/** `claimed`: the number is 'sent' in the store (its ledger entry exists), so it leaves the sent count. */
type Outcome =
  | {
      kind: 'answer'
      item: WorkItem
      claimed: boolean
      attemptId: number | null
      result: LiveResult
      cachedFrom: number | null
    }
  | { kind: 'attempt'; attemptId: number; state: AttemptState; error: string | null }
  | {
      kind: 'unanswered'
      item: WorkItem
      claimed: boolean
      attemptId: number | null
      attemptState: AttemptState
      live: LiveNumberState
      reason: string | null
      error: string | null
    }

const PAGE = 500

export class LiveRun {
  private readonly store: LiveStore
  private readonly jobId: string
  private readonly live: PersistedLive
  private readonly counters: LiveCounters
  private readonly tuning: EngineTuning
  private readonly stopController = new AbortController()
  private stopReason: {
    reason: PauseReason | 'cancel'
    message: string
    detail: string
    provider: LiveProviderId | null
  } | null = null
  private readonly outcomes: Outcome[] = []
  private flushTimer: NodeJS.Timeout | null = null
  private readonly claims: { item: WorkItem; resolve(id: number): void; reject(e: unknown): void }[] = []
  private claimScheduled = false
  /** When the last commit started and how long it took (ms, performance.now()). */
  private lastCommitAt = 0
  private lastCommitMs = 0
  private readonly reserved = new Map<string, number>()
  private readonly window: boolean[] = []
  private readonly answers = new RateWindow()
  private readonly inMemory = new Set<number>()
  private storeFailure: unknown = null

  constructor(private readonly options: LiveRunOptions) {
    this.store = options.store
    this.jobId = options.jobId
    this.live = options.live
    this.counters = options.counters
    this.tuning = options.tuning
  }

  get stopping(): boolean {
    return this.stopReason !== null
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
        this.flush()
      }
    } finally {
      this.flush()
    }
    if (this.storeFailure) throw this.storeFailure
    if (this.stopReason) {
      if (this.stopReason.reason === 'cancel') return { kind: 'cancelled' }
      const { reason, message, detail, provider } = this.stopReason
      return { kind: 'paused', reason, message, detail, provider }
    }
    if (this.options.only) return { kind: 'paused', reason: 'sample', message: 'The sample is checked.' }
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
    if (runtime.provider.kind === 'bulk') await this.dispatchBulk(runtime, runtime.provider, gate)
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
        if (this.options.only && !this.options.only.has(item.numberId)) continue
        if (this.inMemory.has(item.numberId)) continue
        if (this.useCache(item)) continue
        if (!(await gate.acquire(this.stopController.signal))) break outer
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
          attemptId = await this.claim(item)
        } catch (error) {
          // Without its ledger entry a request must not leave: stop instead of paying blind.
          this.storeFailure ??= error
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
          await pause(
            backoffDelay(this.tuning.backoff, failures, failure.details.retryAfterMs),
            this.stopController.signal
          )
          if (this.stopping || !(await gate.acquire(this.stopController.signal))) {
            this.push({
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
        this.push({ kind: 'answer', item, claimed: true, attemptId, result, cachedFrom: null })
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
    const message = this.scrub(runtime, `${runtime.name}: ${failure.message}`)
    this.live.lastError = message
    this.live.errors++
    if (failure.kind === 'auth' || failure.kind === 'balance' || failure.kind === 'quota') {
      // An account-wide refusal: every other number would get the same answer, so none is retried or sent.
      this.push({
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
        this.push({ kind: 'attempt', attemptId, state: 'failed', error: message })
        return true
      }
      this.push(this.failedOutcome(item, attemptId, 'failed', message))
      return false
    }
    this.recordWindow(false, message, runtime)
    if (failure.details.maybeProcessed) {
      // It may have been processed and charged: never re-sent without the user's say-so.
      this.push({
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
    this.push(this.failedOutcome(item, attemptId, 'failed', message))
    return false
  }

  /** Pauses the run on a refusal that concerns the whole account (key, credit, account limit). */
  private stopForAccount(runtime: ProviderRuntime, failure: ProviderError): void {
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
    this.stop(kind, this.scrub(runtime, detail), advice, runtime.provider.info.id)
  }

  private failedOutcome(
    item: WorkItem,
    attemptId: number | null,
    attemptState: AttemptState,
    message: string
  ): Outcome {
    return {
      kind: 'unanswered',
      item,
      claimed: true,
      attemptId,
      attemptState,
      live: 'failed',
      reason: 'check_failed',
      error: message
    }
  }

  private recordWindow(ok: boolean, message?: string, runtime?: ProviderRuntime): void {
    const { size, threshold } = this.tuning.errorWindow
    this.window.push(ok)
    if (this.window.length > size) this.window.shift()
    if (ok || this.window.length < size) return
    const failed = this.window.filter((w) => !w).length
    if (failed / size > threshold) {
      this.stop(
        'error_rate',
        `${failed} of the last ${size} requests${runtime ? ` to ${runtime.name}` : ''} failed; paused so no more ` +
          `money is spent on a provider in trouble. Last error: ${message ?? 'unknown'}`,
        '',
        runtime?.provider.info.id ?? null
      )
    }
  }

  // ── spending cap ────────────────────────────────────────────────────────────────────────────────────────

  private spent(currency: string): number {
    return this.live.spend.find((s) => s.currency === currency)?.amount ?? 0
  }

  private reserve(runtime: ProviderRuntime, lookups: number): boolean {
    const cap = this.live.plan.spendCap
    const cost = runtime.pricePerLookup * lookups
    const currency = runtime.currency
    const reserved = this.reserved.get(currency) ?? 0
    if (cap !== null && this.spent(currency) + reserved + cost > cap + 1e-9) {
      this.stop(
        'spend_cap',
        // The spend is not quoted: answers still in flight may add to it before the run stops.
        `The next ${lookups === 1 ? 'lookup' : `${lookups} lookups`} would pass the spending cap of ` +
          `${money(cap, currency)}.`,
        'Raise the cap to continue.',
        runtime.provider.info.id
      )
      return false
    }
    this.reserved.set(currency, reserved + cost)
    return true
  }

  private unreserve(runtime: ProviderRuntime, lookups: number): void {
    const currency = runtime.currency
    this.reserved.set(
      currency,
      Math.max(0, (this.reserved.get(currency) ?? 0) - runtime.pricePerLookup * lookups)
    )
  }

  // ── cache ───────────────────────────────────────────────────────────────────────────────────────────────

  private useCache(item: WorkItem): boolean {
    if (item.force) return false
    const cached = this.store.freshCheck(item.provider, item.e164, this.live.plan.freshnessDays)
    if (!cached) return false
    this.push({
      kind: 'answer',
      item,
      claimed: false,
      attemptId: null,
      result: fromCache(item, cached),
      cachedFrom: cached.id
    })
    return true
  }

  // ── the ledger ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Resolves with the attempt id once its row is committed. Claims made in one tick share one commit, and the
   * answers waiting for theirs ride along: each durable commit (an fsync) is shared by as much as possible.
   */
  private claim(item: WorkItem): Promise<number> {
    return new Promise((resolve, reject) => {
      this.claims.push({ item, resolve, reject })
      if (this.claimScheduled) return
      this.claimScheduled = true
      // Group commit: a durable commit blocks the thread for an fsync, so commits take at most half of it;
      // when the disk is slow, requests waiting for their ledger rows share one instead of queueing behind many.
      const wait = this.lastCommitAt + 2 * this.lastCommitMs - performance.now()
      if (wait > 0) setTimeout(() => this.flush(), wait)
      else setImmediate(() => this.flush())
    })
  }

  // ── answers ─────────────────────────────────────────────────────────────────────────────────────────────

  private push(outcome: Outcome): void {
    // Spend counts the moment an answer is in, so the cap check never misses answers awaiting their commit.
    if (outcome.kind === 'answer') this.countSpend(outcome.result)
    this.outcomes.push(outcome)
    if (this.outcomes.length >= this.tuning.flushSize) this.flush()
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.tuning.flushMs)
  }

  /** Commits every waiting ledger claim and outcome in one transaction, then reports. */
  private flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer)
      this.flushTimer = null
    }
    this.claimScheduled = false
    const claims = this.claims.splice(0)
    if (this.storeFailure) {
      // Nothing more leaves once the store has failed: its answer could not be kept.
      for (const c of claims) c.reject(this.storeFailure)
      return
    }
    if (this.outcomes.length === 0 && claims.length === 0) return
    const batch = this.outcomes.splice(0)
    const delta: StatusDelta = new Map()
    const at = new Date().toISOString()
    let ids: number[]
    this.lastCommitAt = performance.now()
    try {
      ids = this.store.transaction(() => {
        const touched = new Set<number>()
        for (const outcome of batch) this.apply(outcome, touched)
        const claimed = claims.map((c) => this.store.claim(this.jobId, c.item, null, at))
        if (batch.length > 0) {
          this.store.refreshRows(this.jobId, touched, delta)
          this.store.saveLive(this.jobId, this.live)
        }
        return claimed
      })
    } catch (error) {
      for (const c of claims) c.reject(error)
      // Answers that cannot be stored stay 'sent' in the ledger and surface as possibly charged on resume.
      if (batch.length > 0) {
        this.storeFailure = error
        this.stop('interrupted', `The job store could not be written: ${describe(error)}`)
      }
      return
    }
    this.lastCommitMs = performance.now() - this.lastCommitAt
    this.counters.pending -= claims.length
    this.counters.sent += claims.length
    claims.forEach((c, i) => c.resolve(ids[i]))
    if (batch.length === 0) return
    for (const [status, change] of delta) this.options.counts.byStatus[status as Status] += change
    this.options.onChange(this.snapshot())
  }

  private apply(outcome: Outcome, touched: Set<number>): void {
    if (outcome.kind === 'attempt') {
      this.store.completeAttempt(outcome.attemptId, outcome.state, outcome.error, 0, null)
      return
    }
    const { item } = outcome
    touched.add(item.numberId)
    if (outcome.kind === 'answer') {
      const { result } = outcome
      if (outcome.attemptId !== null) {
        this.store.completeAttempt(outcome.attemptId, 'answered', null, result.cost, result.currency)
      }
      if (outcome.claimed) this.counters.sent--
      else this.counters.pending--
      const checkId = this.store.insertCheck(this.jobId, result, outcome.cachedFrom)
      const next = needsFallback(result) ? this.fallbackFor(item) : null
      this.store.applyAnswer(item.numberId, result, checkId, next ? 'pending' : 'done', next)
      if (next) this.counters.pending++
      else if (outcome.cachedFrom !== null) this.counters.cached++
      else this.counters.answered++
      return
    }
    if (outcome.attemptId !== null) {
      this.store.completeAttempt(outcome.attemptId, outcome.attemptState, outcome.error, 0, null)
    }
    if (outcome.claimed) this.counters.sent--
    else this.counters.pending--
    let live = outcome.live
    let provider: string | null = null
    if (live === 'failed') {
      provider = this.fallbackFor(item)
      if (provider) live = 'pending'
    }
    this.store.setNumberState(
      item.numberId,
      live,
      live === 'pending' ? null : outcome.reason,
      outcome.error,
      provider
    )
    this.counters[counterOf(live)]++
  }

  private fallbackFor(item: WorkItem): LiveProviderId | null {
    const fallback = this.live.plan.fallback
    if (!fallback || fallback === item.provider) return null
    const runtime = this.options.runtimes.get(fallback)
    if (!runtime || !runtime.provider.covers(item.e164)) return null
    return fallback
  }

  private countSpend(result: LiveResult): void {
    if (result.cost > 0 && result.currency) this.addSpend(result.currency, result.cost, result.costEstimated)
  }

  /** Adds to the spend; a line that holds any estimated figure says so ("≈" in the UI and the CLI). */
  private addSpend(currency: string, amount: number, estimated: boolean): void {
    const line = this.live.spend.find((s) => s.currency === currency)
    if (line) {
      line.amount = round(line.amount + amount)
      if (estimated) line.estimated = true
    } else {
      // The flag is only written when set: a line of the provider's own figures stays {currency, amount}.
      this.live.spend.push(
        estimated ? { currency, amount: round(amount), estimated } : { currency, amount: round(amount) }
      )
    }
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

  // ── bulk tasks (checknumber.ai): upload, poll, download, keep the archive, apply ───────────────────────

  private async dispatchBulk(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    gate: ProviderGate
  ): Promise<void> {
    const id = provider.info.id
    for (const task of this.store.tasks(this.jobId)) {
      if (this.stopping) return
      if (task.provider !== id || (task.state !== 'submitted' && task.state !== 'downloaded')) continue
      await this.finishTask(runtime, provider, gate, task)
    }
    const items: WorkItem[] = []
    let cursor = 0
    for (;;) {
      const page = this.store.pendingPage(this.jobId, id, cursor, PAGE)
      if (page.length === 0) break
      for (const item of page) {
        cursor = item.numberId
        if (this.options.only && !this.options.only.has(item.numberId)) continue
        if (!this.useCache(item)) items.push(item)
      }
    }
    this.flush()
    if (items.length === 0 || this.stopping) return
    // No minimum is guessed; one the provider stated when it refused a smaller task is respected (nothing is
    // uploaded that it already said it refuses), and the numbers wait for the user.
    const learned = this.store.learnedMinimum(id)
    if (learned && items.length < learned.minimum) {
      const message =
        `${runtime.name} refused a smaller task before and stated a minimum of ${learned.minimum} numbers ` +
        `per task; this job has ${items.length} for it.` +
        (learned.message ? ` It said: ${learned.message}` : '')
      this.live.lastError = this.scrub(runtime, message)
      this.stop('provider', this.scrub(runtime, message), 'Nothing was uploaded.', id)
      return
    }
    // A refused key shows in the free balance call: stop there rather than upload a task.
    if (!(await this.balanceAccepted(runtime, provider))) return
    for (let start = 0; start < items.length && !this.stopping; start += provider.maxTaskSize) {
      const chunk = items.slice(start, start + provider.maxTaskSize)
      if (!this.reserve(runtime, chunk.length)) return
      try {
        await this.submitTask(runtime, provider, gate, chunk)
      } finally {
        this.unreserve(runtime, chunk.length)
      }
    }
  }

  /** False (and the run stopped) when the provider refuses the key on its free balance call. */
  private async balanceAccepted(runtime: ProviderRuntime, provider: BulkProvider): Promise<boolean> {
    try {
      await provider.balance(runtime.credentials, runtime.settings)
      return true
    } catch (error) {
      const failure = asProviderError(provider.info.id, error)
      if (failure.kind !== 'auth') return true
      const message = this.scrub(runtime, `${runtime.name}: ${failure.message}`)
      this.live.lastError = message
      this.live.errors++
      this.stopForAccount(runtime, failure)
      return false
    }
  }

  private async submitTask(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    gate: ProviderGate,
    chunk: WorkItem[]
  ): Promise<void> {
    const at = new Date().toISOString()
    // The task row and every number's ledger entry are committed before the upload starts.
    const taskRow = this.store.transaction(() => {
      const rowId = this.store.createTask(
        this.jobId,
        provider.info.id,
        chunk.map((c) => c.numberId)
      )
      for (const item of chunk) this.store.claim(this.jobId, item, `bulk:${rowId}`, at)
      return rowId
    })
    this.counters.pending -= chunk.length
    this.counters.sent += chunk.length
    const ref = `bulk:${taskRow}`
    let task: BulkTask | null = null
    for (let tries = 1; !task; tries++) {
      if (!(await gate.acquire(this.stopController.signal))) {
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, null)
        return
      }
      let failure: ProviderError
      try {
        task = await provider.createTask(
          chunk.map((c) => c.e164),
          runtime.credentials,
          runtime.settings
        )
        break
      } catch (error) {
        failure = asProviderError(provider.info.id, error)
      } finally {
        gate.release()
      }
      const message = this.scrub(runtime, `${runtime.name}: ${failure.message}`)
      this.live.lastError = message
      this.live.errors++
      if (failure.kind === 'auth' || failure.kind === 'balance' || failure.kind === 'quota') {
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
        this.stopForAccount(runtime, failure)
        return
      }
      if (failure.details.providerCode === 'row_count') {
        // Refused for its size (free): the numbers wait, the minimum the provider stated is remembered for the
        // pre-flight, and the job pauses with the provider's own message.
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
        const minimum = failure.details.statedMinimum ?? chunk.length + 1
        this.store.rememberMinimum(provider.info.id, minimum, this.scrub(runtime, failure.message))
        this.stop(
          'provider',
          this.scrub(
            runtime,
            `${runtime.name} refused a task of ${chunk.length} numbers for its size (${failure.message}).`
          ),
          failure.details.statedMinimum
            ? `It needs at least ${failure.details.statedMinimum} numbers per task; nothing was charged.`
            : 'Nothing was charged.',
          provider.info.id
        )
        return
      }
      const retryable = failure.details.retryable && !failure.details.maybeProcessed
      if (retryable && tries < this.tuning.backoff.maxAttempts) {
        if (failure.kind === 'rate_limit') gate.throttled(failure.details.retryAfterMs)
        await pause(
          backoffDelay(this.tuning.backoff, tries, failure.details.retryAfterMs),
          this.stopController.signal
        )
        if (this.stopping) {
          this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
          return
        }
        continue
      }
      if (failure.details.maybeProcessed) {
        this.settleTask(taskRow, ref, chunk, 'uncertain', 'uncertain', 'possibly_charged', message)
      } else {
        this.settleTask(taskRow, ref, chunk, 'failed', 'failed', 'check_failed', message)
      }
      return
    }
    const taskId = task.taskId
    // Stored the moment it exists: a resume polls this task instead of uploading (and paying) again.
    this.store.transaction(() => {
      this.store.updateTask(taskRow, 'submitted', taskId, null)
      this.store.renameAttemptRef(ref, taskRef(provider.info.id, taskId))
    })
    await this.finishTask(runtime, provider, gate, {
      id: taskRow,
      jobId: this.jobId,
      provider: provider.info.id,
      taskId,
      state: 'submitted',
      numberIds: chunk.map((c) => c.numberId),
      result: null,
      error: null
    })
  }

  /** Ends a task that never got an id: its numbers' attempts and states, in one transaction. */
  private settleTask(
    taskRow: number,
    ref: string,
    chunk: WorkItem[],
    attemptState: AttemptState,
    live: LiveNumberState,
    reason: string | null,
    error: string | null
  ): void {
    this.flush()
    const delta: StatusDelta = new Map()
    this.store.transaction(() => {
      this.store.completeAttemptsOf(ref, attemptState, error)
      this.store.updateTask(taskRow, attemptState === 'uncertain' ? 'uncertain' : 'failed', null, error)
      const touched = new Set<number>()
      for (const item of chunk) {
        touched.add(item.numberId)
        let state = live
        let provider: string | null = null
        if (state === 'failed') {
          provider = this.fallbackFor(item)
          if (provider) state = 'pending'
        }
        this.store.setNumberState(item.numberId, state, state === 'pending' ? null : reason, error, provider)
        this.counters.sent--
        this.counters[counterOf(state)]++
      }
      this.store.refreshRows(this.jobId, touched, delta)
      this.store.saveLive(this.jobId, this.live)
    })
    for (const [status, change] of delta) this.options.counts.byStatus[status as Status] += change
    this.options.onChange(this.snapshot())
  }

  private async finishTask(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    gate: ProviderGate,
    task: BulkTaskRecord
  ): Promise<void> {
    let archive = task.result
    let failures = 0
    let failureCount: number | null = null
    while (!archive && !this.stopping && task.taskId) {
      let status: BulkTask
      try {
        status = await provider.pollTask(task.taskId, runtime.credentials, runtime.settings)
        if (status.status === 'failed') {
          const message = `${runtime.name} reports task ${task.taskId} as failed.`
          this.live.lastError = message
          this.settleSubmitted(runtime, task, this.taskItems(task), 'failed', message)
          return
        }
        if (status.failure !== undefined && status.failure !== null) failureCount = status.failure
        if ((status.status === 'completed' || status.status === 'exported') && status.resultUrl) {
          const bytes = await provider.downloadResult(status, runtime.settings)
          archive = Buffer.from(bytes)
          // Kept before it is read: a crash while applying never means downloading (or paying) again.
          this.store.storeTaskResult(task.id, archive)
          break
        }
        failures = 0
      } catch (error) {
        const failure = asProviderError(provider.info.id, error)
        const message = this.scrub(runtime, `${runtime.name}: ${failure.message}`)
        this.live.lastError = message
        this.live.errors++
        if (failure.kind === 'auth') {
          this.stop(
            'auth',
            this.scrub(
              runtime,
              `${runtime.name} refused the API key while a task was running (${failure.message}).`
            ),
            'The task is kept; fix the key and resume.',
            provider.info.id
          )
          return
        }
        if (failure.kind === 'balance' || failure.kind === 'quota') {
          this.stopForAccount(runtime, failure)
          return
        }
        if (!failure.details.retryable) {
          // Asking again cannot help (the task is not found, or its status is one the document does not list):
          // stop once with the provider's words instead of polling forever. The task id stays with the job, so
          // a resume polls it again and support can trace it.
          this.stop(
            'provider',
            this.scrub(
              runtime,
              `${runtime.name}: task ${task.taskId} cannot be followed (${failure.message}).`
            ),
            `The task id ${task.taskId} is kept; resume to poll it again.`,
            provider.info.id
          )
          return
        }
        if (failure.kind === 'rate_limit') gate.throttled(failure.details.retryAfterMs)
        failures++
        // Polling and downloading are free: keep trying with a growing pause.
        await pause(
          backoffDelay(this.tuning.backoff, Math.min(failures, 6), failure.details.retryAfterMs),
          this.stopController.signal
        )
        continue
      }
      await pause(this.tuning.bulkPollMs, this.stopController.signal)
    }
    if (!archive) return
    this.applyArchive(runtime, provider, task, archive, failureCount)
  }

  private applyArchive(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    task: BulkTaskRecord,
    archive: Buffer,
    failureCount: number | null = null
  ): void {
    this.flush()
    const items = this.taskItems(task)
    let results: LiveResult[]
    try {
      const parsed = provider.parseResult(archive, runtime.pricePerLookup, runtime.currency)
      const submitted = items.map((item) => item.e164)
      results = checknumberResultsFor(submitted, parsed, runtime.pricePerLookup, runtime.currency)
    } catch (error) {
      const message = this.scrub(
        runtime,
        `${runtime.name}: the result file of task ${task.taskId} cannot be read (${describe(error)}).`
      )
      this.live.lastError = message
      this.settleSubmitted(runtime, task, items, 'uncertain', message)
      return
    }
    const byNumber = new Map(results.map((r) => [r.e164, r]))
    const unprocessed = results.filter(isUnprocessedRow).length
    const failedNote =
      unprocessed > 0
        ? this.scrub(
            runtime,
            `${runtime.name} could not process ${unprocessed} of the ${items.length} numbers of task ` +
              `${task.taskId}` +
              (failureCount !== null ? ` (its failure count: ${failureCount})` : '') +
              '; they are not counted as answered.'
          )
        : null
    if (failedNote) this.live.lastError = failedNote
    const delta: StatusDelta = new Map()
    this.store.transaction(() => {
      const touched = new Set<number>()
      const ref = taskRef(provider.info.id, task.taskId ?? '')
      for (const item of items) {
        const result = byNumber.get(item.e164)
        if (!result) continue
        if (isUnprocessedRow(result)) {
          // A row counted in the documented `failure`: no answer, and not costed as one.
          this.store.completeAttemptOfNumber(ref, item.numberId, 'failed', failedNote)
          this.apply(this.failedOutcome(item, null, 'failed', failedNote ?? 'not processed'), touched)
          continue
        }
        this.countSpend(result)
        this.apply(
          { kind: 'answer', item, claimed: true, attemptId: null, result, cachedFrom: null },
          touched
        )
      }
      this.store.completeAttemptsOf(ref, 'answered', null)
      this.store.updateTask(task.id, 'applied', null, null)
      this.store.refreshRows(this.jobId, touched, delta)
      this.store.saveLive(this.jobId, this.live)
    })
    for (const [status, change] of delta) this.options.counts.byStatus[status as Status] += change
    this.answers.add(results.length - unprocessed)
    this.options.onChange(this.snapshot())
  }

  /** The numbers a bulk task was created with, as work items (each looked up once). */
  private taskItems(task: BulkTaskRecord): WorkItem[] {
    const items: WorkItem[] = []
    for (const numberId of task.numberIds) {
      const e164 = this.store.e164Of(numberId)
      if (e164) items.push({ numberId, e164, country: null, provider: task.provider, tries: 0, force: false })
    }
    return items
  }

  private settleSubmitted(
    runtime: ProviderRuntime,
    task: BulkTaskRecord,
    items: WorkItem[],
    state: 'failed' | 'uncertain',
    message: string
  ): void {
    this.settleTask(
      task.id,
      taskRef(runtime.provider.info.id, task.taskId ?? ''),
      items,
      state,
      state,
      state === 'uncertain' ? 'possibly_charged' : 'check_failed',
      message
    )
  }

  private scrub(runtime: ProviderRuntime, message: string): string {
    let text = message
    for (const secret of runtime.secrets) if (secret.length >= 4) text = text.split(secret).join('••••')
    return text
  }
}

export function taskRef(provider: LiveProviderId, taskId: string): string {
  return `${provider}:task:${taskId}`
}

function counterOf(live: LiveNumberState): keyof LiveCounters {
  switch (live) {
    case 'done':
      return 'answered'
    case 'sent':
      return 'sent'
    default:
      return live
  }
}

/** An answer that did not settle the question: the fallback provider may know more. */
function needsFallback(result: LiveResult): boolean {
  return result.state === 'unknown' || result.reason === 'no_coverage'
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

function asProviderError(provider: LiveProviderId, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  // An adapter bug or an unexpected throw: the request may have gone out, so treat it as uncertain.
  return new ProviderError(provider, 'malformed', describe(error), { retryable: false, maybeProcessed: true })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function round(amount: number): number {
  return Math.round(amount * 1e6) / 1e6
}

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(amount < 1 && amount > 0 ? 4 : 2)} ${currency}`
}

/** Answers per second over the last few seconds, in 250 ms buckets (constant work however fast the run). */
class RateWindow {
  private static readonly BUCKET_MS = 250
  private static readonly BUCKETS = 20
  private readonly counts = new Array<number>(RateWindow.BUCKETS).fill(0)
  private current = Math.floor(Date.now() / RateWindow.BUCKET_MS)
  private readonly startedAt = Date.now()

  add(n: number): void {
    this.advance()
    this.counts[this.current % RateWindow.BUCKETS] += n
  }

  perSecond(): number {
    this.advance()
    const total = this.counts.reduce((a, b) => a + b, 0)
    const windowMs = Math.min(
      RateWindow.BUCKET_MS * RateWindow.BUCKETS,
      Math.max(1000, Date.now() - this.startedAt)
    )
    return total / (windowMs / 1000)
  }

  private advance(): void {
    const now = Math.floor(Date.now() / RateWindow.BUCKET_MS)
    for (let b = Math.max(this.current + 1, now - RateWindow.BUCKETS + 1); b <= now; b++) {
      this.counts[b % RateWindow.BUCKETS] = 0
    }
    this.current = Math.max(this.current, now)
  }
}
