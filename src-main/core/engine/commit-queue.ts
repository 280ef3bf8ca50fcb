// The commit queue of a paid run: ledger claims (a paid request is written before it leaves) and answers are
// gathered and committed together in short batches, so each durable commit (an fsync) serves as many as it can.
import type { LiveProviderId, LiveResult } from '../providers/types'
import type {
  AttemptState,
  LiveCounters,
  LiveNumberState,
  LiveStore,
  PersistedLive,
  StatusDelta,
  WorkItem
} from '../store/live-store'

/** `claimed`: the number is 'sent' in the store (its ledger entry exists), so it leaves the sent count. */
export type Outcome =
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

export interface CommitQueueOptions {
  store: LiveStore
  jobId: string
  live: PersistedLive
  counters: LiveCounters
  /** Answers are committed at least this often (ms)… */
  flushMs: number
  /** …or when this many are waiting. */
  flushSize: number
  /** Where a number goes next when its answer did not settle it or its request failed; null for nowhere. */
  fallbackFor(item: WorkItem): LiveProviderId | null
  /** An answer is in: its cost counts now, so the cap check never misses answers awaiting their commit. */
  onAnswer(result: LiveResult): void
  /** Answers were committed; `delta` holds the row status changes they made. */
  onCommitted(delta: StatusDelta): void
  /** Answers could not be stored: the run must stop. */
  onStoreFailure(error: unknown): void
}

export class CommitQueue {
  /** The store's error once answers could not be kept: nothing more leaves after it. */
  failure: unknown = null
  private readonly outcomes: Outcome[] = []
  private flushTimer: NodeJS.Timeout | null = null
  private readonly claims: { item: WorkItem; resolve(id: number): void; reject(e: unknown): void }[] = []
  private claimScheduled = false
  /** When the last commit started and how long it took (ms, performance.now()). */
  private lastCommitAt = 0
  private lastCommitMs = 0

  constructor(private readonly options: CommitQueueOptions) {}

  /**
   * Resolves with the attempt id once its row is committed. Claims made in one tick share one commit, and the
   * answers waiting for theirs ride along: each durable commit (an fsync) is shared by as much as possible.
   */
  claim(item: WorkItem): Promise<number> {
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

  push(outcome: Outcome): void {
    if (outcome.kind === 'answer') this.options.onAnswer(outcome.result)
    this.outcomes.push(outcome)
    if (this.outcomes.length >= this.options.flushSize) this.flush()
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.options.flushMs)
  }

  /** Commits every waiting ledger claim and outcome in one transaction, then reports. */
  flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer)
      this.flushTimer = null
    }
    this.claimScheduled = false
    const claims = this.claims.splice(0)
    if (this.failure) {
      // Nothing more leaves once the store has failed: its answer could not be kept.
      for (const c of claims) c.reject(this.failure)
      return
    }
    if (this.outcomes.length === 0 && claims.length === 0) return
    const { store, jobId, live, counters } = this.options
    const batch = this.outcomes.splice(0)
    const delta: StatusDelta = new Map()
    const at = new Date().toISOString()
    let ids: number[]
    this.lastCommitAt = performance.now()
    try {
      ids = store.transaction(() => {
        const touched = new Set<number>()
        for (const outcome of batch) this.apply(outcome, touched)
        const claimed = claims.map((c) => store.claim(jobId, c.item, null, at))
        if (batch.length > 0) {
          store.refreshRows(jobId, touched, delta)
          store.saveLive(jobId, live)
        }
        return claimed
      })
    } catch (error) {
      for (const c of claims) c.reject(error)
      // Answers that cannot be stored stay 'sent' in the ledger and surface as possibly charged on resume.
      if (batch.length > 0) {
        this.failure = error
        this.options.onStoreFailure(error)
      }
      return
    }
    this.lastCommitMs = performance.now() - this.lastCommitAt
    counters.pending -= claims.length
    counters.sent += claims.length
    claims.forEach((c, i) => c.resolve(ids[i]))
    if (batch.length === 0) return
    this.options.onCommitted(delta)
  }

  /** Writes one outcome; the caller runs it inside a transaction and refreshes the touched rows. */
  apply(outcome: Outcome, touched: Set<number>): void {
    const { store, jobId, counters } = this.options
    if (outcome.kind === 'attempt') {
      store.completeAttempt(outcome.attemptId, outcome.state, outcome.error, 0, null)
      return
    }
    const { item } = outcome
    touched.add(item.numberId)
    if (outcome.kind === 'answer') {
      const { result } = outcome
      if (outcome.attemptId !== null) {
        store.completeAttempt(outcome.attemptId, 'answered', null, result.cost, result.currency)
      }
      if (outcome.claimed) counters.sent--
      else counters.pending--
      const checkId = store.insertCheck(jobId, result, outcome.cachedFrom)
      const next = needsFallback(result) ? this.options.fallbackFor(item) : null
      store.applyAnswer(item.numberId, result, checkId, next ? 'pending' : 'done', next)
      if (next) counters.pending++
      else if (outcome.cachedFrom !== null) counters.cached++
      else counters.answered++
      return
    }
    if (outcome.attemptId !== null) {
      store.completeAttempt(outcome.attemptId, outcome.attemptState, outcome.error, 0, null)
    }
    if (outcome.claimed) counters.sent--
    else counters.pending--
    let live = outcome.live
    let provider: string | null = null
    if (live === 'failed') {
      provider = this.options.fallbackFor(item)
      if (provider) live = 'pending'
    }
    store.setNumberState(
      item.numberId,
      live,
      live === 'pending' ? null : outcome.reason,
      outcome.error,
      provider
    )
    counters[counterOf(live)]++
  }
}

/** A request that ended without an answer and may go to the fallback provider. */
export function failedOutcome(
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

export function counterOf(live: LiveNumberState): keyof LiveCounters {
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
