// What the parts of one paid run share: the run itself (live-run.ts) implements this for the dispatchers.
import type { PauseReason } from '../domain'
import type { ProviderRuntime } from '../providers/runtime'
import { ProviderError, type LiveProviderId, type LiveResult } from '../providers/types'
import type { CommitQueue } from './commit-queue'
import type { RateWindow } from './health-window'
import type { LiveCounters, LiveStore, PersistedLive, StatusDelta, WorkItem } from '../store/live-store'
import type { EngineTuning } from './timing'

/** Numbers read from the store per page. */
export const PAGE = 500

export interface RunContext {
  readonly store: LiveStore
  readonly jobId: string
  readonly live: PersistedLive
  readonly counters: LiveCounters
  readonly tuning: EngineTuning
  /** Only these numbers are sent (a sample run); null for all pending ones. */
  readonly only: Set<number> | null
  /** Aborts when the run is asked to stop: waits end early, no new request leaves. */
  readonly signal: AbortSignal
  readonly stopping: boolean
  readonly queue: CommitQueue
  readonly answers: RateWindow
  stop(
    reason: PauseReason | 'cancel',
    detail: string,
    advice?: string,
    provider?: LiveProviderId | null
  ): void
  /** Pauses the run on a refusal that concerns the whole account (key, credit, account limit). */
  stopForAccount(runtime: ProviderRuntime, failure: ProviderError): void
  /** Reserves the price of `lookups` requests against the cap; false (and the run stopped) when over it. */
  reserve(runtime: ProviderRuntime, lookups: number): boolean
  unreserve(runtime: ProviderRuntime, lookups: number): void
  countSpend(result: LiveResult): void
  /** Answers the item from a fresh cached check (queued like an answer); false when there is none. */
  useCache(item: WorkItem): boolean
  fallbackFor(item: WorkItem): LiveProviderId | null
  /** Applies committed row status changes to the job's counts and reports the run's state. */
  report(delta: StatusDelta): void
}

/** The ledger reference of a bulk task once the provider gave it an id. */
export function taskRef(provider: LiveProviderId, taskId: string): string {
  return `${provider}:task:${taskId}`
}

export function asProviderError(provider: LiveProviderId, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  // An adapter bug or an unexpected throw: the request may have gone out, so treat it as uncertain.
  return new ProviderError(provider, 'malformed', describe(error), { retryable: false, maybeProcessed: true })
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
