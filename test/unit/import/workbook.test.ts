import * as XLSX from 'xlsx'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportError, previewFile } from '@core/import'
import { collect, rewriteZip, tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('wb')
afterAll(() => tmp.cleanup())

const rows = [
  ['Name', 'Mobile', 'Country'],
  ['Ann', 4915112345678, 'DE'],
  ['Bob', '+1 212 555 0100', 'US'],
  ['Cem', 905321234567, 'TR']
]

describe('workbook formats', () => {
  it.each([
    ['xlsx', 'xlsx'],
    ['xlsm', 'xlsm'],
    ['xlsb', 'xlsb'],
    ['xls', 'xls'],
    ['biff5', 'xls'],
    ['biff2', 'xls'],
    ['ods', 'ods'],
    ['xlml', 'xls'],
    ['fods', 'ods']
  ] as const)(
    'reads %s (reported as %s), keeping phone numbers stored as numbers as numbers',
    async (bookType, format) => {
      const path = tmp.file(
        `book.${bookType === 'biff5' || bookType === 'biff2' ? 'xls' : bookType}`,
        workbookBuffer([{ name: 'People', rows }], bookType)
      )
      const preview = await previewFile(path)
      expect(preview.format).toBe(format)
      // A BIFF2 file holds one unnamed worksheet.
      expect(preview.sheet).toBe(bookType === 'biff2' ? 'Sheet1' : 'People')
      expect(preview.headerRow).toBe(0)
      expect(preview.sampleRows).toEqual(rows)
      expect(preview.suggestedPhoneColumns).toEqual([1])
      expect(preview.suggestedCountryColumn).toBe(2)
      const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
      expect(read.headers).toEqual(rows[0])
      expect(read.rows).toEqual(rows.slice(1))
    }
  )

  it('keeps the raw value of a long number, never its display text 1.23457E+14', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['Phone'], [123456789012345]])
    ws['A2'].z = 'General'
    ws['A2'].w = '1.23457E+14'
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, ws, 'S')
    const path = tmp.file('long.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }))
    const read = await collect(path, { sheet: 'S', headerRow: 0 })
    expect(read.rows).toEqual([[123456789012345]])
  })

  it('shows date cells as their formatted text, not as serial numbers', async () => {
    const ws = XLSX.utils.aoa_to_sheet(
      [
        ['Name', 'Born'],
        ['Ann', new Date(Date.UTC(1990, 4, 17))]
      ],
      { cellDates: true }
    )
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, ws, 'S')
    const path = tmp.file(
      'dates.xlsx',
      XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: false })
    )
    const read = await collect(path, { sheet: 'S', headerRow: 0 })
    expect(typeof read.rows[0][1]).toBe('string')
    expect(read.rows[0][1]).toMatch(/1990|90/)
  })
})

describe('sheets', () => {
  const book = () =>
    workbookBuffer([
      { name: 'Secret', rows: [['x'], ['1']], hidden: 1 },
      { name: 'Empty', rows: [] },
      { name: 'Very', rows: [['y'], ['2']], hidden: 2 },
      { name: 'Data', rows }
    ])

  it('lists every worksheet with its hidden flag and picks the first visible one with data', async () => {
    const path = tmp.file('sheets.xlsx', book())
    const preview = await previewFile(path)
    // rows: data rows below the header each sheet would get, the same count as the preview's totalRows.
    expect(preview.sheets.map((s) => [s.name, s.hidden, s.rows, s.columns])).toEqual([
      ['Secret', true, 1, 1],
      ['Empty', false, 0, 0],
      ['Very', true, 1, 1],
      ['Data', false, 3, 3]
    ])
    expect(preview.totalRows).toBe(3)
    expect(preview.sheet).toBe('Data')
  })

  it('previews a hidden sheet on request and says so when a chosen sheet is empty', async () => {
    const path = tmp.file('sheets2.xlsx', book())
    expect((await previewFile(path, { sheet: 'Secret' })).sampleRows).toEqual([['x'], ['1']])
    const empty = await previewFile(path, { sheet: 'Empty' })
    expect(empty.totalRows).toBe(0)
    expect(empty.warnings).toContain('The sheet "Empty" is empty.')
  })

  it('refuses an unknown sheet and a workbook without any data', async () => {
    const path = tmp.file('sheets3.xlsx', book())
    await expect(previewFile(path, { sheet: 'Nope' })).rejects.toMatchObject({ code: 'sheet_not_found' })
    await expect(collect(path, { sheet: 'Nope', headerRow: 0 })).rejects.toMatchObject({
      code: 'sheet_not_found'
    })
    const blank = tmp.file(
      'blank.xlsx',
      workbookBuffer([
        { name: 'A', rows: [] },
        { name: 'B', rows: [[null]] }
      ])
    )
    const err = await previewFile(blank).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('no_data')
  })
})

describe('ranges', () => {
  it('reads a stray cell a million rows down quickly, without delivering a million empty rows', async () => {
    // Written by hand: SheetJS itself takes seconds to write a sheet whose range spans a million rows.
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
    const row = (r: number, name: string, phone: string) =>
      `<row r="${r}">${cell(`A${r}`, name)}${cell(`B${r}`, phone)}</row>`
    const sheet =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B1000000"/><sheetData>' +
      row(1, 'Name', 'Phone') +
      row(2, 'Ann', '+1 212 555 0100') +
      row(4, 'Bob', '+1 212 555 0101') +
      row(1_000_000, 'Zed', '+1 212 555 0199') +
      '</sheetData></worksheet>'
    const base = workbookBuffer([{ name: 'S', rows: [['x']] }])
    const path = tmp.file('far.xlsx', rewriteZip(base, { 'xl/worksheets/sheet1.xml': sheet }))
    const preview = await previewFile(path)
    // Data rows: Ann, Bob, Zed. Blank: one row between Ann and Bob (delivered as []), then 999,995 skipped.
    expect(preview.totalRows).toBe(3)
    expect(preview.blankRows).toBe(999_996)
    expect(preview.sheets[0].rows).toBe(3)
    const read = await collect(path, { sheet: 'S', headerRow: 0, batchSize: 2 })
    expect(read.rowCount).toBe(3)
    expect(read.blankRows).toBe(999_996)
    expect(read.rows).toEqual([
      ['Ann', '+1 212 555 0100'],
      [],
      ['Bob', '+1 212 555 0101'],
      ['Zed', '+1 212 555 0199']
    ])
    expect(read.batches).toEqual([
      { first: 0, size: 2 },
      { first: 2, size: 1 },
      { first: 999_998, size: 1 }
    ])
  })

  it('handles 16,384 columns', async () => {
    const letters = Array.from({ length: 16_384 }, (_, i) => XLSX.utils.encode_col(i))
    const sheet =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD2"/><sheetData>' +
      `<row r="1">${letters.map((l) => `<c r="${l}1" t="inlineStr"><is><t>c${l}</t></is></c>`).join('')}</row>` +
      `<row r="2">${letters.map((l) => `<c r="${l}2"><v>1</v></c>`).join('')}</row>` +
      '</sheetData></worksheet>'
    const path = tmp.file(
      'wide.xlsx',
      rewriteZip(workbookBuffer([{ name: 'W', rows: [['x']] }]), { 'xl/worksheets/sheet1.xml': sheet })
    )
    const preview = await previewFile(path)
    expect(preview.columns).toHaveLength(16_384)
    expect(preview.columns[16_383].letter).toBe('XFD')
    const read = await collect(path, { sheet: 'W', headerRow: 0 })
    expect(read.headers).toHaveLength(16_384)
    expect(read.rows[0]).toHaveLength(16_384)
  })

  it('keeps a merged value in its top-left cell only', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Team', 'Phone'],
      ['Blue', '+1 212 555 0100'],
      [null, '+1 212 555 0101']
    ])
    ws['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }]
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, ws, 'S')
    const path = tmp.file('merge.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }))
    expect((await collect(path, { sheet: 'S', headerRow: 0 })).rows).toEqual([
      ['Blue', '+1 212 555 0100'],
      [null, '+1 212 555 0101']
    ])
  })
})
