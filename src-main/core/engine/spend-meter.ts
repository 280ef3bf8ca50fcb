// The spend meter of a paid run: what answers have cost so far (kept in the job's live state, per currency)
// and what requests in flight have reserved, so the spending cap is checked before a request leaves.
import type { ProviderRuntime } from '../providers/runtime'
import type { LiveResult } from '../providers/types'
import type { PersistedLive } from '../store/live-store'

export class SpendMeter {
  private readonly reserved = new Map<string, number>()

  constructor(private readonly live: PersistedLive) {}

  spent(currency: string): number {
    return this.live.spend.find((s) => s.currency === currency)?.amount ?? 0
  }

  /** Reserves the price of `lookups` requests; false, with nothing reserved, when they would pass the cap. */
  reserve(runtime: ProviderRuntime, lookups: number): boolean {
    const cap = this.live.plan.spendCap
    const cost = runtime.pricePerLookup * lookups
    const currency = runtime.currency
    const reserved = this.reserved.get(currency) ?? 0
    if (cap !== null && this.spent(currency) + reserved + cost > cap + 1e-9) return false
    this.reserved.set(currency, reserved + cost)
    return true
  }

  unreserve(runtime: ProviderRuntime, lookups: number): void {
    const currency = runtime.currency
    this.reserved.set(
      currency,
      Math.max(0, (this.reserved.get(currency) ?? 0) - runtime.pricePerLookup * lookups)
    )
  }

  /** Counts what an answer cost. */
  count(result: LiveResult): void {
    if (result.cost > 0 && result.currency) this.add(result.currency, result.cost, result.costEstimated)
  }

  /** Adds to the spend; a line that holds any estimated figure says so ("≈" in the UI and the CLI). */
  private add(currency: string, amount: number, estimated: boolean): void {
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
}

function round(amount: number): number {
  return Math.round(amount * 1e6) / 1e6
}

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(amount < 1 && amount > 0 ? 4 : 2)} ${currency}`
}
