import { describe, expect, it } from 'vitest'
import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max'
import examples from 'libphonenumber-js/examples.mobile.json'
import { checkNumberText, displayFormats, type NumberResult, type OfflineReason } from '@core/phone'

type Expect = Partial<NumberResult>

function check(text: string, region: string, fromNumericCell = false): NumberResult {
  return checkNumberText(text, region, fromNumericCell)
}

describe('checkNumberText: libphonenumber example numbers', () => {
  const regions: CountryCode[] = ['US', 'GB', 'DE', 'IT', 'FR', 'CN', 'IN', 'BR']
  it.each(regions)('%s example number is valid written nationally and internationally', (region) => {
    const example = getExampleNumber(region, examples)!
    const national = check(example.formatNational(), region)
    expect(national).toMatchObject({
      status: 'unchecked',
      reason: null,
      e164: example.number,
      country: region,
      dedupeKey: example.number,
      note: null
    })
    // Shown formats follow from the E.164 alone.
    expect(displayFormats(national.e164!)).toEqual({
      national: example.formatNational(),
      international: example.formatInternational()
    })
    // From another region the international form is needed, and gives the same number.
    const other = region === 'US' ? 'DE' : 'US'
    const international = check(example.formatInternational(), other)
    expect(international.e164).toBe(example.number)
    expect(international.country).toBe(region)
  })
})

describe('checkNumberText: line types', () => {
  it.each([
    ['+44 7400 123456', 'mobile'],
    ['+49 30 123456', 'fixed_line'],
    ['+1 201-555-0123', 'fixed_line_or_mobile'],
    ['+1 800 356 9377', 'toll_free'],
    ['+44 800 123 4567', 'toll_free'],
    ['+44 901 234 5678', 'premium_rate'],
    ['+33 810 12 34 56', 'shared_cost'],
    ['+44 56 1234 5678', 'voip'],
    ['+44 70 1234 5678', 'personal_number'],
    ['+44 7640 123456', 'pager'],
    ['+44 55 1234 5678', 'uan'],
    ['+39 331 0123 4501', 'voicemail']
  ])('%s is %s', (text, lineType) => {
    const result = check(text, 'US')
    expect(result.status).toBe('unchecked')
    expect(result.lineType).toBe(lineType)
  })

  it('has no line type for an invalid number', () => {
    expect(check('+1 200 555 0143', 'US').lineType).toBeNull()
  })
})

describe('checkNumberText: reasons', () => {
  it.each<[string, string, OfflineReason]>([
    ['123', 'US', 'too_short'],
    // UK numbers have 7, 9 or 10 digits after +44: eight fits none of them.
    ['+44 2079 4609', 'US', 'invalid_length'],
    ['+1 202 555 01434444', 'US', 'too_long'],
    ['+33 1 23', 'US', 'too_short'],
    ['+999 1234567', 'US', 'invalid_country_code'],
    ['202 555 0143', 'ZZ', 'invalid_country_code'],
    ['+1 200 555 0143', 'US', 'invalid_number'],
    ['MobilePhone', 'US', 'not_a_number'],
    ['n/a', 'US', 'not_a_number'],
    ['-', 'US', 'not_a_number'],
    ['john@example.com', 'US', 'not_a_number'],
    ['', 'US', 'not_a_number']
  ])('%j in %s is %s', (text, region, reason) => {
    const result = check(text, region)
    expect(result).toMatchObject({ status: 'invalid', reason, e164: null, lineType: null })
    expect(result.dedupeKey.startsWith('x:')).toBe(true)
  })

  it('keeps the country of an invalid number when it is known', () => {
    expect(check('+1 200 555 0143', 'DE').country).toBe('US')
    expect(check('123', 'FR').country).toBe('FR')
    expect(check('+44 12', 'US').country).toBe('GB')
    expect(check('+999 1234567', 'US').country).toBeNull()
  })
})

describe('checkNumberText: raw text and dedupe keys', () => {
  it('never alters raw beyond trimming', () => {
    expect(check('  +1 (202) 555-0143 ', 'US').raw).toBe('+1 (202) 555-0143')
    expect(check('＋４４ ７４００ １２３４５６', 'US').raw).toBe('＋４４ ７４００ １２３４５６')
  })

  it.each([
    ['+1 (202) 555-0143', '202.555.0143'],
    ['(202) 555-0143', '1-202-555-0143'],
    ['+44 7400 123456', '07400 123456'],
    ['tel:+1-202-555-0143', '202 555 0143 ext. 9']
  ])('%j and %j share a dedupe key', (a, b) => {
    const region = a.includes('+44') ? 'GB' : 'US'
    const first = check(a, region)
    const second = check(b, region)
    expect(first.status).toBe('unchecked')
    expect(first.dedupeKey).toBe(second.dedupeKey)
    expect(first.dedupeKey).toBe(first.e164)
  })

  it('groups the same invalid entry however it is punctuated, and keeps different ones apart', () => {
    expect(check('202-555-01', 'US').dedupeKey).toBe(check('202 555 01', 'US').dedupeKey)
    expect(check('202-555-01', 'US').dedupeKey).not.toBe(check('202-555-02', 'US').dedupeKey)
    expect(check('N/A', 'US').dedupeKey).toBe(check('n/a', 'US').dedupeKey)
    expect(check('-', 'US').dedupeKey).not.toBe(check('', 'US').dedupeKey)
  })
})

describe('checkNumberText: regions', () => {
  it('accepts lower-case region codes', () => {
    expect(check('202.555.0143', 'us').e164).toBe('+12025550143')
    expect(check('030 1234567', 'de').e164).toBe('+49301234567')
  })

  it('treats an unknown region as no region: only international numbers are valid', () => {
    expect(check('+49 30 1234567', 'XX').e164).toBe('+49301234567')
    expect(check('+49 30 1234567', '').e164).toBe('+49301234567')
    expect(check('030 1234567', 'XX').status).toBe('invalid')
  })
})

describe('checkNumberText: what people type', () => {
  it.each<[string, string, string, Expect?]>([
    // Labels.
    ['Phone: (202) 555-0143', 'US', '+12025550143'],
    ['Tel.: +49 30 1234567', 'US', '+49301234567'],
    ['Mobile - 07400 123456', 'GB', '+447400123456'],
    ['(h) 202-555-0143', 'US', '+12025550143'],
    ['[Work] 202-555-0143', 'US', '+12025550143'],
    ['202 555 0143 (work)', 'US', '+12025550143'],
    ['202-555-0143 mobile', 'US', '+12025550143'],
    ['Phone (mobile): +44 7400 123456', 'US', '+447400123456'],
    // Unicode digits and spaces.
    ['＋４４ ７４００ １２３４５６', 'US', '+447400123456'],
    ['+44\u00a07400\u2009123456', 'US', '+447400123456'],
    ['+44\u202f7400\u3000123456', 'US', '+447400123456'],
    ['\u0660\u0661\u0660\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667', 'EG', '+201001234567'],
    ['+1\u2013202\u2013555\u20130143', 'US', '+12025550143'],
    // Punctuation.
    ['[202] 555.0143', 'US', '+12025550143'],
    ['+44 (0) 20 7946 0958', 'US', '+442079460958'],
    ['(+44) 7400 123456', 'US', '+447400123456'],
    ['030/1234567', 'DE', '+49301234567'],
    // International prefixes.
    ['+0049 30 1234567', 'US', '+49301234567', { note: 'Dropped the 00 typed after the +' }],
    ['+011 49 30 1234567', 'FR', '+49301234567', { note: 'Dropped the 011 typed after the +' }],
    ['0049 30 1234567', 'DE', '+49301234567', { note: null }],
    ['011 49 30 1234567', 'US', '+49301234567', { note: null }],
    ['0049 30 1234567', 'US', '+49301234567', { note: 'Read 00 as the international prefix' }],
    ['011 49 30 1234567', 'DE', '+49301234567', { note: 'Read 011 as the international prefix' }],
    ['0049 30 1234567', 'XX', '+49301234567'],
    // Extensions.
    ['801-555-7712x4563', 'US', '+18015557712', { extension: '4563' }],
    ['202-555-0143 ext. 12', 'US', '+12025550143', { extension: '12' }],
    ['202-555-0143 ext 12', 'US', '+12025550143', { extension: '12' }],
    ['202-555-0143 #12', 'US', '+12025550143', { extension: '12' }],
    ['+1 202-555-0143;ext=12', 'US', '+12025550143', { extension: '12' }],
    ['202-555-0143, extension: 7', 'US', '+12025550143', { extension: '7' }],
    ['202 555 0143 x12 (work)', 'US', '+12025550143', { extension: '12' }],
    // RFC 3966 URIs.
    ['tel:+1-201-555-0123', 'DE', '+12015550123'],
    ['tel:+1-201-555-0123;ext=1234', 'DE', '+12015550123', { extension: '1234' }],
    ['tel:20-7946-0958;phone-context=+44', 'US', '+442079460958'],
    ['TEL:7946 0958;phone-context=+4420', 'US', '+442079460958'],
    ['tel:201-555-0123;phone-context=example.com', 'US', '+12015550123'],
    ['tel:%2B1-201-555-0123', 'DE', '+12015550123'],
    // Vanity numbers.
    ['1-800-FLOWERS', 'US', '+18003569377', { note: 'Letters read as keypad digits', lineType: 'toll_free' }],
    ['1-800-flowers', 'US', '+18003569377'],
    ['+1 800 GOT JUNK', 'DE', '+18004685865'],
    ['1-800-CONTACTS', 'US', '+18002668228'],
    // A comment after a complete number.
    [
      '202-555-0143 call after 6',
      'US',
      '+12025550143',
      { note: 'Ignored the text after the number: "call after 6"' }
    ]
  ])('%j in %s → %s', (text, region, e164, extra) => {
    const result = check(text, region)
    expect(result).toMatchObject({ status: 'unchecked', reason: null, e164, dedupeKey: e164 })
    if (!extra?.extension) expect(result.extension).toBeNull()
    if (extra) expect(result).toMatchObject(extra)
  })

  it('does not read words without a phone shape as a vanity number', () => {
    expect(check('Call me', 'US').reason).toBe('not_a_number')
    expect(check('BusinessPhone', 'US').reason).toBe('not_a_number')
    expect(check('x12', 'US').status).toBe('invalid')
  })

  it('formats without the extension, which is reported apart', () => {
    const result = check('801-555-7712x4563', 'US')
    expect(result.extension).toBe('4563')
    expect(displayFormats(result.e164!)).toEqual({
      national: '(801) 555-7712',
      international: '+1 801 555 7712'
    })
  })

  it('carries no formats: they are computed when a number is shown', () => {
    expect(Object.keys(check('+1 801 555 7712', 'US'))).not.toContain('nationalFormat')
    expect(Object.keys(check('+1 801 555 7712', 'US'))).not.toContain('internationalFormat')
    expect(displayFormats('+8613812345678')).toEqual({
      national: '138 1234 5678',
      international: '+86 138 1234 5678'
    })
    expect(displayFormats('not a number')).toBeNull()
  })

  it('rejects long free text without scanning it as a number', () => {
    const text = 'call the front desk and ask for Anna '.repeat(10) + '202-555-0143'
    expect(check(text, 'US').reason).toBe('not_a_number')
  })
})

describe('checkNumberText: scientific notation written as text', () => {
  it.each<[string, string, string, string]>([
    ['3.108207129E9', 'US', '3108207129', '+13108207129'],
    ['3.108207129e+9', 'US', '3108207129', '+13108207129'],
    ['3,108207129E9', 'US', '3108207129', '+13108207129'],
    ['3.1082071290E9', 'US', '3108207129', '+13108207129'],
    ['4.47400123456E11', 'GB', '447400123456', '+447400123456']
  ])('recovers %j when every digit is present', (text, region, digits, e164) => {
    const result = check(text, region)
    expect(result).toMatchObject({ status: 'unchecked', e164, raw: text })
    expect(result.note).toBe(`Recovered from the number ${digits} stored as ${text}`)
  })

  it.each(['8.61381E+12', '8,61381e12', '4.474E11', '3.10820712E9'])('flags %j as lost_digits', (text) => {
    const result = check(text, 'US')
    expect(result).toMatchObject({ status: 'invalid', reason: 'lost_digits', e164: null })
    expect(result.note).toMatch(/^The spreadsheet stored this as .+; the last \d+ digits are lost$/)
  })

  it('says how many digits are gone', () => {
    expect(check('8.61381E+12', 'US').note).toBe(
      'The spreadsheet stored this as 8.61381E+12; the last 7 digits are lost'
    )
  })

  it('does not take a decimal number for a phone number', () => {
    expect(check('3.1082071295E9', 'US').reason).toBe('not_a_number')
  })

  it('still suspects a dropped + on a recovered number', () => {
    const result = check('8.613123456789E12', 'US')
    expect(result.reason).toBe('lost_plus')
    expect(result.note).toBe(
      'Recovered from the number 8613123456789 stored as 8.613123456789E12; looks like +86 131 2345 6789 without its +'
    )
  })
})

describe('checkNumberText: digits of a numeric cell', () => {
  it.each<[string, string, string]>([
    ['2015550123', 'US', '+12015550123'],
    ['12015550123', 'US', '+12015550123'],
    ['6135550123', 'CA', '+16135550123'],
    // Trunk-prefix countries: the digits are the national significant number, the same number as with its 0.
    ['7400123456', 'GB', '+447400123456'],
    ['3012345678', 'DE', '+493012345678'],
    ['612345678', 'FR', '+33612345678'],
    // Italian mobiles have no leading 0, so the digits are complete.
    ['3123456789', 'IT', '+393123456789'],
    // The + was dropped, but the country code is the region's own: libphonenumber reads it as the same number.
    ['447400123456', 'GB', '+447400123456']
  ])('accepts %s in %s as %s', (digits, region, e164) => {
    const result = check(digits, region, true)
    expect(result).toMatchObject({ status: 'unchecked', e164, raw: digits, note: null })
  })

  it.each<[string, string, OfflineReason, string, string | null]>([
    [
      '612345678',
      'IT',
      'lost_leading_zero',
      'Looks like 06 1234 5678 (+39 06 1234 5678) without its leading 0',
      'IT'
    ],
    ['447400123456', 'US', 'lost_plus', 'Looks like +44 7400 123456 without its +', 'GB'],
    ['8613123456789', 'FR', 'lost_plus', 'Looks like +86 131 2345 6789 without its +', 'CN'],
    ['4915123456789', 'US', 'lost_plus', 'Looks like +49 1512 3456789 without its +', 'DE'],
    [
      '8613810000000',
      'US',
      'lost_digits',
      'The spreadsheet stored this as 8.61381E+12; the last digits are lost',
      null
    ],
    [
      '44790000000',
      'GB',
      'lost_digits',
      'The spreadsheet stored this as 4.479E+10; the last digits are lost',
      null
    ]
  ])('flags %s in %s as %s', (digits, region, reason, note, country) => {
    expect(check(digits, region, true)).toMatchObject({
      status: 'invalid',
      reason,
      note,
      country,
      e164: null,
      raw: digits,
      dedupeKey: 'x:' + digits
    })
  })

  it('flags a missing + even without a default region', () => {
    expect(check('447400123456', '', true).reason).toBe('lost_plus')
  })

  it('falls back to the length reason when no accident explains the digits', () => {
    expect(check('12', 'US', true).reason).toBe('too_short')
    expect(check('2005550143', 'US', true).reason).toBe('invalid_number')
  })

  it('suspects the same accidents in text that holds nothing but digits', () => {
    expect(check('447400123456', 'US').reason).toBe('lost_plus')
    expect(check('612345678', 'IT').reason).toBe('lost_leading_zero')
    // Typed with spacing, it is what the writer meant; no spreadsheet to blame.
    expect(check('44 7400 123456', 'US').reason).not.toBe('lost_plus')
    // Only numeric cells are suspected of rounding.
    expect(check('8613810000000', 'US').reason).not.toBe('lost_digits')
  })
})
