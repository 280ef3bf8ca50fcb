// Which country a number written without a country code belongs to, decided from evidence instead of the default
// alone: the row (its country column, place names, other numbers' +CC), the list (which countries it evidently
// holds) and the number's own written shape. A reading that stays uncertain is marked, never picked silently.
import type { CellValue, LineType } from '../domain'
import { invalidKey, NON_ASCII, normalizeUnicode } from './clean-text'
import { extractNumbers, isOnePiece } from './extract'
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

/** The lengths of a text's runs of ASCII digits (what /\d+/g finds): '(212) 555-0100' → [3, 3, 4]. */
function runLengths(text: string): number[] {
  const runs: number[] = []
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) run++
    else if (run > 0) {
      runs.push(run)
      run = 0
    }
  }
  if (run > 0) runs.push(run)
  return runs
}

/** Whether a text's digit runs are exactly `runs`; compares while scanning, so the text's own list is never built. */
function hasRuns(text: string, runs: readonly number[]): boolean {
  let next = 0
  let run = 0
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0
    if (c >= 48 && c <= 57) run++
    else if (run > 0) {
      if (runs[next] !== run) return false
      next++
      run = 0
    }
  }
  return next === runs.length
}

export type Shape = 'fit' | 'mismatch' | 'none'

/**
 * Whether the way the digits are grouped ('158-1979-5579', '(212) 555-0100') is how the reading's country
 * writes that number, nationally or internationally. Bare digits carry no such evidence.
 */
export function shapeOf(raw: string, reading: NumberResult): Shape {
  return shapeOfRuns(runLengths(normalized(raw)), reading)
}

/** shapeOf with the raw text's digit runs already counted (every reading of one text shares them). */
function shapeOfRuns(runs: readonly number[], reading: NumberResult): Shape {
  // Bare digits are most of a list: they are decided before any formatting is paid for.
  if (runs.length < 2 || !reading.e164) return 'none'
  const national = formatOne(reading.e164, 'national')
  if (national === null) return 'none'
  if (hasRuns(national, runs)) return 'fit'
  // The whole international grouping counts ('86 138 1234 5678', '1-212-555-0100'); without its calling code
  // it does not: '(312) 729-7397' is not how China writes 0312 729 7397. Formatted only when needed.
  if (hasRuns(formatOne(reading.e164, 'international') as string, runs)) return 'fit'
  return 'mismatch'
}

// A reading's grade: its quality and, where it was judged, its shape, as one small number kept per contender, so
// the choice between readings never formats or scans a number twice. Good: a likely type, written the way its
// country writes it (or bare digits); misshapen: a likely type written otherwise ('98765 43210' for India's
// 098765 43210); weak: valid only as an unlikely type (personal, premium…).
const INVALID = 0
const WEAK = 1
const MISSHAPEN = 2
/** Good, its grouping says nothing (bare digits). */
const GOOD = 3
/** Good, and grouped the way its country writes it. */
const GOOD_FIT = 4
type Grade = 0 | 1 | 2 | 3 | 4

/** `runs`: the reading's raw text's digit runs when the caller has them, else null. */
function grade(reading: NumberResult, runs: readonly number[] | null): Grade {
  if (reading.status !== 'unchecked' || !reading.e164) return INVALID
  if (!LIKELY_TYPES.has(reading.lineType)) return WEAK
  const shape = shapeOfRuns(runs ?? runLengths(normalized(reading.raw)), reading)
  return shape === 'mismatch' ? MISSHAPEN : shape === 'fit' ? GOOD_FIT : GOOD
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
  /**
   * At the same index: the number's reading in the default region when build() may reuse it (a typed cell's text
   * that is one piece reads the same again), else null.
   */
  private readonly nationalReading: (NumberResult | null)[] = []
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
        } else if (result.status !== 'invalid' || result.reason !== 'not_a_number') {
          this.national.push(result.raw)
          this.nationalReading.push(typeof cell === 'string' && isOnePiece(result.raw) ? result : null)
        }
      }
    }
  }

  build(): ListProfile {
    // National numbers only weigh in among countries already evident, so a misreading cannot invent a country.
    const candidates = new Set([this.settings.defaultRegion, ...this.evident()])
    if (candidates.size > 1) {
      const { defaultRegion } = this.settings
      for (let i = 0; i < this.national.length; i++) {
        const raw = this.national[i]
        let only: string | null = null
        let several = false
        // Every reading of a one-piece text has that text as its raw: its digit runs are counted once.
        let runs: number[] | null = null
        for (const region of candidates) {
          const known = region === defaultRegion ? this.nationalReading[i] : null
          const reading = known ?? extractNumbers(raw, region, this.check)[0]
          if (!reading || !reading.country) continue
          if (grade(reading, reading.raw === raw ? (runs ??= runLengths(normalized(raw))) : null) >= GOOD) {
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
  /** Good (fitting its country's grouping or not) or misshapen: the grouping is evidence between readings. */
  grade: Grade
}

/**
 * The row's own evidence: its country column, place names and the countries of its numbers written with +CC.
 * Rows hold one or two of each, so short arrays serve where a Map and a Set per row cost more to build.
 */
class RowEvidence {
  /** What the row states outright (its chosen country column, the countries of its numbers written with +CC)… */
  private readonly statedRegions: string[] = []
  /** …and why, at the same index. */
  private readonly statedWhy: string[] = []
  /** Countries that place names in the row point to: weaker, a city column can be filled at random. */
  readonly places: string[] = []

  /** `countryColumnRegion`: set when the row's region came from its country column rather than the default. */
  constructor(readonly countryColumnRegion: string | null) {}

  /** The first reason given for a region stands. */
  state(region: string, why: string): void {
    if (this.statedRegions.indexOf(region) < 0) {
      this.statedRegions.push(region)
      this.statedWhy.push(why)
    }
  }

  stated(region: string): string | undefined {
    const at = this.statedRegions.indexOf(region)
    return at < 0 ? undefined : this.statedWhy[at]
  }

  get statedList(): readonly string[] {
    return this.statedRegions
  }

  place(region: string): void {
    if (this.places.indexOf(region) < 0) this.places.push(region)
  }

  hasPlace(region: string): boolean {
    return this.places.indexOf(region) >= 0
  }
}

/** One number of a row, as read in the row's region, with what its decision needs. */
interface Found {
  column: number
  result: NumberResult
  cell: CellValue
  /** Its place among the numbers of its cell. */
  index: number
  withCode: boolean
  /** The digit runs of its raw text, once counted. */
  runs: number[] | null
  /** The grade of its reading in the row's region, once judged (-1 before). */
  baseGrade: Grade | -1
}

function runsOf(entry: Found): number[] {
  return (entry.runs ??= runLengths(normalized(entry.result.raw)))
}

function baseGradeOf(entry: Found): Grade {
  if (entry.baseGrade === -1) entry.baseGrade = grade(entry.result, runsOf(entry))
  return entry.baseGrade
}

/** Adds a region to the row's candidates once, never the row's own region. */
function addCandidate(candidates: string[], region: string, rowRegion: string): void {
  if (region !== rowRegion && candidates.indexOf(region) < 0) candidates.push(region)
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
    const found: Found[] = []
    let national = 0
    for (const column of phoneColumns) {
      const cell = cells[column] ?? null
      const results = extractNumbers(cell, rowRegion, this.check)
      for (let index = 0; index < results.length; index++) {
        const result = results[index]
        const withCode = writtenWithCountryCode(result.raw)
        if (!withCode) national++
        found.push({ column, result, cell, index, withCode, runs: null, baseGrade: -1 })
      }
    }
    // Numbers written with their country code are read as written; the row's evidence is for the others.
    if (national === 0) return found
    const evidence = new RowEvidence(columnRegion)
    if (columnRegion) evidence.state(planRegion(columnRegion), 'the row’s country column says so')
    for (const { result, withCode } of found) {
      if (withCode && result.status === 'unchecked' && result.country) {
        evidence.state(planRegion(result.country), 'another number in the row has that country’s code')
      }
    }
    for (const column of placeColumns) {
      const region = this.places.place(cells[column])
      if (region) evidence.place(planRegion(region))
    }
    const listed: string[] = []
    if (rowRegion !== defaultRegion) addCandidate(listed, defaultRegion, rowRegion)
    for (const region of evidence.statedList) addCandidate(listed, region, rowRegion)
    for (const region of evidence.places) addCandidate(listed, region, rowRegion)
    for (const region of this.listRegions) addCandidate(listed, region, rowRegion)
    // A cell of one number is read once per region anyway; several share the reads of their cell.
    const readings = found.length > 1 ? new Map<string, NumberResult[]>() : null
    for (const entry of found) {
      if (entry.withCode) continue
      // The North American reading only matters when the row's candidates lack it (and judging it may format).
      const own = listed.indexOf('US') < 0 ? nanpReading(entry, rowRegion) : null
      const regions = own ? [...listed, own] : listed
      if (regions.length === 0) continue
      entry.result = this.decide(entry, rowRegion, regions, evidence, readings)
    }
    return found
  }

  private decide(
    entry: Found,
    rowRegion: string,
    candidates: string[],
    evidence: RowEvidence,
    cache: Map<string, NumberResult[]> | null
  ): NumberResult {
    const base = entry.result
    let good: Contender[] | null = null
    let misshapen: Contender[] | null = null
    // The E.164 numbers read so far: another region reading the same number adds no contender.
    const seen: string[] = base.e164 ? [base.e164] : []
    for (const region of candidates) {
      let reading: NumberResult | undefined
      if (cache === null) reading = extractNumbers(entry.cell, region, this.check)[entry.index]
      else {
        const key = `${entry.column}|${region}`
        let readings = cache.get(key)
        if (!readings) {
          readings = extractNumbers(entry.cell, region, this.check)
          cache.set(key, readings)
        }
        reading = readings[entry.index]
      }
      // A cell splits into the same pieces whatever the region; a different split means a different text.
      if (!reading || reading.raw !== base.raw) continue
      // A number already read needs no judging (and an invalid reading is never a contender).
      if (reading.e164 === null || seen.indexOf(reading.e164) >= 0) continue
      const g = grade(reading, runsOf(entry))
      if (g < MISSHAPEN) continue
      seen.push(reading.e164 as string)
      const contender: Contender = { region, reading, grade: g }
      if (g >= GOOD) (good ??= []).push(contender)
      else (misshapen ??= []).push(contender)
    }
    // An oddly grouped number is still far better than none: it counts only where the default reads nothing.
    const contenders = good !== null || base.status !== 'invalid' ? good : misshapen
    if (contenders === null) return base
    const baseGrade = baseGradeOf(entry)
    if (baseGrade >= GOOD) contenders.unshift({ region: rowRegion, reading: base, grade: baseGrade })
    if (contenders.length === 1) {
      return contenders[0].reading === base
        ? base
        : this.inferred(base, contenders[0], rowRegion, evidence, '')
    }
    const pick = this.choose(contenders, evidence)
    if (!pick) return ambiguous(base, contenders)
    if (pick.contender.reading === base) return base
    return this.inferred(base, pick.contender, rowRegion, evidence, pick.why)
  }

  /**
   * The one contender the evidence singles out, strongest first: what the row states (country column, +CC), how
   * the number itself is grouped, how the list writes numbers of that form, a place named in the row, and last
   * a clear majority of the list. Null when nothing does.
   */
  private choose(
    contenders: Contender[],
    evidence: RowEvidence
  ): { contender: Contender; why: string } | null {
    const stated = contenders.filter((c) => evidence.stated(planOf(c)) !== undefined)
    if (stated.length === 1) return { contender: stated[0], why: evidence.stated(planOf(stated[0])) ?? '' }
    const pool = stated.length > 1 ? stated : contenders
    // Every contender was graded on the same text's grouping: a fitting one is shapeOf's 'fit'.
    const fitting = pool.filter((c) => c.grade === GOOD_FIT)
    if (fitting.length === 1)
      return { contender: fitting[0], why: 'it is written the way that country writes its numbers' }
    const byForm = this.shapes[writtenForm(pool[0].reading.raw)]
    if (byForm) {
      const ranked = pool.map((c) => ({ c, n: byForm[planOf(c)] ?? 0 })).sort((a, b) => b.n - a.n)
      if (ranked[0].n >= EVIDENT_MIN_ITEMS && ranked[0].n >= DOMINANT_RATIO * ranked[1].n) {
        return { contender: ranked[0].c, why: 'this list writes that country’s numbers this way' }
      }
    }
    const placed = pool.filter((c) => evidence.hasPlace(planOf(c)))
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
    const stated = evidence.stated(planRegion(country))
    if (stated) return stated
    if (evidence.hasPlace(planRegion(country))) return 'the row names a place there'
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
function nanpReading(entry: Found, rowRegion: string): string | null {
  if (planRegion(rowRegion) === 'US' || !NANP_FORM.test(normalized(entry.result.raw).trim())) return null
  // The grouping first: judging the reading may format it.
  return baseGradeOf(entry) >= GOOD ? null : 'US'
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
