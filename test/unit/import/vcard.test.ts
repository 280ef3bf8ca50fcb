import { afterAll, describe, expect, it } from 'vitest'
import { previewFile } from '@core/import'
import { collect, tempFolder, utf16 } from './helpers'

const tmp = tempFolder('vcf')
afterAll(() => tmp.cleanup())

const v21 = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=',
  '=BCrgen;;;',
  'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller',
  'TEL;CELL;PREF:+49 171 1234567',
  'TEL;HOME;VOICE:+49 30 1234567',
  'TEL;CELL:+49 172 7654321',
  'TEL;WORK;FAX:+49 30 7654321',
  'EMAIL;PREF;INTERNET:j@example.de',
  'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
  ' AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ' TEL:+1 999 999 9999',
  '',
  'END:VCARD'
]
const v30 = [
  'begin:vcard',
  'version:3.0',
  'fn:Ann',
  '  Lee',
  'n:Lee;Ann;;;',
  'org:ACME\\, Inc.;Sales',
  'item1.TEL:+1 212 555 0100',
  'item1.X-ABLabel:_$!<Mobile>!$_',
  'item2.TEL;type=pref:+1 212 555 0199',
  'item2.X-ABLabel:Emergency',
  'TEL;TYPE=WORK,VOICE:+1 212 555 0111',
  'TEL:+1 212 555 0122',
  'end:vcard'
]
const v40 = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Simon Perreault',
  'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418-656-9254;ext=102',
  'TEL;VALUE=uri;TYPE="work,cell,voice,video,text":tel:+1-418-262-6501',
  'END:VCARD'
]

describe('vCard import', () => {
  it('turns cards of every version into one row each, with one column per phone label', async () => {
    const path = tmp.file('all.vcf', [...v21, ...v30, ...v40].join('\r\n') + '\r\n')
    const preview = await previewFile(path)
    expect(preview.format).toBe('vcf')
    expect(preview.headerRow).toBe(0)
    expect(preview.totalRows).toBe(3)
    const headers = ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Other', 'Fax', 'Emergency']
    expect(preview.sampleRows[0]).toEqual(headers)
    expect(preview.sampleRows.slice(1)).toEqual([
      [
        'Jürgen Müller',
        null,
        'j@example.de',
        '+49 171 1234567; +49 172 7654321',
        '+49 30 1234567',
        null,
        null,
        '+49 30 7654321'
      ],
      [
        'Ann Lee',
        'ACME, Inc., Sales',
        null,
        '+1 212 555 0100',
        null,
        '+1 212 555 0111',
        '+1 212 555 0122',
        null,
        '+1 212 555 0199'
      ],
      ['Simon Perreault', null, null, 'tel:+1-418-262-6501', null, 'tel:+1-418-656-9254;ext=102']
    ])
    // Phone columns are known from the structure; Fax is shown but not pre-selected.
    expect(preview.suggestedPhoneColumns.map((i) => headers[i])).toEqual([
      'Mobile',
      'Home',
      'Work',
      'Other',
      'Emergency'
    ])
    expect(preview.columns[7].phoneConfidence).toBeLessThan(preview.columns[3].phoneConfidence)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.headers).toEqual(headers)
    expect(read.rows).toEqual(preview.sampleRows.slice(1))
  })

  it('falls back to the N components when FN is missing', async () => {
    const path = tmp.file(
      'n.vcf',
      'BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Q.;Dr.;Jr.\nTEL;TYPE=cell:555-0100\nEND:VCARD\n'
    )
    const preview = await previewFile(path)
    expect(preview.sampleRows[1]).toEqual(['Dr. John Q. Doe Jr.', null, null, '555-0100'])
  })

  it('reads UTF-16 vCards with and without a BOM', async () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ægir\r\nTEL;TYPE=HOME:+47 22 12 34 56\r\nEND:VCARD\r\n'
    for (const [endian, bom] of [
      ['le', true],
      ['be', false]
    ] as const) {
      const preview = await previewFile(tmp.file('u16.vcf', utf16(card, endian, bom)))
      expect(preview.encoding).toBe(`utf-16${endian}`)
      expect(preview.sampleRows[1]).toEqual(['Zoë Ægir', null, null, '+47 22 12 34 56'])
    }
  })

  it('skips a large PHOTO without slowing down and keeps the card', async () => {
    const photo =
      'PHOTO;ENCODING=b;TYPE=JPEG:' + 'A'.repeat(70) + '\r\n' + ` ${'B'.repeat(74)}\r\n`.repeat(60_000)
    const path = tmp.file(
      'photo.vcf',
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\n${photo}TEL;TYPE=CELL:+1 555 0100\r\nEND:VCARD\r\n`
    )
    const started = Date.now()
    const read = await collect(path, { sheet: 'x', headerRow: 0 })
    expect(read.rows).toEqual([['P', null, null, '+1 555 0100']])
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('treats a text file starting with BEGIN:VCARD as a vCard whatever its name', async () => {
    const preview = await previewFile(tmp.file('contacts.txt', v40.join('\n')))
    expect(preview.format).toBe('vcf')
    expect(preview.totalRows).toBe(1)
  })
})
