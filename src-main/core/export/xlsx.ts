// Excel's limits and sheet-name rules, shared by the XLSX writer (xlsx-stream.ts).
import { ExportLimitError } from './layout'

/** Excel's worksheet limits: a file past them would not open, so the export fails with a clear message. */
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

export function tooLong(text: string, where: string): ExportLimitError {
  return new ExportLimitError(
    `${where} holds ${text.length} characters; an Excel cell holds at most ${XLSX_MAX_TEXT}. Export as CSV to keep it whole.`
  )
}
