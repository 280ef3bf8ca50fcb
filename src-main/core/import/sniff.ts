import { open } from 'node:fs/promises'
import { decode, guessEncoding, type TextEncodingName } from './text-decode'

export const HEAD_BYTES = 64 * 1024

export type Container =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'cfb' }
  /** A bare BIFF2–BIFF5 worksheet stream (Excel 2.x–5), not wrapped in a CFB container. */
  | { kind: 'biff' }
  /** XML or HTML that SheetJS reads as a workbook: SpreadsheetML 2003, flat ODS, an HTML table. */
  | { kind: 'markup'; format: 'xls' | 'ods' }
  | { kind: 'text'; encoding: TextEncodingName; vcard: boolean }
  | { kind: 'binary' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'entity_bomb' }

export interface FileHead {
  size: number
  head: Buffer
}

export async function readHead(filePath: string, bytes = HEAD_BYTES): Promise<FileHead> {
  const handle = await open(filePath, 'r')
  try {
    const size = (await handle.stat()).size
    const head = Buffer.alloc(Math.min(bytes, size))
    let offset = 0
    while (offset < head.length) {
      const { bytesRead } = await handle.read(head, offset, head.length - offset, offset)
      if (bytesRead === 0) break
      offset += bytesRead
    }
    return { size, head: head.subarray(0, offset) }
  } finally {
    await handle.close()
  }
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** BOF record ids of BIFF2, BIFF3, BIFF4 and BIFF5/8. */
const BIFF_BOF = new Set([0x0009, 0x0209, 0x0409, 0x0809])

/** Decides what a file is from its bytes; the extension is never trusted. */
export function sniffContainer({ size, head }: FileHead): Container {
  if (size === 0) return { kind: 'empty' }
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    const sig = head.readUInt16LE(2)
    if (sig === 0x0403 || sig === 0x0605 || sig === 0x0807) return { kind: 'zip' }
  }
  if (head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC)) return { kind: 'cfb' }
  if (head.length >= 8) {
    const type = head.readUInt16LE(0)
    const length = head.readUInt16LE(2)
    const version = head.readUInt16LE(4)
    if (BIFF_BOF.has(type) && length >= 4 && length <= 20 && (type === 0x0009 || version < 0x1000)) {
      return { kind: 'biff' }
    }
  }
  const known = knownBinary(head)
  if (known) return known

  const guess = guessEncoding(head)
  if (guess.kind === 'binary') return { kind: 'binary' }
  const text = decode(head, guess.encoding).replace(/^\uFEFF/, '')
  const start = text.trimStart()
  if (start.length === 0) {
    // Only whitespace in the part we looked at: empty if that was the whole file.
    return size <= head.length ? { kind: 'empty' } : { kind: 'text', encoding: guess.encoding, vcard: false }
  }
  if (/^begin:vcard/i.test(start)) return { kind: 'text', encoding: guess.encoding, vcard: true }
  if (start.startsWith('{\\rtf')) return { kind: 'unsupported', reason: 'it is an RTF document' }
  if (start.startsWith('<')) return sniffMarkup(start)
  return { kind: 'text', encoding: guess.encoding, vcard: false }
}

function knownBinary(head: Buffer): Container | null {
  const ascii = head.subarray(0, 8).toString('latin1')
  if (ascii.startsWith('%PDF-')) return { kind: 'binary' }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return { kind: 'binary' }
  return null
}

function sniffMarkup(text: string): Container {
  const lower = text.toLowerCase()
  // Entities are declared in a DOCTYPE's internal subset; an ordinary <!DOCTYPE html> is harmless.
  if (lower.includes('<!entity') || /<!doctype[^>]*\[/.test(lower)) return { kind: 'entity_bomb' }
  const isXml = lower.startsWith('<?xml')
  if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return { kind: 'markup', format: 'xls' }
  if (
    lower.includes('urn:oasis:names:tc:opendocument:xmlns:office') &&
    lower.includes('office:spreadsheet')
  ) {
    return { kind: 'markup', format: 'ods' }
  }
  if (!isXml && /<table[\s>]/.test(lower)) return { kind: 'markup', format: 'xls' }
  return {
    kind: 'unsupported',
    reason: isXml ? 'it is an XML document, not a spreadsheet' : 'it is an HTML page without a table'
  }
}
