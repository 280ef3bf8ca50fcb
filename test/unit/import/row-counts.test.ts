import { afterAll, describe, expect, it } from 'vitest'
import { previewFile } from '@core/import'
import type { RowTotal } from '@core/import/read-table'
import { collect, tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('counts')
afterAll(() => tmp.cleanup())

// One count everywhere: data rows below the header holding at least one value; blank rows are not data.
describe('row counts agree: sheet picker, preview and read', () => {
  it('a sheet with blank rows between data: picker, preview and import all say 3', async () => {
    const path = tmp.file(
      'blank.xlsx',
      workbookBuffer([
        {
          name: 'Contacts',
          rows: [
            ['Name', 'Phone'],
            ['Ann', '+1 212 555 0100'],
            [null, null],
            ['Bob', '+1 212 555 0101'],
            [null, null],
            [null, null],
            ['Cy', '+1 212 555 0102']
          ]
        }
      ])
    )
    const preview = await previewFile(path)
    expect(preview.headerRow).toBe(0)
    expect(preview.sheets).toEqual([{ name: 'Contacts', hidden: false, rows: 3, columns: 2 }])
    expect(preview.totalRows).toBe(3)
    expect(preview.blankRows).toBe(3)
    const read = await collect(path, { sheet: 'Contacts', headerRow: 0 })
    expect(read.rowCount).toBe(3)
    expect(read.blankRows).toBe(3)
  })

  it('a row of cells holding only spaces is blank, in a workbook and in a CSV', async () => {
    const book = tmp.file(
      'spaces.xlsx',
      workbookBuffer([
        {
          name: 'S',
          rows: [
            ['Name', 'Phone'],
            ['Ann', '+1 212 555 0100'],
            ['  ', ' '],
            ['Bob', '+1 212 555 0101']
          ]
        }
      ])
    )
    const bookPreview = await previewFile(book)
    expect([bookPreview.totalRows, bookPreview.sheets[0].rows, bookPreview.blankRows]).toEqual([2, 2, 1])
    const bookRead = await collect(book, { sheet: 'S', headerRow: 0 })
    expect(bookRead.rows).toEqual([['Ann', '+1 212 555 0100'], [], ['Bob', '+1 212 555 0101']])
    expect(bookRead.rowCount).toBe(2)

    const csv = tmp.file('spaces.csv', 'Name,Phone\nAnn,+1 212 555 0100\n  ,  \n\t\nBob,+1 212 555 0101\n')
    const csvPreview = await previewFile(csv)
    expect([csvPreview.totalRows, csvPreview.sheets[0].rows, csvPreview.blankRows]).toEqual([2, 2, 2])
    const csvRead = await collect(csv, { sheet: csvPreview.sheet, headerRow: 0 })
    expect(csvRead.rows).toEqual([['Ann', '+1 212 555 0100'], [], [], ['Bob', '+1 212 555 0101']])
    expect(csvRead.rowCount).toBe(2)
  })

  it('every sheet of a workbook is counted the way it will be read when chosen', async () => {
    const path = tmp.file(
      'many.xlsx',
      workbookBuffer([
        {
          name: 'First',
          rows: [
            ['Name', 'Phone'],
            ['Ann', '+1 212 555 0100'],
            ['Bob', '+1 212 555 0101']
          ]
        },
        {
          name: 'Second',
          rows: [
            ['Export of 2024-05-01'],
            [],
            ['Name', 'Phone', 'City'],
            ['Cy', '+44 20 7946 0000', 'London'],
            [null, null, null],
            ['Di', '+44 20 7946 0001', 'Leeds'],
            ['Ed', '+44 20 7946 0002', 'York'],
            ['Flo', '+44 20 7946 0003', 'Bath']
          ]
        }
      ])
    )
    const first = await previewFile(path)
    expect(first.sheets.map((s) => [s.name, s.rows])).toEqual([
      ['First', 2],
      ['Second', 4]
    ])
    const second = await previewFile(path, { sheet: 'Second' })
    expect(second.headerRow).toBe(2)
    expect(second.totalRows).toBe(4)
    expect(second.sheets.map((s) => [s.name, s.rows])).toEqual([
      ['First', 2],
      ['Second', 4]
    ])
    // A header row chosen by hand moves the chosen sheet's count with it.
    const byHand = await previewFile(path, { sheet: 'Second', headerRow: 0 })
    expect(byHand.totalRows).toBe(5)
    expect(byHand.sheets[1].rows).toBe(5)
    expect((await collect(path, { sheet: 'Second', headerRow: 2 })).rowCount).toBe(4)
  })

  it('a vCard counts one row per card in the picker and the preview', async () => {
    const card = (name: string, tel: string) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL;TYPE=CELL:${tel}\r\nEND:VCARD\r\n`
    const names = ['Ann', 'Bob', 'Cy', 'Di', 'Ed', 'Flo']
    const path = tmp.file('six.vcf', names.map((n, i) => card(n, `+1 212 555 010${i}`)).join(''))
    const preview = await previewFile(path)
    expect(preview.totalRows).toBe(6)
    expect(preview.sheets[0].rows).toBe(6)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.rowCount).toBe(6)
  })
})

describe('readTable onTotal: announced once, before the first batch', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => `P${i},+1 212 555 ${String(i).padStart(4, '0')}`)

  async function events(path: string, sheet: string, limits = {}, batchSize = 10) {
    const log: (RowTotal | 'batch')[] = []
    const read = await collect(path, {
      sheet,
      headerRow: 0,
      batchSize,
      limits,
      onTotal: (t) => log.push(t),
      onBatch: () => void log.push('batch')
    })
    return { log, read }
  }

  it('workbook: the exact data row count, blank rows left out', async () => {
    const path = tmp.file(
      'total.xlsx',
      workbookBuffer([
        {
          name: 'S',
          rows: [['Name', 'Phone'], ...rows(25).map((r) => r.split(',')), [], ['Zed', '+1 212 555 9999']]
        }
      ])
    )
    const { log, read } = await events(path, 'S')
    expect(log[0]).toEqual({ rows: 26, exact: true })
    expect(log.filter((e) => e !== 'batch')).toHaveLength(1)
    expect(read.rowCount).toBe(26)
  })

  it('small CSV: exact; big CSV: an estimate from its first part, never revised', async () => {
    const small = tmp.file('small.csv', ['Name,Phone', ...rows(25), '', ...rows(3)].join('\n'))
    const one = await events(small, 'small')
    expect(one.log[0]).toEqual({ rows: 28, exact: true })
    expect(one.log.filter((e) => e !== 'batch')).toHaveLength(1)

    // Bigger than one 1 MB read, so the first part is not the whole file.
    const big = tmp.file('big.csv', ['Name,Phone', ...rows(60_000)].join('\n'))
    const two = await events(big, 'big', { previewTextBytes: 4096 }, 5000)
    const totals = two.log.filter((e): e is RowTotal => e !== 'batch')
    expect(totals).toHaveLength(1)
    expect(two.log[0]).toBe(totals[0])
    expect(totals[0].exact).toBe(false)
    // Every line is about as long as the others, so the estimate lands near the real 60,000.
    expect(Math.abs(totals[0].rows - 60_000)).toBeLessThan(3000)
    expect(two.read.rowCount).toBe(60_000)
  })

  it('vCard: the card count from the first pass', async () => {
    const card = (i: number) => `BEGIN:VCARD\nVERSION:3.0\nFN:P${i}\nTEL:+1 212 555 ${1000 + i}\nEND:VCARD\n`
    const path = tmp.file('t.vcf', Array.from({ length: 12 }, (_, i) => card(i)).join(''))
    const { log } = await events(path, 't')
    expect(log[0]).toEqual({ rows: 12, exact: true })
    expect(log.filter((e) => e !== 'batch')).toHaveLength(1)
  })
})
