import type { CellValue } from '../domain'
import { NumberMemo, RegionInference, type ListProfile, type NumberResult, type TextCheck } from '../phone'

export interface FoundNumber extends NumberResult {
  column: number
}

export interface CheckedRow {
  rowIndex: number
  numbers: FoundNumber[]
}

export interface RowCheckSettings {
  phoneColumns: number[]
  countryColumn: number | null
  defaultRegion: string
  /** Columns naming a place (city, address, country): evidence of the row's country. */
  placeColumns?: number[]
  /** The countries the list evidently holds; null or absent: only the default and the row's own evidence. */
  profile?: ListProfile | null
}

/**
 * The offline check of one source row: every number in its phone columns, read in the row's region (the country
 * column's, else the default), unless the row and the list show it belongs to another country (region_inferred,
 * or country_column_mismatch when the default fits a number its row's country does not) or leave two countries
 * equally likely (ambiguous_region).
 */
export class RowChecker {
  private readonly inference: RegionInference

  /**
   * `check` reads one number text; by default a memo of this checker's own, so each (text, region) is parsed
   * once however often the list repeats it.
   */
  constructor(settings: RowCheckSettings, check: TextCheck = new NumberMemo().check) {
    this.inference = new RegionInference(
      {
        phoneColumns: settings.phoneColumns,
        countryColumn: settings.countryColumn,
        defaultRegion: settings.defaultRegion,
        placeColumns: settings.placeColumns ?? []
      },
      settings.profile ?? null,
      check
    )
  }

  check(rowIndex: number, cells: CellValue[]): CheckedRow {
    const numbers = this.inference.readRow(cells).map(({ column, result }) => ({ ...result, column }))
    return { rowIndex, numbers }
  }
}
