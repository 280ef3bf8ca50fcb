// Writes a comparison of two checks (compare-repo.ts) as a spreadsheet: one row per number that changed, with
// what each check said. Staged beside the target and renamed into place, as every export is.
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { ComparedNumber, ExportFormat } from '../domain'
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

function values(row: ComparedNumber): string[] {
  return [
    row.e164,
    row.change,
    row.oldStatus ?? '',
    row.newStatus ?? '',
    row.oldLineType ?? '',
    row.newLineType ?? '',
    row.oldCarrier ?? '',
    row.newCarrier ?? ''
  ]
}

/** Writes the rows to `outPath` (CSV or xlsx; the caller has checked the target); returns how many were written. */
export async function writeComparison(
  rows: Iterable<ComparedNumber>,
  options: { format: ExportFormat; outPath: string }
): Promise<number> {
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
      out.write(`\uFEFF${COMPARISON_HEADERS.join(',')}\r\n`)
      for (const row of rows) {
        if (!out.write(`${values(row).map(escapeCsvCell).join(',')}\r\n`)) {
          await new Promise<void>((resolve) => out.once('drain', resolve))
        }
        written++
      }
      out.end()
      await done
    } else {
      const XLSX = sheetjs()
      const grid: string[][] = [COMPARISON_HEADERS]
      for (const row of rows) grid.push(values(row))
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
