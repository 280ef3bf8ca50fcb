// Issue 9, item 1: a number written without a country code is read where the row and the list show it belongs,
// or visibly marked ambiguous; never silently in a country that makes it a different number.
import { describe, expect, it } from 'vitest'
import type { CellValue } from '../../../src-preload/contract/types'
import { RowChecker, type RowCheckSettings } from '../../../src-main/core/jobs/row-check'
import { profileOfRows, splitOfRows } from '../../../src-main/core/jobs/country-split'
import { shapeOf, writtenForm, writtenWithCountryCode } from '../../../src-main/core/phone/infer'
import { checkNumberText, type ListProfile } from '../../../src-main/core/phone'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

const CN_AND_US: ListProfile = {
  regions: [
    { region: 'CN', share: 0.5 },
    { region: 'US', share: 0.5 }
  ]
}

function reader(settings: Partial<RowCheckSettings> & { profile?: ListProfile | null }) {
  const checker = new RowChecker({
    phoneColumns: [0],
    countryColumn: null,
    defaultRegion: 'US',
    placeColumns: [],
    ...settings
  })
  return (...cells: CellValue[]) => checker.check(0, cells).numbers
}

function one(read: (...cells: CellValue[]) => ReturnType<ReturnType<typeof reader>>, ...cells: CellValue[]) {
  const numbers = read(...cells)
  expect(numbers).toHaveLength(1)
  return numbers[0]
}

describe('a list of one country changes nothing', () => {
  it('reads with the default as before when no other country is evident', () => {
    const read = reader({ profile: { regions: [{ region: 'US', share: 1 }] } })
    // Under US alone this is a personal number: no other country to prefer, so it stays (today's reading).
    expect(one(read, '15249817734')).toMatchObject({ e164: '+15249817734', reason: null, country: 'US' })
    expect(one(read, '(212) 555-0100')).toMatchObject({ e164: '+12125550100', reason: null })
  })
})

describe('a list of Chinese and US numbers, default United States', () => {
  const read = reader({ profile: CN_AND_US })

  it('reads a bare Chinese mobile that is only a US personal number as Chinese, and says why', () => {
    const n = one(read, '15249817734')
    expect(n).toMatchObject({
      e164: '+8615249817734',
      status: 'unchecked',
      reason: 'region_inferred',
      country: 'CN',
      lineType: 'mobile'
    })
    expect(n.note).toContain('+1 524 981 7734 (personal number)')
    expect(n.note).toContain('read as China')
  })

  it('reads 158-1979-5579 as Chinese: China writes its mobiles 3-4-4, the +1 reading would be Canadian', () => {
    const n = one(read, '158-1979-5579')
    expect(n).toMatchObject({ e164: '+8615819795579', reason: 'region_inferred', country: 'CN' })
  })

  it('leaves a US number written the US way alone, whatever else it could be', () => {
    expect(one(read, '(212) 555-0100')).toMatchObject({ e164: '+12125550100', reason: null, country: 'US' })
    expect(one(read, '1-617-555-0199')).toMatchObject({ e164: '+16175550199', reason: null })
  })

  it('never second-guesses a number written with its country code', () => {
    expect(one(read, '+1 212 555 0100')).toMatchObject({ e164: '+12125550100', reason: null })
    expect(one(read, '0086 138 0013 8000')).toMatchObject({ e164: '+8613800138000', country: 'CN' })
    expect(one(read, '0086 138 0013 8000').reason).toBeNull()
  })

  it('marks a bare number valid in both countries ambiguous: unknown, no E.164, both readings named', () => {
    const n = one(read, '13125550100')
    expect(n).toMatchObject({
      e164: null,
      status: 'unknown',
      reason: 'ambiguous_region',
      country: null,
      alternatives: ['US', 'CN'],
      dedupeKey: 'x:13125550100'
    })
    expect(n.note).toContain('+1 312 555 0100 (United States)')
    expect(n.note).toContain('+86 131 2555 0100 (China)')
  })

  it('keeps an invalid number invalid when no evident country reads it either', () => {
    expect(one(read, '12345')).toMatchObject({ status: 'invalid', reason: 'too_short', e164: null })
  })
})

describe('a list of Chinese and US numbers, default China', () => {
  const read = reader({ defaultRegion: 'CN', profile: CN_AND_US })

  it('reads NANP-written numbers as +1, never as Chinese fixed lines', () => {
    for (const text of ['(212) 555-0100', '1-212-555-0100', '212.555.0100']) {
      expect(one(read, text), text).toMatchObject({
        e164: '+12125550100',
        reason: 'region_inferred',
        country: 'US'
      })
    }
  })

  it('reads Chinese mobiles in the default as before', () => {
    expect(one(read, '15249817734')).toMatchObject({ e164: '+8615249817734', reason: null })
    expect(one(read, '158-1979-5579')).toMatchObject({ e164: '+8615819795579', reason: null })
  })
})

describe('the row decides between two good readings', () => {
  const read = reader({ phoneColumns: [0, 1], placeColumns: [2], profile: CN_AND_US })

  it('a city in the row', () => {
    const shanghai = one(read, '13125550100', null, 'Shanghai')
    expect(shanghai).toMatchObject({ e164: '+8613125550100', reason: 'region_inferred', country: 'CN' })
    expect(shanghai.note).toContain('the row names a place there')
    // The row agrees with the default: the default's reading stands, with nothing to flag.
    expect(one(read, '13125550100', null, 'Boston')).toMatchObject({ e164: '+13125550100', reason: null })
  })

  it('another number of the row written with its country code', () => {
    const numbers = read('+86 138 0013 8000', '13125550100', null)
    expect(numbers.map((n) => [n.e164, n.reason])).toEqual([
      ['+8613800138000', null],
      ['+8613125550100', 'region_inferred']
    ])
  })

  it('but not a number that is only valid in the default: the number’s own validity wins', () => {
    // New York's (212) is no Chinese mobile; the Shanghai in the row cannot make it one.
    expect(one(read, '(212) 555-0100', null, 'Shanghai')).toMatchObject({
      e164: '+12125550100',
      reason: null
    })
  })
})

describe('the list decides when the row cannot', () => {
  it('by how the list writes each country’s numbers', () => {
    const read = reader({ profile: { ...CN_AND_US, shapes: { '99999999999': { CN: 40, US: 2 } } } })
    const n = one(read, '13125550100')
    expect(n).toMatchObject({ e164: '+8613125550100', reason: 'region_inferred' })
    expect(n.note).toContain('this list writes that country’s numbers this way')
  })

  it('by a country that outweighs the other four times or more', () => {
    const read = reader({
      profile: {
        regions: [
          { region: 'US', share: 0.9 },
          { region: 'CN', share: 0.1 }
        ]
      }
    })
    expect(one(read, '13125550100')).toMatchObject({ e164: '+13125550100', reason: null })
  })
})

describe('the order of the evidence', () => {
  it('how the list writes such numbers outweighs a city in the row (a city column may be filled at random)', () => {
    const read = reader({
      placeColumns: [1],
      profile: { ...CN_AND_US, shapes: { '99999999999': { CN: 40, US: 2 } } }
    })
    // Boston's area code is 857, but this list writes its bare 11-digit numbers the Chinese way.
    const n = one(read, '18575770529', 'Boston')
    expect(n).toMatchObject({ e164: '+8618575770529', reason: 'region_inferred' })
  })

  it('a +CC on the row outweighs how the list writes numbers', () => {
    const read = reader({
      phoneColumns: [0, 1],
      profile: { ...CN_AND_US, shapes: { '99999999999': { CN: 40, US: 2 } } }
    })
    const numbers = read('+1 617 555 0199', '18575770529')
    expect(numbers[1]).toMatchObject({ e164: '+18575770529', reason: null })
  })
})

describe('a number grouped the North American way', () => {
  it('is tried as +1 where the row’s country reads it badly, even with no US evidence in the list', () => {
    const read = reader({ defaultRegion: 'CN', profile: null })
    for (const text of ['(212) 555-0100', '212.555.0100', '1-212-555-0100']) {
      const n = one(read, text)
      expect(n, text).toMatchObject({ e164: '+12125550100', reason: 'region_inferred', country: 'US' })
    }
    // A Chinese number written the Chinese way is left alone.
    expect(one(read, '021-2555-0100')).toMatchObject({ e164: '+862125550100', reason: null })
  })
})

describe('the country column', () => {
  it('still lets the default reading win where the row’s country does not fit (country_column_mismatch)', () => {
    const read = reader({ countryColumn: 1, profile: null })
    expect(one(read, '(212) 555-0100', 'Ghana')).toMatchObject({
      e164: '+12125550100',
      reason: 'country_column_mismatch'
    })
    expect(one(read, '024 123 4567', 'Ghana')).toMatchObject({ e164: '+233241234567', reason: null })
  })
})

describe('the list profile', () => {
  const settings: RowCheckSettings = {
    phoneColumns: [0],
    countryColumn: null,
    defaultRegion: 'US',
    placeColumns: [1]
  }

  it('counts numbers written with a country code, place names and then national numbers valid in one country', () => {
    const rows: CellValue[][] = [
      ['+86 138 0013 8000', null],
      ['+86 139 1234 5678', null],
      ['0086 135 1234 5678', 'Beijing'],
      ['15249817734', 'Shanghai'],
      ['(212) 555-0100', 'New York'],
      ['(415) 555-0132', null]
    ]
    const profile = profileOfRows(rows, settings)
    // CN: three explicit numbers, two places, one national number valid only there (15249817734 is only a US
    // personal number). US: one place and two national numbers valid only there.
    expect(profile.regions).toEqual([
      { region: 'CN', share: 6 / 9 },
      { region: 'US', share: 3 / 9 }
    ])
    expect(profile.shapes?.['99 999 9999 9999']).toBeUndefined()
    expect(profile.shapes?.['+99 999 9999 9999']).toEqual({ CN: 2 })
    expect(profile.shapes?.['(999) 999-9999']).toEqual({ US: 2 })
  })

  it('needs three items before a country counts as evident', () => {
    // +44 7911 is a Guernsey mobile to libphonenumber: one numbering plan with Britain, so it counts as GB.
    const rows: CellValue[][] = [
      ['+44 20 7946 0958', null],
      ['+44 7911 123456', null]
    ]
    for (let i = 0; i < 20; i++) rows.push([`(212) 555-01${String(i).padStart(2, '0')}`, null])
    // Two British numbers are no evidence of a British list: no country but the default, so no profile at all.
    expect(profileOfRows(rows, settings).regions).toEqual([])
    rows.push(['+44 161 234 5678', null])
    expect(profileOfRows(rows, settings).regions.map((r) => r.region)).toEqual(['US', 'GB'])
  })
})

describe('the country split of a sample', () => {
  const settings: RowCheckSettings = { phoneColumns: [0], countryColumn: null, defaultRegion: 'US' }
  const mostlyChinese: CellValue[][] = [
    ['+86 138 0013 8000'],
    ['+86 139 1234 5678'],
    ['0086 135 1234 5678'],
    ['15249817734'],
    ['158-1979-5579'],
    ['(212) 555-0100'],
    ['13125550100'],
    ['12345'],
    []
  ]

  it('warns when most numbers do not fit the default, and names the country they do fit', () => {
    // Five of the six numbers whose country is certain are Chinese, so the bare 13125550100 (valid as +1 and as
    // +86) goes to China by the list's weight: three inferred in all.
    expect(splitOfRows(mostlyChinese, settings)).toEqual({
      rows: 8,
      numbers: 8,
      countries: [
        { country: 'CN', numbers: 6, share: 6 / 8 },
        { country: 'US', numbers: 1, share: 1 / 8 }
      ],
      invalid: 1,
      inferred: 3,
      ambiguous: 0,
      defaultRegion: 'US',
      defaultShare: 1 / 8,
      mismatch: { country: 'CN', share: 6 / 8 }
    })
  })

  it('counts ambiguous numbers and stays quiet when the default holds as many numbers as any country', () => {
    const balanced = [
      ...mostlyChinese,
      ['(415) 555-0132'],
      ['+1 646 555 0199'],
      ['+1 206 555 0100'],
      ['1-617-555-0199']
    ]
    expect(splitOfRows(balanced, settings)).toEqual({
      rows: 12,
      numbers: 12,
      countries: [
        { country: 'CN', numbers: 5, share: 5 / 12 },
        { country: 'US', numbers: 5, share: 5 / 12 }
      ],
      invalid: 1,
      inferred: 2,
      ambiguous: 1,
      defaultRegion: 'US',
      defaultShare: 5 / 12,
      mismatch: null
    })
  })
})

describe('written forms', () => {
  it('knows a number written with its country code', () => {
    expect(writtenWithCountryCode('+44 20 7946 0958')).toBe(true)
    expect(writtenWithCountryCode('(+86) 138 0013 8000')).toBe(true)
    expect(writtenWithCountryCode('0044 20 7946 0958')).toBe(true)
    expect(writtenWithCountryCode('011 44 20 7946 0958')).toBe(true)
    expect(writtenWithCountryCode('Tel: +1 212 555 0100')).toBe(true)
    expect(writtenWithCountryCode('＋８６ １３８')).toBe(true)
    expect(writtenWithCountryCode('020 7946 0958')).toBe(false)
    expect(writtenWithCountryCode('15249817734')).toBe(false)
  })

  it('masks digits to compare how numbers are written', () => {
    expect(writtenForm('158-1979-5579')).toBe('999-9999-9999')
    expect(writtenForm('(212) 555-0100')).toBe('(999) 999-9999')
  })

  it('judges a grouping against the reading’s national and international forms', () => {
    const cn = checkNumberText('158-1979-5579', 'CN')
    expect(shapeOf('158-1979-5579', cn)).toBe('fit')
    const ca = checkNumberText('158-1979-5579', 'US')
    expect(shapeOf('158-1979-5579', ca)).toBe('mismatch')
    const nanp = checkNumberText('1-212-555-0100', 'US')
    expect(shapeOf('1-212-555-0100', nanp)).toBe('fit')
    expect(shapeOf('15249817734', checkNumberText('15249817734', 'CN'))).toBe('none')
    // How China writes 0312 729 7397 is not (312) 729-7397.
    expect(shapeOf('(312) 729-7397', checkNumberText('(312) 729-7397', 'CN'))).toBe('mismatch')
  })
})

describe('shapeOf: formats only what it compares', () => {
  it('formats a reading internationally only when its national grouping does not fit', () => {
    const proto = Object.getPrototypeOf(parsePhoneNumberFromString('+8613812345678')!) as {
      formatInternational: (...args: unknown[]) => string
    }
    const original = proto.formatInternational
    let international = 0
    proto.formatInternational = function (this: unknown, ...args: unknown[]) {
      international++
      return original.apply(this, args)
    }
    try {
      // Numbers no other test formats, so no memo answers for them.
      const fits = checkNumberText('139-8765-4321', 'CN')
      expect(shapeOf(fits.raw, fits)).toBe('fit')
      expect(international).toBe(0)
      const intl = checkNumberText('86 139 8765 4322', 'CN')
      expect(shapeOf(intl.raw, intl)).toBe('fit')
      expect(international).toBe(1)
      const odd = checkNumberText('1398 7654 323', 'CN')
      expect(shapeOf(odd.raw, odd)).toBe('mismatch')
      expect(international).toBe(2)
    } finally {
      proto.formatInternational = original
    }
  })
})
