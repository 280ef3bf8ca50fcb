import { describe, expect, it } from 'vitest'
import { columnIndexOfLetters, columnLetter } from '../../../src-main/core/domain/columns'

describe('column letters', () => {
  it('names columns the way spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD'
    ])
  })

  it('reads letters back to the index, in either case, and refuses what is not letters', () => {
    expect(columnIndexOfLetters('A')).toBe(0)
    expect(columnIndexOfLetters('ab')).toBe(27)
    expect(columnIndexOfLetters('XFD')).toBe(16_383)
    expect(columnIndexOfLetters('AAAA')).toBeNull()
    expect(columnIndexOfLetters('A1')).toBeNull()
    expect(columnIndexOfLetters('')).toBeNull()
  })
})
