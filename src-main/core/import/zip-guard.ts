import { createInflateRaw, inflateRawSync } from 'node:zlib'
import type { ImportLimits } from './limits'

export interface ZipEntry {
  name: string
  flags: number
  method: number
  compressedSize: number
  uncompressedSize: number
  /** Offset of the entry's compressed bytes (after its local header). */
  dataOffset: number
}

/** What a zip inspection found; the caller turns it into an ImportError naming the file. */
export type ZipProblem =
  | { code: 'corrupt'; reason: string }
  | { code: 'encrypted' }
  | { code: 'zip_bomb'; reason: string }
  | { code: 'entity_bomb' }
  | { code: 'unsupported_format'; reason: string }

export class ZipCheckError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.code)
  }
}

const EOCD_SIG = 0x06054b50
const ZIP64_LOCATOR_SIG = 0x07064b50
const ZIP64_EOCD_SIG = 0x06064b50
const CENTRAL_SIG = 0x02014b50
const LOCAL_SIG = 0x04034b50

function corrupt(reason: string): never {
  throw new ZipCheckError({ code: 'corrupt', reason })
}

function readU64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) corrupt('the zip directory holds impossible sizes')
  return Number(value)
}

/** Reads the central directory ourselves, so nothing is inflated before the sizes have been checked. */
export function readZipDirectory(buf: Buffer): ZipEntry[] {
  const minEocd = Math.max(0, buf.length - 22 - 0xffff)
  let eocd = -1
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i
      break
    }
  }
  if (eocd < 0) corrupt('the zip archive is truncated or damaged (no central directory)')

  let count = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR_SIG)
      corrupt('the zip64 directory is missing')
    const z64 = readU64(buf, locator + 8)
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD_SIG)
      corrupt('the zip64 directory is damaged')
    count = readU64(buf, z64 + 32)
    cdSize = readU64(buf, z64 + 40)
    cdOffset = readU64(buf, z64 + 48)
  }
  if (cdOffset + cdSize > buf.length) corrupt('the zip archive is truncated')
  if (count > 100_000) throw new ZipCheckError({ code: 'zip_bomb', reason: `${count} parts` })

  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) corrupt('the zip directory is damaged')
    const flags = buf.readUInt16LE(p + 8)
    const method = buf.readUInt16LE(p + 10)
    let compressedSize = buf.readUInt32LE(p + 20)
    let uncompressedSize = buf.readUInt32LE(p + 24)
    const nameLength = buf.readUInt16LE(p + 28)
    const extraLength = buf.readUInt16LE(p + 30)
    const commentLength = buf.readUInt16LE(p + 32)
    let localOffset = buf.readUInt32LE(p + 42)
    const nameEnd = p + 46 + nameLength
    if (nameEnd + extraLength > buf.length) corrupt('the zip directory is damaged')
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd)
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // The zip64 extra field lists only the values that overflowed, in this order.
      let e = nameEnd
      const extraEnd = nameEnd + extraLength
      while (e + 4 <= extraEnd) {
        const id = buf.readUInt16LE(e)
        const size = buf.readUInt16LE(e + 2)
        if (id === 0x0001) {
          let q = e + 4
          if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
            uncompressedSize = readU64(buf, q)
            q += 8
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
            compressedSize = readU64(buf, q)
            q += 8
          }
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = readU64(buf, q)
          break
        }
        e += 4 + size
      }
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIG) {
      corrupt('the zip archive is truncated or damaged')
    }
    const dataOffset =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28)
    if (dataOffset + compressedSize > buf.length) corrupt('the zip archive is truncated')
    entries.push({ name, flags, method, compressedSize, uncompressedSize, dataOffset })
    p = nameEnd + extraLength + commentLength
  }
  return entries
}

export type ZipWorkbookFormat = 'xlsx' | 'xlsm' | 'xlsb' | 'ods'

/** Tells an OOXML/ODS workbook from other zip files (a .docx, a plain archive). */
export function classifyZip(buf: Buffer, entries: ZipEntry[]): ZipWorkbookFormat {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\/+/, ''), e]))
  const mimetype = byName.get('mimetype')
  if (mimetype) {
    const text = readSmallEntry(buf, mimetype, 4096).toString('latin1').trim()
    if (text === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods'
    if (text.startsWith('application/vnd.oasis.opendocument.')) {
      throw new ZipCheckError({
        code: 'unsupported_format',
        reason: 'it is an OpenDocument file but not a spreadsheet'
      })
    }
  }
  const types = byName.get('[Content_Types].xml')
  if (types) {
    // The main part is named by an Override; SheetJS-written files also carry an xlsb-style Default for .bin.
    const text = readSmallEntry(buf, types, 4 * 1024 * 1024).toString('utf8')
    for (const tag of text.match(/<Override\b[^>]*>/gi) ?? []) {
      const type = /ContentType\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? ''
      if (!/\.main(\+xml)?$/i.test(type)) continue
      if (/sheet\.binary\.macroEnabled\.main/i.test(type)) return 'xlsb'
      if (/(sheet|template|addin)\.macroEnabled\.main/i.test(type)) return 'xlsm'
      if (/spreadsheetml\.(sheet|template)\.main/i.test(type)) return 'xlsx'
      if (/wordprocessingml/i.test(type)) {
        throw new ZipCheckError({ code: 'unsupported_format', reason: 'it is a Word document' })
      }
      if (/presentationml/i.test(type)) {
        throw new ZipCheckError({ code: 'unsupported_format', reason: 'it is a PowerPoint presentation' })
      }
    }
  }
  // Some writers leave [Content_Types].xml out or incomplete; the workbook part still says what it is.
  for (const name of byName.keys()) {
    if (/(^|\/)workbook\.bin$/i.test(name)) return 'xlsb'
    if (/(^|\/)workbook\.xml$/i.test(name)) return 'xlsx'
  }
  if (byName.has('content.xml')) return 'ods'
  throw new ZipCheckError({ code: 'unsupported_format', reason: 'it is a zip archive, not a workbook' })
}

function readSmallEntry(buf: Buffer, entry: ZipEntry, cap: number): Buffer {
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
  if (entry.method === 0) return data.subarray(0, cap)
  try {
    return inflateRawSync(data, { maxOutputLength: cap })
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipCheckError({ code: 'zip_bomb', reason: `${entry.name} is impossibly large` })
    }
    corrupt(`the part ${entry.name} is damaged`)
  }
}

const MB = 1024 * 1024
const mb = (n: number) => `${Math.round(n / MB)} MB`

/** Checks declared sizes first (cheap), then inflates every part once, counting real bytes and looking for DTDs. */
export async function checkZipParts(buf: Buffer, entries: ZipEntry[], limits: ImportLimits): Promise<void> {
  let declaredTotal = 0
  for (const e of entries) {
    if (e.flags & 0x1) throw new ZipCheckError({ code: 'encrypted' })
    if (e.method !== 0 && e.method !== 8) {
      corrupt(`the part ${e.name} uses a compression method (${e.method}) that spreadsheets do not use`)
    }
    checkSize(e.name, e.uncompressedSize, e.compressedSize, limits)
    declaredTotal += e.uncompressedSize
  }
  if (declaredTotal > limits.maxTotalUncompressedBytes) {
    throw new ZipCheckError({ code: 'zip_bomb', reason: `its parts add up to ${mb(declaredTotal)}` })
  }

  // Declared sizes can lie, so the real sizes are measured as well.
  let actualTotal = 0
  for (const e of entries) {
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize)
    const scanMarkup = /\.(xml|rels|vml)$/i.test(e.name)
    const actual =
      e.method === 0 ? scanStored(data, scanMarkup) : await scanDeflated(e, data, scanMarkup, limits)
    checkSize(e.name, actual, e.compressedSize, limits)
    actualTotal += actual
    if (actualTotal > limits.maxTotalUncompressedBytes) {
      throw new ZipCheckError({
        code: 'zip_bomb',
        reason: `its parts add up to more than ${mb(actualTotal)}`
      })
    }
  }
}

function checkSize(name: string, uncompressed: number, compressed: number, limits: ImportLimits): void {
  if (uncompressed > limits.maxPartBytes) {
    throw new ZipCheckError({ code: 'zip_bomb', reason: `the part ${name} unpacks to ${mb(uncompressed)}` })
  }
  if (
    uncompressed >= limits.ratioCheckMinBytes &&
    uncompressed / Math.max(1, compressed) > limits.maxCompressionRatio
  ) {
    const ratio = Math.round(uncompressed / Math.max(1, compressed))
    throw new ZipCheckError({ code: 'zip_bomb', reason: `the part ${name} is compressed ${ratio}:1` })
  }
}

/** Byte patterns that open a document type declaration, in ASCII/UTF-8 and in UTF-16LE/BE. */
const DTD_PATTERNS: Buffer[] = ['<!DOCTYPE', '<!doctype', '<!ENTITY', '<!entity'].flatMap((s) => [
  Buffer.from(s, 'latin1'),
  Buffer.from(s, 'utf16le'),
  Buffer.from(s, 'utf16le').subarray(1)
])
const OVERLAP = 32

function hasDtd(chunk: Buffer): boolean {
  for (const p of DTD_PATTERNS) if (chunk.indexOf(p) >= 0) return true
  return false
}

function scanStored(data: Buffer, scanMarkup: boolean): number {
  if (scanMarkup && hasDtd(data)) throw new ZipCheckError({ code: 'entity_bomb' })
  return data.length
}

function scanDeflated(
  entry: ZipEntry,
  data: Buffer,
  scanMarkup: boolean,
  limits: ImportLimits
): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 256 * 1024 })
    let total = 0
    let tail = Buffer.alloc(0)
    let settled = false
    const fail = (err: Error) => {
      if (settled) return
      settled = true
      inflater.destroy()
      reject(err)
    }
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return
      total += chunk.length
      if (scanMarkup) {
        const window = tail.length ? Buffer.concat([tail, chunk]) : chunk
        if (hasDtd(window)) return fail(new ZipCheckError({ code: 'entity_bomb' }))
        tail = Buffer.from(window.subarray(Math.max(0, window.length - OVERLAP)))
      }
      try {
        // Both limits only grow with the output, so a bomb is stopped as soon as it crosses one.
        checkSize(entry.name, total, entry.compressedSize, limits)
      } catch (err) {
        fail(err as Error)
      }
    })
    inflater.on('error', () =>
      fail(new ZipCheckError({ code: 'corrupt', reason: `the part ${entry.name} is damaged` }))
    )
    inflater.on('end', () => {
      if (settled) return
      settled = true
      resolve(total)
    })
    inflater.end(data)
  })
}
