import type { CellValue, ResultRow } from '../domain'
import { ENGLISH_EXPORT, resultColumnNames, type ExportLanguages } from './columns'

/** A limit of the output format that the data exceeds; the caller can suggest another format. */
export class ExportLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportLimitError'
  }
}

export interface Layout {
  /** Original headers followed by the result column names: the first row of every part. */
  header: string[]
  /** Number of original columns; result columns start here. */
  width: number
  /** Per original column: write it as text (a phone column). */
  phone: boolean[]
  /** The languages of the appended headers and cells. */
  languages: ExportLanguages
}

export function makeLayout(
  headers: string[],
  phoneColumns: number[],
  languages: ExportLanguages = ENGLISH_EXPORT
): Layout {
  const width = headers.length
  const phone = new Array<boolean>(width).fill(false)
  for (const index of phoneColumns) if (index >= 0 && index < width) phone[index] = true
  // A sheet without a header row still gets one: the appended columns need names, and the letters are what the
  // user saw in the review grid.
  const header = headers.map((h) => String(h ?? '')).concat(resultColumnNames(headers, languages.file))
  return { header, width, phone, languages }
}

/**
 * The header defines where the result columns go. Streaming cannot widen it after the first row, and shifting
 * one row's result columns would silently mislabel them, so a row wider than the header is refused unless the
 * overflow is empty.
 */
export function checkRowWidth(row: ResultRow, width: number): void {
  const cells = row.cells
  for (let i = width; i < cells.length; i++) {
    const v: CellValue | undefined = cells[i]
    if (v !== null && v !== undefined && v !== '') {
      throw new Error(
        `Row ${row.rowIndex} has a value in column ${i + 1} but the header has only ${width} columns; ` +
          'the import must name every column it stored'
      )
    }
  }
}
