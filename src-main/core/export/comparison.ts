// Writes a comparison of two checks (compare-repo.ts) as a spreadsheet: one row per number that changed, with
// what each check said. Staged beside the target and renamed into place, as every export is.
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { lineTypeLabel, statusWord, type Change, type ComparedNumber, type ExportFormat } from '../domain'
import type { UiLanguage } from '../domain/preferences'
import { sheetjs } from '../import/sheetjs'
import { escapeCsvCell } from './csv'
import { StagedFiles } from './files'

export const COMPARISON_HEADERS = [
  'E.164',
  'Change',
  'Old Status',
  'New Status',
  'Old Line Type',
  'New Line Type',
  'Old Carrier',
  'New Carrier'
]

/** COMPARISON_HEADERS of a Chinese file. */
const COMPARISON_HEADERS_ZH = [
  'E.164',
  '变化',
  '原状态',
  '新状态',
  '原号码类型',
  '新号码类型',
  '原运营商',
  '新运营商'
]

/** Like the Status words, the Change words are codes scripts match: Chinese only in a Chinese file. */
const CHANGE_WORDS_ZH: Record<Change, string> = {
  newly_inactive: '新失效',
  revived: '恢复有效',
  added: '新增',
  removed: '已移除',
  line_type_changed: '号码类型变化',
  carrier_changed: '运营商变化',
  unchanged: '无变化'
}

export interface ComparisonLanguages {
  /** Line types as the UI names them, in this language; absent: their codes (what the CLI writes). */
  labels?: UiLanguage
  /** Headers, Change and Status words: English unless the user picked Chinese for the file. */
  file?: UiLanguage
}

function values(row: ComparedNumber, languages: ComparisonLanguages): string[] {
  const chinese = languages.file === 'zh-CN'
  const status = (s: ComparedNumber['oldStatus']): string => (s ? statusWord(s, languages.file) : '')
  const lineType = (t: string | null): string =>
    t === null ? '' : languages.labels ? lineTypeLabel(t, languages.labels) : t
  return [
    row.e164,
    chinese ? CHANGE_WORDS_ZH[row.change] : row.change,
    status(row.oldStatus),
    status(row.newStatus),
    lineType(row.oldLineType),
    lineType(row.newLineType),
    row.oldCarrier ?? '',
    row.newCarrier ?? ''
  ]
}

/** Writes the rows to `outPath` (CSV or xlsx; the caller has checked the target); returns how many were written. */
export async function writeComparison(
  rows: Iterable<ComparedNumber>,
  options: { format: ExportFormat; outPath: string; languages?: ComparisonLanguages }
): Promise<number> {
  const languages = options.languages ?? {}
  const headers = languages.file === 'zh-CN' ? COMPARISON_HEADERS_ZH : COMPARISON_HEADERS
  const staged = new StagedFiles()
  const temp = staged.reserve(options.outPath)
  let written = 0
  try {
    if (options.format === 'csv') {
      const out = createWriteStream(temp, { flags: 'wx', encoding: 'utf8' })
      const done = new Promise<void>((resolve, reject) => {
        out.once('error', reject)
        out.once('finish', resolve)
      })
      // A BOM, so Excel reads the file as UTF-8.
      out.write(`\uFEFF${headers.join(',')}\r\n`)
      for (const row of rows) {
        if (!out.write(`${values(row, languages).map(escapeCsvCell).join(',')}\r\n`)) {
          await new Promise<void>((resolve) => out.once('drain', resolve))
        }
        written++
      }
      out.end()
      await done
    } else {
      const XLSX = sheetjs()
      const grid: string[][] = [headers]
      for (const row of rows) grid.push(values(row, languages))
      written = grid.length - 1
      const book = XLSX.utils.book_new()
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(grid, { dense: true }), 'Changes')
      await writeFile(temp, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }), {
        flag: 'wx'
      })
    }
    await staged.commit()
    return written
  } catch (error) {
    await staged.discard()
    throw error
  }
}
