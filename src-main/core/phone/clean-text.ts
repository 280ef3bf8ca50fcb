// Turns what people type into a phone cell into something libphonenumber parses reliably. Every function here is
// pure string work on one number's text; deciding validity is check.ts's job.

export const NON_ASCII = /[\u0080-\uffff]/
// Soft hyphen, Arabic letter mark, zero-width and bidi marks, embeddings, overrides and isolates, word joiner,
// BOM: copied along from right-to-left text and messaging apps, never part of a number.
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g
const DASHES = /[\u2010-\u2015\u2212\u30fc]/g
const ANY_DIGIT = /\p{Nd}/gu
const ONE_DIGIT = /^\p{Nd}$/u
const WHITESPACE = /\s+/g

const digitValues = new Map<string, string>()

/**
 * Unicode guarantees decimal digits come in runs of ten, 0 to 9 (some runs adjoin), so a digit's value is its
 * offset from the start of its run, modulo ten.
 */
function asciiDigit(char: string): string {
  if (char >= '0' && char <= '9') return char
  let value = digitValues.get(char)
  if (value === undefined) {
    const codePoint = char.codePointAt(0) ?? 0
    let offset = 0
    while (offset < 100 && ONE_DIGIT.test(String.fromCodePoint(codePoint - offset - 1))) offset++
    value = String(offset % 10)
    digitValues.set(char, value)
  }
  return value
}

/** Full-width forms and odd spaces via NFKC, then digits of any script to ASCII, dashes to '-'. */
export function normalizeUnicode(text: string): string {
  let out = text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-')
  if (NON_ASCII.test(out)) out = out.replace(ANY_DIGIT, asciiDigit)
  return out
}

export function countDigits(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) count++
  }
  return count
}

const TEL_URI = /^tel:/i
const URI_PARAM = /^([a-z0-9-]+)=(.*)$/i

export function isTelUri(text: string): boolean {
  return TEL_URI.test(text)
}

/**
 * Rewrites an RFC 3966 URI as plain text the rest of the pipeline understands: a '+' phone-context becomes the
 * number's prefix, a domain context says nothing about the country and is dropped, ';ext=' becomes ' ext '.
 */
export function telUriToText(uri: string): string {
  const [numberPart, ...params] = uri.slice(4).split(';')
  let number = numberPart
  try {
    number = decodeURIComponent(numberPart)
  } catch {
    // Malformed %-escape: keep the text as typed.
  }
  let prefix = ''
  let ext = ''
  for (const param of params) {
    const match = URI_PARAM.exec(param.trim())
    if (!match) continue
    const key = match[1].toLowerCase()
    if (key === 'ext') ext = match[2]
    else if (key === 'phone-context' && match[2].startsWith('+') && !number.trim().startsWith('+')) {
      prefix = match[2] + ' '
    }
  }
  return prefix + number + (ext ? ' ext ' + ext : '')
}

// (h) 555…, [Work]: 555…
const LEADING_PAREN_LABEL = /^[([]\s*\p{L}[\p{L}\p{M} .]*[)\]]\s*[:=-]?\s*/u
// Phone: …, Tel.: …, Mobile - …, Tel/Fax …; stops where the number starts.
const LEADING_WORD_LABEL = /^\p{L}[\p{L}\p{M} .'/&]*?\s*(?:[:=#№-]\s*)*(?=[+(\d])/u
const TRAILING_PAREN_LABEL = /\s*[([]\s*\p{L}[\p{L}\p{M} .]*[)\]]\s*$/u
const TRAILING_WORD_LABEL =
  /[\s,;-]+(?:home|work|mobile|mob|cell|cellular|office|fax|main|private|business|direct|other|pager|landline|tel|phone|mobil|handy|privat|büro|h|w|m|c|o)\.?$/iu

/** Removes labels around a number: 'Phone: …', '(h) …', '… (work)', '… mobile'. */
export function stripLabels(text: string): string {
  let out = text
  for (let round = 0; round < 3; round++) {
    const before = out
    out = out.replace(LEADING_PAREN_LABEL, '').replace(LEADING_WORD_LABEL, '')
    out = out.replace(TRAILING_PAREN_LABEL, '').replace(TRAILING_WORD_LABEL, '')
    if (out === before) break
  }
  return out.trim()
}

const EXTENSION =
  /[\s,;]*(?:(?:extension|extn|ext|xtn|poste|ramal|durchwahl)\.?|x|#)\s*[:.=]?\s*(\d{1,7})\s*#?$/i

/** Splits off a trailing extension ('x123', 'ext. 123', '#123', ';ext=123'), if a number precedes it. */
export function takeExtension(text: string): { text: string; ext: string | null } {
  const match = EXTENSION.exec(text)
  // The digits before it must look like a number, or 'x12' alone would become an extension of nothing.
  if (!match || countDigits(text.slice(0, match.index)) < 5) return { text, ext: null }
  return { text: stripLabels(text.slice(0, match.index)), ext: match[1] }
}

/** Only digits, a leading '+', and the punctuation people put between digit groups. */
export const PHONE_CHARS = /^[\d\s+.()[\]/,~'_-]*$/
const PLUS_FIRST = /^[^\d+]*\+/

export function startsWithPlus(text: string): boolean {
  return PLUS_FIRST.test(text)
}

const PLUS_AFTER_DIGIT = /\d\D*\+/

/**
 * A '+' after the first digit ('190022+22222'): the cell is malformed (two numbers run together, or a typo), and
 * dropping the '+' would read digits that were never one number.
 */
export function hasStrayPlus(text: string): boolean {
  return PLUS_AFTER_DIGIT.test(text)
}

const NON_DIGITS = /\D/g

export function digitsOf(text: string): string {
  return text.replace(NON_DIGITS, '')
}

const FIRST_LETTER = /\p{L}/u
const GLUED_SEPARATOR = /[\s,;([/-]$/

/**
 * The number before free text such as '555-0143 call after 6': only when the text is set apart from at least
 * seven digits, which keeps vanity numbers (1-800-FLOWERS) out.
 */
export function numberBeforeText(text: string): { number: string; rest: string } | null {
  const at = text.search(FIRST_LETTER)
  if (at <= 0) return null
  const number = text.slice(0, at)
  if (countDigits(number) < 7 || !GLUED_SEPARATOR.test(number) || !PHONE_CHARS.test(number)) return null
  return { number: number.trim(), rest: text.slice(at).trim() }
}

const VANITY_SHAPE = /^\+?\(?\d[\d\s.()/-]*[a-z][a-z\d\s.-]*$/i
const KEYPAD = '22233344455566677778889999'

/**
 * Vanity number to digits ('1-800-FLOWERS' → '18003569377'), or null when the text is not shaped like one: a
 * dialling prefix of at least three digits followed by letters, seven or more keys in all.
 */
export function vanityDigits(text: string): { digits: string; letters: number } | null {
  if (!VANITY_SHAPE.test(text)) return null
  let digits = ''
  let letters = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) | 0x20
    if (code >= 97 && code <= 122) {
      if (digits.length < 3) return null
      digits += KEYPAD[code - 97]
      letters++
    } else if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
      digits += text[i]
    }
  }
  return letters >= 2 && digits.length >= 7 ? { digits, letters } : null
}

const SCIENTIFIC = /^(\d+)(?:[.,](\d*))?e\+?(\d{1,2})$/i

export type ScientificText =
  { kind: 'complete'; digits: string } | { kind: 'lost'; missing: number } | { kind: 'fraction' }

/**
 * Reads text such as '3.108207129E9' (what a spreadsheet shows for a long number). The integer is only known
 * when the mantissa carries every digit; '8.61381E+12' has lost its last seven.
 */
export function readScientific(text: string): ScientificText | null {
  const match = SCIENTIFIC.exec(text.replace(WHITESPACE, ''))
  if (!match) return null
  const whole = match[1]
  const fraction = match[2] ?? ''
  const exponent = Number(match[3])
  if (fraction.length > exponent) {
    // 3.1082071290E9 is still whole: only zeros may pass the decimal point.
    if (/[1-9]/.test(fraction.slice(exponent))) return { kind: 'fraction' }
    return { kind: 'complete', digits: (whole + fraction.slice(0, exponent)).replace(/^0+/, '') }
  }
  const missing = exponent - fraction.length
  if (missing > 0) return { kind: 'lost', missing }
  return { kind: 'complete', digits: (whole + fraction).replace(/^0+/, '') }
}

/** How a spreadsheet displays a long integer: 8613810000000 → '8.61381E+12'. */
export function scientificForm(digits: string): string {
  const significant = digits.replace(/0+$/, '')
  const mantissa = significant.length > 1 ? significant[0] + '.' + significant.slice(1) : significant
  return `${mantissa}E+${digits.length - 1}`
}

const TRUNCATED = /^[1-9]\d{0,5}0{6,}$/

/** A numeric cell like 8613810000000: what is left after a scientific display rounded the real digits away. */
export function looksTruncated(digits: string): boolean {
  return digits.length >= 11 && TRUNCATED.test(digits)
}

const KEY_NOISE = /[\s.()[\]/-]+/g

/** Groups identical invalid entries however they were spaced or punctuated. */
export function invalidKey(raw: string): string {
  const lower = (NON_ASCII.test(raw) ? normalizeUnicode(raw) : raw).toLowerCase()
  // A cell of punctuation only ('-') keeps its text, or it would group with every other such cell.
  return 'x:' + (lower.replace(KEY_NOISE, '') || lower)
}
