// Issue 10, "Both cores": each number text is parsed once per job, however often the list repeats it and however
// many countries the region inference reads it in.
import { describe, expect, it } from 'vitest'
import type { CellValue } from '../../../src-preload/contract/types'
import { RowChecker } from '../../../src-main/core/jobs/row-check'
import { profileOfRows } from '../../../src-main/core/jobs/country-split'
import { checkNumberText, NumberMemo, type TextCheck } from '../../../src-main/core/phone'

/** checkNumberText, counting its calls per (region, numeric flag, text). */
function countingParse(): { parse: TextCheck; calls: Map<string, number>; total: () => number } {
  const calls = new Map<string, number>()
  return {
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    parse: (text, region, numeric) => {
      const key = `${region}|${numeric}|${text}`
      calls.set(key, (calls.get(key) ?? 0) + 1)
      return checkNumberText(text, region, numeric)
    }
  }
}

/** A list of US and Chinese contacts, every number written on three rows, some cells with two numbers. */
function mixedRows(): CellValue[][] {
  const distinct: CellValue[][] = [
    ['Ann', '(212) 555-0100', 'New York'],
    ['Bo', '15810079191', 'Shanghai'],
    ['Cy', '+86 139 1234 5678', ''],
    ['Di', '158-1979-5579', ''],
    ['Ed', 12125550123, 'Boston'],
    ['Fay', '+1 415 555 0199; 138 0013 8000', ''],
    ['Gus', 'n/a', ''],
    ['Hal', '  (212) 555-0100 ', 'Austin'],
    ['Ivy', '13800138000', '']
  ]
  return [...distinct, ...distinct, ...distinct]
}

const SETTINGS = { phoneColumns: [1], countryColumn: null, defaultRegion: 'US', placeColumns: [2] }

describe('NumberMemo', () => {
  it('parses each distinct (text, region) of a job once, and reads every row as the plain check does', () => {
    const rows = mixedRows()
    const counting = countingParse()
    const memo = new NumberMemo({ parse: counting.parse })
    const profile = profileOfRows(rows, SETTINGS, memo.check)
    // The list holds China as well as the default: the inference reads national numbers in both.
    expect(profile.regions.map((r) => r.region).sort()).toEqual(['CN', 'US'])
    const checker = new RowChecker({ ...SETTINGS, profile }, memo.check)
    const memoized = rows.map((cells, i) => checker.check(i, cells))

    for (const [key, n] of counting.calls) expect({ key, n }).toEqual({ key, n: 1 })
    // The national numbers were read under both countries, the numeric cell as digits of a spreadsheet number.
    expect(counting.calls.has('CN|false|15810079191')).toBe(true)
    expect(counting.calls.has('US|false|15810079191')).toBe(true)
    expect(counting.calls.has('US|true|12125550123')).toBe(true)
    // 9 distinct rows, three times over: the repeats cost nothing.
    const afterOnePass = counting.total()
    rows.forEach((cells, i) => checker.check(i, cells))
    expect(counting.total()).toBe(afterOnePass)

    const plain = new RowChecker({ ...SETTINGS, profile }, checkNumberText)
    expect(memoized).toEqual(rows.map((cells, i) => plain.check(i, cells)))
    expect(memoized[1].numbers[0]).toMatchObject({
      e164: '+8615810079191',
      reason: 'region_inferred',
      country: 'CN'
    })
  })

  it('is bounded: past its limit the oldest texts are parsed again, repeated ones stay', () => {
    const counting = countingParse()
    const memo = new NumberMemo({ limit: 2, parse: counting.parse })
    const texts = ['(212) 555-0100', '(212) 555-0101', '(212) 555-0102', '(212) 555-0103', '(212) 555-0104']
    for (const text of texts) memo.check(text, 'US', false)
    memo.check(texts[0], 'US', false)
    expect(counting.calls.get('US|false|(212) 555-0100')).toBe(2)
    // The last two are still held.
    memo.check(texts[4], 'US', false)
    memo.check(texts[3], 'US', false)
    expect(counting.calls.get('US|false|(212) 555-0104')).toBe(1)
    expect(counting.calls.get('US|false|(212) 555-0103')).toBe(1)
  })

  it('keys on the region and the numeric-cell flag, and shares frozen results', () => {
    const counting = countingParse()
    const memo = new NumberMemo({ parse: counting.parse })
    const us = memo.check('7911123456', 'US', false)
    const gb = memo.check('7911123456', 'GB', false)
    const numeric = memo.check('7911123456', 'GB', true)
    expect(us.status).toBe('invalid')
    expect(gb).toMatchObject({ e164: '+447911123456', status: 'unchecked' })
    expect(numeric.e164).toBe('+447911123456')
    expect(counting.total()).toBe(3)
    expect(memo.check('7911123456', 'GB', false)).toBe(gb)
    expect(Object.isFrozen(gb)).toBe(true)
  })
})

describe('the list profile', () => {
  it('reads a typed number in the default region once per row, even with no memo in front of the check', () => {
    // Nine distinct rows, each three times: every count below is per three rows.
    const rows = mixedRows()
    const counting = countingParse()
    const profile = profileOfRows(rows, SETTINGS, counting.parse)
    expect(profile.regions.map((r) => r.region).sort()).toEqual(['CN', 'US'])
    // Read in the default while collecting evidence; that reading is reused when the candidates are compared.
    expect(counting.calls.get('US|false|15810079191')).toBe(3)
    expect(counting.calls.get('US|false|138 0013 8000')).toBe(3)
    expect(counting.calls.get('CN|false|15810079191')).toBe(3)
    // A numeric cell's digits were read as such; compared as typed text they are read once more.
    expect(counting.calls.get('US|true|12125550123')).toBe(3)
    expect(counting.calls.get('US|false|12125550123')).toBe(3)
  })
})
