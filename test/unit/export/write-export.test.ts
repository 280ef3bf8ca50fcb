import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import Papa from 'papaparse'
import * as XLSX from 'xlsx'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STATUSES, type CellValue, type ExportFormat, type ExportMode } from '@contract/types'
import { ExportLimitError, writeExport, type ExportOptions, type ExportSource } from '@core/export'
import { generatedSource, memorySource, resultRow } from './memory-source'

const HEADERS = ['Name', 'Phone', 'Amount', 'VIP', 'Note', 'Tag']
const RESULT_NAMES = [
  'E.164',
  'Status',
  'Reason',
  'Line Type',
  'Country',
  'Carrier',
  'Provider',
  'Checked At'
]
const CHECKED_AT = '2024-05-01T10:00:00.000Z'

/** The serial day number Excel stores for an instant (days since 1899-12-30, UTC). */
function excelDateTime(iso: string): number {
  return Date.parse(iso) / 86_400_000 + 25569
}

const ROWS = [
  resultRow(0, ['Ann', '+44 20 7946 0958', 12.5, true, '=HYPERLINK("http://evil.example","x")', 'lead'], {
    status: 'active',
    e164: ['+442079460958'],
    reason: 'in_service',
    lineType: 'fixed_line',
    country: 'GB',
    carrier: 'BT',
    provider: 'offline',
    checkedAt: CHECKED_AT
  }),
  resultRow(1, ['Bob', 447911123456, -3, false, null, ''], {
    status: 'inactive',
    e164: ['+447911123456'],
    reason: 'disconnected',
    lineType: 'mobile',
    country: 'GB',
    provider: 'telesign',
    checkedAt: '2024-05-02 08:30:00'
  }),
  resultRow(2, ['Cé', '+33 6 12 34 56 78, +33 6 98 76 54 32', 0, null, 'says "hi", then\nleaves', null], {
    status: 'unknown',
    e164: ['+33612345678', '+33698765432'],
    reason: 'inconclusive',
    country: 'FR'
  }),
  resultRow(3, ['Dee', '07700 900123', null, true, '-2+3', 'x'], {
    status: 'unchecked',
    e164: ['+447700900123']
  }),
  resultRow(4, ['Eve', 'not a phone', 1000, false, '@cmd', null], {
    status: 'invalid',
    reason: 'invalid_format'
  }),
  resultRow(5, ['Fay', 123456789012345, 7, true, '+SUM(A1:A2)', null], {
    status: 'active',
    e164: ['+123456789012345'],
    reason: 'in_service'
  })
]

function sampleSource(overrides: Partial<ExportSource> = {}) {
  return memorySource(ROWS, { headers: HEADERS, phoneColumns: [1], sheetName: 'Leads', ...overrides })
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringtrue-export-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function options(mode: ExportMode, format: ExportFormat, extra: Partial<ExportOptions> = {}): ExportOptions {
  return { mode, format, keepUnknown: false, outPath: join(dir, `list.${format}`), ...extra }
}

async function listDir(): Promise<string[]> {
  return (await readdir(dir)).sort()
}

async function readCsv(path: string): Promise<{ raw: string; rows: string[][] }> {
  const raw = await readFile(path, 'utf8')
  const parsed = Papa.parse<string[]>(raw.replace(/^\uFEFF/, ''), { newline: '\r\n', skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return { raw, rows: parsed.data }
}

async function readBook(path: string): Promise<XLSX.WorkBook> {
  return XLSX.read(await readFile(path), { type: 'buffer', dense: true })
}

/** Sheet values as [row][col], blanks as null. */
function sheetValues(sheet: XLSX.WorkSheet): CellValue[][] {
  return XLSX.utils.sheet_to_json<CellValue[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true })
}

function cellAt(sheet: XLSX.WorkSheet, r: number, c: number): XLSX.CellObject | undefined {
  return sheet['!data']?.[r]?.[c]
}

/** The central directory of a zip: what the archive claims about each part. */
function zipEntries(
  zip: Buffer
): { name: string; method: number; crc: number; compressedSize: number; dataOffset: number }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  const out = []
  for (let n = 0; n < count; n++) {
    const nameLength = zip.readUInt16LE(p + 28)
    const local = zip.readUInt32LE(p + 42)
    out.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      method: zip.readUInt16LE(p + 10),
      crc: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      dataOffset: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    })
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32)
  }
  return out
}

async function sheetXmlFiles(path: string): Promise<string[]> {
  const zip = XLSX.CFB.read(await readFile(path), { type: 'buffer' })
  return zip.FullPaths.filter((p: string) => /xl\/worksheets\/sheet\d+\.xml$/.test(p)).map((p: string) => {
    const entry = XLSX.CFB.find(zip, p)
    return Buffer.from(entry!.content as Uint8Array).toString('utf8')
  })
}

describe('writeExport: CSV', () => {
  it('cleaned keeps active and unchecked rows in original order, with the result columns appended', async () => {
    const source = sampleSource()
    const result = await writeExport(source, options('cleaned', 'csv'))
    expect(result).toEqual({ files: [join(dir, 'list.csv')], rowsWritten: 3 })
    expect(source.calls).toEqual([['active', 'unchecked']])
    const { rows } = await readCsv(result.files[0])
    expect(rows[0]).toEqual([...HEADERS, ...RESULT_NAMES])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Ann', 'Dee', 'Fay'])
    expect(rows[1]).toEqual([
      'Ann',
      '+44 20 7946 0958',
      '12.5',
      'TRUE',
      `'=HYPERLINK("http://evil.example","x")`,
      'lead',
      '+442079460958',
      'active',
      'In service',
      'Landline',
      'GB',
      'BT',
      'offline',
      CHECKED_AT
    ])
    expect(rows[2]).toEqual([
      'Dee',
      '07700 900123',
      '',
      'TRUE',
      "'-2+3",
      'x',
      '+447700900123',
      'unchecked',
      '',
      '',
      '',
      '',
      '',
      ''
    ])
    expect(rows[3].slice(0, 8)).toEqual([
      'Fay',
      '123456789012345',
      '7',
      'TRUE',
      "'+SUM(A1:A2)",
      '',
      '+123456789012345',
      'active'
    ])
    expect(await listDir()).toEqual(['list.csv'])
  })

  it('cleaned with keepUnknown adds the unknown rows in place', async () => {
    const source = sampleSource()
    const result = await writeExport(source, options('cleaned', 'csv', { keepUnknown: true }))
    expect(source.calls).toEqual([['active', 'unchecked', 'unknown']])
    expect(result.rowsWritten).toBe(4)
    const { rows } = await readCsv(result.files[0])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Ann', 'Cé', 'Dee', 'Fay'])
  })

  it('full writes every row with its values, numbers unescaped and several numbers joined by "; "', async () => {
    const result = await writeExport(sampleSource(), options('full', 'csv'))
    expect(result.rowsWritten).toBe(6)
    const { rows } = await readCsv(result.files[0])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Ann', 'Bob', 'Cé', 'Dee', 'Eve', 'Fay'])
    expect(rows[2]).toEqual([
      'Bob',
      '447911123456',
      '-3',
      'FALSE',
      '',
      '',
      '+447911123456',
      'inactive',
      'Disconnected',
      'Mobile',
      'GB',
      '',
      'telesign',
      '2024-05-02T08:30:00.000Z'
    ])
    expect(rows[3].slice(0, 8)).toEqual([
      'Cé',
      '+33 6 12 34 56 78, +33 6 98 76 54 32',
      '0',
      '',
      'says "hi", then\nleaves',
      '',
      '+33612345678; +33698765432',
      'unknown'
    ])
    expect(rows[5].slice(0, 5)).toEqual(['Eve', 'not a phone', '1000', 'FALSE', "'@cmd"])
  })

  it('writes UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting', async () => {
    const result = await writeExport(sampleSource(), options('full', 'csv'))
    const bytes = await readFile(result.files[0])
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const raw = bytes.toString('utf8')
    expect(raw).toContain('Cé,')
    expect(raw).toContain(`"says ""hi"", then\nleaves"`)
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    // Every line break outside that one quoted field is CRLF, including after the last row.
    const outsideQuotes = raw.replace(/"(?:[^"]|"")*"/g, '')
    expect(outsideQuotes.match(/\n/g)?.length).toBe(7)
    expect(outsideQuotes.match(/\r\n/g)?.length).toBe(7)
    expect(raw.endsWith('\r\n')).toBe(true)
  })

  it('split writes a file per status that has rows, and removes a stale part of an empty one', async () => {
    // An earlier export of the same name left an invalid part; this list has no invalid row.
    await writeFile(join(dir, 'list-invalid.csv'), 'stale')
    const source = memorySource(ROWS.slice(0, 2), { headers: HEADERS, phoneColumns: [1] })
    const result = await writeExport(source, options('split', 'csv'))
    const names = ['list-active.csv', 'list-inactive.csv']
    expect(result.files).toEqual(names.map((n) => join(dir, n)))
    expect(result.rowsWritten).toBe(2)
    expect(source.calls).toEqual(STATUSES.map((s) => [s]))
    expect(await listDir()).toEqual([...names].sort())
    const active = await readCsv(join(dir, 'list-active.csv'))
    expect(active.rows.map((r) => r[0])).toEqual(['Name', 'Ann'])
    expect(active.raw.startsWith('\uFEFF')).toBe(true)
    const inactive = await readCsv(join(dir, 'list-inactive.csv'))
    expect(inactive.rows.map((r) => r[0])).toEqual(['Name', 'Bob'])
  })

  it('split of a list without rows still writes one header-only file', async () => {
    const result = await writeExport(
      memorySource([], { headers: HEADERS, phoneColumns: [1] }),
      options('split', 'csv')
    )
    expect(result.files).toEqual([join(dir, 'list-active.csv')])
    expect((await readCsv(result.files[0])).rows).toEqual([[...HEADERS, ...RESULT_NAMES]])
  })

  it('split puts every row in the file of its status', async () => {
    const result = await writeExport(sampleSource(), options('split', 'csv'))
    expect(result.rowsWritten).toBe(6)
    const firstColumn = async (status: string) =>
      (await readCsv(join(dir, `list-${status}.csv`))).rows.slice(1).map((r) => r[0])
    expect(await firstColumn('active')).toEqual(['Ann', 'Fay'])
    expect(await firstColumn('unchecked')).toEqual(['Dee'])
    expect(await firstColumn('unknown')).toEqual(['Cé'])
    expect(await firstColumn('inactive')).toEqual(['Bob'])
    expect(await firstColumn('invalid')).toEqual(['Eve'])
  })
})

describe('writeExport: XLSX', () => {
  it('cleaned writes one sheet named after the original, values typed as they were', async () => {
    const result = await writeExport(
      sampleSource({ sheetName: 'Q1: leads/[2024]' }),
      options('cleaned', 'xlsx')
    )
    expect(result).toEqual({ files: [join(dir, 'list.xlsx')], rowsWritten: 3 })
    const book = await readBook(result.files[0])
    expect(book.SheetNames).toEqual(['Q1_ leads__2024_'])
    const sheet = book.Sheets[book.SheetNames[0]]
    const values = sheetValues(sheet)
    expect(values[0]).toEqual([...HEADERS, ...RESULT_NAMES])
    expect(values.slice(1).map((r) => r[0])).toEqual(['Ann', 'Dee', 'Fay'])
    expect(values[1]).toEqual([
      'Ann',
      '+44 20 7946 0958',
      12.5,
      true,
      '=HYPERLINK("http://evil.example","x")',
      'lead',
      '+442079460958',
      'active',
      'In service',
      'Landline',
      'GB',
      'BT',
      'offline',
      excelDateTime(CHECKED_AT)
    ])
    expect([0, 1, 2, 3, 4, 5, 6, 13].map((c) => cellAt(sheet, 1, c)?.t)).toEqual([
      's',
      's',
      'n',
      'b',
      's',
      's',
      's',
      'n'
    ])
    // Checked At is a real date-time: a serial number with a date-time format, read back as that instant.
    const read = XLSX.read(await readFile(result.files[0]), { type: 'buffer', dense: true, cellDates: true })
    expect((cellAt(read.Sheets[read.SheetNames[0]], 1, 13)?.v as Date).toISOString()).toBe(CHECKED_AT)
    // Null cells stay blank.
    expect(cellAt(sheet, 2, 2)).toBeUndefined()
    expect(cellAt(sheet, 2, 8)).toBeUndefined()
  })

  it('writes a numeric phone cell as the text of its digits, never in scientific notation', async () => {
    const result = await writeExport(sampleSource(), options('full', 'xlsx'))
    const sheet = (await readBook(result.files[0])).Sheets.Leads
    expect(cellAt(sheet, 2, 1)).toMatchObject({ t: 's', v: '447911123456' })
    expect(cellAt(sheet, 6, 1)).toMatchObject({ t: 's', v: '123456789012345' })
    // Other numeric columns stay numbers, negatives included.
    expect(cellAt(sheet, 2, 2)).toMatchObject({ t: 'n', v: -3 })
    expect(cellAt(sheet, 3, 2)).toMatchObject({ t: 'n', v: 0 })
    expect(cellAt(sheet, 2, 3)).toMatchObject({ t: 'b', v: false })
    // An empty string is left blank, like null.
    expect(cellAt(sheet, 2, 5)).toBeUndefined()
  })

  it('full keeps every row, multi-number rows joined by "; "', async () => {
    const result = await writeExport(sampleSource(), options('full', 'xlsx'))
    expect(result.rowsWritten).toBe(6)
    const values = sheetValues((await readBook(result.files[0])).Sheets.Leads)
    expect(values).toHaveLength(7)
    expect(values.slice(1).map((r) => r[0])).toEqual(['Ann', 'Bob', 'Cé', 'Dee', 'Eve', 'Fay'])
    expect(values[3].slice(4, 8)).toEqual([
      'says "hi", then\nleaves',
      null,
      '+33612345678; +33698765432',
      'unknown'
    ])
    expect(values[2][13]).toBe(excelDateTime('2024-05-02T08:30:00.000Z'))
  })

  it('never writes a formula: text starting with "=" is a plain string cell', async () => {
    const result = await writeExport(sampleSource(), options('full', 'xlsx'))
    const [xml] = await sheetXmlFiles(result.files[0])
    expect(xml).toContain('HYPERLINK')
    expect(xml).not.toMatch(/<f[\s>]/)
    const cell = cellAt((await readBook(result.files[0])).Sheets.Leads, 1, 4)
    expect(cell).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil.example","x")' })
    expect(cell?.f).toBeUndefined()
  })

  it('split writes one workbook with a sheet per status that has rows', async () => {
    const source = memorySource(ROWS.slice(0, 2), { headers: HEADERS, phoneColumns: [1] })
    const result = await writeExport(source, options('split', 'xlsx'))
    expect(result).toEqual({ files: [join(dir, 'list.xlsx')], rowsWritten: 2 })
    expect(await listDir()).toEqual(['list.xlsx'])
    const book = await readBook(result.files[0])
    expect(book.SheetNames).toEqual(['active', 'inactive'])
    expect(sheetValues(book.Sheets.active).map((r) => r[0])).toEqual(['Name', 'Ann'])
    expect(sheetValues(book.Sheets.inactive).map((r) => r[0])).toEqual(['Name', 'Bob'])
    for (const xml of await sheetXmlFiles(result.files[0])) expect(xml).not.toMatch(/<f[\s>]/)
  })

  it('cleaned with keepUnknown includes unknown rows', async () => {
    const source = sampleSource()
    const result = await writeExport(source, options('cleaned', 'xlsx', { keepUnknown: true }))
    expect(source.calls).toEqual([['active', 'unchecked', 'unknown']])
    const values = sheetValues((await readBook(result.files[0])).Sheets.Leads)
    expect(values.slice(1).map((r) => r[0])).toEqual(['Ann', 'Cé', 'Dee', 'Fay'])
  })

  it('escapes text that looks like an OOXML escape, so Excel shows it as written', async () => {
    const source = memorySource([resultRow(0, ['lit _x0041_ and _x005F_', 'A\u0001B <&> "q"'])], {
      phoneColumns: []
    })
    const result = await writeExport(source, options('full', 'xlsx'))
    const [xml] = await sheetXmlFiles(result.files[0])
    // ECMA-376 §22.4.2.4: '_x005F_' is an escaped underscore; a control character is written as '_xHHHH_'.
    expect(xml).toContain('<t>lit _x005F_x0041_ and _x005F_x005F_</t>')
    expect(xml).toContain('<t>A_x0001_B &lt;&amp;&gt; &quot;q&quot;</t>')
    const sheet = (await readBook(result.files[0])).Sheets.Contacts
    expect(cellAt(sheet, 1, 0)?.v).toBe('lit _x0041_ and _x005F_')
    expect(cellAt(sheet, 1, 1)?.v).toBe('A\u0001B <&> "q"')
  })

  it('refuses text longer than an Excel cell holds and leaves no file behind', async () => {
    const long = 'x'.repeat(40_000)
    const source = memorySource([resultRow(0, ['Ann', long])])
    await expect(writeExport(source, options('full', 'xlsx'))).rejects.toThrow(ExportLimitError)
    expect(await listDir()).toEqual([])
    // CSV has no such limit.
    const csv = await writeExport(source, options('full', 'csv'))
    expect((await readCsv(csv.files[0])).rows[1][1]).toBe(long)
  })
})

describe('writeExport: columns', () => {
  it.each(['csv', 'xlsx'] as const)('suffixes clashing result column names in %s', async (format) => {
    const headers = ['Name', 'status', ' Carrier ', 'Phone']
    const source = memorySource(
      [resultRow(0, ['Ann', 'lead', 'Vodafone', '+447911123456'], { carrier: 'EE' })],
      {
        headers,
        phoneColumns: [3]
      }
    )
    const result = await writeExport(source, options('full', format))
    const expected = [
      ...headers,
      'E.164',
      'Status (Ringtrue)',
      'Reason',
      'Line Type',
      'Country',
      'Carrier (Ringtrue)',
      'Provider',
      'Checked At'
    ]
    const header =
      format === 'csv'
        ? (await readCsv(result.files[0])).rows[0]
        : sheetValues((await readBook(result.files[0])).Sheets.Contacts)[0]
    expect(header).toEqual(expected)
  })

  it('writes the column letters as the header row when the import had none', async () => {
    const source = memorySource([resultRow(0, ['Ann', '+447911123456'])], {
      headers: ['A', 'B'],
      hasHeaderRow: false
    })
    const result = await writeExport(source, options('full', 'csv'))
    const { rows } = await readCsv(result.files[0])
    expect(rows[0]).toEqual(['A', 'B', ...RESULT_NAMES])
    expect(rows[1].slice(0, 2)).toEqual(['Ann', '+447911123456'])
  })

  it('keeps duplicate and blank headers as they were', async () => {
    const source = memorySource([resultRow(0, ['a', 'b', 'c'])], {
      headers: ['Name', '', 'Name'],
      phoneColumns: []
    })
    const result = await writeExport(source, options('full', 'csv'))
    expect((await readCsv(result.files[0])).rows[0].slice(0, 3)).toEqual(['Name', '', 'Name'])
  })

  it('pads short rows and refuses a row wider than the header unless the overflow is empty', async () => {
    const ok = memorySource([resultRow(0, ['Ann']), resultRow(1, ['Bob', '+447911123456', null, ''])])
    const result = await writeExport(ok, options('full', 'csv'))
    const { rows } = await readCsv(result.files[0])
    expect(rows[1].slice(0, 3)).toEqual(['Ann', '', ''])
    expect(rows[2].slice(0, 3)).toEqual(['Bob', '+447911123456', ''])

    await rm(result.files[0])
    const bad = memorySource([resultRow(7, ['Ann', '+447911123456', 'extra'])])
    for (const format of ['csv', 'xlsx'] as const) {
      await expect(writeExport(bad, options('full', format))).rejects.toThrow(/Row 7 .*column 3/)
    }
    expect(await listDir()).toEqual([])
  })
})

describe('writeExport: progress, abort and failure', () => {
  it.each(['csv', 'xlsx'] as const)(
    'reports progress every 5000 rows and at the end (%s)',
    async (format) => {
      const seen: number[] = []
      const result = await writeExport(generatedSource(12_345, 3), {
        ...options('full', format),
        onProgress: (n) => seen.push(n)
      })
      expect(result.rowsWritten).toBe(12_345)
      expect(seen).toEqual([5000, 10000, 12_345])
    }
  )

  it('counts progress across split parts', async () => {
    const seen: number[] = []
    const result = await writeExport(generatedSource(12_000, 2), {
      ...options('split', 'csv'),
      onProgress: (n) => seen.push(n)
    })
    expect(result.rowsWritten).toBe(12_000)
    expect(seen).toEqual([5000, 10000, 12_000])
  })

  it('does nothing when the signal is already aborted', async () => {
    const source = sampleSource()
    const controller = new AbortController()
    controller.abort()
    await expect(
      writeExport(source, { ...options('full', 'csv'), signal: controller.signal })
    ).rejects.toThrow()
    expect(source.calls).toEqual([])
    expect(await listDir()).toEqual([])
  })

  it.each([
    ['full', 'csv'],
    ['split', 'csv'],
    ['full', 'xlsx'],
    ['split', 'xlsx']
  ] as const)(
    'an abort during %s %s removes every temporary file and keeps an existing file',
    async (mode, format) => {
      const controller = new AbortController()
      const reason = new Error('cancelled by the user')
      // The abort arrives as an event, like a cancel message would: the export must yield to notice it.
      const source = generatedSource(60_000, 4, (i) => {
        if (i === 21_000) setImmediate(() => controller.abort(reason))
      })
      const opts = { ...options(mode, format), signal: controller.signal }
      await writeFile(opts.outPath, 'previous export')
      await expect(writeExport(source, opts)).rejects.toBe(reason)
      expect(await listDir()).toEqual([`list.${format}`])
      expect(await readFile(opts.outPath, 'utf8')).toBe('previous export')
    }
  )

  it('a failing row source leaves no file behind', async () => {
    const source: ExportSource = {
      ...generatedSource(10, 2),
      *rows() {
        yield resultRow(0, ['Ann', '+447911123456'])
        throw new Error('database is locked')
      }
    }
    for (const format of ['csv', 'xlsx'] as const) {
      await expect(writeExport(source, options('cleaned', format))).rejects.toThrow('database is locked')
    }
    expect(await listDir()).toEqual([])
  })

  it('fails cleanly when the folder does not exist', async () => {
    const outPath = join(dir, 'missing', 'list.csv')
    await expect(writeExport(sampleSource(), { ...options('full', 'csv'), outPath })).rejects.toThrow(
      /ENOENT/
    )
    expect(await listDir()).toEqual([])
  })
})

describe('writeExport: volume', () => {
  it('writes 100,000 rows to CSV', async () => {
    const result = await writeExport(generatedSource(100_000, 8), options('full', 'csv'))
    expect(result.rowsWritten).toBe(100_000)
    const raw = await readFile(result.files[0], 'utf8')
    expect(raw.split('\r\n')).toHaveLength(100_002)
  })

  it('deflates the sheet at zlib level 1 with a correct CRC-32 (the export speed rests on the level)', async () => {
    const result = await writeExport(generatedSource(3_000, 6), options('full', 'xlsx'))
    const zip = await readFile(result.files[0])
    const entry = zipEntries(zip).find((e) => e.name === 'xl/worksheets/sheet1.xml')!
    const compressed = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
    const xml = inflateRawSync(compressed)
    expect(entry.method).toBe(8)
    expect(entry.crc).toBe(crc32(xml))
    // zlib's output depends only on the level and the bytes, not on how they were fed in.
    expect(compressed.equals(deflateRawSync(xml, { level: 1 }))).toBe(true)
    expect(compressed.length).not.toBe(deflateRawSync(xml, { level: 6 }).length)
  })

  it('keeps non-ASCII text whole across the blocks the writer encodes into', async () => {
    // Rows of 20 B to 3 kB of UTF-8 (1 to 4 bytes a character) cross the 512 kB blocks at many different points.
    const text = (i: number) => `${i} 张伟 Zoë 😀 `.repeat(1 + (i % 151))
    const rows = Array.from({ length: 4_000 }, (_, i) => resultRow(i, [text(i), `+86 138 0013 ${8000 + i}`]))
    const result = await writeExport(memorySource(rows), options('full', 'xlsx'))
    const values = sheetValues((await readBook(result.files[0])).Sheets.Contacts)
    expect(values.slice(1).map((r) => r[0])).toEqual(rows.map((_, i) => text(i)))
  })

  it('streams XLSX: the file holds most of the sheet before the last row is read', async () => {
    // Memory stays flat at any row count only if rows leave for the file as they come.
    const sizes: number[] = []
    const source = generatedSource(60_000, 8, (index) => {
      if (index === 59_999) for (const name of readdirSync(dir)) sizes.push(statSync(join(dir, name)).size)
    })
    const result = await writeExport(source, options('full', 'xlsx'))
    expect(result.rowsWritten).toBe(60_000)
    expect(sizes).toHaveLength(1)
    // 60,000 rows compress to about 2 MB; more than half of them must be on disk by then.
    expect(sizes[0]).toBeGreaterThan(1_000_000)
  })

  it('writes 100,000 rows to XLSX', async () => {
    const result = await writeExport(generatedSource(100_000, 8), options('full', 'xlsx'))
    expect(result.rowsWritten).toBe(100_000)
    // Streamed, so the sheet has no <dimension> (it would precede the rows); its last row holds every column.
    const [xml] = await sheetXmlFiles(result.files[0])
    expect(xml).toContain('<row r="100001"><c r="A100001"')
    expect(xml).toContain('<c r="P100001"')
    expect(xml).not.toContain('<row r="100002"')
  }, 180_000)
})
