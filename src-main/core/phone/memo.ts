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
 * One generation of the memo: results by region, then by text, numeric cells apart. Keyed in two steps so a
 * lookup hashes the text as it came (a string hashes once and keeps its hash) instead of building a joined key
 * for every call.
 */
class Generation {
  size = 0
  private readonly typed = new Map<string, Map<string, NumberResult>>()
  private readonly numeric = new Map<string, Map<string, NumberResult>>()

  get(region: string, fromNumericCell: boolean, text: string): NumberResult | undefined {
    return (fromNumericCell ? this.numeric : this.typed).get(region)?.get(text)
  }

  /** Only for a text this generation does not hold yet. */
  add(region: string, fromNumericCell: boolean, text: string, result: NumberResult): void {
    const byRegion = fromNumericCell ? this.numeric : this.typed
    let byText = byRegion.get(region)
    if (byText === undefined) {
      byText = new Map()
      byRegion.set(region, byText)
    }
    byText.set(text, result)
    this.size++
  }
}

/**
 * A bounded memo of number checks keyed by (region, numeric-cell flag, trimmed text). Two generations approximate
 * least-recently-used: when the young one fills it becomes the old one, and a hit in the old one moves back, so
 * the numbers a list repeats stay while one-off numbers age out. Results are frozen: every hit shares them.
 */
export class NumberMemo {
  private young = new Generation()
  private old = new Generation()
  private readonly limit: number
  private readonly parse: TextCheck

  constructor(options: NumberMemoOptions = {}) {
    // Small on purpose: every result the memo holds survives young-generation collections and is copied by
    // them, which on a list of mostly distinct numbers costs more than the hits save (measured on 100k rows: a 20k
    // bound spent 9% more CPU than 4k; 1k, with a 256-entry format memo, about 10–20% less than 4k with 2,000,
    // on a busy shared machine). Numbers a list repeats often stay, as hits move back to the young generation.
    this.limit = Math.max(1, options.limit ?? 1_000)
    this.parse = options.parse ?? checkNumberText
  }

  /** Same answer as `checkNumberText`; an arrow so it can be handed around as a TextCheck. */
  readonly check: TextCheck = (text, region, fromNumericCell) => {
    const trimmed = text.trim()
    let result = this.young.get(region, fromNumericCell, trimmed)
    if (result !== undefined) return result
    result = this.old.get(region, fromNumericCell, trimmed)
    if (result === undefined) result = Object.freeze(this.parse(trimmed, region, fromNumericCell))
    if (this.young.size >= this.limit) {
      this.old = this.young
      this.young = new Generation()
    }
    this.young.add(region, fromNumericCell, trimmed, result)
    return result
  }
}
