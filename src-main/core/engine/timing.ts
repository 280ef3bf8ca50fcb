/** Resolves after `ms`, or early when `signal` aborts (never rejects: callers re-check their own state). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

export interface BackoffPolicy {
  baseMs: number
  capMs: number
  /** Sends of one number, the first one included. */
  maxAttempts: number
}

/** research/reliability-performance.md §6.3: base 500 ms, ×2, cap 30 s, at most 6 attempts. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, maxAttempts: 6 }

/** Capped exponential backoff with full jitter; a provider's Retry-After is a floor, never shortened. */
export function backoffDelay(
  policy: BackoffPolicy,
  failedAttempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1))
  const jittered = random() * ceiling
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, 5 * 60_000))
}

/** The pace of a paid run; tests shorten it. */
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
