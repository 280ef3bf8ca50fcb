// Each number text is parsed once per job: lists repeat numbers (duplicates, the same switchboard on many rows),
// and the region inference reads one text under several countries, more than once when rows share it.
import { checkNumberText } from './check'
import type { NumberResult, TextCheck } from './types'

export type { TextCheck }

export interface NumberMemoOptions {
  /** Entries kept per generation; up to twice as many are held. */
  limit?: number
  /** The check behind the memo (tests count calls through it). */
  parse?: TextCheck
}

/**
 * A bounded memo of number checks keyed by (region, numeric-cell flag, trimmed text). Two generations approximate
 * least-recently-used: when the young one fills it becomes the old one, and a hit in the old one moves back, so
 * the numbers a list repeats stay while one-off numbers age out. Results are frozen: every hit shares them.
 */
export class NumberMemo {
  private young = new Map<string, NumberResult>()
  private old = new Map<string, NumberResult>()
  private readonly limit: number
  private readonly parse: TextCheck

  constructor(options: NumberMemoOptions = {}) {
    // Small on purpose: a result held across many young-generation collections is copied by each of them, and
    // on a 100k-row list a 20k bound spent more in the garbage collector than its extra hits saved (measured:
    // 7% more parses, 9% less CPU). Numbers a list repeats often stay, as hits move back to the young generation.
    this.limit = Math.max(1, options.limit ?? 4_000)
    this.parse = options.parse ?? checkNumberText
  }

  /** Same answer as `checkNumberText`; an arrow so it can be handed around as a TextCheck. */
  readonly check: TextCheck = (text, region, fromNumericCell) => {
    const trimmed = text.trim()
    const key = `${region}${fromNumericCell ? '#' : ':'}${trimmed}`
    let result = this.young.get(key)
    if (result !== undefined) return result
    result = this.old.get(key)
    if (result === undefined) result = Object.freeze(this.parse(trimmed, region, fromNumericCell))
    if (this.young.size >= this.limit) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, result)
    return result
  }
}
