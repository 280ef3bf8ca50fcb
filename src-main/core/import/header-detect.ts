import type { CellValue } from '../domain'
import { phoneSignal } from './column-detect'
import { columnLetter } from '../domain/columns'
import { isBlank, type IndexedRow } from './table'

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_RE = /^(https?:\/\/|www\.)/i
const NUMERIC_RE = /^[-+]?[\d\s.,']+%?$/
const DATE_RE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/

/** A cell that could be a column title: short text that is not a number, a phone, a date, an address. */
function headerLike(value: CellValue): boolean {
  if (typeof value !== 'string') return false
  const text = value.trim()
  if (text.length === 0 || text.length > 100) return false
  if (NUMERIC_RE.test(text) || DATE_RE.test(text) || EMAIL_RE.test(text) || URL_RE.test(text)) return false
  if (phoneSignal(text) === 'phone') return false
  return true
}

function filled(cells: CellValue[]): number {
  let n = 0
  for (const v of cells) if (!isBlank(v)) n++
  return n
}

function repeatedBelow(cells: CellValue[], following: IndexedRow[]): number {
  let n = 0
  cells.forEach((v, c) => {
    if (isBlank(v)) return
    const text = String(v).trim()
    if (following.some((r) => !isBlank(r.cells[c]) && String(r.cells[c]).trim() === text)) n++
  })
  return n
}

const MAX_CANDIDATES = 10
const LOOKAHEAD = 20

/**
 * Finds the header: the first row (after blank rows and sparse title lines) made mostly of short text, as wide as
 * the rows that follow it. A first row that already holds data (numbers, phones, e-mails) means no header at all.
 */
export function detectHeaderRow(rows: IndexedRow[]): number | null {
  for (let k = 0; k < Math.min(rows.length, MAX_CANDIDATES); k++) {
    const { index, cells } = rows[k]
    const following = rows.slice(k + 1, k + 1 + LOOKAHEAD)
    if (following.length === 0) return null
    const count = filled(cells)
    let textCells = 0
    for (const v of cells) if (!isBlank(v) && headerLike(v)) textCells++
    const width = Math.max(...following.map((r) => filled(r.cells)))
    if (count > 0 && textCells / count >= 0.8 && count >= Math.ceil(width * 0.5)) {
      // Column titles do not come back as values in their own column; a row whose cells do is data.
      return repeatedBelow(cells, following) * 2 >= count ? null : index
    }
    if (textCells < count) return null
  }
  return null
}

/** Header names as the export will write them: trimmed text, the column letter where the cell is empty. */
export function headerNames(cells: CellValue[] | null, width: number): string[] {
  const out: string[] = []
  for (let c = 0; c < width; c++) {
    const v = cells?.[c]
    const text = v === null || v === undefined ? '' : String(v).trim()
    out.push(text || columnLetter(c))
  }
  return out
}

/** The same names made unique for display: a repeated 'Phone' becomes 'Phone (2)'. */
export function uniqueHeaders(names: string[]): string[] {
  const seen = new Map<string, number>()
  const taken = new Set(names)
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    if (n === 1) return name
    let k = n
    let candidate = `${name} (${k})`
    while (taken.has(candidate)) candidate = `${name} (${++k})`
    taken.add(candidate)
    return candidate
  })
}
