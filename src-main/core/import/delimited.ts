import Papa from 'papaparse'
import type { CellValue } from '../domain'
import { importError } from './errors'
import type { ImportLimits } from './limits'
import { readTextChunks, type TextChunkOptions, type TextEncodingName } from './text-decode'
import { type IndexedRow, isEmptyRow, trimTrailing } from './table'

export interface Dialect {
  delimiter: string
  /** False when the sample had broken quotes: quote characters are then kept as text. */
  quotes: boolean
  /** The file starts with Excel's `sep=X` line, which is a hint, not data. */
  sepLine: boolean
}

const CANDIDATES = [',', ';', '\t', '|']
const SEP_LINE_RE = /^"?sep=(.)"?[ \t]*(?:\n|$)/i
const SNIFF_ROWS = 200

export function sepLineDelimiter(text: string): string | null {
  const m = SEP_LINE_RE.exec(text)
  return m && m[1] !== '\n' ? m[1] : null
}

function stripSepLine(text: string): string {
  return text.replace(SEP_LINE_RE, '')
}

function newParser(delimiter: string, quotes: boolean): Papa.Parser {
  return new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"', fastMode: quotes ? undefined : true })
}

/**
 * Parses whole records of text with the file's dialect (the sample windows of a big file). `fileStart`: the text
 * begins the file, so a byte-order mark and a `sep=` line are dropped as readDelimited drops them.
 */
export function parseRecords(text: string, dialect: Dialect, fileStart: boolean): string[][] {
  let body = text
  if (fileStart) {
    body = body.replace(/^\uFEFF/, '')
    if (dialect.sepLine) body = stripSepLine(body)
  }
  return (newParser(dialect.delimiter, dialect.quotes).parse(body, 0, false) as { data: string[][] }).data
}

interface ParsedSample {
  data: string[][]
  errors: { type: string }[]
}

function parseSample(text: string, delimiter: string, quotes: boolean, truncated: boolean): ParsedSample {
  return newParser(delimiter, quotes).parse(text, 0, truncated) as ParsedSample
}

/**
 * Picks the delimiter whose field counts agree best over the first rows (quote-aware), honouring a `sep=` line,
 * and turns quoting off when the sample has broken quotes, so one stray quote cannot swallow the file.
 */
export function sniffDialect(sample: string, truncated: boolean, extension: string): Dialect {
  const sep = sepLineDelimiter(sample)
  const text = sep ? stripSepLine(sample) : sample
  let delimiter = sep ?? (extension === '.tsv' || extension === '.tab' ? '\t' : ',')
  if (!sep) {
    let best = { score: 0, width: 0 }
    for (const candidate of CANDIDATES) {
      const { data } = parseSample(text, candidate, true, truncated)
      const counts = data
        .filter((r) => !(r.length === 1 && r[0].trim() === ''))
        .slice(0, SNIFF_ROWS)
        .map((r) => r.length)
      if (counts.length === 0) continue
      const freq = new Map<number, number>()
      for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1)
      let mode = 0
      let modeCount = 0
      for (const [n, k] of freq)
        if (k > modeCount || (k === modeCount && n > mode)) [mode, modeCount] = [n, k]
      if (mode < 2) continue
      const score = Math.round((modeCount / counts.length) * 100) / 100
      if (score > best.score || (score === best.score && mode > best.width)) {
        best = { score, width: mode }
        delimiter = candidate
      }
    }
  }
  const { errors } = parseSample(text, delimiter, true, truncated)
  const quotes = !errors.some((e) => e.type === 'Quotes')
  return { delimiter, quotes, sepLine: sep !== null }
}

export function fieldsToCells(fields: string[]): CellValue[] {
  const cells: CellValue[] = new Array(fields.length)
  for (let i = 0; i < fields.length; i++) cells[i] = fields[i] === '' ? null : fields[i]
  return trimTrailing(cells)
}

export interface DelimitedChunk {
  /** Non-empty records of this chunk with their 0-based record number (the sep= line is not counted). */
  rows: IndexedRow[]
  /** Records seen so far, empty ones included. */
  records: number
  bytesRead: number
  done: boolean
  truncated: boolean
  /** The chunk ended at pauseAt (see TextChunkOptions); more follow only if asked for. */
  paused?: boolean
}

export interface DelimitedOptions extends TextChunkOptions {
  maxPendingChars: number
  onUnclosedQuote: () => Error
}

/**
 * Streams records through papaparse's parser chunk by chunk; an incomplete last record is carried over to the
 * next chunk. Every field stays text: '+12135551234' and '0049…' keep their '+' and zeros.
 */
export async function* readDelimited(
  filePath: string,
  encoding: TextEncodingName,
  dialect: Dialect,
  options: DelimitedOptions
): AsyncGenerator<DelimitedChunk> {
  const parser = newParser(dialect.delimiter, dialect.quotes)
  let pending = ''
  let first = true
  let records = 0
  for await (const chunk of readTextChunks(filePath, encoding, options)) {
    let text = chunk.text
    if (first) {
      first = false
      if (dialect.sepLine) text = stripSepLine(text.replace(/^\uFEFF/, ''))
    }
    const input = pending + text
    const final = chunk.done && !chunk.truncated
    const result = parser.parse(input, 0, !final) as { data: string[][]; meta: { cursor: number } }
    pending = final ? '' : input.slice(result.meta.cursor)
    if (pending.length > options.maxPendingChars) throw options.onUnclosedQuote()
    const rows: IndexedRow[] = []
    for (const fields of result.data) {
      const cells = fieldsToCells(fields)
      // A record of empty or space-only fields is a blank row, not data.
      if (!isEmptyRow(cells)) rows.push({ index: records, cells })
      records++
    }
    yield {
      rows,
      records,
      bytesRead: chunk.bytesRead,
      done: chunk.done,
      truncated: chunk.truncated,
      ...(chunk.paused ? { paused: true } : {})
    }
  }
}

export function unclosedQuote(filePath: string, limits: ImportLimits) {
  return importError('corrupt', filePath, {
    reason: `one field runs on for more than ${limits.maxPendingChars.toLocaleString('en-US')} characters, which usually means a quote that is never closed`
  })
}
