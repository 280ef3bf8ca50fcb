import { describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import { extractNumbers, splitCell } from '@core/phone'

function summary(cell: CellValue, region: string) {
  return extractNumbers(cell, region).map((n) => [n.raw, n.e164 ?? n.reason])
}

describe('extractNumbers: blank and placeholder cells', () => {
  it.each<[CellValue]>([[null], [''], ['   '], ['\n']])('%j holds no number', (cell) => {
    expect(extractNumbers(cell, 'US')).toEqual([])
  })

  it.each(['MobilePhone', 'BusinessPhone', 'n/a', 'N/A', '-', ';', 'none'])(
    'keeps placeholder %j as not_a_number',
    (cell) => {
      const results = extractNumbers(cell, 'US')
      expect(results).toHaveLength(1)
      expect(results[0]).toMatchObject({ raw: cell, status: 'invalid', reason: 'not_a_number' })
    }
  )

  it('reports a boolean cell instead of dropping it', () => {
    expect(summary(true, 'US')).toEqual([['true', 'not_a_number']])
  })
})

describe('extractNumbers: several numbers in one cell', () => {
  it.each<[string, string, [string, string][]]>([
    [
      '801-555-7712x4563;801-555-9999',
      'US',
      [
        ['801-555-7712x4563', '+18015557712'],
        ['801-555-9999', '+18015559999']
      ]
    ],
    [
      '+44 7400 123456 ::: +44 20 7946 0958',
      'US',
      [
        ['+44 7400 123456', '+447400123456'],
        ['+44 20 7946 0958', '+442079460958']
      ]
    ],
    [
      '+1 202 555 0143, +1 202 555 0199',
      'US',
      [
        ['+1 202 555 0143', '+12025550143'],
        ['+1 202 555 0199', '+12025550199']
      ]
    ],
    [
      '202-555-0143\n202-555-0199\r\n202-555-0188',
      'US',
      [
        ['202-555-0143', '+12025550143'],
        ['202-555-0199', '+12025550199'],
        ['202-555-0188', '+12025550188']
      ]
    ],
    [
      '0171 1234567 / 030 1234567',
      'DE',
      [
        ['0171 1234567', '+491711234567'],
        ['030 1234567', '+49301234567']
      ]
    ],
    [
      'Home: 020 7946 0958, Mobile: 07400 123456',
      'GB',
      [
        ['Home: 020 7946 0958', '+442079460958'],
        ['Mobile: 07400 123456', '+447400123456']
      ]
    ],
    [
      '202-555-0143 | 202-555-0199',
      'US',
      [
        ['202-555-0143', '+12025550143'],
        ['202-555-0199', '+12025550199']
      ]
    ],
    [
      '202-555-0143;; 202-555-01',
      'US',
      [
        ['202-555-0143', '+12025550143'],
        ['202-555-01', 'too_short']
      ]
    ]
  ])('%j', (cell, region, expected) => {
    expect(summary(cell, region)).toEqual(expected)
  })

  it('keeps the extension with its own number', () => {
    const [first, second] = extractNumbers('801-555-7712x4563;801-555-9999', 'US')
    expect(first.extension).toBe('4563')
    expect(second.extension).toBeNull()
  })

  it.each<[string, string, string]>([
    ['030/1234567', 'DE', '+49301234567'],
    ['0171/1234567', 'DE', '+491711234567'],
    ['202-555-0143, ext 12', 'US', '+12025550143'],
    ['+1-201-555-0123;ext=1234', 'US', '+12015550123'],
    ['tel:20 7946 0958;phone-context=+44', 'US', '+442079460958'],
    ['Tel.: +49 30 1234567', 'US', '+49301234567']
  ])('does not split %j', (cell, region, e164) => {
    const results = extractNumbers(cell, region)
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ raw: cell, e164 })
  })

  it('splits only where both sides carry a number', () => {
    expect(splitCell('1,234')).toEqual(['1,234'])
    expect(splitCell('12345, 67890')).toEqual(['12345', '67890'])
    expect(splitCell('030 / 1234567')).toEqual(['030 / 1234567'])
    expect(splitCell('0301234567 / 0401234567')).toEqual(['0301234567', '0401234567'])
  })
})

describe('extractNumbers: numeric cells', () => {
  it.each<[number, string, string]>([
    [2015550123, 'US', '+12015550123'],
    [7400123456, 'GB', '+447400123456'],
    [3123456789, 'IT', '+393123456789'],
    [447400123456, 'GB', '+447400123456']
  ])('%d in %s is %s', (cell, region, e164) => {
    expect(extractNumbers(cell, region)).toMatchObject([{ raw: String(cell), status: 'unchecked', e164 }])
  })

  it.each<[number, string, string, string]>([
    [612345678, 'IT', '612345678', 'lost_leading_zero'],
    [447400123456, 'US', '447400123456', 'lost_plus'],
    [8613810000000, 'US', '8613810000000', 'lost_digits'],
    [1e17, 'US', '100000000000000000', 'lost_digits'],
    [2.5e21, 'US', '2500000000000000000000', 'lost_digits'],
    [202.5, 'US', '202.5', 'not_a_number'],
    [-2015550123, 'US', '-2015550123', 'not_a_number'],
    [0, 'US', '0', 'not_a_number'],
    [Number.NaN, 'US', 'NaN', 'not_a_number']
  ])('%d in %s is flagged', (cell, region, raw, reason) => {
    expect(extractNumbers(cell, region)).toMatchObject([{ raw, status: 'invalid', reason, e164: null }])
  })

  it('names the lost digits in the note', () => {
    expect(extractNumbers(8613810000000, 'US')[0].note).toBe(
      'The spreadsheet stored this as 8.61381E+12; the last digits are lost'
    )
  })
})
