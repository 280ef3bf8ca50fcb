import { pause } from './timing'

export interface GateLimits {
  concurrency: number
  ratePerSecond: number
}

/** Clean traffic needed before a throttled provider gets one more slot back (research §6.3, AIMD). */
const RECOVERY_STEP_MS = 10_000

/**
 * How fast one provider may be called, shared by every job of the process: a concurrency cap and a token
 * bucket at the configured rate. Rate-limit answers halve both and honour Retry-After; each 10 s without one
 * gives back a step, up to the configured limits. A provider is never hammered, whatever the number of jobs.
 */
export class ProviderGate {
  private limits: GateLimits
  private concurrency: number
  private rate: number
  private tokens: number
  private refilledAt: number
  private blockedUntil = 0
  /** When the last slow-down or recovery step happened; null while running at the configured limits. */
  private lastThrottleAt: number | null = null
  private inFlight = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    limits: GateLimits,
    private readonly now: () => number = Date.now
  ) {
    this.limits = { ...limits }
    this.concurrency = limits.concurrency
    this.rate = limits.ratePerSecond
    this.tokens = Math.min(1, this.burst())
    this.refilledAt = now()
  }

  /** New limits from the settings; a throttled gate keeps its reduced values until it recovers. */
  configure(limits: GateLimits): void {
    this.limits = { ...limits }
    this.concurrency = Math.min(this.concurrency, limits.concurrency)
    this.rate = Math.min(this.rate, limits.ratePerSecond)
    if (this.lastThrottleAt === null) {
      this.concurrency = limits.concurrency
      this.rate = limits.ratePerSecond
    }
    this.wake()
  }

  get current(): { concurrency: number; ratePerSecond: number; inFlight: number } {
    return { concurrency: this.concurrency, ratePerSecond: this.rate, inFlight: this.inFlight }
  }

  /** Waits for a free slot, then for a token. False when `signal` aborted first (nothing is held then). */
  async acquire(signal?: AbortSignal): Promise<boolean> {
    while (this.inFlight >= this.concurrency) {
      if (signal?.aborted) return false
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', cancel)
          resolve()
        }
        const cancel = (): void => {
          const at = this.waiting.indexOf(wake)
          if (at >= 0) this.waiting.splice(at, 1)
          resolve()
        }
        this.waiting.push(wake)
        signal?.addEventListener('abort', cancel, { once: true })
      })
    }
    if (signal?.aborted) return false
    this.inFlight++
    for (;;) {
      if (signal?.aborted) {
        this.release()
        return false
      }
      this.recover()
      this.refill()
      const now = this.now()
      const wait = Math.max(
        this.blockedUntil - now,
        this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000
      )
      if (wait <= 0) {
        this.tokens -= 1
        return true
      }
      await pause(Math.ceil(wait), signal)
    }
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1)
    this.wake()
  }

  /** The provider said "too many": slow down (multiplicative decrease) and respect its Retry-After. */
  throttled(retryAfterMs?: number): void {
    const now = this.now()
    // Requests already in flight when the limit hit answer 429 too: one slow-down per throttling episode.
    const alreadyThrottled = now < this.blockedUntil
    this.blockedUntil = Math.max(this.blockedUntil, now + (retryAfterMs ?? 1000))
    if (alreadyThrottled) return
    this.lastThrottleAt = now
    this.concurrency = Math.max(1, Math.floor(this.concurrency / 2))
    this.rate = Math.max(0.1, this.rate / 2)
    this.tokens = Math.min(this.tokens, 0)
  }

  private recover(): void {
    if (this.lastThrottleAt === null) return
    const now = this.now()
    if (now - this.lastThrottleAt < RECOVERY_STEP_MS) return
    this.lastThrottleAt = now
    this.concurrency = Math.min(this.limits.concurrency, this.concurrency + 1)
    this.rate = Math.min(this.limits.ratePerSecond, this.rate * 1.5)
    if (this.concurrency === this.limits.concurrency && this.rate === this.limits.ratePerSecond) {
      this.lastThrottleAt = null
    }
    this.wake()
  }

  private burst(): number {
    // A fifth of a second's worth of tokens: smooth at high rates, never more than one at a time at slow ones.
    return Math.max(1, this.rate / 5)
  }

  private refill(): void {
    const now = this.now()
    const elapsed = (now - this.refilledAt) / 1000
    this.refilledAt = now
    this.tokens = Math.min(this.burst(), this.tokens + elapsed * this.rate)
  }

  private wake(): void {
    let free = this.concurrency - this.inFlight
    while (free-- > 0 && this.waiting.length > 0) this.waiting.shift()?.()
  }
}

/** One gate per provider for the whole process. */
export class GateRegistry {
  private readonly gates = new Map<string, ProviderGate>()

  gate(provider: string, limits: GateLimits): ProviderGate {
    let gate = this.gates.get(provider)
    if (!gate) {
      gate = new ProviderGate(limits)
      this.gates.set(provider, gate)
    } else {
      gate.configure(limits)
    }
    return gate
  }
}
