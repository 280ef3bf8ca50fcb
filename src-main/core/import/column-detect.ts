import type { CellValue, ColumnInfo } from '../domain'
import { looksLikeCountry } from './country-data'
import { columnLetter } from '../domain/columns'
import { cellText } from './table'

/** What a cell says about being a phone number: a full number, a short run of digits, or neither. */
export type PhoneSignal = 'phone' | 'digits' | 'no'

const DATE_RE = /^\d{1,4}([-/.])\d{1,2}\1\d{1,4}(?:[ T].*)?$/
const DECIMAL_RE = /^[-+]?\d+[.,]\d{1,2}$/
const SCIENTIFIC_RE = /^(\d)(?:[.,](\d+))?e\+?(\d{1,2})$/i
const EXTENSION_RE = /\s*(?:;?\s*ext\.?\s*=?|extension|x|#|доб\.?|poste|durchwahl|dw\.?)\s*\d{1,6}$/i
const SEPARATORS_RE = /[\s\-.()\u00a0\u2010-\u2015\u2212+/\\[\]]/g
const SPLIT_RE = /\s*(?:;|,|\||:::|\n|\bor\b|\boder\b|\bou\b|\bo\b)\s*/i
/** 1,234,567.89 · 1.234.567,89 · 1 234 567: digits in groups of three with an optional decimal part. */
const GROUPED_AMOUNT_RE = /^-?(\d{1,3})([.,\u00a0\u202f' ])\d{3}(?:\2\d{3})*(?:([.,])(\d{1,2}))?$/

function digitSignal(count: number): PhoneSignal {
  if (count >= 7 && count <= 15) return 'phone'
  if (count >= 3 && count <= 6) return 'digits'
  return 'no'
}

/** Whether a cell looks like a phone number (7..15 digits once punctuation and an extension are removed). */
export function phoneSignal(value: CellValue): PhoneSignal {
  if (value === null || typeof value === 'boolean') return 'no'
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) return 'no'
    return digitSignal(String(value).length)
  }
  let text = value.trim()
  if (text.length === 0 || text.length > 120) return 'no'
  if (/^tel:/i.test(text)) text = text.slice(4)
  if (text.includes('@') || /https?:|www\./i.test(text)) return 'no'
  if (DATE_RE.test(text) || /\d:\d\d/.test(text)) return 'no'
  if (/[$€£¥₹%]/.test(text) || DECIMAL_RE.test(text) || looksLikeAmount(text)) return 'no'
  const sci = SCIENTIFIC_RE.exec(text)
  if (sci) {
    // 8.61381E+12: a phone number that a spreadsheet turned into a float; still a phone column.
    return digitSignal(Number(sci[3]) + 1)
  }
  let best: PhoneSignal = 'no'
  for (const part of text.split(SPLIT_RE)) {
    const bare = part.replace(EXTENSION_RE, '')
    if (/\p{L}/u.test(bare)) continue
    const digits = bare.replace(SEPARATORS_RE, '')
    if (!/^\d+$/.test(digits)) continue
    const signal = digitSignal(digits.length)
    if (signal === 'phone') return 'phone'
    if (signal === 'digits') best = 'digits'
  }
  return best
}

/**
 * An amount written with thousands separators. Groups of three alone are also how some countries write phone numbers
 * (612 345 678), so it takes a comma between groups, a decimal part, or a first group shorter than three digits.
 */
export function looksLikeAmount(text: string): boolean {
  const m = GROUPED_AMOUNT_RE.exec(text.trim())
  if (!m) return false
  const [, first, sep, decimalSep] = m
  if (decimalSep !== undefined && decimalSep === sep) return false
  return sep === ',' || decimalSep !== undefined || first.length < 3
}

export function normalizeHeader(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f\u093c]/g, '')
      // Back to composed form: NFD also splits Hangul syllables into jamo.
      .normalize('NFC')
      .toLowerCase()
      .replace(/ı/g, 'i')
      .replace(/[_\-–—/\\.,:;()[\]{}#'’"!?*+&|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

// Stems found inside words (compounds such as Mobiltelefon, Hjemmetelefon, Radiofone), many languages.
const PHONE_STEM_WORDS = [
  'phone',
  'fone',
  'telef',
  'teleph',
  'tfno',
  'cellul',
  'celular',
  'movil',
  'whatsapp',
  'msisdn',
  'pager',
  'cercapersone',
  'buscapersonas',
  'personsøger',
  'personsoger',
  'personsokare',
  'pieper',
  'semafoon',
  'radiomessagerie',
  'cagri cihazi',
  'callback',
  'call back',
  'terugbellen',
  'tilbagekald',
  'motringning',
  'geri arama',
  'richiamata',
  'retorno de chamada',
  'devolucion de llamada',
  'wywołanie zwrotne',
  'teletipo',
  'centralita',
  'vaxel',
  'contact number',
  'contact no',
  'rufnummer',
  'festnetz',
  'телефон',
  'мобил',
  'сотов',
  'пейджер',
  'обратный вызов',
  'هاتف',
  'جوال',
  'النداء',
  'फोन',
  'मोबाइल',
  'पेजर',
  '电话',
  '電話',
  '手机',
  '手機',
  '携帯',
  '移动',
  '行動',
  '寻呼',
  '呼叫器',
  'ポケットベル',
  'コールバック',
  '전화',
  '휴대폰',
  '핸드폰',
  '호출기'
]
// Short words that only count as whole words.
const PHONE_WORDS = new Set([
  'tel',
  'tlf',
  'tlph',
  'cell',
  'mob',
  'mobil',
  'mobile',
  'mobiel',
  'mobiele',
  'gsm',
  'sms',
  'handy',
  'natel',
  'isdn',
  'rnis',
  'tty',
  'tdd',
  'rappel',
  'ruckmeldung',
  'portable',
  'landline'
])
const PHONE_PREFIXES = ['mobil', 'mobiel']
const PHONE_STEMS = PHONE_STEM_WORDS.map(normalizeHeader)
const FAX_STEM_WORDS = [
  'fax',
  'faks',
  'telecopi',
  'факс',
  'فاكس',
  'फैक्स',
  '传真',
  '傳真',
  'ファックス',
  'ファクス',
  '팩스'
]
const FAX_STEMS = FAX_STEM_WORDS.map(normalizeHeader)
/** Words that name a phone column only when they sit next to one: Home, Office … as in Outlook exports. */
const CONTEXT_WORDS = new Set([
  'home',
  'work',
  'office',
  'business',
  'private',
  'personal',
  'main',
  'primary',
  'other',
  'direct',
  'company',
  'assistant',
  'car',
  'day',
  'evening',
  'night',
  'daytime',
  'emergency',
  'alternate',
  'alt',
  'secondary',
  'privat',
  'geschaftlich',
  'dienstlich',
  'buro',
  'zuhause',
  'casa',
  'trabajo',
  'oficina',
  'ufficio',
  'abitazione',
  'domicile',
  'bureau',
  'travail',
  'hem',
  'arbete',
  'particular',
  'thuis',
  'werk',
  'number',
  'numero',
  'nummer',
  'no',
  'nr',
  'num'
])
/** Words that make a phone keyword mean something else: 'Phone 1 - Type', 'Phone ext'. */
const HARD_NEGATIVE = new Set([
  'type',
  'typ',
  'label',
  'ext',
  'extension',
  'count',
  'id',
  'verified',
  'status'
])
/** Words that count against content-only detection: postal codes, dates, amounts, identifiers. */
const SOFT_NEGATIVE = new Set([
  'id',
  'zip',
  'zipcode',
  'postal',
  'postcode',
  'plz',
  'date',
  'time',
  'amount',
  'price',
  'total',
  'qty',
  'quantity',
  'age',
  'year',
  'birth',
  'birthday',
  'account',
  'iban',
  'order',
  'invoice',
  'lat',
  'latitude',
  'lon',
  'lng',
  'longitude',
  'rating',
  'ip',
  'sku',
  'ean',
  'gtin',
  'isbn',
  'ssn',
  'tax',
  'vat',
  'code',
  'pin',
  'duns',
  'score',
  'salary',
  'number of',
  'card',
  'credit',
  'cc',
  'bic',
  'swift',
  'dob',
  'datum',
  'fecha',
  'betrag',
  'montant',
  'importe',
  'ref',
  'reference',
  'дата',
  'сумма',
  'индекс'
])
/** Stems of other numbers' names, found inside compounds and in scripts written without spaces. */
const OTHER_NUMBER_STEM_WORDS = [
  'creditcard',
  'cardnumber',
  'kreditkarte',
  'kartennummer',
  'carte bancaire',
  'tarjeta',
  'cartao',
  'zipcode',
  'postcode',
  'postleitzahl',
  'code postal',
  'codigo postal',
  'kundennummer',
  'kundennr',
  'bestellnummer',
  'bestellnr',
  'auftragsnummer',
  'rechnungsnummer',
  'kontonummer',
  'artikelnummer',
  'mitgliedsnummer',
  'geburtsdatum',
  'geburtstag',
  'birthdate',
  'commande',
  'facture',
  'pedido',
  'factura',
  'fatura',
  'заказ',
  '邮编',
  '邮政编码',
  '郵遞區號',
  '郵便番号',
  '卡号',
  '卡號',
  '银行卡',
  '信用卡',
  '身份证',
  '身分證',
  '订单',
  '訂單',
  '注文',
  '金额',
  '金額',
  '日期',
  '生日',
  '出生',
  '誕生日',
  '生年月日',
  '账号',
  '帳號',
  '口座',
  '编号',
  '編號'
]
const OTHER_NUMBER_STEMS = OTHER_NUMBER_STEM_WORDS.map(normalizeHeader)

export type HeaderPhoneKind = 'phone' | 'fax' | 'context' | null

export interface HeaderPhoneMatch {
  kind: HeaderPhoneKind
  hardNegative: boolean
  softNegative: boolean
}

export function headerPhoneMatch(header: string): HeaderPhoneMatch {
  const norm = normalizeHeader(header)
  const tokens = norm.split(' ').filter(Boolean)
  const hardNegative = tokens.some((t) => HARD_NEGATIVE.has(t))
  const softNegative =
    tokens.some((t) => SOFT_NEGATIVE.has(t)) || OTHER_NUMBER_STEMS.some((st) => norm.includes(st))
  if (FAX_STEMS.some((s) => norm.includes(s))) return { kind: 'fax', hardNegative, softNegative }
  const phone =
    PHONE_STEMS.some((s) => norm.includes(s)) ||
    tokens.some((t) => PHONE_WORDS.has(t) || PHONE_PREFIXES.some((p) => t.startsWith(p)))
  if (phone) return { kind: 'phone', hardNegative, softNegative }
  if (
    tokens.length > 0 &&
    tokens.length <= 3 &&
    tokens.every((t) => CONTEXT_WORDS.has(t) || /^\d+$/.test(t))
  ) {
    return { kind: 'context', hardNegative, softNegative }
  }
  return { kind: null, hardNegative, softNegative }
}

const COUNTRY_STEM_WORDS = [
  'country',
  'страна',
  '国家',
  '國家',
  '国籍',
  '국가',
  'الدولة',
  'البلد',
  'देश',
  'nationalit'
]
const COUNTRY_STEMS = COUNTRY_STEM_WORDS.map(normalizeHeader)
const COUNTRY_WORDS = new Set([
  'land',
  'pays',
  'pais',
  'paese',
  'nazione',
  'nation',
  'kraj',
  'ulke',
  'iso',
  'countrycode'
])
const REGION_WORDS = new Set(['region', 'regio', 'regione', 'región'])
const COUNTRY_NEGATIVE = new Set([
  'state',
  'province',
  'city',
  'county',
  'street',
  'zip',
  'postal',
  'town',
  'district'
])

/** 1 for a country header, 0.7 for 'region' (often a state), 0 otherwise. */
export function headerCountryScore(header: string): number {
  const norm = normalizeHeader(header)
  const tokens = norm.split(' ').filter(Boolean)
  if (tokens.some((t) => COUNTRY_NEGATIVE.has(t)) && !tokens.includes('country')) return 0
  if (COUNTRY_STEMS.some((s) => norm.includes(s)) || tokens.some((t) => COUNTRY_WORDS.has(t))) return 1
  if (tokens.some((t) => REGION_WORDS.has(t))) return 0.7
  return 0
}

/** A column of increasing integers is a row id, not phone numbers, however many digits it has. */
function looksLikeSequence(values: CellValue[]): boolean {
  if (values.length < 5) return false
  let prev = -Infinity
  let steps = 0
  for (const v of values) {
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''
    if (!/^\d{1,15}$/.test(text)) return false
    const n = Number(text)
    if (n <= prev) return false
    if (n - prev <= 2) steps++
    prev = n
  }
  return steps / (values.length - 1) >= 0.8
}

/** Other numbers a column may hold instead of phones. */
export type OtherNumberKind = 'card' | 'iban' | 'date' | 'postcode' | 'amount' | 'id'

function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

function ibanValid(text: string): boolean {
  const compact = text.replace(/[\s-]/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false
  const moved = compact.slice(4) + compact.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const part = code >= 65 ? String(code - 55) : ch
    for (const digit of part) rest = (rest * 10 + Number(digit)) % 97
  }
  return rest === 1
}

/** 19850412: a date written without separators, between 1900 and 2099. */
function compactDate(digits: string): boolean {
  const m = /^(19|20)\d\d(\d\d)(\d\d)$/.exec(digits)
  if (!m) return false
  const month = Number(m[2])
  const day = Number(m[3])
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/** What one cell is when it is a known other number, judged from its shape alone. */
export function otherNumberKind(value: CellValue): OtherNumberKind | null {
  if (value === null || typeof value === 'boolean') return null
  const text = (typeof value === 'number' ? String(value) : value).trim()
  if (text.length === 0 || text.length > 60) return null
  if (/^[A-Za-z]{2}\d{2}/.test(text) && ibanValid(text)) return 'iban'
  if (DATE_RE.test(text)) return 'date'
  if (looksLikeAmount(text) || DECIMAL_RE.test(text) || /^-?[$€£¥₹]|[$€£¥₹]$/.test(text)) return 'amount'
  if (/^\d{5}-\d{4}$/.test(text)) return 'postcode'
  if (/^\d[\d -]*\d$/.test(text)) {
    const digits = text.replace(/[ -]/g, '')
    if (digits.length === 8 && compactDate(digits)) return 'date'
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return 'card'
  }
  return null
}

/**
 * Bare digit strings that are identifiers rather than phones: ids that climb in small steps through a sorted export
 * (order numbers with gaps), or ids of one length that share most of their digits.
 */
function looksLikeIds(values: CellValue[]): boolean {
  const texts: string[] = []
  for (const v of values.slice(0, 200)) {
    const text =
      typeof v === 'number'
        ? Number.isSafeInteger(v)
          ? String(v)
          : ''
        : typeof v === 'string'
          ? v.trim()
          : ''
    if (/^\d{6,15}$/.test(text)) texts.push(text)
  }
  if (texts.length < 5 || texts.length < 0.9 * values.length) return false
  let rising = 0
  for (let i = 1; i < texts.length; i++) if (Number(texts[i]) > Number(texts[i - 1])) rising++
  const span = Number(texts[texts.length - 1]) - Number(texts[0])
  if (rising >= 0.9 * (texts.length - 1) && span > 0 && span / (texts.length - 1) <= 1000) return true
  const length = texts[0].length
  if (length < 8 || texts.some((t) => t.length !== length)) return false
  let prefix = length
  for (const t of texts) {
    let i = 0
    while (i < prefix && t[i] === texts[0][i]) i++
    prefix = i
  }
  return prefix * 2 >= length
}

/** The kind of other number most of a column holds (60% of its values), or null. */
export function otherNumberColumn(values: CellValue[]): OtherNumberKind | null {
  if (values.length === 0) return null
  const counts = new Map<OtherNumberKind, number>()
  for (const v of values) {
    const kind = otherNumberKind(v)
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  let best: OtherNumberKind | null = null
  let bestCount = 0
  for (const [kind, count] of counts) {
    if (count > bestCount) {
      best = kind
      bestCount = count
    }
  }
  if (best && bestCount >= 0.6 * values.length) return best
  return looksLikeIds(values) ? 'id' : null
}

export interface ColumnRole {
  /** Set for tables whose structure already says which columns are phones (vCards). */
  kind: 'phone' | 'fax' | 'text'
}

export interface DetectionInput {
  /** Display header per column (already unique). */
  headers: string[]
  /** Whether those headers came from the file (false: they are column letters). */
  hasHeader: boolean
  /** Data rows, header excluded. */
  rows: CellValue[][]
  width: number
  roles?: ColumnRole[]
  maxValuesPerColumn?: number
}

export interface DetectionResult {
  columns: ColumnInfo[]
  suggestedPhoneColumns: number[]
  suggestedCountryColumn: number | null
  warnings: string[]
}

const round2 = (n: number) => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100

/** Scores every column for phone numbers and countries from its header and from up to ~1000 of its values. */
export function detectColumns(input: DetectionInput): DetectionResult {
  const { headers, hasHeader, rows, width } = input
  const cap = input.maxValuesPerColumn ?? 1000
  const values: CellValue[][] = Array.from({ length: width }, () => [])
  const samples: string[][] = Array.from({ length: width }, () => [])
  let open = width
  for (let r = 0; r < rows.length && open > 0; r++) {
    const row = rows[r]
    const n = Math.min(row.length, width)
    for (let c = 0; c < n; c++) {
      const v = row[c]
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue
      const list = values[c]
      if (list.length >= cap) continue
      list.push(v)
      if (list.length === cap) open--
      const s = samples[c]
      if (s.length < 5) {
        const text = cellText(v)
        if (!s.includes(text)) s.push(text)
      }
    }
  }

  const matches = headers.map((h) =>
    hasHeader ? headerPhoneMatch(h) : { kind: null, hardNegative: false, softNegative: false }
  )
  const strongAt = matches.map((m) => (m.kind === 'phone' || m.kind === 'fax') && !m.hardNegative)
  const nearStrong = (c: number) => {
    for (let d = -3; d <= 3; d++) if (d !== 0 && strongAt[c + d]) return true
    return false
  }

  const phone: number[] = []
  const fax: number[] = []
  const columns: ColumnInfo[] = []
  for (let c = 0; c < width; c++) {
    const vals = values[c]
    const n = vals.length
    const role = input.roles?.[c]
    let phoneConfidence: number
    let faxColumn = false
    if (role) {
      faxColumn = role.kind === 'fax'
      phoneConfidence = role.kind === 'phone' ? 1 : role.kind === 'fax' ? 0.5 : 0
    } else {
      const m = matches[c]
      let headerScore = 0
      if (!m.hardNegative) {
        if (m.kind === 'phone' || m.kind === 'fax') headerScore = 1
        else if (m.kind === 'context' && nearStrong(c)) headerScore = 0.9
      }
      faxColumn = m.kind === 'fax'
      let full = 0
      let short = 0
      for (const v of vals) {
        const s = phoneSignal(v)
        if (s === 'phone') full++
        else if (s === 'digits') short++
      }
      let content = n ? (full + 0.4 * short) / n : 0
      if (headerScore === 0 && looksLikeSequence(vals.slice(0, 50))) content *= 0.3
      // Card numbers, IBANs, dates, postcodes, amounts and ids are other numbers, whatever their digit count.
      const other = n ? otherNumberColumn(vals) : null
      if (n === 0) phoneConfidence = 0.6 * headerScore
      else if (headerScore > 0) {
        // A phone header wins over shapes a phone list can have (sorted ids, one long prefix), not over the rest.
        const notPhones = other !== null && other !== 'id' && other !== 'postcode'
        phoneConfidence =
          !notPhones && (full / n >= 0.1 || short / n >= 0.5) ? (0.6 + 0.4 * content) * headerScore : 0.25
      } else {
        if (other) content *= 0.2
        phoneConfidence = 0.9 * content * (m.softNegative || m.hardNegative ? 0.4 : 1)
      }
      if (faxColumn) phoneConfidence *= 0.6
    }
    phoneConfidence = round2(phoneConfidence)
    if (phoneConfidence >= 0.5) (faxColumn ? fax : phone).push(c)
    columns.push({
      index: c,
      letter: columnLetter(c),
      header: headers[c] ?? columnLetter(c),
      phoneConfidence,
      countryConfidence: role ? 0 : countryConfidence(hasHeader ? (headers[c] ?? '') : '', vals),
      samples: samples[c]
    })
  }

  // A fax column keeps its lower score and is only pre-selected when nothing else looks like phones.
  const suggestedPhoneColumns = phone.length ? phone : fax
  let suggestedCountryColumn: number | null = null
  let best = 0.5
  for (const col of columns) {
    if (col.countryConfidence >= best && !suggestedPhoneColumns.includes(col.index)) {
      if (suggestedCountryColumn === null || col.countryConfidence > best) {
        best = col.countryConfidence
        suggestedCountryColumn = col.index
      }
    }
  }
  const warnings: string[] = []
  if (suggestedPhoneColumns.length === 0) {
    warnings.push('No column looks like phone numbers; choose the phone column yourself.')
  }
  return { columns, suggestedPhoneColumns, suggestedCountryColumn, warnings }
}

function countryConfidence(header: string, vals: CellValue[]): number {
  const headerScore = header ? headerCountryScore(header) : 0
  const n = vals.length
  let hits = 0
  for (const v of vals) if (typeof v === 'string' && looksLikeCountry(v, headerScore === 0)) hits++
  const share = n ? hits / n : 0
  let conf: number
  if (n === 0) conf = 0.45 * headerScore
  else if (headerScore > 0) conf = (0.55 + 0.45 * share) * headerScore
  else conf = share >= 0.6 ? 0.8 * share : 0.4 * share
  const norm = normalizeHeader(header)
  if (headerScore === 0 && norm.split(' ').some((t) => COUNTRY_NEGATIVE.has(t))) conf *= 0.4
  return round2(conf)
}
