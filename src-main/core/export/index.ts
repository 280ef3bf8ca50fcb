// Writes a checked list back out: the user's columns untouched, Ringtrue's findings appended.
import {
  STATUSES,
  type ExportFormat,
  type ExportMode,
  type ExportResult,
  type ResultRow,
  type Status
} from '../domain'
import { rmSync } from 'node:fs'
import { writeCsvPart } from './csv'
import { splitPartPaths, StagedFiles } from './files'
import { ENGLISH_EXPORT, type ExportLanguages } from './columns'
import { makeLayout, type Layout } from './layout'
import { Progress } from './progress'
import { sanitizeSheetName } from './xlsx'
import { writeXlsxStream } from './xlsx-stream'

export { ENGLISH_EXPORT, RESULT_COLUMNS, resultColumnNames, type ExportLanguages } from './columns'
export { escapeCsvCell } from './csv'
export { splitPartPaths } from './files'
export { ExportLimitError } from './layout'
export { PROGRESS_EVERY } from './progress'
export { sanitizeSheetName, XLSX_MAX_ROWS, XLSX_MAX_TEXT } from './xlsx'

export interface ExportSource {
  /**
   * Original header row as read (may contain duplicates or blanks). Without a header row these are the column
   * letters and `hasHeaderRow` is false; the export still writes them as its first row, because the appended
   * result columns need names.
   */
  headers: string[]
  hasHeaderRow: boolean
  /** Indexes of the original phone columns, written as text. */
  phoneColumns: number[]
  /** Original sheet name, used for XLSX output outside split mode. */
  sheetName: string
  /**
   * Streams rows from the store: called once per output part with the statuses that part needs; rows come in
   * original order. The iterator stays open across awaits while the part is written.
   */
  rows(statuses: Status[]): Iterable<ResultRow>
}

export interface ExportOptions {
  mode: ExportMode
  format: ExportFormat
  /** Only affects `cleaned`: `full` and `split` always contain every status. */
  keepUnknown: boolean
  outPath: string
  /** Reason and Line Type in `labels`; headers and Status words in `file`. Default: English (the CLI's). */
  languages?: ExportLanguages
  /** Called with the running total of data rows every PROGRESS_EVERY rows and once at the end. */
  onProgress?: (rowsWritten: number) => void
  /** CSV only: false leaves out the UTF-8 byte-order mark (Excel needs it, Unix tools do not). Default: true. */
  bom?: boolean
  /** Aborting rejects with the signal's reason and removes every temporary file; no output file appears. */
  signal?: AbortSignal
}

interface Part {
  statuses: Status[]
  /** Set in split mode: names the file (CSV) or the sheet (XLSX). */
  status: Status | null
}

function planParts(mode: ExportMode, keepUnknown: boolean): Part[] {
  switch (mode) {
    case 'cleaned':
      return [
        {
          statuses: STATUSES.filter(
            (s) => s === 'active' || s === 'unchecked' || (keepUnknown && s === 'unknown')
          ),
          status: null
        }
      ]
    case 'full':
      return [{ statuses: [...STATUSES], status: null }]
    case 'split':
      // One part per status; partsWithRows leaves out the empty ones when writing. The caller checks all five
      // paths for overwrites before anything is written, and a stale part of an empty status is removed.
      return STATUSES.map((status) => ({ statuses: [status], status }))
    default:
      throw new Error(`Unknown export mode: ${String(mode)}`)
  }
}

/** Every status an export of this mode writes. */
export function exportStatuses(mode: ExportMode, keepUnknown: boolean): Status[] {
  return planParts(mode, keepUnknown).flatMap((part) => part.statuses)
}

/**
 * The part's rows, or null when it has none: a split export writes no file (or sheet) for an empty status. The
 * first row is read ahead and handed back first.
 */
function nonEmpty(rows: Iterable<ResultRow>): Iterable<ResultRow> | null {
  const iterator = rows[Symbol.iterator]()
  const first = iterator.next()
  if (first.done) return null
  return (function* () {
    yield first.value
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value
  })()
}

/** The parts to write with their rows: a split skips empty statuses, unless every one is empty. */
function partsWithRows(
  source: ExportSource,
  parts: Part[]
): { part: Part; rows: () => Iterable<ResultRow> }[] {
  if (parts.length === 1) return [{ part: parts[0], rows: () => source.rows(parts[0].statuses) }]
  const kept: { part: Part; rows: () => Iterable<ResultRow> }[] = []
  for (const part of parts) {
    const rows = nonEmpty(source.rows(part.statuses))
    if (rows) kept.push({ part, rows: () => rows })
  }
  return kept.length > 0 ? kept : [{ part: parts[0], rows: () => source.rows(parts[0].statuses) }]
}

async function writeCsvParts(
  source: ExportSource,
  parts: Part[],
  layout: Layout,
  outPath: string,
  staged: StagedFiles,
  progress: Progress,
  signal: AbortSignal | undefined,
  bom: boolean
): Promise<string[]> {
  const splitPaths = splitPartPaths(outPath, STATUSES.slice())
  const files: string[] = []
  for (const { part, rows } of partsWithRows(source, parts)) {
    const path = part.status === null ? outPath : splitPaths.get(part.status)!
    await writeCsvPart(staged.reserve(path), rows(), layout, progress, signal, bom)
    files.push(path)
  }
  return files
}

async function writeXlsxBook(
  source: ExportSource,
  parts: Part[],
  layout: Layout,
  outPath: string,
  staged: StagedFiles,
  progress: Progress
): Promise<string[]> {
  // Streamed row by row: memory stays flat at any row count, and it measured faster than SheetJS's write.
  const sheets = partsWithRows(source, parts).map(({ part, rows }) => ({
    name: part.status ?? sanitizeSheetName(source.sheetName),
    rows
  }))
  await writeXlsxStream(staged.reserve(outPath), sheets, layout, progress)
  return [outPath]
}

function writeFormat(
  format: ExportFormat,
  source: ExportSource,
  parts: Part[],
  layout: Layout,
  outPath: string,
  staged: StagedFiles,
  progress: Progress,
  signal: AbortSignal | undefined,
  bom: boolean
): Promise<string[]> {
  switch (format) {
    case 'csv':
      return writeCsvParts(source, parts, layout, outPath, staged, progress, signal, bom)
    case 'xlsx':
      return writeXlsxBook(source, parts, layout, outPath, staged, progress)
    default:
      throw new Error(`Unknown export format: ${String(format)}`)
  }
}

/**
 * Writes exactly `outPath` (or, for split CSV, the paths of `splitPartPaths(outPath, STATUSES)`); whether an
 * existing file may be replaced is the caller's decision, taken before calling. Runs off the UI thread in the
 * app: compressing an XLSX is CPU work.
 */
export async function writeExport(source: ExportSource, options: ExportOptions): Promise<ExportResult> {
  const { mode, format, keepUnknown, outPath, onProgress, signal } = options
  signal?.throwIfAborted()
  const parts = planParts(mode, keepUnknown)
  const layout = makeLayout(source.headers, source.phoneColumns, options.languages ?? ENGLISH_EXPORT)
  const progress = new Progress(onProgress, signal)
  const staged = new StagedFiles()
  try {
    const files = await writeFormat(
      format,
      source,
      parts,
      layout,
      outPath,
      staged,
      progress,
      signal,
      options.bom ?? true
    )
    progress.checkAbort()
    await staged.commit()
    // A split CSV of an empty status has no part this time: one left from an earlier export of the same name
    // would look current, and the caller has already agreed to replace these paths.
    if (mode === 'split' && format === 'csv') {
      for (const path of splitPartPaths(outPath, STATUSES.slice()).values()) {
        if (!files.includes(path)) rmSync(path, { force: true })
      }
    }
    progress.finish()
    return { files, rowsWritten: progress.rows }
  } catch (error) {
    await staged.discard()
    throw error
  }
}
