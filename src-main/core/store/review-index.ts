// The results table of one job, held in memory as columns of small codes so that filtering, facet counts, sorting
// and paging a million rows take milliseconds: one pass over typed arrays instead of a SQL scan per facet. The
// index follows the store: rows the offline check appends are added, and any other change to the job's results
// (a paid answer, a chosen country) is seen through result_versions (migration 11) and read again.
import {
  CHECKED_AGE_DAYS,
  CHECKED_AGES,
  FACET_FIELDS,
  STATUSES,
  type CellValue,
  type FacetCount,
  type FacetField,
  type Facets,
  type ResultFilter,
  type ResultSort
} from '../domain'
import type { Db } from './db'

/** A row's reason, e164 and number fields, as the results table shows them (see results-repo.ts ROW). */
export const REVIEW_ROW_SQL = `SELECT r.row_index,
  r.status,
  IIF(r.number_id IS NULL, 'no_number', IIF(r.reason IS NULL, n.reason, NULLIF(r.reason, ''))) AS reason,
  COALESCE(r.e164s, n.e164) AS e164, n.line_type, n.country, n.carrier, n.provider, n.checked_at
  FROM job_rows r LEFT JOIN numbers n ON n.id = COALESCE(r.lead, r.number_id)`

/** Rows or numbers read per statement while the index is built or extended. */
const BUILD_PAGE_ROWS = 200_000
/** Facet values listed per field (the most frequent first). */
const FACET_LIMIT = 300
const HOUR_MS = 3_600_000
/** Search text is cut in chunks of this many rows (one string each). */
const SEARCH_CHUNK_ROWS = 4096

/** The text fields kept as codes into a dictionary of their values ('' for none). */
type CodedField = 'reasons' | 'countries' | 'lineTypes' | 'carriers' | 'providers'
const NUMBER_COLUMNS: Record<CodedField, string> = {
  reasons: 'reason',
  countries: 'country',
  lineTypes: 'line_type',
  carriers: 'carrier',
  providers: 'provider'
}
const CODED_FIELDS = Object.keys(NUMBER_COLUMNS) as CodedField[]

/**
 * A field's values, each with a code. In SQL a value's code is found with instr() in `text` (every value between
 * separators): reading a million rows as a few long strings of codes is several times faster than as row objects.
 */
class Dictionary {
  readonly values: string[] = ['']
  private readonly codes = new Map<string, number>([['', 0]])
  /** The separator-wrapped values, and the code at each value's position in that text. */
  text = '\u0001'
  private readonly byPosition = new Map<number, number>()

  code(value: string | null): number {
    if (value === null || value === '') return 0
    let code = this.codes.get(value)
    if (code === undefined) {
      code = this.values.length
      this.values.push(value)
      this.codes.set(value, code)
      // instr() finds '\u0001value\u0001' at the separator that ends the text so far (1-based).
      this.byPosition.set(this.text.length, code)
      this.text += `${value}\u0001`
    }
    return code
  }

  has(value: string): number | undefined {
    return this.codes.get(value)
  }

  /** The code of an instr() position in `text` (0, not found, stands for none). */
  atPosition(position: number): number {
    return this.byPosition.get(position) ?? 0
  }
}

/** A growable column of numbers. */
class Column<T extends Uint8Array | Uint16Array | Int32Array> {
  data: T
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024)
  }
  reserve(size: number): void {
    if (size <= this.data.length) return
    const bigger = this.make(Math.max(size, this.data.length * 2))
    bigger.set(this.data)
    this.data = bigger
  }
}

/** Where the job stood when the index read it: what changed decides between extending and reading again. */
export interface ReviewStamp {
  status: string
  done: number
  version: number
  offlineCheckedAt: string | null
}

/** The text a search looks through: chunks of rows, one line per row, and where each line starts. */
interface SearchChunk {
  /** Cells and E.164, ASCII letters lower-cased. */
  text: string
  textStarts: Int32Array
  /** The same lines' digits only (tabs kept between cells). */
  digits: string
  digitStarts: Int32Array
  /** The index position of the chunk's first row. */
  first: number
}

const STATUS_TEXT = `\u0001${STATUSES.join('\u0001')}\u0001`
/** instr() position of each status in STATUS_TEXT → its code. */
const STATUS_AT = new Map<number, number>()
{
  let at = 1
  STATUSES.forEach((status, code) => {
    STATUS_AT.set(at, code)
    at += status.length + 1
  })
}

/** Parses a text of hexadecimal fields ended by ',' or ';' into `out`; returns how many were read. */
function parseHex(text: string, out: Float64Array): number {
  let n = 0
  let value = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 44 || c === 59) {
      out[n++] = value
      value = 0
    } else value = value * 16 + (c <= 57 ? c - 48 : c - 87)
  }
  return n
}

export class ReviewIndex {
  size = 0
  stamp: ReviewStamp
  builtAt = 0
  private readonly rowIndex = new Column((n) => new Int32Array(n))
  /** Each row's number (its id within the job's range), -1 for a row without one. */
  private readonly numberOf = new Column((n) => new Int32Array(n))
  private readonly status = new Column((n) => new Uint8Array(n))
  private readonly coded: Record<CodedField, Column<Uint16Array | Int32Array>> = {
    reasons: new Column((n) => new Uint16Array(n)),
    countries: new Column((n) => new Uint16Array(n)),
    lineTypes: new Column((n) => new Uint16Array(n)),
    carriers: new Column((n) => new Int32Array(n)),
    providers: new Column((n) => new Uint16Array(n))
  }
  /** Hours since 1970 of each row's last check (0: unknown). */
  private readonly checkedHour = new Column((n) => new Int32Array(n))
  private readonly dictionaries: Record<CodedField, Dictionary> = {
    reasons: new Dictionary(),
    countries: new Dictionary(),
    lineTypes: new Dictionary(),
    carriers: new Dictionary(),
    providers: new Dictionary()
  }
  /** Per number (by id within the job's range): its coded fields and check hour. */
  private readonly numberCodes: Record<CodedField, Column<Uint16Array | Int32Array>> = {
    reasons: new Column((n) => new Uint16Array(n)),
    countries: new Column((n) => new Uint16Array(n)),
    lineTypes: new Column((n) => new Uint16Array(n)),
    carriers: new Column((n) => new Int32Array(n)),
    providers: new Column((n) => new Uint16Array(n))
  }
  private readonly numberHour = new Column((n) => new Int32Array(n))
  private numbersRead = 0
  /** Rows of several numbers keep their own list of E.164 ('; '-joined), by position. */
  private readonly ownE164 = new Map<number, string>()
  private numberE164: string[] | null = null
  private search: SearchChunk[] | null = null
  private readonly sortRanks = new Map<string, Int32Array>()
  private readonly filtered = new Map<string, Int32Array>()
  private ages: { hour: number; codes: Uint8Array } | null = null

  constructor(
    private readonly db: Db,
    private readonly seq: number,
    private readonly numberBase: number,
    stamp: ReviewStamp,
    private readonly cellsOfRange: (first: number, last: number) => Iterable<[number, CellValue[]]>
  ) {
    this.stamp = stamp
    this.extend(stamp)
  }

  /** Adds the numbers and rows stored after the last ones read (the offline check appends in row order). */
  extend(stamp: ReviewStamp): void {
    this.readNumbers(stamp)
    this.readRows()
    this.stamp = stamp
    this.builtAt = Date.now()
    this.search = null
    this.numberE164 = null
    this.sortRanks.clear()
    this.filtered.clear()
    this.ages = null
  }

  private readNumbers(stamp: ReviewStamp): void {
    const lo = this.numberBase + this.numbersRead
    const hi = this.numberBase + 2 ** 32 - 1
    // Every value the new numbers hold gets its code first, so instr() finds each one.
    for (const field of CODED_FIELDS) {
      const column = NUMBER_COLUMNS[field]
      const dictionary = this.dictionaries[field]
      for (const value of this.db
        .prepare(`SELECT DISTINCT ${column} FROM numbers WHERE id BETWEEN ? AND ?`)
        .pluck()
        .all(lo, hi) as (string | null)[])
        dictionary.code(value)
    }
    this.dictionaries.providers.code('offline')
    const offlineHour = hourOf(stamp.offlineCheckedAt)
    const d = this.dictionaries
    const page = this.db.prepare(
      `SELECT group_concat(printf('%x,%x,%x,%x,%x,%x,%x;', id - @base, instr(@reasons, char(1) || reason || char(1)),
         instr(@countries, char(1) || country || char(1)), instr(@lineTypes, char(1) || line_type || char(1)),
         instr(@carriers, char(1) || carrier || char(1)), instr(@providers, char(1) || provider || char(1)),
         COALESCE(CAST(julianday(checked_at) * 24 - 2440587.5 * 24 AS INTEGER), 0)), '') AS packed,
         MAX(id) AS last, COUNT(*) AS n
         FROM (SELECT * FROM numbers WHERE id BETWEEN @lo AND @hi ORDER BY id LIMIT @limit)`
    )
    const fields = new Float64Array(7 * BUILD_PAGE_ROWS)
    const offline = d.providers.has('offline') ?? 0
    for (let from = lo; ;) {
      const { packed, last, n } = page.get({
        base: this.numberBase,
        reasons: d.reasons.text,
        countries: d.countries.text,
        lineTypes: d.lineTypes.text,
        carriers: d.carriers.text,
        providers: d.providers.text,
        lo: from,
        hi,
        limit: BUILD_PAGE_ROWS
      }) as { packed: string | null; last: number | null; n: number }
      if (!packed || last === null) break
      const count = parseHex(packed, fields)
      const top = last - this.numberBase + 1
      for (const column of [...Object.values(this.numberCodes), this.numberHour]) column.reserve(top)
      const codes = this.numberCodes
      for (let i = 0; i < count; i += 7) {
        const id = fields[i]
        codes.reasons.data[id] = d.reasons.atPosition(fields[i + 1])
        codes.countries.data[id] = d.countries.atPosition(fields[i + 2])
        codes.lineTypes.data[id] = d.lineTypes.atPosition(fields[i + 3])
        codes.carriers.data[id] = d.carriers.atPosition(fields[i + 4])
        // A verdict without provider and time is the job's offline check's (results-repo.ts).
        codes.providers.data[id] = d.providers.atPosition(fields[i + 5]) || offline
        this.numberHour.data[id] = fields[i + 6] || offlineHour
      }
      this.numbersRead = Math.max(this.numbersRead, top)
      if (n < BUILD_PAGE_ROWS) break
      from = last + 1
    }
  }

  private readRows(): void {
    const page = this.db.prepare(
      `SELECT group_concat(printf('%x,%x,%x;', row_index, instr(@statuses, char(1) || status || char(1)),
         COALESCE(COALESCE(lead, number_id) - @base, -1) + 1), '') AS packed, MAX(row_index) AS last, COUNT(*) AS n
         FROM (SELECT * FROM job_rows WHERE job = @seq AND ordinal = 0 AND row_index > @after
         ORDER BY row_index LIMIT @limit)`
    )
    // The few rows whose reason or list of numbers is their own.
    const own = this.db.prepare(
      `SELECT row_index, number_id IS NULL AS none, reason, e164s FROM job_rows WHERE job = ? AND ordinal = 0
       AND row_index > ? AND (number_id IS NULL OR reason IS NOT NULL OR e164s IS NOT NULL) ORDER BY row_index`
    )
    const firstNew = this.size
    const after = this.size ? this.rowIndex.data[this.size - 1] : -1
    const fields = new Float64Array(3 * BUILD_PAGE_ROWS)
    for (let from = after; ;) {
      const { packed, last, n } = page.get({
        statuses: STATUS_TEXT,
        base: this.numberBase,
        seq: this.seq,
        after: from,
        limit: BUILD_PAGE_ROWS
      }) as { packed: string | null; last: number | null; n: number }
      if (!packed || last === null) break
      const count = parseHex(packed, fields)
      const size = this.size + count / 3
      for (const column of [
        this.rowIndex,
        this.numberOf,
        this.status,
        this.checkedHour,
        ...Object.values(this.coded)
      ])
        column.reserve(size)
      for (let i = 0; i < count; i += 3) {
        const at = this.size++
        const number = fields[i + 2] - 1
        this.rowIndex.data[at] = fields[i]
        this.status.data[at] = STATUS_AT.get(fields[i + 1]) ?? 0
        this.numberOf.data[at] = number
        if (number >= 0) {
          for (const field of CODED_FIELDS) this.coded[field].data[at] = this.numberCodes[field].data[number]
          this.checkedHour.data[at] = this.numberHour.data[number]
        }
      }
      if (n < BUILD_PAGE_ROWS) break
      from = last
    }
    // Row overrides, found by binary search among the new positions.
    const rowIndexes = this.rowIndex.data
    for (const row of own.all(this.seq, after) as {
      row_index: number
      none: number
      reason: string | null
      e164s: string | null
    }[]) {
      const at = findRow(rowIndexes, firstNew, this.size, row.row_index)
      if (at < 0) continue
      if (row.none) {
        this.coded.reasons.data[at] = this.dictionaries.reasons.code('no_number')
        this.coded.providers.data[at] = this.dictionaries.providers.code('offline')
        this.checkedHour.data[at] = hourOf(this.stamp.offlineCheckedAt)
      } else if (row.reason !== null) this.coded.reasons.data[at] = this.dictionaries.reasons.code(row.reason)
      if (row.e164s !== null) this.ownE164.set(at, row.e164s)
    }
  }

  /** The positions of the rows the filter keeps, in row order (cached: the table asks page after page). */
  matching(filter: ResultFilter, now = Date.now()): Int32Array {
    const key = JSON.stringify(normalizedFilter(filter))
    const cached = this.filtered.get(key)
    if (cached) return cached
    const candidates = this.searchHits(filter.search)
    const failed = this.failures(filter, candidates, now).failed
    let n = 0
    const count = candidates ? candidates.length : this.size
    for (let i = 0; i < count; i++) if (failed[i] === 0) n++
    const out = new Int32Array(n)
    n = 0
    for (let i = 0; i < count; i++) if (failed[i] === 0) out[n++] = candidates ? candidates[i] : i
    if (this.filtered.size >= 8) this.filtered.delete(this.filtered.keys().next().value as string)
    this.filtered.set(key, out)
    return out
  }

  /** The row indexes of a page of the filtered rows, in the sort's order. */
  page(filter: ResultFilter, sort: ResultSort | undefined, offset: number, limit: number): number[] {
    let positions = this.matching(filter)
    if (sort && !(sort.by === 'row' && !sort.descending)) positions = this.sorted(positions, sort)
    const rows: number[] = []
    for (let i = offset; i < Math.min(positions.length, offset + limit); i++)
      rows.push(this.rowIndex.data[positions[i]])
    return rows
  }

  /** Every field's counts with every other filter applied but its own, and the total the whole filter keeps. */
  facets(filter: ResultFilter, now = Date.now()): Facets {
    const candidates = this.searchHits(filter.search)
    const { failed, bits } = this.failures(filter, candidates, now)
    const count = candidates ? candidates.length : this.size
    let total = 0
    for (let i = 0; i < count; i++) if (failed[i] === 0) total++
    const facets = { total } as Facets
    for (const field of FACET_FIELDS) {
      const codes = this.codesOf(field, now)
      const values = this.valuesOf(field)
      const counts = new Float64Array(values.length)
      // A row counts for a field when no other filter fails it.
      const own = bits.get(field) ?? 0
      if (candidates) {
        for (let i = 0; i < count; i++) if ((failed[i] | own) === own) counts[codes[candidates[i]]]++
      } else {
        for (let i = 0; i < count; i++) if ((failed[i] | own) === own) counts[codes[i]]++
      }
      const list: FacetCount[] = []
      counts.forEach((n, code) => {
        if (n > 0) list.push({ value: values[code], count: n })
      })
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      facets[field] = list.slice(0, FACET_LIMIT)
    }
    return facets
  }

  /**
   * For each row (or each search candidate), a bit per narrowed field it fails; `bits` names each field's bit.
   * One tight loop per narrowed field over one column of codes.
   */
  private failures(
    filter: ResultFilter,
    candidates: Int32Array | null,
    now: number
  ): { failed: Uint8Array; bits: Map<FacetField, number> } {
    const count = candidates ? candidates.length : this.size
    const failed = new Uint8Array(count)
    const bits = new Map<FacetField, number>()
    for (const field of FACET_FIELDS) {
      const chosen = filter[field] as readonly string[] | undefined
      if (!chosen || chosen.length === 0) continue
      const bit = 1 << bits.size
      bits.set(field, bit)
      const values = this.valuesOf(field)
      const keep = filter.exclude?.includes(field) ? 0 : 1
      // fails[code] is 1 when a row holding that value is filtered out.
      const fails = new Uint8Array(values.length).fill(keep)
      for (const value of chosen) {
        const code =
          field === 'statuses' || field === 'checkedAges'
            ? values.indexOf(value)
            : this.dictionaries[field as CodedField].has(value)
        if (code !== undefined && code >= 0) fails[code] = 1 - keep
      }
      const codes = this.codesOf(field, now)
      if (candidates) {
        for (let i = 0; i < count; i++) if (fails[codes[candidates[i]]]) failed[i] |= bit
      } else {
        for (let i = 0; i < count; i++) if (fails[codes[i]]) failed[i] |= bit
      }
    }
    return { failed, bits }
  }

  private valuesOf(field: FacetField): readonly string[] {
    if (field === 'statuses') return STATUSES
    if (field === 'checkedAges') return CHECKED_AGES
    return this.dictionaries[field].values
  }

  /** Each row's code for a field (its index in valuesOf). */
  private codesOf(field: FacetField, now: number): ArrayLike<number> {
    if (field === 'statuses') return this.status.data
    if (field === 'checkedAges') return this.ageCodes(now)
    return this.coded[field].data
  }

  /** How long ago each row was checked, as CHECKED_AGES codes (kept for the hour). */
  private ageCodes(now: number): Uint8Array {
    const hour = Math.floor(now / HOUR_MS)
    if (this.ages?.hour === hour) return this.ages.codes
    const codes = new Uint8Array(this.size)
    const checked = this.checkedHour.data
    for (let at = 0; at < this.size; at++) codes[at] = ageCode(checked[at] ? (hour - checked[at]) / 24 : NaN)
    this.ages = { hour, codes }
    return codes
  }

  /** A row's E.164 text as the table shows it ('' for none). */
  private e164At(at: number): string {
    const own = this.ownE164.get(at)
    if (own !== undefined) return own
    const number = this.numberOf.data[at]
    if (number < 0) return ''
    return this.numbersE164()[number] ?? ''
  }

  /** Every number's E.164, read when a search or a sort first needs them. */
  private numbersE164(): string[] {
    if (this.numberE164) return this.numberE164
    const out: string[] = new Array(this.numbersRead)
    const page = this.db.prepare(
      `SELECT group_concat(printf('%x %s', id - ?, COALESCE(e164, '')), char(10)) AS packed, MAX(id) AS last,
         COUNT(*) AS n FROM (SELECT id, e164 FROM numbers WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?)`
    )
    const hi = this.numberBase + this.numbersRead - 1
    for (let from = this.numberBase; ;) {
      const { packed, last, n } = page.get(this.numberBase, from, hi, BUILD_PAGE_ROWS) as {
        packed: string | null
        last: number | null
        n: number
      }
      if (!packed || last === null) break
      for (const line of packed.split('\n')) {
        const space = line.indexOf(' ')
        out[parseInt(line.slice(0, space), 16)] = line.slice(space + 1)
      }
      if (n < BUILD_PAGE_ROWS) break
      from = last + 1
    }
    this.numberE164 = out
    return out
  }

  /**
   * The positions whose cells or E.164 hold the text, in either case; a search of digits alone
   * (with the usual phone punctuation) looks at digits only, so it finds a number however it was written.
   * Null: no search.
   */
  private searchHits(search: string | undefined): Int32Array | null {
    const text = search?.trim()
    if (!text) return null
    const chunks = this.searchChunks()
    const digits = text.replace(/\D/g, '')
    const byDigits = digits.length >= 3 && /^[+\d\s().\-/]+$/.test(text)
    const needle = byDigits ? digits : text.toLowerCase()
    const hit = new Uint8Array(this.size)
    let n = 0
    for (const chunk of chunks) {
      const haystack = byDigits ? chunk.digits : chunk.text
      const starts = byDigits ? chunk.digitStarts : chunk.textStarts
      for (let from = haystack.indexOf(needle); from >= 0;) {
        const line = lastAtOrBefore(starts, from)
        if (!hit[chunk.first + line]) n++
        hit[chunk.first + line] = 1
        // The rest of this line cannot add anything: go on from the next line's start.
        const next = line + 1 < starts.length ? starts[line + 1] : haystack.length
        from = haystack.indexOf(needle, next)
      }
    }
    const out = new Int32Array(n)
    n = 0
    for (let at = 0; at < this.size; at++) if (hit[at]) out[n++] = at
    return out
  }

  /** Built on the first search: each row's cells and E.164 as one line, and the same lines' digits. */
  private searchChunks(): SearchChunk[] {
    if (this.search) return this.search
    const chunks: SearchChunk[] = []
    let lines: string[] = []
    let starts: number[] = []
    let length = 0
    let first = 0
    const flush = (): void => {
      if (lines.length === 0) return
      // Lower-cased whole: a search ignores case. A letter whose lower case is longer (rare) moves the lines.
      const text = lines.join('').toLowerCase()
      const textStarts = text.length === length ? Int32Array.from(starts) : lineStarts(text)
      // Digits of each cell apart (tabs kept), so a digit search never joins two cells.
      const digits = text.replace(/[^\d\t\n]+/g, '')
      chunks.push({ text, textStarts, digits, digitStarts: lineStarts(digits), first })
      lines = []
      starts = []
      length = 0
    }
    const add = (at: number, cells: readonly CellValue[] | null): void => {
      if (lines.length === 0) first = at
      let text = cells ? cells.join('\t') : ''
      if (text.includes('\n') || text.includes('\r')) text = text.replace(/[\n\r]/g, ' ')
      const line = `${text}\t${this.e164At(at)}\n`
      starts.push(length)
      lines.push(line)
      length += line.length
      if (lines.length >= SEARCH_CHUNK_ROWS) flush()
    }
    let next = 0
    if (this.size > 0) {
      const rowIndexes = this.rowIndex.data
      for (const [rowIndex, cells] of this.cellsOfRange(rowIndexes[0], rowIndexes[this.size - 1])) {
        // Rows come in order; a result row whose source row is missing is searched by its E.164 alone.
        while (next < this.size && rowIndexes[next] < rowIndex) add(next++, null)
        if (next < this.size && rowIndexes[next] === rowIndex) add(next++, cells)
      }
    }
    while (next < this.size) add(next++, null)
    flush()
    this.search = chunks
    return chunks
  }

  /** The positions in the sort's order (stable: ties keep row order, also descending). */
  private sorted(positions: Int32Array, sort: ResultSort): Int32Array {
    const ranks = this.ranksFor(sort.by)
    const sign = sort.descending ? -1 : 1
    const order = Array.from(positions)
    // Empty values stay last in both directions, as in a spreadsheet.
    order.sort((a, b) => {
      const ra = ranks[a]
      const rb = ranks[b]
      if (ra === rb) return a - b
      if (ra === EMPTY_RANK) return 1
      if (rb === EMPTY_RANK) return -1
      return sign * (ra - rb)
    })
    return Int32Array.from(order)
  }

  /** Every row's place in the order of one column's values (cached per column). */
  private ranksFor(by: ResultSort['by']): Int32Array {
    const key = String(by)
    const known = this.sortRanks.get(key)
    if (known) return known
    const ranks = new Int32Array(this.size)
    if (by === 'row') {
      for (let at = 0; at < this.size; at++) ranks[at] = at
    } else if (by === 'status') {
      ranks.set(this.status.data.subarray(0, this.size))
    } else if (by === 'checkedAt') {
      // Unknown times last.
      const hours = this.checkedHour.data
      for (let at = 0; at < this.size; at++) ranks[at] = hours[at] || EMPTY_RANK
    } else if (by === 'e164') {
      const e164 = Array.from({ length: this.size }, (_, at) => this.e164At(at))
      rankBy(
        ranks,
        this.size,
        (a, b) => textOrder(e164[a], e164[b]),
        (a) => e164[a] === ''
      )
    } else if (typeof by === 'number') {
      const keys: CellValue[] = new Array(this.size).fill(null)
      const rowIndexes = this.rowIndex.data
      let at = 0
      if (this.size > 0) {
        for (const [rowIndex, cells] of this.cellsOfRange(rowIndexes[0], rowIndexes[this.size - 1])) {
          while (at < this.size && rowIndexes[at] < rowIndex) at++
          if (at < this.size && rowIndexes[at] === rowIndex) keys[at] = cells[by] ?? null
        }
      }
      rankBy(
        ranks,
        this.size,
        (a, b) => cellOrder(keys[a], keys[b]),
        (a) => keys[a] === null || keys[a] === ''
      )
    } else {
      // A coded field: its values in text order, none last.
      const field = (
        {
          country: 'countries',
          lineType: 'lineTypes',
          reason: 'reasons',
          carrier: 'carriers',
          provider: 'providers'
        } as const
      )[by]
      const values = this.dictionaries[field].values
      const order = values.map((_, code) => code).sort((a, b) => textOrder(values[a], values[b]))
      const place = new Int32Array(values.length)
      order.forEach((code, i) => (place[code] = i))
      const data = this.coded[field].data
      for (let at = 0; at < this.size; at++) ranks[at] = data[at] === 0 ? EMPTY_RANK : place[data[at]]
    }
    this.sortRanks.set(key, ranks)
    return ranks
  }
}

/** The position of a row index among positions [from, to) (row indexes ascending), or -1. */
function findRow(rowIndexes: Int32Array, from: number, to: number, rowIndex: number): number {
  let lo = from
  let hi = to - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (rowIndexes[mid] === rowIndex) return mid
    if (rowIndexes[mid] < rowIndex) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Where each line of a text starts. */
function lineStarts(text: string): Int32Array {
  const starts: number[] = [0]
  for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1))
    starts.push(at + 1)
  return Int32Array.from(starts)
}

function hourOf(iso: string | null): number {
  if (!iso) return 0
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? 0 : Math.floor(ms / HOUR_MS)
}

/** The rank of an empty value: sorted last whichever the direction. */
const EMPTY_RANK = 2 ** 31 - 1

/** Gives each position its rank under `compare` (equal values share a rank; empty ones EMPTY_RANK). */
function rankBy(
  ranks: Int32Array,
  size: number,
  compare: (a: number, b: number) => number,
  isEmpty: (a: number) => boolean
): void {
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => compare(a, b) || a - b)
  let rank = 0
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && compare(order[i - 1], order[i]) !== 0) rank++
    ranks[order[i]] = isEmpty(order[i]) ? EMPTY_RANK : rank
  }
}

/** Text order with empty values last. */
function textOrder(a: string, b: string): number {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  return a < b ? -1 : 1
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Numbers before text, both in natural order; empty cells last. */
function cellOrder(a: CellValue, b: CellValue): number {
  const emptyA = a === null || a === ''
  const emptyB = b === null || b === ''
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return collator.compare(String(a), String(b))
}

function ageCode(daysAgo: number): number {
  if (Number.isNaN(daysAgo)) return CHECKED_AGES.length - 1
  if (daysAgo < CHECKED_AGE_DAYS.day) return 0
  if (daysAgo < CHECKED_AGE_DAYS.week) return 1
  if (daysAgo < CHECKED_AGE_DAYS.month) return 2
  if (daysAgo < CHECKED_AGE_DAYS.quarter) return 3
  return 4
}

/** The index of the last start at or before `offset`. */
function lastAtOrBefore(starts: Int32Array, offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The filter without its order-free differences, as a cache key. */
function normalizedFilter(filter: ResultFilter): unknown {
  const out: Record<string, unknown> = {}
  for (const field of FACET_FIELDS) {
    const values = filter[field] as string[] | undefined
    if (values?.length) out[field] = [...values].sort()
  }
  if (filter.exclude?.length) out.exclude = [...filter.exclude].sort()
  const search = filter.search?.trim()
  if (search) out.search = search
  return out
}
