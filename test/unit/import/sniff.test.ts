import { afterAll, describe, expect, it } from 'vitest'
import { previewFile } from '@core/import'
import { readHead, sniffContainer } from '@core/import/sniff'
import { guessEncoding } from '@core/import/text-decode'
import { cfbBuffer, collect, tempFolder, utf16, workbookBuffer } from './helpers'

const tmp = tempFolder('sniff')
afterAll(() => tmp.cleanup())

const sniff = async (content: string | Uint8Array, name = 'f.bin') =>
  sniffContainer(await readHead(tmp.file(name, content)))

describe('container sniffing (bytes, not the extension)', () => {
  it('recognises zip, CFB and bare BIFF workbooks whatever their names', async () => {
    const rows = [
      ['Name', 'Phone'],
      ['Ann', '+1 212 555 0100']
    ]
    expect((await sniff(workbookBuffer([{ name: 'S', rows }], 'xlsx'), 'a.csv')).kind).toBe('zip')
    expect((await sniff(workbookBuffer([{ name: 'S', rows }], 'xls'), 'a.txt')).kind).toBe('cfb')
    expect((await sniff(workbookBuffer([{ name: 'S', rows }], 'biff2'), 'a.xlsx')).kind).toBe('biff')
  })

  it('treats text as text, including a tab-separated file named .xls', async () => {
    expect(await sniff('Name\tPhone\nAnn\t+12135550100\n', 'export.xls')).toEqual({
      kind: 'text',
      encoding: 'utf-8',
      vcard: false
    })
  })

  it('spots vCards by content, in any case and after a BOM', async () => {
    expect(await sniff('\uFEFFbegin:vcard\nversion:3.0\nend:vcard\n', 'contacts.txt')).toMatchObject({
      vcard: true
    })
    expect(await sniff(utf16('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n', 'be', false))).toMatchObject({
      kind: 'text',
      encoding: 'utf-16be',
      vcard: true
    })
  })

  it('calls NUL-laden or control-heavy bytes binary, and knows a few binary signatures', async () => {
    const blob = Buffer.alloc(4096)
    for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919) % 256
    expect((await sniff(blob)).kind).toBe('binary')
    expect((await sniff(Buffer.from('%PDF-1.7\nabc'))).kind).toBe('binary')
    expect((await sniff(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).kind).toBe('binary')
  })

  it('calls 0 bytes, whitespace and a lone BOM empty', async () => {
    expect((await sniff('')).kind).toBe('empty')
    expect((await sniff('\uFEFF  \r\n\t\n')).kind).toBe('empty')
    expect((await sniff(utf16('  \r\n', 'le', true))).kind).toBe('empty')
  })

  it('reads spreadsheet markup as a workbook and other XML as unsupported', async () => {
    expect(
      await sniff('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')
    ).toEqual({ kind: 'markup', format: 'xls' })
    expect(await sniff('<html><body><table><tr><td>1</td></tr></table></body></html>')).toEqual({
      kind: 'markup',
      format: 'xls'
    })
    expect((await sniff('<?xml version="1.0"?><config><a/></config>')).kind).toBe('unsupported')
    expect((await sniff('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).kind).toBe(
      'entity_bomb'
    )
  })

  it('looks inside CFB containers only later (sniffing just says cfb)', async () => {
    expect(
      (await sniff(cfbBuffer({ EncryptionInfo: Buffer.alloc(8), EncryptedPackage: Buffer.alloc(64) }))).kind
    ).toBe('cfb')
  })
})

describe('text encodings', () => {
  const text = 'Name,Téléphone\nRenée,+33 1 23 45 67 89\n'
  it.each([
    ['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-16LE with BOM', utf16(text, 'le', true), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(text, 'be', true), 'utf-16be'],
    ['UTF-16LE without BOM', utf16(text, 'le', false), 'utf-16le'],
    ['UTF-16BE without BOM', utf16(text, 'be', false), 'utf-16be'],
    ['Windows-1252', Buffer.from(text, 'latin1'), 'windows-1252']
  ])('%s is detected and decoded', async (_label, bytes, encoding) => {
    expect(guessEncoding(bytes)).toEqual({ kind: 'text', encoding })
    const preview = await previewFile(tmp.file('enc.csv', bytes))
    expect(preview.encoding).toBe(encoding)
    expect(preview.sampleRows).toEqual([
      ['Name', 'Téléphone'],
      ['Renée', '+33 1 23 45 67 89']
    ])
  })

  it('notices Windows-1252 that only starts after a long ASCII beginning', async () => {
    const ascii = 'Name,Phone\n' + 'Someone,+1 212 555 0100\n'.repeat(5000)
    const bytes = Buffer.concat([
      Buffer.from(ascii, 'latin1'),
      Buffer.from('Ren\xe9e,+33 1 23 45 67 89\n', 'latin1')
    ])
    const path = tmp.file('late.csv', bytes)
    const preview = await previewFile(path)
    expect(preview.encoding).toBe('windows-1252')
    const read = await collect(path, { sheet: preview.sheet, headerRow: 0 })
    expect(read.rows.at(-1)).toEqual(['Renée', '+33 1 23 45 67 89'])
  })

  it('decodes Windows-1252 punctuation (0x80–0x9F) as the right characters', async () => {
    const bytes = Buffer.from([...Buffer.from('Name;Note\nA;', 'latin1'), 0x96, 0x80, 0x93, 0x94, 0x0a])
    const preview = await previewFile(tmp.file('cp.csv', bytes))
    expect(preview.encoding).toBe('windows-1252')
    expect(preview.sampleRows[1]).toEqual(['A', '–€“”'])
  })
})
