import { lineTypeLabel, reasonLabel, statusWord, type CellValue, type RowResult } from '../domain'
import type { UiLanguage } from '../domain/preferences'

/**
 * The two languages of an export. Reason and Line Type read as the results screen shows them (`labels`, the UI's
 * language); the appended headers and the Status words stay English so files compare across users and tools,
 * unless the user asked for a Chinese file (`file`).
 */
export interface ExportLanguages {
  labels: UiLanguage
  file: UiLanguage
}

/** What the CLI writes, and what an export request without languages gets. */
export const ENGLISH_EXPORT: ExportLanguages = { labels: 'en', file: 'en' }

export const RESULT_COLUMNS = [
  'E.164',
  'Status',
  'Reason',
  'Line Type',
  'Country',
  'Carrier',
  'Provider',
  'Checked At'
] as const

/** RESULT_COLUMNS of a Chinese file, in the same order. */
const RESULT_COLUMNS_ZH: readonly string[] = [
  'E.164',
  '状态',
  '原因',
  '号码类型',
  '国家/地区',
  '运营商',
  '服务商',
  '检测时间'
]

const CLASH_SUFFIX = ' (Ringtrue)'

function headerKey(name: string): string {
  return String(name ?? '')
    .trim()
    .toLowerCase()
}

/**
 * Names of the appended result columns. A name the original sheet already uses gets ' (Ringtrue)', so a user
 * can always tell our columns from theirs. Re-exporting a file Ringtrue wrote before can clash with the suffixed
 * name too; a counter keeps the header unambiguous in that case.
 */
export function resultColumnNames(headers: string[], fileLanguage: UiLanguage = 'en'): string[] {
  const taken = new Set(headers.map(headerKey))
  const names: readonly string[] = fileLanguage === 'zh-CN' ? RESULT_COLUMNS_ZH : RESULT_COLUMNS
  return names.map((name) => {
    if (!taken.has(headerKey(name))) return name
    let candidate = name + CLASH_SUFFIX
    for (let n = 2; taken.has(headerKey(candidate)); n++) candidate = `${name} (Ringtrue ${n})`
    return candidate
  })
}

const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/
const UNZONED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/

/** Timestamps come from the store; SQLite's own format has no zone and means UTC, which `Date` would read as local. */
export function isoTimestamp(value: string | null): string | null {
  if (value === null || value === '') return null
  if (ZONED_ISO.test(value)) return value
  const unzoned = UNZONED.exec(value)
  const ms = unzoned ? Date.parse(`${unzoned[1]}T${unzoned[2]}Z`) : Date.parse(value)
  return Number.isNaN(ms) ? value : new Date(ms).toISOString()
}

/** Where Checked At sits among the appended cells (an xlsx writes it as a date-time). */
export const CHECKED_AT_INDEX = RESULT_COLUMNS.indexOf('Checked At')

/**
 * The appended cells of one row, in RESULT_COLUMNS order; null means an empty cell. Status keeps its five English
 * words (filters and scripts match them) unless the file is Chinese; Reason and Line Type read as the results
 * screen shows them.
 */
export function resultValues(row: RowResult, languages: ExportLanguages = ENGLISH_EXPORT): CellValue[] {
  return [
    row.e164.length > 0 ? row.e164.join('; ') : null,
    statusWord(row.status, languages.file),
    reasonLabel(row.reason, languages.labels) || null,
    lineTypeLabel(row.lineType, languages.labels) || null,
    row.country || null,
    row.carrier || null,
    row.provider || null,
    isoTimestamp(row.checkedAt)
  ]
}
