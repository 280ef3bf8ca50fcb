import { utils, write, type CellObject, type WorkSheet } from 'xlsx'
import type { CellValue, ResultRow } from '@contract/types'
import { resultValues } from './columns'
import { checkRowWidth, ExportLimitError, type Layout } from './layout'
import type { Progress } from './progress'

/** Excel's worksheet limits; SheetJS would silently cut a larger range instead of failing. */
export const XLSX_MAX_ROWS = 1_048_576
export const XLSX_MAX_COLUMNS = 16_384
export const XLSX_MAX_TEXT = 32_767

const SHEET_NAME_MAX = 31
const SHEET_NAME_FORBIDDEN = '[]:*?/\\'

/** Excel refuses a workbook whose sheet name breaks these rules, so the original name is adapted, not rejected. */
export function sanitizeSheetName(name: string, fallback = 'Sheet1'): string {
  let clean = ''
  for (const ch of String(name ?? '')) {
    const code = ch.charCodeAt(0)
    clean += code < 0x20 || code === 0x7f || SHEET_NAME_FORBIDDEN.includes(ch) ? '_' : ch
  }
  clean = clean.replace(/^'+|'+$/g, '')
  if (clean.length > SHEET_NAME_MAX) {
    clean = clean.slice(0, SHEET_NAME_MAX)
    // Do not leave half of a surrogate pair behind.
    if (/[\ud800-\udbff]$/.test(clean)) clean = clean.slice(0, -1)
    clean = clean.replace(/'+$/, '')
  }
  if (clean.trim() === '') return fallback
  if (clean.toLowerCase() === 'history') return `${clean}_`
  return clean
}

function tooLong(text: string, where: string): ExportLimitError {
  return new ExportLimitError(
    `${where} holds ${text.length} characters; an Excel cell holds at most ${XLSX_MAX_TEXT}. Export as CSV to keep it whole.`
  )
}

const ESCAPE_LIKE = /_(x[0-9a-fA-F]{4}_)/g

/**
 * OOXML reads '_xHHHH_' in text as an escaped character and SheetJS writes such text unchanged, so Excel would
 * show a literal '_x0041_' as 'A'. Escaping its underscore ('_x005F_') keeps the text as typed.
 */
function protectEscapes(text: string): string {
  return text.replace(ESCAPE_LIKE, '_x005F_$1')
}

/**
 * Cells are typed explicitly from Ringtrue's own values, never parsed, so text such as '=HYPERLINK(…)' stays an
 * inert string. An empty string is left blank: cells imported from CSV are '' when empty, and an empty-string
 * cell would count as filled in Excel (COUNTA, Ctrl+arrow navigation).
 */
function toCell(value: CellValue | undefined, asText: boolean): CellObject | undefined {
  if (value === null || value === undefined || value === '') return undefined
  switch (typeof value) {
    case 'string':
      return { t: 's', v: value.includes('_x') ? protectEscapes(value) : value }
    case 'number':
      // A phone typed as a number becomes its digits: String() never uses an exponent below 1e21.
      if (asText || !Number.isFinite(value)) return { t: 's', v: String(value) }
      return { t: 'n', v: value }
    case 'boolean':
      return { t: 'b', v: value }
    default:
      return { t: 's', v: String(value) }
  }
}

/**
 * Builds one dense worksheet in memory. SheetJS cannot stream XLSX: this sheet plus the XML and zip it produces
 * cost about 4 KB per row of 16 columns (measured: +400 MB at 100k rows, so several GB at 1M). Fine up to
 * ~200k rows; beyond that CSV, or a streaming XLSX writer, is the better choice.
 */
export async function buildSheet(
  rows: Iterable<ResultRow>,
  layout: Layout,
  progress: Progress
): Promise<{ sheet: WorkSheet; rows: number }> {
  const { width, phone, header } = layout
  const columns = header.length
  if (columns > XLSX_MAX_COLUMNS) {
    throw new ExportLimitError(
      `The export has ${columns} columns; an Excel sheet holds at most ${XLSX_MAX_COLUMNS}.`
    )
  }
  const data: CellObject[][] = []
  const headerCells = new Array<CellObject>(columns)
  for (let c = 0; c < columns; c++) {
    const text = header[c]
    if (text.length > XLSX_MAX_TEXT) throw tooLong(text, `Header ${c + 1}`)
    const cell = toCell(text, false)
    if (cell) headerCells[c] = cell
  }
  data.push(headerCells)

  for (const row of rows) {
    if (data.length >= XLSX_MAX_ROWS) {
      throw new ExportLimitError(
        `More than ${XLSX_MAX_ROWS - 1} rows do not fit in one Excel sheet. Export as CSV or split by status.`
      )
    }
    const cells = row.cells
    if (cells.length > width) checkRowWidth(row, width)
    const out = new Array<CellObject>(columns)
    for (let c = 0; c < width; c++) {
      const value = cells[c]
      if (typeof value === 'string' && value.length > XLSX_MAX_TEXT) {
        throw tooLong(value, `Row ${row.rowIndex}, column "${header[c]}"`)
      }
      const cell = toCell(value, phone[c])
      if (cell) out[c] = cell
    }
    const extra = resultValues(row)
    for (let j = 0; j < extra.length; j++) {
      const cell = toCell(extra[j], false)
      if (cell) out[width + j] = cell
    }
    data.push(out)
    if (progress.count()) await progress.checkpoint()
  }

  const sheet: WorkSheet = {
    '!data': data,
    '!ref': utils.encode_range({ s: { r: 0, c: 0 }, e: { r: data.length - 1, c: Math.max(columns - 1, 0) } })
  }
  return { sheet, rows: data.length - 1 }
}

export function workbookBuffer(sheets: { name: string; sheet: WorkSheet }[]): Buffer {
  const book = utils.book_new()
  for (const { name, sheet } of sheets) utils.book_append_sheet(book, sheet, name)
  return write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer
}
