import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'

/** WHATWG labels, so they can go straight into TextDecoder. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/**
 * How readTextChunks turns bytes into text: a WHATWG encoding, or 'bytes', one character per byte (U+0000–U+00FF),
 * for formats whose parts carry their own charset (vCard's CHARSET= parameter); see bytesOf and decodeCharset.
 */
export type ChunkEncoding = TextEncodingName | 'bytes'

export type EncodingGuess = { kind: 'text'; encoding: TextEncodingName } | { kind: 'binary' }

const CHUNK_BYTES = 1024 * 1024

/**
 * Decides the encoding of a text file from its first bytes. BOMs win; UTF-16 without a BOM shows as NUL bytes on
 * every other position; anything else with NULs or many control bytes is binary; then strict UTF-8, else 1252.
 */
export function guessEncoding(head: Uint8Array): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { kind: 'text', encoding: 'utf-8' }
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    // FF FE 00 00 is UTF-32LE, which no spreadsheet tool writes.
    if (head.length >= 4 && head[2] === 0 && head[3] === 0) return { kind: 'binary' }
    return { kind: 'text', encoding: 'utf-16le' }
  }
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', encoding: 'utf-16be' }

  const probe = Math.min(head.length - (head.length % 2), 8192)
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < probe; i += 2) {
    if (head[i] === 0) evenZeros++
    if (head[i + 1] === 0) oddZeros++
  }
  const pairs = probe / 2
  if (pairs > 0) {
    if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05) {
      return controlShare(decode(head, 'utf-16le')) > 0.02
        ? { kind: 'binary' }
        : { kind: 'text', encoding: 'utf-16le' }
    }
    if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.05) {
      return controlShare(decode(head, 'utf-16be')) > 0.02
        ? { kind: 'binary' }
        : { kind: 'text', encoding: 'utf-16be' }
    }
  }
  let controls = 0
  for (let i = 0; i < head.length; i++) {
    const b = head[i]
    if (b === 0) return { kind: 'binary' }
    if (isControlByte(b)) controls++
  }
  if (head.length > 0 && controls / head.length > 0.02) return { kind: 'binary' }
  return { kind: 'text', encoding: isUtf8Prefix(head) ? 'utf-8' : 'windows-1252' }
}

function isControlByte(b: number): boolean {
  // Tab, LF, VT, FF, CR and the DOS end-of-file marker (0x1A) turn up in real text exports.
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a
}

function controlShare(text: string): number {
  if (text.length === 0) return 0
  let n = 0
  for (let i = 0; i < text.length; i++) if (isControlByte(text.charCodeAt(i))) n++
  return n / text.length
}

/** True when the bytes are valid UTF-8, allowing a sequence cut short at the end of the sample. */
export function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/** Decodes a prefix of a file: a character cut off at the end is dropped, not replaced. */
/** Files up to this size are checked for UTF-8 in full; bigger ones at evenly spread windows. */
const FULL_UTF8_CHECK = 16 * 1024 * 1024
const UTF8_WINDOWS = 64
const WINDOW_BYTES = 64 * 1024

/**
 * A file that starts in plain ASCII may still turn to Windows-1252 further down (accented names after the first
 * thousand rows), so a UTF-8 guess made from the head is confirmed over the rest of the file.
 */
export async function confirmUtf8(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r')
  try {
    const size = (await handle.stat()).size
    if (size <= FULL_UTF8_CHECK) return isUtf8Window(await readAt(handle, 0, size), false)
    const step = Math.floor((size - WINDOW_BYTES) / (UTF8_WINDOWS - 1))
    for (let i = 0; i < UTF8_WINDOWS; i++) {
      const bytes = await readAt(handle, i * step, WINDOW_BYTES)
      if (!isUtf8Window(bytes, i > 0)) return false
    }
    return true
  } finally {
    await handle.close()
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = Buffer.allocUnsafe(length)
  let offset = 0
  while (offset < length) {
    const { bytesRead } = await handle.read(buf, offset, length - offset, position + offset)
    if (bytesRead === 0) break
    offset += bytesRead
  }
  return buf.subarray(0, offset)
}

function isUtf8Window(bytes: Uint8Array, skipLeadingContinuation: boolean): boolean {
  let start = 0
  // A window that starts inside a multi-byte character skips its continuation bytes.
  if (skipLeadingContinuation)
    while (start < 3 && start < bytes.length && (bytes[start] & 0xc0) === 0x80) start++
  return isUtf8Prefix(bytes.subarray(start))
}

export function decode(bytes: Uint8Array, encoding: TextEncodingName): string {
  return new TextDecoder(encoding).decode(bytes, { stream: true })
}

/**
 * Decodes a whole byte string. Node 20 decodes windows-1252 as Latin-1 on TextDecoder's one-shot path (0x96
 * comes out as U+0096, not an en dash); the streaming path is right, so every decode goes through it.
 */
export function decodeComplete(bytes: Uint8Array, label: string, fatal = false): string {
  const decoder = new TextDecoder(label, { fatal })
  return decoder.decode(bytes, { stream: true }) + decoder.decode()
}

/** The bytes behind a string read with the 'bytes' chunk encoding. */
export function bytesOf(byteString: string): Uint8Array {
  return Buffer.from(byteString, 'latin1')
}

/** Labels that writers of old files use but the WHATWG list does not know, mapped to the label it does. */
const CHARSET_ALIASES: Record<string, string> = {
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-932': 'shift_jis',
  cp936: 'gbk',
  'windows-936': 'gbk',
  'euc-cn': 'gbk',
  euccn: 'gbk',
  gb_18030: 'gb18030',
  cp950: 'big5',
  'windows-950': 'big5',
  big5hkscs: 'big5-hkscs',
  utf8: 'utf-8',
  cp949: 'euc-kr'
}

/** The TextDecoder label for a charset name as files write it (SHIFT_JIS, Shift-JIS, CP1251, GB2312…), or null. */
export function charsetLabel(charset: string): string | null {
  const key = charset.trim().toLowerCase().replace(/^"|"$/g, '')
  const known = LABELS.get(key)
  if (known !== undefined) return known
  const label = CHARSET_ALIASES[key] ?? key.replace(/^cp(125\d)$/, 'windows-$1')
  let result: string | null
  try {
    result = new TextDecoder(label).encoding
  } catch {
    result = null
  }
  if (LABELS.size < 256) LABELS.set(key, result)
  return result
}
const LABELS = new Map<string, string | null>()

/** Decodes bytes in a named charset; null when the charset is unknown or the bytes are not valid in it. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const label = charsetLabel(charset)
  if (!label) return null
  try {
    return decodeComplete(bytes, label, true)
  } catch {
    return null
  }
}

export interface TextChunk {
  /** Decoded text with every line ending turned into '\n'. */
  text: string
  /** Bytes read from the file so far. */
  bytesRead: number
  /** True for the last chunk of the file (or of the part read). */
  done: boolean
  /** True when reading stopped at maxBytes before the end of the file. */
  truncated: boolean
  /** True for the chunk that ends at pauseAt before the end of the file: reading goes on if asked for more. */
  paused?: boolean
}

export interface TextChunkOptions {
  /** Stop after at least this many bytes (a preview); the last chunk then has truncated = true. */
  maxBytes?: number
  /**
   * Yield a chunk ending exactly here (flagged paused) and close the file, then reopen it and go on only if the
   * consumer asks for more. A preview pauses at its window, and the import of the same file continues from there.
   */
  pauseAt?: number
  signal?: AbortSignal
  onAbort?: () => Error
  chunkBytes?: number
}

/**
 * Streams a text file as decoded chunks with normalised line endings (CRLF, LF and lone CR all become '\n'), so a
 * 1 GB file never becomes one string and the CSV parser only has to know one newline.
 */
export async function* readTextChunks(
  filePath: string,
  encoding: ChunkEncoding,
  options: TextChunkOptions = {}
): AsyncGenerator<TextChunk> {
  let handle: FileHandle | null = await open(filePath, 'r')
  try {
    const size = (await handle.stat()).size
    const limit = options.maxBytes !== undefined ? Math.min(options.maxBytes, size) : size
    const pauseAt = options.pauseAt !== undefined && options.pauseAt < limit ? options.pauseAt : null
    const decoder = encoding === 'bytes' ? null : new TextDecoder(encoding)
    const buffer = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES)
    let position = 0
    let carry = ''
    // A '\r' that ended the paused chunk became '\n' there; the '\n' of its CRLF must not make a second one.
    let skipLf = false
    for (;;) {
      if (options.signal?.aborted) throw options.onAbort ? options.onAbort() : new Error('aborted')
      const stop = pauseAt !== null && position < pauseAt ? pauseAt : limit
      const want = Math.min(buffer.length, Math.max(0, stop - position))
      const { bytesRead } = want > 0 ? await handle.read(buffer, 0, want, position) : { bytesRead: 0 }
      position += bytesRead
      const atLimit = bytesRead === 0 || position >= limit
      const truncated = atLimit && position < size
      const pausing = !atLimit && position === pauseAt
      const bytes = buffer.subarray(0, bytesRead)
      let text = carry + (decoder ? decoder.decode(bytes, { stream: true }) : bytes.toString('latin1'))
      // See decodeComplete: the final flush goes through a separate call so the bytes stay on the streaming path.
      if (decoder && atLimit && !truncated) text += decoder.decode()
      carry = ''
      if (skipLf && text.length > 0) {
        if (text.startsWith('\n')) text = text.slice(1)
        skipLf = false
      }
      if (!atLimit && !pausing && text.endsWith('\r')) {
        carry = '\r'
        text = text.slice(0, -1)
      }
      if (pausing && text.endsWith('\r')) skipLf = true
      if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
      if (pausing) {
        // No file stays open while the consumer decides; it is reopened (same bytes, checked by the caller).
        await handle.close()
        handle = null
        yield { text, bytesRead: position, done: false, truncated: false, paused: true }
        handle = await open(filePath, 'r')
        continue
      }
      yield { text, bytesRead: position, done: atLimit, truncated }
      if (atLimit) return
    }
  } finally {
    await handle?.close()
  }
}
