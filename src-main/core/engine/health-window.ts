// Sliding windows over a paid run: how many of the last requests failed (the run pauses when a provider is in
// trouble, before more money goes to it) and how many answers arrive per second (shown while it runs).

/** The outcome of the last `size` requests (rate limits are not recorded: they say nothing of the provider's health). */
export class ErrorWindow {
  private readonly outcomes: boolean[] = []

  constructor(
    private readonly size: number,
    private readonly threshold: number
  ) {}

  /** Records one request; when the window is full and more than the threshold failed, how many failed. */
  record(ok: boolean): number | null {
    this.outcomes.push(ok)
    if (this.outcomes.length > this.size) this.outcomes.shift()
    if (ok || this.outcomes.length < this.size) return null
    const failed = this.outcomes.filter((o) => !o).length
    return failed / this.size > this.threshold ? failed : null
  }
}

/** Answers per second over the last few seconds, in 250 ms buckets (constant work however fast the run). */
export class RateWindow {
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
