const MB = 1024 * 1024

/** One job checks at most this many phone columns; the app's mapping and the CLI share the limit. */
export { MAX_PHONE_COLUMNS } from '../domain'

/** Every safety limit of the import in one place; tests shrink them to provoke each refusal with small files. */
export interface ImportLimits {
  /** Workbooks are parsed in memory as a whole, so their compressed size is capped. */
  maxWorkbookBytes: number
  /** Text is streamed, so only the stored size matters. */
  maxTextBytes: number
  /** Data rows after the header: the Excel maximum. */
  maxRows: number
  /** Columns of one sheet: the Excel maximum (16,384, column XFD). A wider file is refused. */
  maxColumns: number
  /** One uncompressed part of a zip-based workbook: SheetJS holds each part in one JS string. */
  maxPartBytes: number
  /** All uncompressed parts together. */
  maxTotalUncompressedBytes: number
  /** Compression ratio above which a big part is treated as a bomb. */
  maxCompressionRatio: number
  /** Parts smaller than this are not ratio-checked: tiny XML compresses extremely well. */
  ratioCheckMinBytes: number
  /** Workbook parse watchdog: base + per compressed MB, capped. */
  watchdogBaseMs: number
  watchdogPerMbMs: number
  watchdogMaxMs: number
  /** Heap of the import worker; exceeding it ends the worker with ERR_WORKER_OUT_OF_MEMORY. */
  workerHeapMb: number
  /** How much of a text file a preview reads. */
  previewTextBytes: number
  /** A quoted field longer than this means an unbalanced quote: stop instead of buffering the rest of the file. */
  maxPendingChars: number
  /** Longer runs of empty rows are skipped (the next batch starts at a higher index) instead of being delivered. */
  maxEmptyRun: number
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxWorkbookBytes: 150 * MB,
  maxTextBytes: 1024 * MB,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxPartBytes: 400 * MB,
  maxTotalUncompressedBytes: 1536 * MB,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 50 * MB,
  watchdogBaseMs: 30_000,
  watchdogPerMbMs: 1_000,
  watchdogMaxMs: 5 * 60_000,
  workerHeapMb: 3072,
  previewTextBytes: 2 * MB,
  maxPendingChars: 32 * MB,
  maxEmptyRun: 1000
})

export function resolveLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) }
}

export function watchdogMs(limits: ImportLimits, compressedBytes: number): number {
  return Math.min(
    limits.watchdogMaxMs,
    limits.watchdogBaseMs + (compressedBytes / MB) * limits.watchdogPerMbMs
  )
}
