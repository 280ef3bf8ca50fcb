import { readFile } from 'node:fs/promises'
import type { CellObject, WorkBook, WorkSheet } from 'xlsx'
import type { CellValue, SheetSummary, SourceFormat } from '../domain'
import { formatBytes, importError, ImportError } from './errors'
import { inspectCfb } from './cfb-guard'
import type { ImportLimits } from './limits'
import { sheetjs } from './sheetjs'
import type { Container } from './sniff'
import { type IndexedRow, isBlank, isEmptyRow, trimTrailing } from './table'
import { checkZipParts, classifyZip, readZipDirectory, ZipCheckError, type ZipProblem } from './zip-guard'

type DenseRow = (CellObject | undefined | null)[] | undefined

export interface WorkbookSheet {
  name: string
  hidden: boolean
  /** SheetJS dense rows; holes stand for empty rows and cost nothing. */
  data: DenseRow[]
  nonEmptyRows: number
  columns: number
  firstNonEmpty: number | null
}

export interface LoadedWorkbook {
  format: SourceFormat
  /** Worksheets only: chart, macro and dialog sheets hold no table. */
  sheets: WorkbookSheet[]
}

export interface ParseHooks {
  /** Called before the container checks and the SheetJS parse, with the compressed size (the watchdog keys off it). */
  onParseStart?: (bytes: number) => void
  onParseEnd?: () => void
  /** Called each time the file's content is read from its start (a workbook parse, a pass over a text file). */
  onFileRead?: () => void
}

type WorkbookContainer = Extract<Container, { kind: 'zip' | 'cfb' | 'biff' | 'markup' }>

const READ_OPTIONS = {
  type: 'buffer',
  dense: true,
  cellFormula: false,
  cellHTML: false,
  cellNF: false,
  cellStyles: false,
  cellText: true,
  // Date cells become type 'd'; their formatted text is kept, while plain numbers keep their raw value.
  cellDates: true,
  bookVBA: false,
  bookFiles: false,
  bookDeps: false,
  sheetStubs: false,
  WTF: false
} as const

function zipError(filePath: string, problem: ZipProblem): ImportError {
  switch (problem.code) {
    case 'corrupt':
      return importError('corrupt', filePath, { reason: problem.reason })
    case 'zip_bomb':
      return importError('zip_bomb', filePath, { reason: problem.reason })
    case 'unsupported_format':
      return importError('unsupported_format', filePath, { reason: problem.reason })
    default:
      return importError(problem.code, filePath)
  }
}

export async function loadWorkbook(
  filePath: string,
  container: WorkbookContainer,
  size: number,
  limits: ImportLimits,
  hooks: ParseHooks = {}
): Promise<LoadedWorkbook> {
  if (size > limits.maxWorkbookBytes) {
    throw importError('too_large', filePath, {
      size: formatBytes(size),
      limit: `${formatBytes(limits.maxWorkbookBytes)} for workbooks`
    })
  }
  const buf = await readFile(filePath)
  hooks.onFileRead?.()
  let format: SourceFormat = 'xls'
  // The watchdog covers the container checks too: they inflate every part once.
  hooks.onParseStart?.(buf.length)
  try {
    if (container.kind === 'zip') {
      const entries = readZipDirectory(buf)
      format = classifyZip(buf, entries)
      await checkZipParts(buf, entries, limits)
    } else if (container.kind === 'cfb') {
      const verdict = inspectCfb(buf)
      if (verdict.kind === 'encrypted') throw importError('encrypted', filePath)
      if (verdict.kind === 'corrupt') throw importError('corrupt', filePath)
      if (verdict.kind === 'unsupported')
        throw importError('unsupported_format', filePath, { reason: verdict.reason })
    } else if (container.kind === 'markup') {
      format = container.format
    }
  } catch (e) {
    hooks.onParseEnd?.()
    if (e instanceof ZipCheckError) throw zipError(filePath, e.problem)
    throw e
  }

  let wb: WorkBook
  try {
    wb = sheetjs().read(buf, { ...READ_OPTIONS, raw: container.kind === 'markup' })
  } catch (e) {
    throw sheetjsError(filePath, e)
  } finally {
    hooks.onParseEnd?.()
  }
  return { format, sheets: collectSheets(wb) }
}

function sheetjsError(filePath: string, e: unknown): ImportError {
  const message = e instanceof Error ? e.message : String(e)
  if (/password|encrypt/i.test(message)) return importError('encrypted', filePath)
  if (e instanceof RangeError || /allocation failed|invalid string length/i.test(message)) {
    return importError('too_large', filePath, { reason: 'a part of it is too big to read in one piece' })
  }
  return importError('corrupt', filePath)
}

function collectSheets(wb: WorkBook): WorkbookSheet[] {
  const out: WorkbookSheet[] = []
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name]
    if (!ws) return
    const type = (ws as { '!type'?: string })['!type']
    if (type === 'chart' || type === 'macro' || type === 'dialog') return
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden)
    const data = denseData(ws)
    let nonEmptyRows = 0
    let columns = 0
    let firstNonEmpty: number | null = null
    for (let r = 0; r < data.length; r++) {
      const row = data[r]
      if (!row) continue
      const last = lastValueIndex(row)
      if (last < 0) continue
      nonEmptyRows++
      if (firstNonEmpty === null) firstNonEmpty = r
      if (last + 1 > columns) columns = last + 1
    }
    out.push({ name, hidden, data, nonEmptyRows, columns, firstNonEmpty })
  })
  return out
}

function denseData(ws: WorkSheet): DenseRow[] {
  const dense = (ws as { '!data'?: DenseRow[] })['!data']
  if (dense) return dense
  // Every reader honours dense:true today; this keeps a sparse sheet readable should one not.
  const rows: DenseRow[] = []
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue
    const { r, c } = sheetjs().utils.decode_cell(key)
    ;(rows[r] ??= [])[c] = ws[key] as CellObject
  }
  return rows
}

/** Cells up to the last one holding a value, without converting the row. */
export function rowWidth(row: DenseRow): number {
  return row ? lastValueIndex(row) + 1 : 0
}

/** The last cell holding a value; a cell of spaces holds none, so a row of them is blank. */
function lastValueIndex(row: NonNullable<DenseRow>): number {
  for (let c = row.length - 1; c >= 0; c--) if (!isBlank(cellValue(row[c]))) return c
  return -1
}

/** One SheetJS cell as Ringtrue keeps it: numbers raw (never their display text), dates and errors as shown. */
export function cellValue(cell: CellObject | undefined | null): CellValue {
  if (!cell) return null
  switch (cell.t) {
    case 's': {
      const v = cell.v
      if (v === undefined || v === null || v === '') return null
      return String(v)
    }
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : (cell.w ?? null)
    case 'b':
      return Boolean(cell.v)
    case 'd':
      if (cell.w) return cell.w
      return cell.v instanceof Date
        ? cell.v.toISOString().slice(0, 10)
        : cell.v == null
          ? null
          : String(cell.v)
    case 'e':
      return cell.w ?? '#ERROR!'
    case 'z':
      return null
    default:
      return cell.v === undefined ? null : (cell.v as CellValue)
  }
}

export function rowValues(row: DenseRow): CellValue[] {
  if (!row) return []
  const out: CellValue[] = new Array(row.length)
  for (let c = 0; c < row.length; c++) out[c] = cellValue(row[c])
  return trimTrailing(out)
}

/** `rows` is the sheet's data row count (see DataRowCounter), so the sheet picker says what the import reads. */
export function sheetSummary(sheet: WorkbookSheet, rows: number): SheetSummary {
  return { name: sheet.name, hidden: sheet.hidden, rows, columns: sheet.columns }
}

/** The sheet to show first: the first visible one with data, else the first with data at all. */
export function defaultSheet(sheets: WorkbookSheet[]): WorkbookSheet | null {
  return sheets.find((s) => !s.hidden && s.nonEmptyRows > 0) ?? sheets.find((s) => s.nonEmptyRows > 0) ?? null
}

/** Non-empty rows from `from` on, in chunks, converted only when reached. */
export function* sheetRows(sheet: WorkbookSheet, from = 0, chunk = 1000): Generator<IndexedRow[]> {
  let out: IndexedRow[] = []
  const data = sheet.data
  for (let r = Math.max(0, from); r < data.length; r++) {
    const row = data[r]
    if (!row) continue
    const cells = rowValues(row)
    if (isEmptyRow(cells)) continue
    out.push({ index: r, cells })
    if (out.length >= chunk) {
      yield out
      out = []
    }
  }
  if (out.length) yield out
}

/** Row numbers of non-empty rows from `from` on, without converting cells. */
export function* nonEmptyRowIndexes(sheet: WorkbookSheet, from = 0): Generator<number> {
  const data = sheet.data
  for (let r = Math.max(0, from); r < data.length; r++) {
    const row = data[r]
    if (row && lastValueIndex(row) >= 0) yield r
  }
}
