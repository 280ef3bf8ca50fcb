import { deflateRawSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportError, importError, type ImportErrorCode, previewFile } from '@core/import'
import { cfbBuffer, collect, rewriteZip, tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('hostile')
afterAll(() => tmp.cleanup())

const rows = [
  ['Name', 'Phone'],
  ['Ann', '+1 212 555 0100']
]
const xlsx = () => workbookBuffer([{ name: 'S', rows }])

async function refusal(path: string, options: Parameters<typeof previewFile>[1] = {}): Promise<ImportError> {
  const err = await previewFile(path, options).then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(ImportError)
  return err as ImportError
}

async function expectCode(
  path: string,
  code: ImportErrorCode,
  options: Parameters<typeof previewFile>[1] = {}
) {
  const err = await refusal(path, options)
  expect(err.code).toBe(code)
  // One sentence for the user, naming the file.
  expect(err.message).toContain(path.split('/').pop())
  return err
}

/** Overwrites the 32-bit uncompressed size of every central-directory entry: a zip that lies about its size. */
function lieAboutSizes(buf: Buffer, size: number): Buffer {
  const out = Buffer.from(buf)
  for (let i = 0; i + 46 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24)
  }
  return out
}

describe('refusals with a clear code', () => {
  it('empty_file: 0 bytes, whitespace, a lone BOM', async () => {
    await expectCode(tmp.file('zero.csv', ''), 'empty_file')
    await expectCode(tmp.file('ws.csv', '\uFEFF \r\n\r\n'), 'empty_file')
  })

  it('binary_file: bytes that are no known format', async () => {
    const blob = Buffer.alloc(2048)
    for (let i = 0; i < blob.length; i++) blob[i] = (i * 31 + 7) % 251
    await expectCode(tmp.file('blob.xlsx', blob), 'binary_file')
  })

  it('not_found', async () => {
    await expectCode(`${tmp.dir}/missing.xlsx`, 'not_found')
  })

  it('unsupported_format: a plain zip, a Word-like container, an XML document', async () => {
    const notBook = tmp.file('notes.zip', buildZip({ 'readme.txt': 'hello' }))
    await expectCode(notBook, 'unsupported_format')
    await expectCode(
      tmp.file('doc.doc', cfbBuffer({ WordDocument: Buffer.alloc(600) })),
      'unsupported_format'
    )
    await expectCode(
      tmp.file('conf.xml', '<?xml version="1.0"?><settings><a>1</a></settings>'),
      'unsupported_format'
    )
  })

  it('corrupt: a truncated zip and a zip with damaged compressed data', async () => {
    const full = xlsx()
    await expectCode(tmp.file('cut.xlsx', full.subarray(0, Math.floor(full.length * 0.6))), 'corrupt')
    const damaged = buildZip(
      { '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' },
      (name, data) => (name === 'xl/workbook.xml' ? Buffer.alloc(data.length + 8, 0xff) : data)
    )
    await expectCode(tmp.file('damaged.xlsx', damaged), 'corrupt')
  })

  it('encrypted: an OOXML package inside a CFB container, and a BIFF8 workbook with FILEPASS', async () => {
    const ooxml = cfbBuffer({
      EncryptionInfo: Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
      EncryptedPackage: Buffer.alloc(4096, 7)
    })
    const err = await expectCode(tmp.file('locked.xlsx', ooxml), 'encrypted')
    expect(err.message).toMatch(/password-protected/)
    // BOF (BIFF8 globals), then FILEPASS (XOR obfuscation), then EOF.
    const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, ...Array(12).fill(0)])
    const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78])
    const eof = Buffer.from([0x0a, 0x00, 0x00, 0x00])
    const book = Buffer.concat([bof, filepass, eof, Buffer.alloc(4096)])
    await expectCode(tmp.file('xor.xls', cfbBuffer({ Workbook: book })), 'encrypted')
  })

  it('entity_bomb: a DOCTYPE/ENTITY planted in any XML part, checked before SheetJS sees it', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>'
    await expectCode(
      tmp.file('bomb.xlsx', rewriteZip(xlsx(), { 'xl/sharedStrings.xml': bomb })),
      'entity_bomb'
    )
    const inSheet =
      '<?xml version="1.0"?>\n<!DOCTYPE worksheet SYSTEM "http://evil.invalid/x.dtd"><worksheet/>'
    await expectCode(
      tmp.file('dtd.xlsx', rewriteZip(xlsx(), { 'xl/worksheets/sheet1.xml': inSheet })),
      'entity_bomb'
    )
  })

  it('zip_bomb: a part too big, a ratio too high, and sizes that lie', async () => {
    const big = Array.from({ length: 40_000 }, (_, i) => [
      `Person ${i}`,
      `+1 212 555 ${String(i % 10000).padStart(4, '0')}`
    ])
    const book = workbookBuffer([{ name: 'S', rows: [['Name', 'Phone'], ...big] }])
    let err = await expectCode(tmp.file('part.xlsx', book), 'zip_bomb', {
      limits: { maxPartBytes: 1024 * 1024 }
    })
    expect(err.message).toMatch(/unpacks to/)
    err = await expectCode(tmp.file('ratio.xlsx', book), 'zip_bomb', {
      limits: { ratioCheckMinBytes: 1024 * 1024, maxCompressionRatio: 3 }
    })
    expect(err.message).toMatch(/compressed \d+:1/)
    const liar = tmp.file('liar.xlsx', lieAboutSizes(book, 100))
    await expectCode(liar, 'zip_bomb', { limits: { maxPartBytes: 1024 * 1024 } })
  })

  it('too_large: workbooks and text files over their size limits', async () => {
    await expectCode(tmp.file('big.xlsx', xlsx()), 'too_large', { limits: { maxWorkbookBytes: 1000 } })
    await expectCode(tmp.file('big.csv', 'Name,Phone\nAnn,1\n'), 'too_large', {
      limits: { maxTextBytes: 10 }
    })
  })

  it('too_many_rows: a workbook at preview, any file while reading', async () => {
    const five = [['Phone'], ['1'], ['2'], ['3'], ['4'], ['5']]
    const book = tmp.file('rows.xlsx', workbookBuffer([{ name: 'S', rows: five }]))
    await expectCode(book, 'too_many_rows', { limits: { maxRows: 3 } })
    const csv = tmp.file('rows.csv', five.map((r) => r.join(',')).join('\n'))
    const err = await collect(csv, { sheet: 'x', headerRow: 0, limits: { maxRows: 3 } }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('too_many_rows')
    await expect(collect(csv, { sheet: 'x', headerRow: 0, limits: { maxRows: 5 } })).resolves.toMatchObject({
      rowCount: 5
    })
  })

  it('too_many_columns: a sheet wider than the limit at preview, a wide row past it while reading', async () => {
    const wide = [['Name', 'Phone', 'A', 'B', 'C', 'D']]
    const book = tmp.file('wide.xlsx', workbookBuffer([{ name: 'S', rows: [...wide, ['Ann', '1']] }]))
    await expectCode(book, 'too_many_columns', { limits: { maxColumns: 5 } })
    const csv = tmp.file('wide.csv', [...wide, ['Ann', '1']].map((r) => r.join(',')).join('\n'))
    const refused = await refusal(csv, { limits: { maxColumns: 5 } })
    expect(refused.code).toBe('too_many_columns')
    expect(refused.message).toMatch(
      /^\S*wide\.csv has 6 columns; Ringtrue reads at most 5 columns \(the Excel maximum\) from one sheet\. Save only the columns you need and try again\.$/
    )
    // Beyond the preview's window: the read stops at the first row wider than the limit.
    const late = tmp.file('late.csv', ['Name,Phone', 'Ann,1', 'Bob,2,x,y,z,w'].join('\n'))
    await expect(previewFile(late, { limits: { maxColumns: 5, previewTextBytes: 12 } })).resolves.toBeTruthy()
    const err = await collect(late, { sheet: 'x', headerRow: 0, limits: { maxColumns: 5 } }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('too_many_columns')
    await expect(collect(late, { sheet: 'x', headerRow: 0 })).resolves.toMatchObject({ rowCount: 2 })
  })

  it('no_data: a text file with nothing but delimiters and blank lines', async () => {
    await expectCode(tmp.file('commas.csv', ',,,\n,,\n\n'), 'no_data')
  })
})

describe('messages', () => {
  it('builds the caller-side refusals with the same wording rules', () => {
    const err = importError('no_phone_column', '/data/contacts.xlsx')
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('no_phone_column')
    expect(err.message).toBe(
      'contacts.xlsx has no column that looks like phone numbers; choose the phone column yourself.'
    )
    expect(importError('encrypted', '/x/contacts.xlsx').message).toBe(
      'contacts.xlsx is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook) and save a copy.'
    )
  })
})

describe('cancellation', () => {
  it('stops a read between batches with "cancelled"', async () => {
    const lines = ['Phone', ...Array.from({ length: 1000 }, (_, i) => `+1 212 555 ${1000 + i}`)]
    const path = tmp.file('cancel.csv', lines.join('\n'))
    const controller = new AbortController()
    let batches = 0
    const err = await collect(path, {
      sheet: 'x',
      headerRow: 0,
      batchSize: 100,
      signal: controller.signal,
      onBatch: () => {
        if (++batches === 2) controller.abort()
      }
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('cancelled')
    expect(batches).toBe(2)
  })

  it('refuses to start when already cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const path = tmp.file('c.csv', 'a\n1\n')
    await expect(
      collect(path, { sheet: 'x', headerRow: 0, signal: controller.signal })
    ).rejects.toMatchObject({
      code: 'cancelled'
    })
  })
})

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'

/** A minimal deflate zip writer, so tests can damage exactly the bytes they mean to. */
function buildZip(
  files: Record<string, string>,
  mangle: (name: string, data: Buffer) => Buffer = (_, d) => d
): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8')
    const data = mangle(name, deflateRawSync(raw))
    const nameBuf = Buffer.from(name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(raw.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(Object.keys(files).length, 8)
  eocd.writeUInt16LE(Object.keys(files).length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}
