import type { CellValue } from '../domain'
import {
  bytesOf,
  decodeCharset,
  decodeComplete,
  isUtf8Prefix,
  readTextChunks,
  type TextChunkOptions,
  type TextEncodingName
} from './text-decode'

export interface VCardTel {
  label: string
  value: string
}

export interface VCard {
  name: string | null
  organization: string | null
  emails: string[]
  tels: VCardTel[]
}

/** Labels Ringtrue knows, in the order their columns appear; custom labels follow in order of appearance. */
export const KNOWN_TEL_LABELS = ['Mobile', 'Home', 'Work', 'Main', 'Other', 'Car', 'Pager', 'Fax'] as const
export const VCARD_FIXED_COLUMNS = ['Name', 'Organization', 'Email'] as const

/** Properties whose values are big binary blobs: their continuation lines are skipped, never concatenated. */
const BLOB_PROPERTIES = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY'])

interface Property {
  group: string | null
  name: string
  params: Map<string, string[]>
  value: string
}

interface CardDraft {
  fn: string | null
  n: string | null
  org: string | null
  emails: string[]
  tels: { group: string | null; types: string[]; value: string }[]
  labels: Map<string, string>
}

function newDraft(): CardDraft {
  return { fn: null, n: null, org: null, emails: [], tels: [], labels: new Map() }
}

/** Splits on a separator outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === sep && !quoted) {
      out.push(text.slice(start, i))
      start = i + 1
    }
  }
  out.push(text.slice(start))
  return out
}

function colonIndex(line: string): number {
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (ch === '"') quoted = !quoted
    else if (ch === ':' && !quoted) return i
  }
  return -1
}

export function parseProperty(line: string): Property | null {
  const colon = colonIndex(line)
  if (colon < 0) return null
  const head = line.slice(0, colon)
  const value = line.slice(colon + 1)
  const parts = splitOutsideQuotes(head, ';')
  let name = parts[0].trim()
  let group: string | null = null
  const dot = name.lastIndexOf('.')
  if (dot >= 0) {
    group = name.slice(0, dot).toLowerCase()
    name = name.slice(dot + 1)
  }
  const params = new Map<string, string[]>()
  const add = (key: string, v: string) => {
    const list = params.get(key) ?? []
    for (const piece of v.split(',')) {
      const clean = piece.trim().replace(/^"|"$/g, '')
      if (clean) list.push(clean)
    }
    params.set(key, list)
  }
  for (const raw of parts.slice(1)) {
    const eq = raw.indexOf('=')
    if (eq < 0) {
      // vCard 2.1 allows bare parameters: TEL;CELL;PREF or N;QUOTED-PRINTABLE.
      const bare = raw.trim().toUpperCase()
      if (bare === 'QUOTED-PRINTABLE' || bare === 'BASE64' || bare === '8BIT' || bare === '7BIT')
        add('ENCODING', bare)
      else add('TYPE', raw.trim().replace(/^"|"$/g, ''))
    } else {
      add(raw.slice(0, eq).trim().toUpperCase(), raw.slice(eq + 1).replace(/^"|"$/g, ''))
    }
  }
  return { group, name: name.toUpperCase(), params, value }
}

function isQuotedPrintable(params: Map<string, string[]>): boolean {
  return (params.get('ENCODING') ?? []).some(
    (e) => e.toUpperCase() === 'QUOTED-PRINTABLE' || e.toUpperCase() === 'Q'
  )
}

/**
 * Turns a property value into text. In a file read as bytes (anything but UTF-16) the value is a byte string, decoded
 * here in the property's CHARSET, so one file can mix Shift_JIS, GBK and UTF-8 properties as phones export them.
 */
interface ValueDecoder {
  /** Raw (8-bit) value bytes, given as a byte string. */
  raw(value: string, charset: string | undefined): string
  /** Bytes that came out of a quoted-printable value. */
  bytes(data: Uint8Array, charset: string | undefined): string
  /** The bytes of one character of a quoted-printable value that was not escaped. */
  charBytes(ch: string): number[]
}

/** For UTF-16 files: the text is already decoded, and CHARSET can only apply to quoted-printable bytes. */
const TEXT_VALUES: ValueDecoder = {
  raw: (value) => value,
  bytes: (data, charset) => decodeCharset(data, charset ?? 'utf-8') ?? decodeComplete(data, 'windows-1252'),
  charBytes: (ch) => [...Buffer.from(ch, 'utf8')]
}

/**
 * For files read as bytes. A declared CHARSET wins, unless the whole file is UTF-8 (a file converted to UTF-8 that
 * kept its old CHARSET). Without one, valid UTF-8 is UTF-8 (the vCard 3.0 default), else the last charset the file
 * declared (feature phones declare it on some properties only), else the file's own encoding.
 */
function byteValues(fileEncoding: TextEncodingName): ValueDecoder {
  let declared: string | undefined
  const decode = (data: Uint8Array, charset: string | undefined, qp: boolean): string => {
    const ascii = data.every((b) => b < 0x80)
    if (ascii) return Buffer.from(data).toString('latin1')
    if (charset && !/^utf-?8$/i.test(charset.trim())) {
      if (qp || fileEncoding !== 'utf-8') {
        const text = decodeCharset(data, charset)
        if (text !== null) {
          declared = charset
          return text
        }
      }
    }
    if (isUtf8Prefix(data)) {
      const text = decodeCharset(data, 'utf-8')
      if (text !== null) return text
    }
    if (declared) {
      const text = decodeCharset(data, declared)
      if (text !== null) return text
    }
    return decodeComplete(data, fileEncoding === 'utf-8' ? 'utf-8' : 'windows-1252')
  }
  return {
    raw: (value, charset) => decode(bytesOf(value), charset, false),
    bytes: (data, charset) => decode(data, charset, true),
    charBytes: (ch) => [ch.charCodeAt(0) & 0xff]
  }
}

function decodeQuotedPrintable(value: string, charset: string | undefined, values: ValueDecoder): string {
  const bytes: number[] = []
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      const code = value.charCodeAt(i)
      if (code < 0x80) bytes.push(code)
      else bytes.push(...values.charBytes(ch))
    }
  }
  return values.bytes(Uint8Array.from(bytes), charset)
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

/** Splits a structured value (N, ORG) on unescaped semicolons, then unescapes each component. */
function components(value: string): string[] {
  const out: string[] = []
  let current = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1]
      i++
    } else if (ch === ';') {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out.map((c) => unescapeText(c).trim())
}

function textOf(p: Property, values: ValueDecoder): string {
  const charset = p.params.get('CHARSET')?.[0]
  return isQuotedPrintable(p.params)
    ? decodeQuotedPrintable(p.value, charset, values)
    : values.raw(p.value, charset)
}

function applyProperty(card: CardDraft, p: Property, values: ValueDecoder): void {
  const propertyText = (prop: Property) => textOf(prop, values)
  switch (p.name) {
    case 'FN': {
      const text = unescapeText(propertyText(p)).trim()
      if (text) card.fn ??= text
      break
    }
    case 'N': {
      const [family = '', given = '', middle = '', prefix = '', suffix = ''] = components(propertyText(p))
      const text = [prefix, given, middle, family, suffix].filter(Boolean).join(' ')
      if (text) card.n ??= text
      break
    }
    case 'ORG': {
      const text = components(propertyText(p)).filter(Boolean).join(', ')
      if (text) card.org ??= text
      break
    }
    case 'EMAIL': {
      const text = unescapeText(propertyText(p)).trim()
      if (text) card.emails.push(text)
      break
    }
    case 'TEL': {
      // Kept as written, including tel: URIs and extensions; the phone engine reads them.
      const text = propertyText(p)
        .replace(/\\([\\,;])/g, '$1')
        .trim()
      if (text) card.tels.push({ group: p.group, types: p.params.get('TYPE') ?? [], value: text })
      break
    }
    case 'X-ABLABEL':
      if (p.group) card.labels.set(p.group, propertyText(p).trim())
      break
  }
}

const TYPE_LABELS: [RegExp, string][] = [
  [/^(fax|homefax|workfax|otherfax|home fax|work fax)$/, 'Fax'],
  [/^pager$/, 'Pager'],
  [/^(cell|mobile|iphone|cellular)$/, 'Mobile'],
  [/^main$/, 'Main'],
  [/^work$/, 'Work'],
  [/^home$/, 'Home'],
  [/^car$/, 'Car'],
  [/^other$/, 'Other']
]

function labelFromTypes(types: string[]): string {
  const lower = types.map((t) => t.toLowerCase())
  for (const [re, label] of TYPE_LABELS) if (lower.some((t) => re.test(t))) return label
  return 'Other'
}

/** Apple writes its built-in labels as _$!<Mobile>!$_; anything else is the user's own label. */
function labelFromAbLabel(raw: string): string {
  const apple = /^_\$!<(.*)>!\$_$/.exec(raw)
  const text = (apple ? apple[1] : raw).trim()
  const lower = text.toLowerCase()
  for (const [re, label] of TYPE_LABELS) if (re.test(lower)) return label
  return text || 'Other'
}

function finishCard(d: CardDraft): VCard {
  return {
    name: d.fn ?? d.n,
    organization: d.org,
    emails: d.emails,
    tels: d.tels.map((t) => {
      const custom = t.group ? d.labels.get(t.group) : undefined
      return { label: custom ? labelFromAbLabel(custom) : labelFromTypes(t.types), value: t.value }
    })
  }
}

export interface VCardChunk {
  cards: VCard[]
  bytesRead: number
  done: boolean
  truncated: boolean
}

/**
 * Streams the cards of a vCard file (2.1, 3.0, 4.0): unfolds continuation lines, joins quoted-printable soft line
 * breaks and skips binary blobs without building them.
 */
export async function* readVCards(
  filePath: string,
  encoding: TextEncodingName,
  options: TextChunkOptions = {}
): AsyncGenerator<VCardChunk> {
  let rest = ''
  let logical: string | null = null
  let skipping = false
  let card: CardDraft | null = null
  let nested = 0
  let cards: VCard[] = []
  // Everything but UTF-16 is read one character per byte, and each value decoded in its own charset.
  const bytewise = encoding === 'utf-8' || encoding === 'windows-1252'
  const values = bytewise ? byteValues(encoding) : TEXT_VALUES

  const handle = (line: string) => {
    const p = parseProperty(line)
    if (!p) return
    if (p.name === 'BEGIN' && p.value.trim().toUpperCase() === 'VCARD') {
      if (card) nested++
      else card = newDraft()
      return
    }
    if (p.name === 'END' && p.value.trim().toUpperCase() === 'VCARD') {
      if (nested > 0) nested--
      else if (card) {
        cards.push(finishCard(card))
        card = null
      }
      return
    }
    if (card && nested === 0) applyProperty(card, p, values)
  }

  const isSoftBreak = (text: string) =>
    text.endsWith('=') && /QUOTED-PRINTABLE/i.test(text.slice(0, Math.max(0, colonIndex(text))))

  const feed = (line: string) => {
    if (line.length === 0) {
      // A blank line ends a quoted-printable value left open by a trailing '='; otherwise blank lines (Apple's
      // CR CR LF endings produce one after every line) are ignored.
      if (logical !== null && isSoftBreak(logical)) logical = logical.slice(0, -1)
      return
    }
    const first = line.charCodeAt(0)
    if (first === 0x20 || first === 0x09) {
      if (!skipping && logical !== null) logical += line.slice(1)
      return
    }
    if (logical !== null && isSoftBreak(logical)) {
      logical = logical.slice(0, -1) + line
      return
    }
    if (logical !== null) handle(logical)
    const name = /^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/.exec(line)?.[1]?.toUpperCase() ?? ''
    skipping = BLOB_PROPERTIES.has(name)
    logical = skipping ? null : line
  }

  const bom = bytewise ? /^(?:\u00EF\u00BB\u00BF)/ : /^\uFEFF/
  for await (const chunk of readTextChunks(filePath, bytewise ? 'bytes' : encoding, options)) {
    const text = rest + chunk.text
    const lines = text.split('\n')
    rest = chunk.done ? '' : (lines.pop() ?? '')
    for (const line of lines) feed(line.replace(bom, ''))
    if (chunk.done) {
      if (logical !== null) handle(logical)
      logical = null
      if (card) cards.push(finishCard(card))
      card = null
    }
    yield { cards, bytesRead: chunk.bytesRead, done: chunk.done, truncated: chunk.truncated }
    cards = []
  }
}

/** Collects the phone labels used anywhere in the file, in column order. */
export class TelLabelSet {
  private readonly custom: string[] = []
  private readonly seen = new Set<string>()

  add(card: VCard): void {
    for (const t of card.tels) {
      if (this.seen.has(t.label)) continue
      this.seen.add(t.label)
      if (!(KNOWN_TEL_LABELS as readonly string[]).includes(t.label)) this.custom.push(t.label)
    }
  }

  labels(): string[] {
    return [...KNOWN_TEL_LABELS.filter((l) => this.seen.has(l)), ...this.custom]
  }
}

export function vcardHeaders(labels: string[]): string[] {
  return [...VCARD_FIXED_COLUMNS, ...labels]
}

export function vcardRow(card: VCard, labels: string[]): CellValue[] {
  const row: CellValue[] = [card.name, card.organization, card.emails.length ? card.emails.join('; ') : null]
  for (const label of labels) {
    const values = card.tels.filter((t) => t.label === label).map((t) => t.value)
    row.push(values.length ? values.join('; ') : null)
  }
  let end = row.length
  while (end > 0 && row[end - 1] === null) end--
  return row.slice(0, end)
}
