import { afterAll, describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import { headerPhoneMatch, previewFile } from '@core/import'
import { detectColumns, otherNumberKind, phoneSignal } from '@core/import/column-detect'
import { tempFolder } from './helpers'

const tmp = tempFolder('other-numbers')
afterAll(() => tmp.cleanup())

/** Real phone numbers in the shapes lists carry them, one per row. */
const PHONES = [
  '+1 212 555 0100',
  '(415) 555-0132',
  '+86 138 1234 5678',
  '15249817734',
  '158-1979-5579',
  '+44 20 7946 0958',
  '030 1234567',
  '+49 171 1234567',
  '617.555.0199',
  '1-206-555-0143',
  '+91 98765 43210',
  '0086 13912345678',
  '+33 6 12 34 56 78',
  '(312) 555-0177',
  '+1 646 555 0123',
  '139 1111 2222'
]

/** Luhn-valid card numbers (Amex, Diners, Visa 13 and a few 16), written with and without spaces or dashes. */
const CARDS = [
  '378282246310005',
  '3714 496353 98431',
  '3787-344936-71000',
  '30569309025904',
  '3852 0000 0232 37',
  '4222222222222',
  '374069326068080',
  '373582479363364',
  '3745-913241-64082',
  '373708661765682',
  '375188590089280',
  '375878909448488',
  '377048788480006',
  '372452647041287',
  '4111 1111 1111 1111',
  '6011111111111117'
]

const IBANS = [
  'DE89 3704 0044 0532 0130 00',
  'GB82 WEST 1234 5698 7654 32',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NL91ABNA0417164300',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'BE68539007547034',
  'CH9300762011623852957',
  'AT611904300234573201',
  'PL61109010140000071219812874'
]

const detect = (headers: string[], rows: CellValue[][], hasHeader = true) =>
  detectColumns({ headers, hasHeader, rows, width: headers.length })

/** Name, a real phone column, and the other column; returns the detection. */
function beside(header: string, values: CellValue[], hasHeader = true) {
  const rows = values.map((v, i) => [`Person ${i}`, PHONES[i % PHONES.length], v])
  return detect(hasHeader ? ['Name', 'Phone', header] : ['A', 'B', 'C'], rows, hasHeader)
}

function expectOnlyThePhoneColumn(r: ReturnType<typeof detect>) {
  expect(r.suggestedPhoneColumns).toEqual([1])
  expect(r.columns[1].phoneConfidence).toBeGreaterThanOrEqual(0.5)
  expect(r.columns[2].phoneConfidence).toBeLessThan(0.5)
}

describe('one cell', () => {
  it.each([
    ['4111 1111 1111 1111', 'card'],
    ['3787-344936-71000', 'card'],
    ['4111 1111 1111 1112', null],
    ['DE89 3704 0044 0532 0130 00', 'iban'],
    ['DE88 3704 0044 0532 0130 00', null],
    ['19850412', 'date'],
    ['19851312', null],
    ['94105-2201', 'postcode'],
    ['1.234.567,89', 'amount'],
    ['+86 138 1234 5678', null],
    ['15249817734', null]
  ] as [string, string | null][])('%s is %s', (value, kind) => {
    expect(otherNumberKind(value)).toBe(kind)
  })

  it.each([
    ['1.234.567,89', 'no'],
    ['12.345.678', 'no'],
    ['1 234 567', 'no'],
    ['1,234,567', 'no'],
    ['612 345 678', 'phone'],
    ['030 123 456', 'phone'],
    ['06 12 34 56 78', 'phone']
  ] as [string, string][])('amounts are not phones: %s → %s', (value, signal) => {
    expect(phoneSignal(value)).toBe(signal)
  })
})

describe('columns of other numbers are not proposed as phones', () => {
  it('card numbers (Luhn-valid, 13–19 digits, spaces or dashes) under credit_card', () => {
    expectOnlyThePhoneColumn(beside('credit_card', CARDS))
  })

  it('card numbers under a header that says nothing', () => {
    expectOnlyThePhoneColumn(beside('Payment', CARDS))
  })

  it('card numbers without a header row', () => {
    expectOnlyThePhoneColumn(beside('C', CARDS, false))
  })

  it('IBANs (country code and mod-97 check digits)', () => {
    expectOnlyThePhoneColumn(beside('Bank', IBANS))
    expectOnlyThePhoneColumn(beside('C', IBANS, false))
  })

  it('US ZIP+4 postcodes, with no header to go on', () => {
    const zips = [
      '10001-1234',
      '94105-2201',
      '02134-4410',
      '60601-3302',
      '98101-1520',
      '30301-0001',
      '73301-5543',
      '10013-2907',
      '90210-1111',
      '02108-2356',
      '60614-6720',
      '94110-3004'
    ]
    expectOnlyThePhoneColumn(beside('C', zips, false))
  })

  it('UK, Chinese and German postcodes under their own names', () => {
    const uk = ['SW1A 1AA', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'GU16 7HF']
    expectOnlyThePhoneColumn(beside('Postcode', uk))
    const cn = ['200000', '100000', '510000', '310000', '610000', '430000', '710000', '300000']
    expectOnlyThePhoneColumn(beside('邮编', cn))
    const de = ['10115', '80331', '20095', '50667', '60311', '70173', '04109', '01067']
    expectOnlyThePhoneColumn(beside('Postleitzahl', de))
  })

  it('dates written as YYYYMMDD under a date header in another language', () => {
    const dates = [
      '19850412',
      '19920101',
      '20011231',
      '19770706',
      '19640229',
      '19991111',
      '20050315',
      '19881024',
      '19700101',
      '19951207',
      '20100830',
      '19830519'
    ]
    expectOnlyThePhoneColumn(beside('Geburtsdatum', dates))
    expectOnlyThePhoneColumn(beside('C', dates, false))
  })

  it('dates in ISO, d/m/y and y/m/d forms, and Excel serial numbers in a date-named column', () => {
    expectOnlyThePhoneColumn(beside('Created', ['2024-01-31', '2023-12-01', '2022-06-15', '2021-03-09']))
    expectOnlyThePhoneColumn(beside('Created', ['31/01/2024', '01/12/2023', '15/06/2022', '09/03/2021']))
    expectOnlyThePhoneColumn(beside('Created', ['2024/01/31', '2023/12/01', '2022/06/15', '2021/03/09']))
    expectOnlyThePhoneColumn(beside('生日', [31045, 32874, 29221, 35431, 44927, 45292]))
  })

  it('order numbers that climb with gaps (a sorted export) under a plain header', () => {
    const refs = [
      '7000012345',
      '7000012358',
      '7000012360',
      '7000012391',
      '7000012402',
      '7000012417',
      '7000012433',
      '7000012450',
      '7000012468',
      '7000012471',
      '7000012499',
      '7000012503'
    ]
    expectOnlyThePhoneColumn(beside('Reference', refs))
  })

  it('ids of one length sharing a long prefix, and order numbers under Chinese and German headers', () => {
    const ids = [
      '4500018872',
      '4500012213',
      '4500019904',
      '4500011450',
      '4500017736',
      '4500010021',
      '4500015588',
      '4500013307',
      '4500016642',
      '4500014479'
    ]
    expectOnlyThePhoneColumn(beside('C', ids, false))
    const orders = [
      '202401310017',
      '202402010342',
      '202402030009',
      '202402141123',
      '202402201875',
      '202403020456'
    ]
    expectOnlyThePhoneColumn(beside('订单号', orders))
    expectOnlyThePhoneColumn(
      beside('Kundennummer', ['10234567', '10987654', '11223344', '10555123', '12000456'])
    )
    expectOnlyThePhoneColumn(beside('Ref', ['INV-2024-0001', 'INV-2024-0002', 'ORD-88812', 'ORD-88813']))
  })

  it('amounts with thousands separators, decimals and currency signs', () => {
    const amounts = [
      '1.234.567,89',
      '12.345.678,00',
      '2 345 678,50',
      '3.456.789',
      '45.678.901',
      '1,234,567.89',
      '€ 1.234.567',
      '9.876.543,21',
      '1 234 567',
      '7.654.321,00'
    ]
    expectOnlyThePhoneColumn(beside('Betrag', amounts))
    expectOnlyThePhoneColumn(beside('C', amounts, false))
  })
})

describe('headers', () => {
  it.each([
    '手机',
    '手机号',
    '电话',
    '联系电话',
    '手机号码',
    '电话号码',
    'Telefon',
    'Handy',
    'Mobil',
    'Rufnummer',
    'Mobilnummer',
    'téléphone',
    'portable',
    'mobile',
    'teléfono',
    'móvil',
    'celular',
    'telefone',
    'телефон',
    'мобильный',
    '電話',
    '電話番号',
    '携帯',
    '携帯電話'
  ])('%s names a phone', (h) => {
    expect(headerPhoneMatch(h).kind).toBe('phone')
  })

  it.each([
    'credit_card',
    'Card number',
    'Kreditkarte',
    'IBAN',
    'zip',
    'Postcode',
    'Postleitzahl',
    '邮编',
    'Customer ID',
    'order',
    'Bestellnummer',
    '订单号',
    'Amount',
    'Betrag',
    '金额',
    'Date',
    'Geburtsdatum',
    'birthday',
    '生日'
  ])('%s names another number', (h) => {
    const m = headerPhoneMatch(h)
    expect(m.kind).toBe(null)
    expect(m.softNegative).toBe(true)
  })

  it('a phone header raises a column of short national numbers, a header naming another number lowers it', () => {
    const local = ['5550100', '5550132', '5550177', '5550199', '5550143', '5550123', '5550111', '5550188']
    const shuffled = [local[3], local[0], local[6], local[1], local[7], local[2], local[5], local[4]]
    const phoneNamed = detect(
      ['Rufnummer'],
      shuffled.map((v) => [v])
    )
    const neutral = detect(
      ['Spalte'],
      shuffled.map((v) => [v])
    )
    const otherNamed = detect(
      ['Kundennummer'],
      shuffled.map((v) => [v])
    )
    expect(phoneNamed.columns[0].phoneConfidence).toBe(1)
    expect(neutral.columns[0].phoneConfidence).toBe(0.9)
    expect(otherNamed.columns[0].phoneConfidence).toBeLessThan(0.5)
  })
})

describe('a list shaped like make_contacts.py, with other numeric columns beside it', () => {
  it('proposes the Phone column only', async () => {
    // make_contacts.py columns (Name, Phone, Email, City, Age) with its phone shapes: CN mobiles bare, +86 spaced,
    // dashed and 0086-prefixed; US (212) 555-0100, +1 spaced, dotted, 1-dashed; junk (12345, n/a, 000-000-0000,
    // +86 123, 555-0199x12) and blanks; plus a card column, an IBAN, a ZIP, an order number, an amount and a date.
    const header = 'Name,Phone,Email,City,Age,credit_card,IBAN,Zip,Order No,Amount,Signup'
    const rows = [
      'Person 0,15249817734,person0@example.com,Shanghai,34,378282246310005,DE89370400440532013000,10001,700001001,"1,234.50",2024-01-31',
      'Person 1,+86 158 1979 5579,person1@example.com,Beijing,51,371449635398431,GB82WEST12345698765432,94105-2201,700001002,"$12,500.00",2024-02-01',
      'Person 2,158-1979-5579,person2@example.com,New York,27,3787 344936 71000,NL91ABNA0417164300,02134,700001003,"€ 3.456,78",2024-02-03',
      'Person 3,008613912345678,person3@example.com,Boston,66,30569309025904,ES9121000418450200051332,60601,700001004,"1,000,000",2024-02-04',
      'Person 4,(212) 555-0100,person4@example.com,Shanghai,45,4222222222222,BE68539007547034,98101-1520,700001005,"99.99",2024-02-05',
      'Person 5,+1 415 318 4420,person5@example.com,Boston,19,374069326068080,CH9300762011623852957,30301,700001006,"2,750.00",2024-02-07',
      'Person 6,646.555.0123,person6@example.com,Beijing,72,373582479363364,AT611904300234573201,73301,700001007,"15,000",2024-02-08',
      'Person 7,1-312-555-0177,person7@example.com,New York,38,3745-913241-64082,FR1420041010050500013M02606,10013,700001008,"7,250.25",2024-02-10',
      'Person 8,12345,person8@example.com,Boston,23,373708661765682,IT60X0542811101000000123456,90210,700001009,"480.00",2024-02-11',
      'Person 9,n/a,person9@example.com,Shanghai,59,375188590089280,PL61109010140000071219812874,02108,700001010,"3,333.33",2024-02-12',
      'Person 10,000-000-0000,person10@example.com,Beijing,41,375878909448488,DE89370400440532013000,60614,700001011,"12.00",2024-02-14',
      'Person 11,+86 123,person11@example.com,New York,30,377048788480006,GB82WEST12345698765432,94110-3004,700001012,"1,250.75",2024-02-15',
      'Person 12,555-0199x12,person12@example.com,Boston,64,372452647041287,NL91ABNA0417164300,10001,700001013,"65,432.10",2024-02-16',
      'Person 13,,person13@example.com,Shanghai,29,4111111111111111,ES9121000418450200051332,94105,700001014,"8.50",2024-02-18',
      'Person 14,13998765432,person14@example.com,Boston,47,6011111111111117,BE68539007547034,02134,700001015,"22,000.00",2024-02-19',
      'Person 15,+1 617 555 0199,person15@example.com,New York,55,3852 0000 0232 37,CH9300762011623852957,60601,700001016,"4,100",2024-02-20'
    ]
    const preview = await previewFile(tmp.file('contacts.csv', [header, ...rows].join('\n') + '\n'))
    expect(preview.headerRow).toBe(0)
    expect(preview.columns.map((c) => c.header)).toEqual(header.split(','))
    expect(preview.suggestedPhoneColumns).toEqual([1])
    const conf = Object.fromEntries(preview.columns.map((c) => [c.header, c.phoneConfidence]))
    expect(conf.Phone).toBeGreaterThanOrEqual(0.9)
    for (const name of [
      'Name',
      'Email',
      'City',
      'Age',
      'credit_card',
      'IBAN',
      'Zip',
      'Order No',
      'Amount',
      'Signup'
    ])
      expect(conf[name], name).toBeLessThan(0.5)
  })
})
