import type { CellValue } from '@contract/types'
import { extractNumbers, preferDefaultReading, resolveRegion, type NumberResult } from '../phone'

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

/**
 * The offline check of one source row: every number in its phone columns, read in the row's region (the country
 * column's, else the default). A number the row's country makes invalid but the default region reads as valid
 * keeps that valid reading, marked 'country_column_mismatch': the number's own validity wins over the column.
 */
export class RowChecker {
  private readonly regions = new Map<string, string>()

  constructor(private readonly settings: RowCheckSettings) {}

  check(rowIndex: number, cells: CellValue[]): CheckedRow {
    const region = this.regionOf(cells)
    const numbers: FoundNumber[] = []
    for (const column of this.settings.phoneColumns) {
      for (const result of this.read(cells[column] ?? null, region)) numbers.push({ ...result, column })
    }
    return { rowIndex, numbers }
  }

  private read(cell: CellValue, region: string): NumberResult[] {
    const results = extractNumbers(cell, region)
    const { defaultRegion } = this.settings
    if (region === defaultRegion || !results.some((r) => r.status === 'invalid')) return results
    // A cell splits into the same pieces whatever the region, so the two readings pair up by position.
    const fallback = extractNumbers(cell, defaultRegion)
    if (fallback.length !== results.length) return results
    return results.map((r, i) => preferDefaultReading(r, fallback[i], region, defaultRegion) ?? r)
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
