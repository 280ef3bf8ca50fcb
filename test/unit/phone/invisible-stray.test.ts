import { describe, expect, it } from 'vitest'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { checkNumberText, extractNumbers } from '@core/phone'

describe('checkNumberText: invisible bidi and zero-width marks', () => {
  it.each([
    ['trailing U+202C pop directional formatting', '+1 201-555-0123\u202c', '+12015550123'],
    ['U+202A … U+202C embedding', '\u202a+44 7400 123456\u202c', '+447400123456'],
    ['U+202B … U+202C right-to-left embedding', '\u202b+49 30 123456\u202c', '+4930123456'],
    ['U+202D … U+202E overrides', '\u202d+1 201 555 0123\u202e', '+12015550123'],
    ['U+200E left-to-right mark', '\u200e+44 7400 123456', '+447400123456'],
    ['U+200F right-to-left mark', '+44 7400 123456\u200f', '+447400123456'],
    ['U+2066 … U+2069 isolate', '\u2066+1 201 555 0123\u2069', '+12015550123'],
    ['U+2068 first-strong isolate', '\u2068+44 7400 123456\u2069', '+447400123456'],
    ['U+FEFF byte order mark', '\ufeff+44 7400 123456', '+447400123456'],
    ['U+200B zero-width spaces between groups', '201\u200b555\u200b0123', '+12015550123'],
    ['U+2062 invisible times', '201\u2062555\u20620123', '+12015550123'],
    ['U+061C Arabic letter mark', '\u061c+44 7400 123456', '+447400123456']
  ])('%s is removed before parsing', (_name, text, e164) => {
    const result = checkNumberText(text, 'US')
    expect(result).toMatchObject({ status: 'unchecked', reason: null, e164, dedupeKey: e164 })
    expect(result.raw).toBe(text.trim())
  })

  it('reads the U+202C number the way bare libphonenumber-js does', () => {
    // The library itself accepts the mark; Ringtrue must not be stricter.
    expect(parsePhoneNumberFromString('+1 201-555-0123\u202c', 'US')?.number).toBe('+12015550123')
    expect(checkNumberText('+1 201-555-0123\u202c', 'US').e164).toBe('+12015550123')
  })

  it('groups the same invalid entry with and without marks', () => {
    expect(checkNumberText('12\u202c34', 'US').dedupeKey).toBe(checkNumberText('1234', 'US').dedupeKey)
  })
})

describe('checkNumberText: a + after the first digit is malformed', () => {
  it('does not read 190022+22222 as +1 900 222 2222', () => {
    const result = checkNumberText('190022+22222', 'US')
    expect(result).toMatchObject({
      raw: '190022+22222',
      e164: null,
      status: 'invalid',
      reason: 'stray_plus',
      lineType: null,
      country: null
    })
    expect(result.note).toBe(
      'A + inside the digits: two numbers run together or a typo, so it is not read as one number'
    )
  })

  it.each([
    ['190022 +22222', 'US'],
    ['(201) 555+0123', 'US'],
    ['+1 201 555 0123 +1 201 555 0124', 'US'],
    ['0049+30 123456', 'DE'],
    ['Phone: 190022+22222', 'US'],
    ['190022+22222 call after 6', 'US'],
    ['190022+22222\u202c', 'US'],
    ['１９００２２＋２２２２２', 'US']
  ])('%s (%s) is stray_plus', (text, region) => {
    expect(checkNumberText(text, region)).toMatchObject({
      status: 'invalid',
      reason: 'stray_plus',
      e164: null
    })
  })

  it.each([
    ['+1 201-555-0123', '+12015550123'],
    ['(+44) 7400 123456', '+447400123456'],
    ['Tel: +44 7400 123456', '+447400123456'],
    ['tel:+1-201-555-0123', '+12015550123'],
    ['++44 7400 123456', '+447400123456']
  ])('a leading + still reads: %s', (text, e164) => {
    expect(checkNumberText(text, 'US')).toMatchObject({ status: 'unchecked', e164 })
  })

  it('scientific notation keeps its own reading', () => {
    expect(checkNumberText('8.61381E+12', 'CN').reason).toBe('lost_digits')
    expect(checkNumberText('2.015550123E+9', 'US').e164).toBe('+12015550123')
  })
})

describe('extractNumbers: separators still split around a +', () => {
  it.each([
    ['+1 201-555-0123, +1 201-555-0124', ['+12015550123', '+12015550124']],
    ['+1 201-555-0123; +44 7400 123456', ['+12015550123', '+447400123456']],
    ['+1 201-555-0123 / +44 7400 123456', ['+12015550123', '+447400123456']],
    ['+1 201-555-0123 ::: +44 7400 123456', ['+12015550123', '+447400123456']],
    ['+1 201-555-0123\n+44 7400 123456', ['+12015550123', '+447400123456']],
    ['+1 201-555-0123\u202c, \u202a+44 7400 123456\u202c', ['+12015550123', '+447400123456']]
  ])('%j gives two numbers', (cell, expected) => {
    const found = extractNumbers(cell, 'US')
    expect(found.map((n) => n.e164)).toEqual(expected)
    expect(found.every((n) => n.status === 'unchecked')).toBe(true)
  })

  it('a cell with a stray + between digits is one malformed entry, not a number', () => {
    const found = extractNumbers('190022+22222', 'US')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ reason: 'stray_plus', e164: null })
  })
})
