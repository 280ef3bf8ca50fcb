import { describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import { RowChecker } from '@core/jobs/row-check'
import { summarizeRow } from '@core/jobs/offline-check'

// Columns: 0 phone, 1 country, 2 a second phone column.
function checker(defaultRegion: string, countryColumn: number | null = 1): RowChecker {
  return new RowChecker({ phoneColumns: [0, 2], countryColumn, defaultRegion })
}

function numbersOf(cells: CellValue[], defaultRegion = 'US', countryColumn: number | null = 1) {
  return checker(defaultRegion, countryColumn).check(0, cells).numbers
}

describe('a country column that does not fit the number: the number’s own validity wins', () => {
  it('reads a US number in a row whose country says Ghana with the default region, with a reason', () => {
    const [n] = numbersOf(['(212) 555-0100', 'Ghana', null])
    expect(n).toMatchObject({
      e164: '+12125550100',
      status: 'unchecked',
      reason: 'country_column_mismatch',
      country: 'US',
      lineType: 'fixed_line_or_mobile',
      column: 0
    })
    expect(n.note).toBe('Not a valid number for the row’s country GH; read with the default country US')
  })

  it('does the same for a row whose country says Tokelau', () => {
    const [n] = numbersOf(['212.555.0100', 'Tokelau', null])
    expect(n).toMatchObject({
      e164: '+12125550100',
      status: 'unchecked',
      reason: 'country_column_mismatch',
      country: 'US'
    })
  })

  it('keeps the row’s country when it fits: a Ghanaian number in a Ghana row, no reason', () => {
    const [n] = numbersOf(['024 123 4567', 'Ghana', null])
    expect(n).toMatchObject({
      e164: '+233241234567',
      status: 'unchecked',
      reason: null,
      country: 'GH',
      note: null
    })
  })

  it('keeps the row’s country when the same digits are valid under both (row country wins)', () => {
    // 020 7946 0958 is a London number; under the default US it would not be valid anyway, but the GB reading
    // must come from the row, not from any fallback.
    const [n] = numbersOf(['020 7946 0958', 'United Kingdom', null])
    expect(n).toMatchObject({ e164: '+442079460958', reason: null, country: 'GB' })
  })

  it('a number with its own +CC is read as written in any row, with no reason', () => {
    const [n] = numbersOf(['+1 212 555 0100', 'Ghana', null])
    expect(n).toMatchObject({ e164: '+12125550100', reason: null, note: null, country: 'US' })
  })

  it('an international prefix is read as written in a Ghana row, with no mismatch reason', () => {
    const [n] = numbersOf(['00 44 20 7946 0958', 'Ghana', null])
    expect(n).toMatchObject({ e164: '+442079460958', status: 'unchecked', reason: null, country: 'GB' })
  })

  it('a number valid under neither stays invalid, judged for the row’s country', () => {
    const [n] = numbersOf(['555 0100 12345 6', 'Ghana', null])
    expect(n).toMatchObject({ e164: null, status: 'invalid', reason: 'too_long', country: 'GH' })
  })

  it('pairs each number of a cell with its own reading', () => {
    const numbers = numbersOf(['024 123 4567; (212) 555-0100', 'Ghana', '(415) 555-0132'])
    expect(numbers.map((n) => [n.column, n.e164, n.reason])).toEqual([
      [0, '+233241234567', null],
      [0, '+12125550100', 'country_column_mismatch'],
      [2, '+14155550132', 'country_column_mismatch']
    ])
  })

  it('a numeric cell in a mismatching row is read with the default region too', () => {
    const [n] = numbersOf([2125550100, 'GH', null])
    expect(n).toMatchObject({ e164: '+12125550100', reason: 'country_column_mismatch' })
  })

  it('without a country column nothing changes: default region, no reason', () => {
    const [n] = numbersOf(['(212) 555-0100', 'Ghana', null], 'US', null)
    expect(n).toMatchObject({ e164: '+12125550100', reason: null, note: null })
  })

  it('the row’s result carries the reason into the Reason column, status unchecked', () => {
    const row = checker('US').check(7, ['(212) 555-0100', 'Ghana', null])
    const result = summarizeRow(row.rowIndex, row.numbers, '2026-01-01T00:00:00.000Z')
    expect(result).toMatchObject({
      rowIndex: 7,
      status: 'unchecked',
      reason: 'country_column_mismatch',
      e164: ['+12125550100'],
      country: 'US'
    })
  })
})
