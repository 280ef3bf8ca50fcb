import { afterAll, describe, expect, it } from 'vitest'
import { ImportError, previewFile } from '@core/import'
import { readDelimited, sniffDialect } from '@core/import/delimited'
import { collect, tempFolder } from './helpers'

const tmp = tempFolder('csv')
afterAll(() => tmp.cleanup())

const table = [
  ['Name', 'Phone', 'Country'],
  ['Ann Lee', '+12135551234', 'US'],
  ['Jörg', '004930123456', 'DE'],
  ['Zoë', '0612345678', 'NL']
]
const join = (rows: string[][], delimiter: string, eol: string) =>
  rows.map((r) => r.join(delimiter)).join(eol) + eol

describe('delimiters and line endings', () => {
  it.each([
    [',', '\n'],
    [';', '\r\n'],
    ['\t', '\r'],
    ['|', '\n']
  ])('sniffs %j with %j line endings and keeps every cell as text', async (delimiter, eol) => {
    const path = tmp.file('t.txt', join(table, delimiter, eol))
    const preview = await previewFile(path)
    expect(preview.delimiter).toBe(delimiter)
    expect(preview.headerRow).toBe(0)
    expect(preview.sampleRows).toEqual(table)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.headers).toEqual(table[0])
    expect(read.rows).toEqual(table.slice(1))
    expect(read.rows.flat().every((v) => typeof v === 'string')).toBe(true)
  })

  it('honours a sep= first line and does not count it as data', async () => {
    const path = tmp.file('sep.csv', 'sep=|\r\nName|Phone\r\nAnn|+12135551234\r\n')
    const preview = await previewFile(path)
    expect(preview.delimiter).toBe('|')
    expect(preview.sampleRows).toEqual([
      ['Name', 'Phone'],
      ['Ann', '+12135551234']
    ])
    expect(preview.totalRows).toBe(1)
  })

  it('prefers the delimiter whose field counts agree, even with decimal commas', () => {
    const sample = 'Name;Amount;Phone\nAnn;25,5;+49 30 1234567\nBob;30,1;+49 30 7654321\n'
    expect(sniffDialect(sample, false, '.csv').delimiter).toBe(';')
    expect(sniffDialect('a\nb\nc\n', false, '.tsv').delimiter).toBe('\t')
    expect(sniffDialect('a\nb\nc\n', false, '.csv').delimiter).toBe(',')
  })
})

describe('quotes', () => {
  it('keeps quoted delimiters and embedded newlines (CRLF, LF, CR) inside one cell', async () => {
    const path = tmp.file(
      'q.csv',
      'Name,Address,Phone\r\n"Lee, Ann","1 Main St\r\nApt 2\nBack door\rSide","+1 212 555 0100"\r\n'
    )
    const read = await collect(path, { sheet: 'q', headerRow: 0 })
    expect(read.rows).toEqual([['Lee, Ann', '1 Main St\nApt 2\nBack door\nSide', '+1 212 555 0100']])
  })

  it('turns quoting off when quotes are broken, instead of swallowing the rest of the file', async () => {
    const lines = [
      'Id\tCode\tPhone',
      '1\t="7458"\t"\t+12135550100',
      '2\t=""\t+12135550101',
      '3\tok\t+12135550102'
    ]
    const path = tmp.file('broken.xls', lines.join('\r\n') + '\r\n')
    const preview = await previewFile(path)
    expect(preview.format).toBe('tsv')
    expect(preview.totalRows).toBe(3)
    expect(preview.warnings.join(' ')).toMatch(/unbalanced quotes/)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.rows.map((r) => r[0])).toEqual(['1', '2', '3'])
    expect(read.rows[0][2]).toBe('"')
  })

  it('stops with "corrupt" when a quoted field never ends, rather than buffering the whole file', async () => {
    // The sniffed start (64 KB) is clean; the stray quote comes later, as in a big export.
    const body = 'Name,Phone\n"ok",1\n' + Array.from({ length: 8000 }, (_, i) => `row${i},1`).join('\n')
    const path = tmp.file('open.csv', body + '\n"never closed,2\n' + 'x,1\n'.repeat(400_000))
    const err = await collect(path, { sheet: 'x', headerRow: 0, limits: { maxPendingChars: 1000 } }).catch(
      (e) => e
    )
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('corrupt')
    expect(err.message).toMatch(/quote that is never closed/)
  })
})

describe('text stays text', () => {
  it('never turns cells into numbers, dates or formulas', async () => {
    const path = tmp.file(
      'text.csv',
      'Phone,Id,When,Formula\n+12135551234,00123,2024-01-02,=HYPERLINK("x")\n'
    )
    const read = await collect(path, { sheet: 'text', headerRow: 0 })
    expect(read.rows).toEqual([['+12135551234', '00123', '2024-01-02', '=HYPERLINK("x")']])
  })
})

describe('rows', () => {
  it('keeps empty rows between data, drops trailing ones, skips leading ones before the header', async () => {
    const path = tmp.file('gaps.csv', '\n\nName,Phone\nA,1\n\n,\nB,2\n\n\n')
    const preview = await previewFile(path)
    expect(preview.headerRow).toBe(2)
    // Two data rows; the two blank rows between them are delivered as [] but not counted as data.
    expect(preview.totalRows).toBe(2)
    expect(preview.blankRows).toBe(2)
    expect(preview.sheets[0].rows).toBe(2)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 2 })
    expect(read.rowCount).toBe(2)
    expect(read.blankRows).toBe(2)
    expect(read.rows).toEqual([['A', '1'], [], [], ['B', '2']])
    expect(read.batches).toEqual([{ first: 0, size: 4 }])
  })

  it('keeps ragged rows as they are and names extra columns by letter', async () => {
    const path = tmp.file('ragged.csv', 'a,b\n1,2,3,4\n5\n')
    const read = await collect(path, { sheet: 'r', headerRow: 0 })
    expect(read.headers).toEqual(['a', 'b', 'C', 'D'])
    expect(read.rows).toEqual([['1', '2', '3', '4'], ['5']])
  })

  it('parses correctly however the file is cut into chunks', async () => {
    const text =
      'Name,Note,Phone\r\n"A ""quoted"" name","line1\r\nline2",+1 212 555 0100\r\nB,"x,y",+44 20 7946 0000\r\n'
    const path = tmp.file('chunks.csv', text)
    const dialect = sniffDialect(text.replace(/\r\n/g, '\n'), false, '.csv')
    for (const chunkBytes of [1, 2, 3, 5, 7, 13]) {
      const rows = []
      for await (const chunk of readDelimited(path, 'utf-8', dialect, {
        chunkBytes,
        maxPendingChars: 1e6,
        onUnclosedQuote: () => new Error('unclosed')
      })) {
        rows.push(...chunk.rows.map((r) => r.cells))
      }
      expect(rows).toEqual([
        ['Name', 'Note', 'Phone'],
        ['A "quoted" name', 'line1\nline2', '+1 212 555 0100'],
        ['B', 'x,y', '+44 20 7946 0000']
      ])
    }
  })

  it('reads only the first bytes for a preview of a big file and estimates the row count', async () => {
    const line = 'Someone Somewhere,+1 212 555 0100,someone@example.com\n'
    const path = tmp.file('big.csv', 'Name,Phone,Email\n' + line.repeat(20_000))
    const preview = await previewFile(path, { limits: { previewTextBytes: 64 * 1024 } })
    expect(preview.totalRows).toBeGreaterThan(18_000)
    expect(preview.totalRows).toBeLessThan(22_000)
    expect(preview.warnings.join(' ')).toMatch(/estimate/)
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.rowCount).toBe(20_000)
  })
})
