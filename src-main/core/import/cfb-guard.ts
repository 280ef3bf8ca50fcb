import { sheetjs } from './sheetjs'

export type CfbVerdict =
  { kind: 'xls' } | { kind: 'encrypted' } | { kind: 'corrupt' } | { kind: 'unsupported'; reason: string }

interface CfbEntry {
  name: string
  type: number
  content?: Uint8Array | number[]
}

/** Looks inside an OLE2/CFB container: an encrypted OOXML package, a legacy workbook, or some other Office file. */
export function inspectCfb(buf: Buffer): CfbVerdict {
  let entries: CfbEntry[]
  try {
    const cfb = sheetjs().CFB.read(buf, { type: 'buffer' }) as { FileIndex: CfbEntry[] }
    entries = cfb.FileIndex
  } catch {
    return { kind: 'corrupt' }
  }
  const find = (name: string) =>
    entries.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase())
  // Excel saves a password-protected .xlsx as an encrypted package inside a CFB container.
  if (find('EncryptionInfo') || find('EncryptedPackage')) return { kind: 'encrypted' }
  const book = find('Workbook') ?? find('Book')
  if (book) return book.content && hasFilePass(book.content) ? { kind: 'encrypted' } : { kind: 'xls' }
  if (find('WordDocument')) return { kind: 'unsupported', reason: 'it is a Word document' }
  if (find('PowerPoint Document')) return { kind: 'unsupported', reason: 'it is a PowerPoint presentation' }
  return { kind: 'unsupported', reason: 'it is an Office container without a workbook' }
}

/** FILEPASS (0x002F) follows the BOF of the workbook globals when the file is encrypted or XOR-obfuscated. */
export function hasFilePass(stream: Uint8Array | number[]): boolean {
  const bytes = stream instanceof Uint8Array ? stream : Uint8Array.from(stream)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 0
  for (let n = 0; n < 200 && offset + 4 <= bytes.length; n++) {
    const type = view.getUint16(offset, true)
    const size = view.getUint16(offset + 2, true)
    if (type === 0x002f) return true
    if (type === 0x000a) return false
    offset += 4 + size
  }
  return false
}
