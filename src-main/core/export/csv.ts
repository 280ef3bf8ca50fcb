import { createWriteStream, type WriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import type { CellValue, ResultRow } from '../domain'
import { resultValues } from './columns'
import { checkRowWidth, type Layout } from './layout'
import type { Progress } from './progress'

const BOM = '\uFEFF'
const EOL = '\r\n'
const CHUNK_CHARS = 64 * 1024
const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g

// Phone allowlist: a value that starts with '+' but holds only phone punctuation cannot call a function or
// reference a cell, and prefixing it would spoil the most common cell in a contact list.
const MAX_PHONE_TEXT = 200
const PHONE_SEPARATOR = / *(?:;|,|:::) */
const PHONE_PART = /^\+?\(?\d[\d ().-]*$/
const MIN_PHONE_DIGITS = 7

function isPhoneText(value: string): boolean {
  if (value.length > MAX_PHONE_TEXT) return false
  for (const part of value.split(PHONE_SEPARATOR)) {
    if (!PHONE_PART.test(part)) return false
    let digits = 0
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i)
      if (c >= 48 && c <= 57) digits++
    }
    if (digits < MIN_PHONE_DIGITS) return false
  }
  return true
}

function startsLikeFormula(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 61: // =
    case 45: // -
    case 64: // @
    case 9: // TAB
    case 13: // CR
    case 10: // LF
    case 0: // NUL
      return true
    case 43: // +
      return !isPhoneText(value)
    default:
      return false
  }
}

/**
 * One CSV field. Spreadsheet apps evaluate a field that starts like a formula even after unquoting it, so such
 * text gets a leading apostrophe first (OWASP ASVS 1.2.10); then RFC 4180 quoting.
 */
export function escapeCsvCell(value: string): string {
  const text = startsLikeFormula(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
}

/** Numbers are written as numbers even when negative: only text can smuggle a formula. */
function csvValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  switch (typeof value) {
    case 'string':
      return escapeCsvCell(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : escapeCsvCell(String(value))
    case 'boolean':
      return value ? 'TRUE' : 'FALSE'
    default:
      return escapeCsvCell(String(value))
  }
}

function csvLine(
  cells: readonly (CellValue | undefined)[],
  width: number,
  extra: readonly CellValue[]
): string {
  let line = ''
  for (let i = 0; i < width; i++) {
    if (i > 0) line += ','
    line += csvValue(cells[i])
  }
  for (let j = 0; j < extra.length; j++) {
    if (width > 0 || j > 0) line += ','
    line += csvValue(extra[j])
  }
  return line + EOL
}

/** Resolves when the stream wants more data; rejects on a write error, an early close or an abort. */
function drained(stream: WriteStream, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const settle = (error?: unknown): void => {
      stream.off('drain', onDrain)
      stream.off('error', onError)
      stream.off('close', onClose)
      signal?.removeEventListener('abort', onAbort)
      if (error === undefined) resolve()
      else reject(error)
    }
    const onDrain = (): void => settle()
    const onError = (error: Error): void => settle(error)
    const onClose = (): void =>
      settle(stream.errored ?? new Error('The export file was closed while writing'))
    const onAbort = (): void => settle(signal?.reason)
    stream.on('drain', onDrain)
    stream.on('error', onError)
    stream.on('close', onClose)
    signal?.addEventListener('abort', onAbort)
  })
}

async function write(stream: WriteStream, chunk: string, signal: AbortSignal | undefined): Promise<void> {
  // Errors are emitted asynchronously, so checking here and listening right after write() misses none.
  if (stream.errored) throw stream.errored
  if (stream.destroyed) throw new Error('The export file was closed while writing')
  if (!stream.write(chunk)) await drained(stream, signal)
}

async function closed(stream: WriteStream): Promise<void> {
  if (stream.closed) return
  await new Promise<void>((resolve) => stream.once('close', () => resolve()))
}

/**
 * Streams one part to a new file at `path`: BOM (Excel otherwise guesses a legacy code page and garbles
 * accents; `bom` false leaves it out for Unix tools), header, rows, CRLF line ends. The data is flushed to disk before the file is closed, so the rename
 * that publishes it can never expose an empty file after a power cut. Returns the number of data rows written.
 */
export async function writeCsvPart(
  path: string,
  rows: Iterable<ResultRow>,
  layout: Layout,
  progress: Progress,
  signal: AbortSignal | undefined,
  bom = true
): Promise<number> {
  const stream = createWriteStream(path, {
    flags: 'wx',
    encoding: 'utf8',
    flush: true,
    highWaterMark: 1024 * 1024
  })
  // Errors surface through `errored` and `finished`; without a listener one arriving between writes would crash.
  stream.on('error', () => undefined)
  const { width } = layout
  let written = 0
  try {
    let chunk = (bom ? BOM : '') + csvLine(layout.header, layout.header.length, [])
    for (const row of rows) {
      if (row.cells.length > width) checkRowWidth(row, width)
      chunk += csvLine(row.cells, width, resultValues(row, layout.languages))
      written++
      if (chunk.length >= CHUNK_CHARS) {
        await write(stream, chunk, signal)
        chunk = ''
      }
      if (progress.count()) await progress.checkpoint()
    }
    if (chunk.length > 0) await write(stream, chunk, signal)
    stream.end()
    await finished(stream)
    await closed(stream)
  } catch (error) {
    stream.destroy()
    // The file must be closed before the caller deletes it (Windows refuses to delete an open file).
    await closed(stream)
    throw error
  }
  return written
}
