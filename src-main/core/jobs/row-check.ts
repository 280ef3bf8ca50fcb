import type { CellValue } from '@contract/types'
import { extractNumbers, resolveRegion, type NumberResult } from '../phone'

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
}

/** The offline check of one source row: every number in its phone columns, read in the row's region. */
export class RowChecker {
  private readonly regions = new Map<string, string>()

  constructor(private readonly settings: RowCheckSettings) {}

  check(rowIndex: number, cells: CellValue[]): CheckedRow {
    const region = this.regionOf(cells)
    const numbers: FoundNumber[] = []
    for (const column of this.settings.phoneColumns) {
      for (const result of extractNumbers(cells[column] ?? null, region)) numbers.push({ ...result, column })
    }
    return { rowIndex, numbers }
  }

  private regionOf(cells: CellValue[]): string {
    const { countryColumn, defaultRegion } = this.settings
    if (countryColumn === null) return defaultRegion
    const value = cells[countryColumn]
    if (value === null || value === undefined || value === '') return defaultRegion
    const key = String(value)
    let region = this.regions.get(key)
    if (region === undefined) {
      region = resolveRegion(value) ?? defaultRegion
      this.regions.set(key, region)
    }
    return region
  }
}
