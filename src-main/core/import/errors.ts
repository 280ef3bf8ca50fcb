import { basename } from 'node:path'
import type { ErrorParams } from '../jobs/service-error'

export type ImportErrorCode =
  | 'empty_file'
  | 'encrypted'
  | 'corrupt'
  | 'entity_bomb'
  | 'zip_bomb'
  | 'unsupported_format'
  | 'binary_file'
  | 'too_large'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'sheet_not_found'
  | 'no_data'
  | 'no_phone_column'
  | 'timeout'
  | 'cancelled'
  | 'not_found'

export const IMPORT_ERROR_CODES: readonly ImportErrorCode[] = [
  'empty_file',
  'encrypted',
  'corrupt',
  'entity_bomb',
  'zip_bomb',
  'unsupported_format',
  'binary_file',
  'too_large',
  'too_many_rows',
  'too_many_columns',
  'sheet_not_found',
  'no_data',
  'no_phone_column',
  'timeout',
  'cancelled',
  'not_found'
]

/** A file Ringtrue cannot (or will not) read. The message is one sentence meant for the user, naming the file. */
export class ImportError extends Error {
  readonly code: ImportErrorCode
  /** What the sentence is made of, so the window can say it in the user's language. */
  readonly params?: ErrorParams

  constructor(code: ImportErrorCode, message: string, params?: ErrorParams) {
    super(message)
    this.name = 'ImportError'
    this.code = code
    this.params = params
  }
}

export function isImportErrorCode(value: unknown): value is ImportErrorCode {
  return typeof value === 'string' && (IMPORT_ERROR_CODES as readonly string[]).includes(value)
}

export interface ImportErrorDetail {
  /** Sheet name for sheet_not_found / no_data. */
  sheet?: string
  /** Human-readable size or limit, e.g. '212 MB'. */
  size?: string
  limit?: string
  seconds?: number
  rows?: number
  /** Columns found, and the most Ringtrue reads, for too_many_columns. */
  columns?: number
  maxColumns?: number
  /** Replaces the generic explanation when a more precise one is known. */
  reason?: string
}

/** Builds the standard ImportError for a file; callers (e.g. the job engine refusing 'no_phone_column') use it too. */
export function importError(
  code: ImportErrorCode,
  filePath: string,
  detail: ImportErrorDetail = {}
): ImportError {
  const name = basename(filePath)
  return new ImportError(code, importErrorMessage(code, name, detail), importErrorParams(code, name, detail))
}

/** The values of importErrorMessage's sentence; `variant` names which of its sentences was written. */
function importErrorParams(code: ImportErrorCode, name: string, d: ImportErrorDetail): ErrorParams {
  const params: Record<string, string | number> = { name }
  for (const [key, value] of Object.entries(d)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value
  }
  switch (code) {
    case 'corrupt':
    case 'unsupported_format':
      params.variant = d.reason ? 'reason' : 'plain'
      break
    case 'too_large':
      params.variant = d.reason ? 'reason' : 'plain'
      params.size = d.size ?? 'size unknown'
      params.limit = d.limit ?? 'exceeded'
      break
    case 'zip_bomb':
      params.reason = d.reason ?? 'a possible zip bomb'
      break
    case 'too_many_rows':
      params.rows = d.rows ?? 1_048_576
      break
    case 'too_many_columns':
      params.variant = d.columns !== undefined ? 'counted' : 'plain'
      params.maxColumns = d.maxColumns ?? 16_384
      break
    case 'no_data':
      params.variant = d.sheet ? 'sheet' : 'all'
      break
    case 'sheet_not_found':
      params.sheet = d.sheet ?? ''
      break
    case 'timeout':
      params.seconds = d.seconds ?? '?'
      break
    case 'cancelled':
      params.variant = 'import'
      break
    default:
      break
  }
  return params
}

function importErrorMessage(code: ImportErrorCode, name: string, d: ImportErrorDetail): string {
  switch (code) {
    case 'empty_file':
      return `${name} is empty.`
    case 'encrypted':
      return `${name} is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook) and save a copy.`
    case 'corrupt':
      return d.reason
        ? `${name} cannot be read: ${d.reason}.`
        : `${name} is damaged or incomplete and cannot be read; download or export it again.`
    case 'entity_bomb':
      return `${name} contains XML entity declarations, which spreadsheets never need and which are used to exhaust memory, so Ringtrue will not open it.`
    case 'zip_bomb':
      return `${name} unpacks to far more data than its size suggests (${d.reason ?? 'a possible zip bomb'}), so Ringtrue will not open it.`
    case 'unsupported_format':
      return d.reason
        ? `${name} is not a file Ringtrue can import (${d.reason}); use an Excel or OpenDocument workbook, a CSV or text file, or a vCard.`
        : `${name} is not a file Ringtrue can import; use an Excel or OpenDocument workbook, a CSV or text file, or a vCard.`
    case 'binary_file':
      return `${name} is a binary file but not a spreadsheet Ringtrue recognises; save it as .xlsx or .csv and try again.`
    case 'too_large':
      return d.reason
        ? `${name} is too large to import: ${d.reason}.`
        : `${name} is too large to import (${d.size ?? 'size unknown'}; the limit is ${d.limit ?? 'exceeded'}); save it as CSV or split it into smaller files.`
    case 'too_many_rows':
      return `${name} has more than ${(d.rows ?? 1_048_576).toLocaleString('en-US')} data rows, the most Ringtrue imports from one file; split it into smaller files.`
    case 'too_many_columns':
      return `${name} has ${d.columns !== undefined ? `${d.columns.toLocaleString('en-US')} columns` : 'too many columns'}; Ringtrue reads at most ${(d.maxColumns ?? 16_384).toLocaleString('en-US')} columns (the Excel maximum) from one sheet. Save only the columns you need and try again.`
    case 'sheet_not_found':
      return `${name} has no sheet named "${d.sheet ?? ''}".`
    case 'no_data':
      return d.sheet
        ? `The sheet "${d.sheet}" in ${name} is empty.`
        : `${name} contains no data: every sheet in it is empty.`
    case 'no_phone_column':
      return `${name} has no column that looks like phone numbers; choose the phone column yourself.`
    case 'timeout':
      return `Reading ${name} took longer than ${d.seconds ?? '?'} seconds and was stopped; the file may be damaged or too complex.`
    case 'cancelled':
      return `Reading ${name} was cancelled.`
    case 'not_found':
      return `${name} was not found; it may have been moved, renamed or deleted.`
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}
