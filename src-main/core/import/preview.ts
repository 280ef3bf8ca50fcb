import { basename } from 'node:path'
import type { CellValue, ImportPreview, SheetSummary } from '../domain'
import { type ColumnRole, detectColumns } from './column-detect'
import { type DelimitedChunk, readDelimited, unclosedQuote } from './delimited'
import { importError } from './errors'
import { detectHeaderRow, headerNames, uniqueHeaders } from './header-detect'
import { KEEP_VCARD_BYTES, type KeptRead } from './kept'
import { type ImportLimits, resolveLimits } from './limits'
import { type OpenedSource, openSource, textSheetName } from './source'
import { columnLetter } from '../domain/columns'
import { DataRowCounter, dataStartFor, type IndexedRow } from './table'
import { readVCards, TelLabelSet, type VCard, vcardHeaders, vcardRow } from './vcard'
import {
  defaultSheet,
  nonEmptyRowIndexes,
  type ParseHooks,
  rowValues,
  rowWidth,
  sheetRows,
  sheetSummary,
  type WorkbookSheet
} from './workbook'

export interface PreviewOptions {
  sheet?: string
  /** Overrides header detection: a 0-based row, or null for "no header". */
  headerRow?: number | null
  /** Data rows to return in sampleRows (after the header row). Default 50. */
  sampleRows?: number
  /** Safety limits; tests shrink them. */
  limits?: Partial<ImportLimits>
  /** Also return up to this many data rows (of the detection window) in `splitRows`, for the country split. */
  splitRows?: number
}

/** A preview with the data rows the main process keeps for the country split; they never reach the renderer. */
export interface PreviewWithRows extends ImportPreview {
  splitRows?: CellValue[][]
}

export interface PreviewInternals {
  hooks?: ParseHooks
  signal?: AbortSignal
  /** The file already opened (and, for a workbook, parsed) by an earlier preview of the same unchanged file. */
  source?: OpenedSource
  /** Receives what the import of this file may reuse instead of reading the file again. */
  keep?: (kept: KeptRead) => void
}

/** Rows read for header and column detection; column detection looks at up to 1000 values per column. */
const DETECTION_ROWS = 5000
const HEADER_ROWS = 100

/** Reads a file far enough to show it and suggest a mapping: sheets, header row, column roles, first rows. */
export async function previewFile(
  filePath: string,
  options: PreviewOptions = {},
  internals: PreviewInternals = {}
): Promise<PreviewWithRows> {
  const limits = resolveLimits(options.limits)
  const source = internals.source ?? (await openSource(filePath, limits, internals.hooks))
  const base = {
    filePath,
    fileName: basename(filePath),
    fileSize: source.size,
    format: source.format
  }
  switch (source.kind) {
    case 'workbook': {
      const body = previewWorkbook(filePath, source, options, limits)
      internals.keep?.({ source })
      return { ...base, ...body }
    }
    case 'delimited':
      return { ...base, ...(await previewDelimited(filePath, source, options, limits, internals)) }
    case 'vcard':
      return { ...base, ...(await previewVCard(filePath, source, options, limits, internals)) }
  }
}

type PreviewBody = Omit<ImportPreview, 'filePath' | 'fileName' | 'fileSize' | 'format'>

function checkHeaderRow(filePath: string, headerRow: number | null | undefined): void {
  if (headerRow !== undefined && headerRow !== null && !(Number.isInteger(headerRow) && headerRow >= 0)) {
    throw new RangeError(`headerRow must be a non-negative integer or null for ${basename(filePath)}`)
  }
}

/** A sheet wider than the limit is refused with its width and the limit, before anything is stored. */
export function checkColumns(filePath: string, columns: number, limits: ImportLimits): void {
  if (columns > limits.maxColumns) {
    throw importError('too_many_columns', filePath, { columns, maxColumns: limits.maxColumns })
  }
}

function previewWorkbook(
  filePath: string,
  source: Extract<OpenedSource, { kind: 'workbook' }>,
  options: PreviewOptions,
  limits: ImportLimits
): PreviewBody {
  checkHeaderRow(filePath, options.headerRow)
  const sheets = source.workbook.sheets
  let sheet
  if (options.sheet !== undefined) {
    sheet = sheets.find((s) => s.name === options.sheet)
    if (!sheet) throw importError('sheet_not_found', filePath, { sheet: options.sheet })
  } else {
    sheet = defaultSheet(sheets)
    if (!sheet) throw importError('no_data', filePath)
  }
  const chosen = sheet
  // The chosen sheet's count is the preview's own; the others are counted as they would be when chosen.
  const summaries = (rows: number) =>
    sheets.map((s) => sheetSummary(s, s === chosen ? rows : guessDataRows(s)))
  if (sheet.nonEmptyRows === 0) {
    return emptyPreview(summaries(0), sheet.name, [`The sheet "${sheet.name}" is empty.`])
  }
  const rows: IndexedRow[] = []
  for (const chunk of sheetRows(sheet, 0)) {
    rows.push(...chunk)
    if (rows.length >= DETECTION_ROWS) break
  }
  const headerRow =
    options.headerRow !== undefined ? options.headerRow : detectHeaderRow(rows.slice(0, HEADER_ROWS))
  const dataStart = dataStartFor(headerRow, sheet.firstNonEmpty)
  const counter = new DataRowCounter(dataStart)
  let width = 0
  for (const r of nonEmptyRowIndexes(sheet, dataStart)) {
    counter.add(r)
    const len = rowWidth(sheet.data[r])
    if (len > width) width = len
  }
  if (counter.count > limits.maxRows) throw importError('too_many_rows', filePath, { rows: limits.maxRows })
  const headerCells = headerRow !== null ? rowValues(sheet.data[headerRow]) : null
  checkColumns(filePath, Math.max(width, headerCells?.length ?? 0), limits)
  return assemble({
    summaries: summaries(counter.count),
    sheet: sheet.name,
    headerRow,
    headerCells,
    rows,
    dataStart,
    width,
    totalRows: counter.count,
    blankRows: counter.blank,
    sampleSize: options.sampleRows ?? 50,
    splitRows: options.splitRows ?? 0,
    limits,
    encoding: null,
    delimiter: null,
    warnings: []
  })
}

/** A sheet not shown yet: its data rows below the header that detection would pick, as if it were chosen. */
function guessDataRows(sheet: WorkbookSheet): number {
  if (sheet.nonEmptyRows === 0) return 0
  const rows: IndexedRow[] = []
  for (const chunk of sheetRows(sheet, 0, HEADER_ROWS)) {
    rows.push(...chunk)
    break
  }
  const dataStart = dataStartFor(detectHeaderRow(rows), sheet.firstNonEmpty)
  const counter = new DataRowCounter(dataStart)
  for (const r of nonEmptyRowIndexes(sheet, dataStart)) counter.add(r)
  return counter.count
}

async function previewDelimited(
  filePath: string,
  source: Extract<OpenedSource, { kind: 'delimited' }>,
  options: PreviewOptions,
  limits: ImportLimits,
  internals: PreviewInternals
): Promise<PreviewBody> {
  checkHeaderRow(filePath, options.headerRow)
  const rows: IndexedRow[] = []
  let truncated = false
  let bytesRead = 0
  let records = 0
  // What the import of this file may start from: the chunks read here and, for a file longer than the window,
  // the paused stream itself, which goes on where the window ended.
  const chunks: DelimitedChunk[] | null = internals.keep ? [] : null
  internals.hooks?.onFileRead?.()
  const stream = readDelimited(filePath, source.encoding, source.dialect, {
    pauseAt: limits.previewTextBytes,
    signal: internals.signal,
    onAbort: () => importError('cancelled', filePath),
    maxPendingChars: limits.maxPendingChars,
    onUnclosedQuote: () => unclosedQuote(filePath, limits)
  })
  for (;;) {
    // Not a for-await loop: leaving that at the pause would end the stream the import may continue.
    const next = await stream.next()
    if (next.done) break
    const chunk = next.value
    chunks?.push(chunk)
    rows.push(...chunk.rows)
    bytesRead = chunk.bytesRead
    records = chunk.records
    if (chunk.paused) {
      truncated = true
      break
    }
  }
  if (chunks) internals.keep?.({ source, chunks, ...(truncated ? { rest: stream } : {}) })
  else if (truncated) await stream.return(undefined)
  const sheetName = textSheetName(filePath)
  if (rows.length === 0) throw importError('no_data', filePath)
  const headerRow =
    options.headerRow !== undefined ? options.headerRow : detectHeaderRow(rows.slice(0, HEADER_ROWS))
  const dataStart = dataStartFor(headerRow, rows[0].index)
  const counter = new DataRowCounter(dataStart)
  let width = 0
  let headerCells: CellValue[] | null = null
  for (const r of rows) {
    if (r.index === headerRow) headerCells = r.cells
    if (r.index < dataStart) continue
    counter.add(r.index)
    if (r.cells.length > width) width = r.cells.length
  }
  if (headerRow !== null && headerCells === null) headerCells = []
  checkColumns(filePath, Math.max(width, headerCells?.length ?? 0), limits)
  const warnings: string[] = []
  let totalRows = counter.count
  if (truncated && records > 0) {
    // Only the start of a big file is read for a preview; the full read counts exactly.
    totalRows = Math.max(totalRows, Math.round((counter.count * source.size) / Math.max(1, bytesRead)))
    warnings.push(
      `Only the first ${Math.round(limits.previewTextBytes / (1024 * 1024))} MB were read for this preview; the row count (about ${totalRows.toLocaleString('en-US')}) is an estimate.`
    )
  }
  if (!source.dialect.quotes) {
    warnings.push('The file has unbalanced quotes, so quote characters are read as ordinary text.')
  }
  const columns = Math.max(width, headerCells?.length ?? 0)
  // The same count as the preview's, so the sheet picker and the header line never disagree.
  const summaries: SheetSummary[] = [{ name: sheetName, hidden: false, rows: totalRows, columns }]
  return assemble({
    summaries,
    sheet: sheetName,
    headerRow,
    headerCells,
    rows,
    dataStart,
    width,
    totalRows,
    blankRows: truncated ? null : counter.blank,
    sampleSize: options.sampleRows ?? 50,
    splitRows: options.splitRows ?? 0,
    limits,
    encoding: source.encoding,
    delimiter: source.dialect.delimiter,
    warnings
  })
}

export function vcardRoles(labels: string[]): ColumnRole[] {
  return [
    ...vcardHeaders([]).map((): ColumnRole => ({ kind: 'text' })),
    ...labels.map((l): ColumnRole => ({ kind: l === 'Fax' ? 'fax' : 'phone' }))
  ]
}

async function previewVCard(
  filePath: string,
  source: Extract<OpenedSource, { kind: 'vcard' }>,
  options: PreviewOptions,
  limits: ImportLimits,
  internals: PreviewInternals
): Promise<PreviewBody> {
  const labels = new TelLabelSet()
  const kept: VCard[] = []
  let count = 0
  const keep = Math.max(options.sampleRows ?? 50, 1000)
  // Every card, for the import of a small file; a big one is read again, but only once.
  const all: VCard[] | null = internals.keep && source.size <= KEEP_VCARD_BYTES ? [] : null
  internals.hooks?.onFileRead?.()
  for await (const chunk of readVCards(filePath, source.encoding, {
    signal: internals.signal,
    onAbort: () => importError('cancelled', filePath)
  })) {
    for (const card of chunk.cards) {
      labels.add(card)
      if (kept.length < keep) kept.push(card)
      all?.push(card)
      count++
    }
  }
  if (count === 0) throw importError('no_data', filePath)
  if (count > limits.maxRows) throw importError('too_many_rows', filePath, { rows: limits.maxRows })
  const names = labels.labels()
  internals.keep?.({ source, vcard: { labels: names, count, cards: all } })
  const headers = vcardHeaders(names)
  const rows: IndexedRow[] = kept.map((card, i) => ({ index: i + 1, cells: vcardRow(card, names) }))
  const sheetName = textSheetName(filePath)
  return assemble({
    // One row per card, like totalRows: the header line is Ringtrue's own, not a row of the file.
    summaries: [{ name: sheetName, hidden: false, rows: count, columns: headers.length }],
    sheet: sheetName,
    headerRow: 0,
    headerCells: headers,
    rows,
    dataStart: 1,
    width: headers.length,
    totalRows: count,
    blankRows: 0,
    sampleSize: options.sampleRows ?? 50,
    splitRows: options.splitRows ?? 0,
    limits,
    encoding: source.encoding,
    delimiter: null,
    warnings: [],
    roles: vcardRoles(names)
  })
}

function emptyPreview(sheets: SheetSummary[], sheet: string, warnings: string[]): PreviewBody {
  return {
    sheets,
    sheet,
    headerRow: null,
    columns: [],
    suggestedPhoneColumns: [],
    suggestedCountryColumn: null,
    sampleRows: [],
    sampleRowIndexes: [],
    totalRows: 0,
    blankRows: 0,
    encoding: null,
    delimiter: null,
    warnings
  }
}

interface AssembleInput {
  summaries: SheetSummary[]
  sheet: string
  headerRow: number | null
  headerCells: CellValue[] | null
  /** Non-empty rows from the start of the sheet (at least the detection window). */
  rows: IndexedRow[]
  dataStart: number
  width: number
  totalRows: number
  /** Blank rows between the header and the last data row, skipped by the import; null when not counted. */
  blankRows: number | null
  sampleSize: number
  splitRows: number
  limits: ImportLimits
  encoding: string | null
  delimiter: string | null
  warnings: string[]
  roles?: ColumnRole[]
}

/** Leading rows above the header that the preview still shows, so the user can pick an earlier header row. */
const ROWS_ABOVE_HEADER = 20

/**
 * The preview grid: non-empty rows shortly above the header, the header, then the first data rows exactly as
 * the read will deliver them (short blank runs kept as [], long ones skipped). Each row carries its sheet index.
 */
function sampleWindow(a: AssembleInput): { sampleRows: CellValue[][]; sampleRowIndexes: number[] } {
  const sampleRows: CellValue[][] = []
  const sampleRowIndexes: number[] = []
  const push = (index: number, cells: CellValue[]): void => {
    sampleRows.push(cells)
    sampleRowIndexes.push(index)
  }
  const anchor = a.headerRow ?? a.dataStart
  const above = a.rows.filter((r) => r.index < anchor && anchor - r.index <= ROWS_ABOVE_HEADER)
  if (above.length > 0) {
    const byIndex = new Map(above.map((r) => [r.index, r.cells]))
    for (let index = above[0].index; index < anchor; index++) push(index, byIndex.get(index) ?? [])
  }
  if (a.headerRow !== null) push(a.headerRow, a.headerCells ?? [])
  let last = a.dataStart - 1
  let taken = 0
  for (const r of a.rows) {
    if (r.index < a.dataStart) continue
    if (taken >= a.sampleSize) break
    const gap = r.index - last - 1
    if (gap > 0 && gap <= a.limits.maxEmptyRun) {
      for (let i = 0; i < gap && taken < a.sampleSize; i++, taken++) push(last + 1 + i, [])
    }
    if (taken >= a.sampleSize) break
    push(r.index, r.cells)
    taken++
    last = r.index
  }
  return { sampleRows, sampleRowIndexes }
}

function assemble(a: AssembleInput): PreviewBody & { splitRows?: CellValue[][] } {
  const width = Math.max(a.width, a.headerCells?.length ?? 0)
  const names =
    a.headerRow !== null
      ? headerNames(a.headerCells, width)
      : Array.from({ length: width }, (_, c) => columnLetter(c))
  const display = uniqueHeaders(names)
  const dataRows = a.rows.filter((r) => r.index >= a.dataStart)
  const detection = detectColumns({
    headers: display,
    hasHeader: a.headerRow !== null,
    rows: dataRows.map((r) => r.cells),
    width,
    roles: a.roles
  })

  const { sampleRows, sampleRowIndexes } = sampleWindow(a)
  const warnings = [...a.warnings, ...detection.warnings]
  if (a.totalRows === 0) warnings.push('There are no data rows below the header.')
  return {
    sheets: a.summaries,
    sheet: a.sheet,
    headerRow: a.headerRow,
    columns: detection.columns,
    suggestedPhoneColumns: detection.suggestedPhoneColumns,
    suggestedCountryColumn: detection.suggestedCountryColumn,
    sampleRows,
    sampleRowIndexes,
    totalRows: a.totalRows,
    ...(a.blankRows ? { blankRows: a.blankRows } : {}),
    encoding: a.encoding,
    delimiter: a.delimiter,
    warnings,
    ...(a.splitRows > 0 ? { splitRows: dataRows.slice(0, a.splitRows).map((r) => r.cells) } : {})
  }
}
