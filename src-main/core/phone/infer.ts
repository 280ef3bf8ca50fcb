// Which country a number written without a country code belongs to, decided from evidence instead of the default
// alone: the row (its country column, place names, other numbers' +CC), the list (which countries it evidently
// holds) and the number's own written shape. A reading that stays uncertain is marked, never picked silently.
import type { CellValue, LineType } from '../domain'
import { invalidKey, NON_ASCII, normalizeUnicode } from './clean-text'
import { extractNumbers } from './extract'
import { displayFormats, formatOne } from './format'
import { checkNumberText } from './check'
import type { TextCheck } from './types'
import { placeRegion } from './places'
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max'
import { mainCountryForCallingCode, resolveRegion, toRegion } from './regions'
import type { NumberResult } from './types'

/** The countries a list evidently holds, with each one's share of the evidence (0–1), most first. */
export interface ListProfile {
  regions: { region: string; share: number }[]
  /**
   * How the list writes each country's numbers: per written form ('999-9999-9999', digits as 9), how many
   * numbers of each country whose country was certain took that form.
   */
  shapes?: Record<string, Record<string, number>>
}

const ANY_DIGIT = /\d/g

/** A number's written form with its digits masked: '158-1979-5579' → '999-9999-9999'. */
export function writtenForm(raw: string): string {
  return normalized(raw).replace(ANY_DIGIT, '9')
}

export interface InferenceSettings {
  phoneColumns: number[]
  countryColumn: number | null
  /** Columns naming a place (city, address, country) whose text is evidence of the row's country. */
  placeColumns: number[]
  defaultRegion: string
}

// Types a contact list plausibly holds; the rest (personal, premium, pager…) are likelier a misreading.
const LIKELY_TYPES = new Set<LineType | null>([
  'mobile',
  'fixed_line',
  'fixed_line_or_mobile',
  'voip',
  'toll_free',
  'unknown'
])

/** A country is evident when it holds at least this many evidence items and this share of them. */
const EVIDENT_MIN_ITEMS = 3
const EVIDENT_MIN_SHARE = 0.01
/** The list's shares decide between two good readings only when one country outweighs the other this much. */
const DOMINANT_RATIO = 4
const DIGIT_RUN = /\d+/g

let regionNames: Intl.DisplayNames | undefined
// Intl.DisplayNames is slow per call and inferred notes name the same few countries on row after row.
const regionNameMemo = new Map<string, string>()

export function regionName(region: string): string {
  let name = regionNameMemo.get(region)
  if (name !== undefined) return name
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })
  try {
    name = regionNames.of(region) ?? region
  } catch {
    name = region
  }
  // Region codes come from metadata and country columns; the bound only guards against junk.
  if (regionNameMemo.size < 1_000) regionNameMemo.set(region, name)
  return name
}

const canonical = new Map<string, string>()

/**
 * Countries that share a calling code count as its main one for evidence: a British mobile that
 * libphonenumber places in Guernsey, or a Canadian city, is evidence of the same numbering plan.
 */
export function planRegion(region: string): string {
  let main = canonical.get(region)
  if (main === undefined) {
    const code = toRegion(region)
    main = code ? (mainCountryForCallingCode(getCountryCallingCode(code as CountryCode)) ?? region) : region
    canonical.set(region, main)
  }
  return main
}

function normalized(raw: string): string {
  return NON_ASCII.test(raw) ? normalizeUnicode(raw) : raw
}

/** Written with its country: a leading '+' or an international prefix (00, 011) before the digits. */
export function writtenWithCountryCode(raw: string): boolean {
  const text = normalized(raw)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 43) return true // '+'
    if (c >= 48 && c <= 57) return text.startsWith('00', i) || text.startsWith('011', i)
  }
  return false
}

function runLengths(text: string): number[] {
  return (text.match(DIGIT_RUN) ?? []).map((run) => run.length)
}

function sameRuns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i])
}

export type Shape = 'fit' | 'mismatch' | 'none'

/**
 * Whether the way the digits are grouped ('158-1979-5579', '(212) 555-0100') is how the reading's country
 * writes that number, nationally or internationally. Bare digits carry no such evidence.
 */
export function shapeOf(raw: string, reading: NumberResult): Shape {
  const runs = runLengths(normalized(raw))
  // Bare digits are most of a list: they are decided before any formatting is paid for.
  if (runs.length < 2 || !reading.e164) return 'none'
  const national = formatOne(reading.e164, 'national')
  if (national === null) return 'none'
  if (sameRuns(runs, runLengths(national))) return 'fit'
  // The whole international grouping counts ('86 138 1234 5678', '1-212-555-0100'); without its calling code
  // it does not: '(312) 729-7397' is not how China writes 0312 729 7397. Formatted only when needed.
  if (sameRuns(runs, runLengths(formatOne(reading.e164, 'international') as string))) return 'fit'
  return 'mismatch'
}

/**
 * good: a likely type, written the way its country writes it (or bare digits); misshapen: a likely type written
 * otherwise ('98765 43210' for India's 098765 43210); weak: valid only as an unlikely type (personal, premium…).
 */
type Quality = 'good' | 'misshapen' | 'weak' | 'invalid'

function quality(reading: NumberResult): Quality {
  if (reading.status !== 'unchecked' || !reading.e164) return 'invalid'
  if (!LIKELY_TYPES.has(reading.lineType)) return 'weak'
  return shapeOf(reading.raw, reading) === 'mismatch' ? 'misshapen' : 'good'
}

/** Countries that numbers written with a country code name: evidence for the list and for their row. */
function explicitRegion(result: NumberResult): string | null {
  return result.status === 'unchecked' && result.country && writtenWithCountryCode(result.raw)
    ? result.country
    : null
}

/**
 * Collects evidence of which countries a list holds: numbers written with a country code, country-column
 * values and place names, then national numbers that read well in exactly one of the countries found so far.
 */
export class ProfileBuilder {
  private readonly counts = new Map<string, number>()
  private readonly shapes = new Map<string, Map<string, number>>()
  private readonly national: string[] = []
  private items = 0
  private readonly places = new PlaceLookup()

  /** `check` reads one number text: checkNumberText, or a job's memo in front of it. */
  constructor(
    private readonly settings: InferenceSettings,
    private readonly check: TextCheck = checkNumberText
  ) {}

  add(cells: CellValue[]): void {
    const { countryColumn, placeColumns, phoneColumns, defaultRegion } = this.settings
    if (countryColumn !== null) this.count(this.places.country(cells[countryColumn]))
    for (const column of placeColumns) this.count(this.places.place(cells[column]))
    for (const column of phoneColumns) {
      const cell = cells[column] ?? null
      for (const result of extractNumbers(cell, defaultRegion, this.check)) {
        const explicit = explicitRegion(result)
        if (explicit) {
          this.count(explicit)
          this.countShape(result.raw, explicit)
        } else if (result.status !== 'invalid' || result.reason !== 'not_a_number')
          this.national.push(result.raw)
      }
    }
  }

  build(): ListProfile {
    // National numbers only weigh in among countries already evident, so a misreading cannot invent a country.
    const candidates = new Set([this.settings.defaultRegion, ...this.evident()])
    if (candidates.size > 1) {
      for (const raw of this.national) {
        let only: string | null = null
        let several = false
        for (const region of candidates) {
          const [reading] = extractNumbers(raw, region, this.check)
          if (reading && quality(reading) === 'good' && reading.country) {
            if (only !== null && only !== reading.country) several = true
            only = reading.country
          }
        }
        if (only && !several) {
          this.count(only)
          this.countShape(raw, only)
        }
      }
    }
    const evident = this.evident()
    const total = evident.reduce((sum, region) => sum + (this.counts.get(region) ?? 0), 0)
    return {
      regions: evident
        .map((region) => ({ region, share: total ? (this.counts.get(region) ?? 0) / total : 0 }))
        .sort((a, b) => b.share - a.share || a.region.localeCompare(b.region)),
      shapes: Object.fromEntries(
        [...this.shapes].map(([form, byRegion]) => [form, Object.fromEntries(byRegion)])
      )
    }
  }

  private countShape(raw: string, found: string): void {
    const region = planRegion(found)
    const form = writtenForm(raw)
    let byRegion = this.shapes.get(form)
    if (!byRegion) {
      // Free-text junk makes endless forms; real lists use a few dozen.
      if (this.shapes.size >= 500) return
      byRegion = new Map()
      this.shapes.set(form, byRegion)
    }
    byRegion.set(region, (byRegion.get(region) ?? 0) + 1)
  }

  private evident(): string[] {
    const threshold = Math.max(EVIDENT_MIN_ITEMS, this.items * EVIDENT_MIN_SHARE)
    return [...this.counts].filter(([, n]) => n >= threshold).map(([region]) => region)
  }

  private count(found: string | null): void {
    if (!found) return
    const region = planRegion(found)
    this.items++
    this.counts.set(region, (this.counts.get(region) ?? 0) + 1)
  }
}

/** Memoized country of a country cell and of a place cell (lists repeat the same few values). */
class PlaceLookup {
  private readonly countries = new Map<string, string | null>()
  private readonly placeNames = new Map<string, string | null>()

  country(value: CellValue | undefined): string | null {
    if (value === null || value === undefined || value === '') return null
    const key = String(value)
    let region = this.countries.get(key)
    if (region === undefined) {
      region = resolveRegion(value)
      if (this.countries.size < 50_000) this.countries.set(key, region)
    }
    return region
  }

  place(value: CellValue | undefined): string | null {
    if (typeof value !== 'string' || value.trim() === '') return null
    let region = this.placeNames.get(value)
    if (region === undefined) {
      region = placeRegion(value)
      // Addresses are mostly distinct: keep the memo bounded.
      if (this.placeNames.size < 50_000) this.placeNames.set(value, region)
    }
    return region
  }
}

interface Contender {
  region: string
  reading: NumberResult
}

/** The row's own evidence: its country column, place names and the countries of its numbers written with +CC. */
interface RowEvidence {
  /** What the row states outright: its chosen country column, and the countries of its numbers written with +CC. */
  stated: Map<string, string>
  /** Countries that place names in the row point to: weaker, a city column can be filled at random. */
  places: Set<string>
  /** Set when the row's region came from its country column rather than the default. */
  countryColumnRegion: string | null
}

/**
 * Reads the numbers of one row. Without a profile (a list with one evident country) it does what the plain
 * check does; with one, each national number is read in every evident country and the best-supported reading
 * wins, or the number is marked ambiguous.
 */
export class RegionInference {
  private readonly places = new PlaceLookup()
  private readonly shares: Map<string, number>
  private readonly listRegions: string[]
  private readonly shapes: Record<string, Record<string, number>>

  constructor(
    private readonly settings: InferenceSettings,
    profile: ListProfile | null,
    /** Reads one number text: checkNumberText, or a job's memo in front of it. */
    private readonly check: TextCheck = checkNumberText
  ) {
    this.shares = new Map((profile?.regions ?? []).map((r) => [r.region, r.share]))
    this.listRegions = (profile?.regions ?? []).map((r) => r.region)
    this.shapes = profile?.shapes ?? {}
  }

  /** Every number in the row's phone columns, each with the column it came from. */
  readRow(cells: CellValue[]): { column: number; result: NumberResult }[] {
    const { countryColumn, defaultRegion, phoneColumns, placeColumns } = this.settings
    const columnRegion = countryColumn === null ? null : this.places.country(cells[countryColumn])
    const rowRegion = columnRegion ?? defaultRegion
    const found: { column: number; result: NumberResult; cell: CellValue; index: number }[] = []
    for (const column of phoneColumns) {
      const cell = cells[column] ?? null
      extractNumbers(cell, rowRegion, this.check).forEach((result, index) =>
        found.push({ column, result, cell, index })
      )
    }
    const evidence: RowEvidence = { stated: new Map(), places: new Set(), countryColumnRegion: columnRegion }
    if (columnRegion) evidence.stated.set(planRegion(columnRegion), 'the row’s country column says so')
    for (const { result } of found) {
      const explicit = explicitRegion(result)
      if (explicit && !evidence.stated.has(planRegion(explicit))) {
        evidence.stated.set(planRegion(explicit), 'another number in the row has that country’s code')
      }
    }
    for (const column of placeColumns) {
      const region = this.places.place(cells[column])
      if (region) evidence.places.add(planRegion(region))
    }
    const candidates = new Set<string>()
    if (rowRegion !== defaultRegion) candidates.add(defaultRegion)
    for (const region of evidence.stated.keys()) candidates.add(region)
    for (const region of evidence.places) candidates.add(region)
    for (const region of this.listRegions) candidates.add(region)
    candidates.delete(rowRegion)
    const listed = [...candidates]
    const readings = new Map<string, NumberResult[]>()
    return found.map((entry) => {
      if (writtenWithCountryCode(entry.result.raw)) return entry
      const own = nanpReading(entry.result, rowRegion)
      const regions = own && !candidates.has(own) ? [...listed, own] : listed
      if (regions.length === 0) return entry
      const result = this.decide(entry, rowRegion, regions, evidence, readings)
      return { column: entry.column, result }
    })
  }

  private decide(
    entry: { column: number; result: NumberResult; cell: CellValue; index: number },
    rowRegion: string,
    candidates: string[],
    evidence: RowEvidence,
    cache: Map<string, NumberResult[]>
  ): NumberResult {
    const base = entry.result
    const good: Contender[] = []
    const misshapen: Contender[] = []
    const seen = new Set<string>(base.e164 ? [base.e164] : [])
    for (const region of candidates) {
      const key = `${entry.column}|${region}`
      let readings = cache.get(key)
      if (!readings) {
        readings = extractNumbers(entry.cell, region, this.check)
        cache.set(key, readings)
      }
      const reading = readings[entry.index]
      // A cell splits into the same pieces whatever the region; a different split means a different text.
      if (!reading || reading.raw !== base.raw) continue
      const q = quality(reading)
      if ((q !== 'good' && q !== 'misshapen') || seen.has(reading.e164 as string)) continue
      seen.add(reading.e164 as string)
      ;(q === 'good' ? good : misshapen).push({ region, reading })
    }
    // An oddly grouped number is still far better than none: it counts only where the default reads nothing.
    const alternatives = good.length > 0 || base.status !== 'invalid' ? good : misshapen
    if (alternatives.length === 0) return base
    const baseGood = quality(base) === 'good'
    const contenders = baseGood ? [{ region: rowRegion, reading: base }, ...alternatives] : alternatives
    const pick =
      contenders.length === 1 ? { contender: contenders[0], why: '' } : this.choose(contenders, evidence)
    if (!pick) return ambiguous(base, contenders)
    if (pick.contender.reading === base) return base
    return this.inferred(base, pick.contender, rowRegion, evidence, pick.why)
  }

  /** The one contender the row, then the written shape, then the list's shares single out; null when none. */
  /**
   * The one contender the evidence singles out, strongest first: what the row states (country column, +CC), how
   * the number itself is grouped, how the list writes numbers of that form, a place named in the row, and last
   * a clear majority of the list. Null when nothing does.
   */
  private choose(
    contenders: Contender[],
    evidence: RowEvidence
  ): { contender: Contender; why: string } | null {
    const stated = contenders.filter((c) => evidence.stated.has(planOf(c)))
    if (stated.length === 1)
      return { contender: stated[0], why: evidence.stated.get(planOf(stated[0])) ?? '' }
    const pool = stated.length > 1 ? stated : contenders
    const fitting = pool.filter((c) => shapeOf(c.reading.raw, c.reading) === 'fit')
    if (fitting.length === 1)
      return { contender: fitting[0], why: 'it is written the way that country writes its numbers' }
    const byForm = this.shapes[writtenForm(pool[0].reading.raw)]
    if (byForm) {
      const ranked = pool.map((c) => ({ c, n: byForm[planOf(c)] ?? 0 })).sort((a, b) => b.n - a.n)
      if (ranked[0].n >= EVIDENT_MIN_ITEMS && ranked[0].n >= DOMINANT_RATIO * ranked[1].n) {
        return { contender: ranked[0].c, why: 'this list writes that country’s numbers this way' }
      }
    }
    const placed = pool.filter((c) => evidence.places.has(planOf(c)))
    if (placed.length === 1) return { contender: placed[0], why: 'the row names a place there' }
    const ranked = pool
      .map((c) => ({ c, share: this.shares.get(planOf(c)) ?? 0 }))
      .sort((a, b) => b.share - a.share)
    if (ranked[0].share > 0 && ranked[0].share >= DOMINANT_RATIO * ranked[1].share) {
      return {
        contender: ranked[0].c,
        why: `${Math.round(ranked[0].share * 100)}% of the list is from there`
      }
    }
    return null
  }

  private inferred(
    base: NumberResult,
    chosen: Contender,
    rowRegion: string,
    evidence: RowEvidence,
    why: string
  ): NumberResult {
    const country = chosen.reading.country ?? chosen.region
    const baseText =
      base.status === 'unchecked'
        ? `As a number of ${regionName(rowRegion)} it would be ${international(base)} (${(base.lineType ?? '').replace(/_/g, ' ')})`
        : `Not a valid number of ${regionName(rowRegion)}`
    // The country column's reading failing and the default's fitting is the familiar, narrower case.
    if (
      evidence.countryColumnRegion &&
      chosen.region === this.settings.defaultRegion &&
      base.status !== 'unchecked'
    ) {
      const note = `Not a valid number for the row’s country ${rowRegion}; read with the default country ${chosen.region}`
      return {
        ...chosen.reading,
        reason: 'country_column_mismatch',
        note: joinNote(chosen.reading.note, note)
      }
    }
    const reasons = [why || this.defaultWhy(country, evidence)].filter(Boolean).join('; ')
    const note = `${baseText}; read as ${regionName(country)}${reasons ? ` (${reasons})` : ''}`
    return { ...chosen.reading, reason: 'region_inferred', note: joinNote(chosen.reading.note, note) }
  }

  private defaultWhy(country: string, evidence: RowEvidence): string {
    const stated = evidence.stated.get(planRegion(country))
    if (stated) return stated
    if (evidence.places.has(planRegion(country))) return 'the row names a place there'
    const share = this.shares.get(planRegion(country))
    if (share)
      return `no other country of this list reads it as an ordinary number; ${Math.round(share * 100)}% of the list is from there`
    return 'the only valid reading'
  }
}

// '(212) 555-0100', '212.555.0100', '1-212-555-0100': North America's way of grouping, distinct enough to try
// its reading even where the list gave no sign of North American numbers.
const NANP_FORM = /^(?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}$/

/** 'US' when a number grouped the North American way reads badly in the row's region, else null. */
function nanpReading(base: NumberResult, rowRegion: string): string | null {
  if (planRegion(rowRegion) === 'US' || quality(base) === 'good') return null
  return NANP_FORM.test(normalized(base.raw).trim()) ? 'US' : null
}

function planOf(contender: Contender): string {
  return planRegion(contender.reading.country ?? contender.region)
}

/** A valid reading as notes quote it ('+1 524 981 7734'). */
function international(reading: NumberResult): string | null {
  return reading.e164 ? (displayFormats(reading.e164)?.international ?? reading.e164) : null
}

function joinNote(first: string | null, second: string): string {
  return first ? `${first}; ${second.charAt(0).toLowerCase()}${second.slice(1)}` : second
}

function ambiguous(base: NumberResult, contenders: Contender[]): NumberResult {
  const readings = contenders
    .map((c) => `${international(c.reading)} (${regionName(c.reading.country ?? c.region)})`)
    .join(' or ')
  return {
    raw: base.raw,
    e164: null,
    status: 'unknown',
    reason: 'ambiguous_region',
    lineType: null,
    country: null,
    extension: base.extension,
    note: `Could be ${readings}; nothing on the row or in the list decides, so it is held back until you choose`,
    dedupeKey: invalidKey(base.raw),
    alternatives: contenders.map((c) => c.region)
  }
}
