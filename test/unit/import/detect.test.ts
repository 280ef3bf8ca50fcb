import { afterAll, describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import { headerPhoneMatch, phoneSignal, previewFile } from '@core/import'
import { detectColumns } from '@core/import/column-detect'
import { countryValue, looksLikeCountry } from '@core/import/country-data'
import { detectHeaderRow, uniqueHeaders } from '@core/import/header-detect'
import type { IndexedRow } from '@core/import/table'
import { tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('detect')
afterAll(() => tmp.cleanup())

const indexed = (rows: CellValue[][], start = 0): IndexedRow[] =>
  rows.map((cells, i) => ({ index: start + i, cells })).filter((r) => r.cells.length > 0)

describe('phoneSignal', () => {
  it.each([
    ['+1 (212) 555-0100', 'phone'],
    ['0049 30 1234567', 'phone'],
    ['06.12.34.56.78', 'phone'],
    ['0421/123456', 'phone'],
    ['801-555-7712x4563;801-555-9999', 'phone'],
    ['tel:+1-418-656-9254;ext=102', 'phone'],
    ['+1 212 555 0100 ext. 12', 'phone'],
    ['8.61381E+12', 'phone'],
    [4915112345678, 'phone'],
    ['555-0100', 'phone'],
    ['04001', 'digits'],
    ['100', 'digits'],
    ['2017-12-17', 'no'],
    ['12/17/2017 14:35', 'no'],
    ['$1,337.00', 'no'],
    ['1234567.89', 'no'],
    ['someone@example.com', 'no'],
    ['MobilePhone', 'no'],
    [13.5, 'no'],
    [1.23456789e22, 'no'],
    [true, 'no'],
    [null, 'no']
  ] as [CellValue, string][])('%j → %s', (value, expected) => {
    expect(phoneSignal(value)).toBe(expected)
  })
})

describe('header keywords', () => {
  it.each([
    'Phone',
    'Telephone',
    'Tel.',
    'Mobile Number',
    'Cell #',
    'Handy',
    'Telefon geschäftlich',
    'Téléphone (domicile)',
    'Teléfono móvil',
    'Telefone celular',
    'Celular',
    'Portable',
    'WhatsApp',
    'MSISDN',
    'Contact number',
    'Мобильный телефон',
    '电话',
    '手机',
    '電話番号',
    '携帯',
    '휴대폰',
    'هاتف العمل',
    'मोबाइल नंबर'
  ])('%s is a phone header', (h) => {
    expect(headerPhoneMatch(h).kind).toBe('phone')
  })

  it.each(['Fax', 'Business Fax', 'Faks domowy', 'Télécopie (bureau)', 'Факс', 'FAX 番号', '传真'])(
    '%s is a fax header',
    (h) => {
      expect(headerPhoneMatch(h).kind).toBe('fax')
    }
  )

  it('knows bare Home/Office only as context, and Phone 1 - Type as not a number column', () => {
    expect(headerPhoneMatch('Home').kind).toBe('context')
    expect(headerPhoneMatch('Office').kind).toBe('context')
    expect(headerPhoneMatch('Phone 1 - Type').hardNegative).toBe(true)
    expect(headerPhoneMatch('Email').kind).toBe(null)
    expect(headerPhoneMatch('Automobile').kind).toBe(null)
  })
})

describe('countries', () => {
  it('accepts ISO codes and names in several languages', () => {
    expect(countryValue('DE')).toBe('alpha2')
    expect(countryValue('deu')).toBe('alpha3')
    expect(countryValue('Germany')).toBe('name')
    expect(countryValue('Deutschland')).toBe('name')
    expect(countryValue('Allemagne')).toBe('name')
    expect(countryValue('United States of America')).toBe('name')
    expect(countryValue('Springfield')).toBe(null)
  })

  it('is strict about two-letter words without a country header', () => {
    expect(looksLikeCountry('No', true)).toBe(false)
    expect(looksLikeCountry('NO', true)).toBe(false)
    expect(looksLikeCountry('de', true)).toBe(false)
    expect(looksLikeCountry('DE', true)).toBe(true)
    expect(looksLikeCountry('No', false)).toBe(true)
  })
})

describe('header row detection', () => {
  it('takes the first text row as the header', () => {
    expect(
      detectHeaderRow(
        indexed([
          ['Name', 'Phone'],
          ['Ann', '+1 212 555 0100']
        ])
      )
    ).toBe(0)
  })

  it('says "no header" when the first row is already data', () => {
    expect(
      detectHeaderRow(
        indexed([
          ['John Doe', 'john@doe.invalid'],
          ['Jane Doe', 'jane@doe.invalid']
        ])
      )
    ).toBe(null)
    expect(
      detectHeaderRow(
        indexed([
          ['Ann', '+1 212 555 0100'],
          ['Bob', '+1 212 555 0101']
        ])
      )
    ).toBe(null)
  })

  it('skips blank rows and a sparse title above the header', () => {
    const rows = indexed([
      [],
      ['Customer export 2024'],
      [],
      ['Name', 'Phone', 'City'],
      ['Ann', '+1 212 555 0100', 'NYC']
    ])
    expect(detectHeaderRow(rows)).toBe(3)
  })

  it('does not take a row whose values come back below it for a header', () => {
    expect(detectHeaderRow(indexed([['Normal', 'abc'], ['Formula', 'abc'], ['Test']]))).toBe(null)
  })

  it('makes header names unique for display only', () => {
    expect(uniqueHeaders(['Phone', 'Phone', 'Name', 'Phone (2)', 'Phone'])).toEqual([
      'Phone',
      'Phone (3)',
      'Name',
      'Phone (2)',
      'Phone (4)'
    ])
  })
})

describe('column detection', () => {
  const detect = (headers: string[], rows: CellValue[][], hasHeader = true) =>
    detectColumns({ headers, hasHeader, rows, width: headers.length })

  it('suggests several phone columns and keeps a fax column lower and unselected', () => {
    const r = detect(
      ['Name', 'Home', 'Office', 'Fax', 'Mobile', 'Email'],
      [
        ['Ann', '212-555-0100', '212-555-0101', '212-555-0102', '917-555-0103', 'ann@example.com'],
        ['Bob', null, '212-555-0111', null, '917-555-0113', 'bob@example.com']
      ]
    )
    expect(r.suggestedPhoneColumns).toEqual([1, 2, 4])
    expect(r.columns[3].phoneConfidence).toBeGreaterThan(0.3)
    expect(r.columns[3].phoneConfidence).toBeLessThan(r.columns[4].phoneConfidence)
    expect(r.columns[0].phoneConfidence).toBe(0)
  })

  it('pre-selects a fax column when it is the only phone-like one', () => {
    const r = detect(['Name', 'Fax'], [['Ann', '+1 212 555 0100']])
    expect(r.suggestedPhoneColumns).toEqual([1])
  })

  it('finds phones and countries from content alone (headers like Col1)', () => {
    const rows: CellValue[][] = Array.from({ length: 30 }, (_, i) => [
      `Person ${i}`,
      i % 2 ? `+44 20 7946 ${String(1000 + i)}` : 4930123456 + i,
      ['DE', 'FR', 'GB', 'US', 'ES'][i % 5],
      `${10000 + i}`
    ])
    const r = detect(['Col1', 'Col2', 'Col3', 'Col4'], rows)
    expect(r.suggestedPhoneColumns).toEqual([1])
    expect(r.suggestedCountryColumn).toBe(2)
    expect(r.columns[3].phoneConfidence).toBeLessThan(0.5)
  })

  it('does not mistake ids, dates, amounts and postal codes for phones', () => {
    const rows: CellValue[][] = Array.from({ length: 20 }, (_, i) => [
      1000000 + i,
      `2024-01-${String(i + 1).padStart(2, '0')}`,
      `$${i}.50`,
      `9${String(i).padStart(4, '0')}`
    ])
    const r = detect(['Customer ID', 'Date', 'Amount', 'Zip'], rows)
    expect(r.suggestedPhoneColumns).toEqual([])
    expect(r.warnings.join(' ')).toMatch(/No column looks like phone numbers/)
    for (const c of r.columns) expect(c.phoneConfidence).toBeLessThan(0.5)
  })

  it('trusts a phone header over a column of increasing numbers', () => {
    const rows: CellValue[][] = Array.from({ length: 12 }, (_, i) => [`N${i}`, 2345678 + i])
    expect(detect(['Name', 'Phone'], rows).suggestedPhoneColumns).toEqual([1])
  })

  it('rates a phone header over words (placeholders) low', () => {
    const r = detect(['Phone 1 - Value'], [['mobile'], ['home']])
    expect(r.columns[0].phoneConfidence).toBeLessThan(0.5)
    expect(r.suggestedPhoneColumns).toEqual([])
  })

  it('takes a country header', () => {
    const r = detect(['Name', 'Phone', 'Land'], [['A', '+49 30 1234567', 'Deutschland']])
    expect(r.suggestedCountryColumn).toBe(2)
    expect(r.columns[2].countryConfidence).toBe(1)
  })

  it('returns samples as text', () => {
    const r = detect(['Phone'], [[4915112345678], [4915112345678], ['+1 212 555 0100']])
    expect(r.columns[0].samples).toEqual(['4915112345678', '+1 212 555 0100'])
  })
})

describe('preview end to end', () => {
  it('uses column letters as headers when there is no header row, and honours an override', async () => {
    const path = tmp.file('nohdr.csv', 'John Doe,+1 212 555 0100\nJane Doe,+1 212 555 0101\n')
    const preview = await previewFile(path)
    expect(preview.headerRow).toBe(null)
    expect(preview.columns.map((c) => c.header)).toEqual(['A', 'B'])
    expect(preview.totalRows).toBe(2)
    expect(preview.suggestedPhoneColumns).toEqual([1])
    const forced = await previewFile(path, { headerRow: 0 })
    expect(forced.headerRow).toBe(0)
    expect(forced.columns.map((c) => c.header)).toEqual(['John Doe', '+1 212 555 0100'])
    expect(forced.totalRows).toBe(1)
  })

  it('fills empty header cells with the letter and de-duplicates for display', async () => {
    const path = tmp.file(
      'dups.xlsx',
      workbookBuffer([
        {
          name: 'S',
          rows: [
            ['Phone', null, 'Phone'],
            ['1', '2', '3']
          ]
        }
      ])
    )
    const preview = await previewFile(path, { headerRow: 0 })
    expect(preview.columns.map((c) => c.header)).toEqual(['Phone', 'B', 'Phone (2)'])
  })

  it('limits sampleRows and puts the header first', async () => {
    const lines = ['Name,Phone', ...Array.from({ length: 100 }, (_, i) => `P${i},+1 212 555 ${1000 + i}`)]
    const preview = await previewFile(tmp.file('many.csv', lines.join('\n')), { sampleRows: 5 })
    expect(preview.sampleRows).toHaveLength(6)
    expect(preview.sampleRows[0]).toEqual(['Name', 'Phone'])
    expect(preview.totalRows).toBe(100)
  })
})

describe('preview sample rows', () => {
  const folder = tempFolder('sample')
  afterAll(() => folder.cleanup())

  it('keeps a title row above the header and labels every sample row with its sheet row', async () => {
    const file = folder.file(
      'titled.csv',
      'Contact export 2024,,\n,,\nName,Phone,City\nAnn,+1 201 555 0123,Boston\nBob,+1 201 555 0124,Austin\n'
    )
    const preview = await previewFile(file)
    expect(preview.headerRow).toBe(2)
    expect(preview.sampleRowIndexes).toEqual([0, 1, 2, 3, 4])
    expect(preview.sampleRows[0]).toEqual(['Contact export 2024'])
    expect(preview.sampleRows[2]).toEqual(['Name', 'Phone', 'City'])
    expect(preview.columns.map((c) => c.header)).toEqual(['Name', 'Phone', 'City'])
  })
})
