import type { LineType } from '../domain'
import {
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
  type PhoneNumberType
} from 'libphonenumber-js/max'
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/metadata.max.json'
import {
  digitsOf,
  hasStrayPlus,
  invalidKey,
  isTelUri,
  looksTruncated,
  normalizeUnicode,
  NON_ASCII,
  numberBeforeText,
  PHONE_CHARS,
  readScientific,
  scientificForm,
  startsWithPlus,
  stripLabels,
  takeExtension,
  telUriToText,
  vanityDigits
} from './clean-text'
import { lengthVerdict, numberType } from './number-type'
import { callingCodePrefix, mainCountryForCallingCode, toRegion } from './regions'
import type { TextCheck } from './types'
import type { NumberResult, OfflineReason } from './types'

type Region = CountryCode | undefined

const LINE_TYPES: Record<PhoneNumberType, LineType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail'
}

const LENGTH_REASONS: Record<string, OfflineReason> = {
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid_length',
  INVALID_COUNTRY: 'invalid_country_code',
  NOT_A_NUMBER: 'not_a_number'
}

// Covers the bulk of real input ('+1 (202) 555-0143', '030 1234567'), so most numbers skip the slow clean-up.
const SIMPLE = /^\(?\+?[\d\s()./-]+$/
const PLUS_START = /^\(?\+/
const NON_DIGITS = /\D/g
// libphonenumber's own limit for text it will parse.
const MAX_TEXT_LENGTH = 250

/** How the digits reached us; decides which spreadsheet accidents are worth suspecting. */
interface Origin {
  /** Nothing but digits: what a spreadsheet number turns into, so a dropped 0 or + is plausible. */
  bare: boolean
  /** Came from a numeric cell, so a display rounded to few significant digits may have eaten the rest. */
  numeric: boolean
}

const TYPED: Origin = { bare: false, numeric: false }
const BARE_TEXT: Origin = { bare: true, numeric: false }
const NUMERIC: Origin = { bare: true, numeric: true }

function joinNotes(first: string | null, second: string | null): string | null {
  if (!first) return second
  if (!second) return first
  return `${first}; ${second.charAt(0).toLowerCase()}${second.slice(1)}`
}

// Every text parse() gets is '+' and ASCII digits, or digits alone, so libphonenumber's search for a number inside
// free text (a long pattern, run on every parse) can only return the text itself: `extract: false` skips it. One
// options object per region, so no parse allocates its own.
const NO_REGION_OPTIONS = Object.freeze({ extract: false })
const regionOptions = new Map<string, { defaultCountry: CountryCode; extract: false }>()

function optionsFor(region: Region): { defaultCountry?: CountryCode; extract: false } {
  if (region === undefined) return NO_REGION_OPTIONS
  let options = regionOptions.get(region)
  if (options === undefined) {
    options = Object.freeze({ defaultCountry: region, extract: false as const })
    regionOptions.set(region, options)
  }
  return options
}

// The full metadata, handed to the core function directly: the same call libphonenumber-js/max makes for us, without
// its copy of the arguments on every parse.
const MAX = metadata as unknown as MetadataJson

function parse(text: string, region: Region): PhoneNumber | undefined {
  return parsePhoneNumberFromString(text, optionsFor(region), MAX)
}

// The digits of a bare number read as international, region aside: the check of one text under a second region
// (the inference reads national numbers under several) asks for the same digits again straight away.
let lastPlusDigits: string | null = null
let lastPlusReading: PhoneNumber | undefined

function parseWithPlus(digits: string): PhoneNumber | undefined {
  if (digits !== lastPlusDigits) {
    lastPlusReading = parse('+' + digits, undefined)
    lastPlusDigits = digits
  }
  return lastPlusReading
}

/** With full metadata every country has type patterns, so a number is valid exactly when it has a type. */
function typeOf(phone: PhoneNumber | undefined): PhoneNumberType | undefined {
  return phone ? numberType(phone) : undefined
}

function validResult(
  raw: string,
  phone: PhoneNumber,
  type: PhoneNumberType,
  ext: string | null,
  note: string | null
): NumberResult {
  return {
    raw,
    e164: phone.number,
    status: 'unchecked',
    reason: null,
    lineType: LINE_TYPES[type] ?? 'unknown',
    country: phone.country ?? null,
    extension: ext,
    note,
    dedupeKey: phone.number
  }
}

function invalidResult(
  raw: string,
  reason: OfflineReason,
  country: string | null,
  ext: string | null,
  note: string | null
): NumberResult {
  return {
    raw,
    e164: null,
    status: 'invalid',
    reason,
    lineType: null,
    country,
    extension: ext,
    note,
    dedupeKey: invalidKey(raw)
  }
}

const STRAY_PLUS_NOTE =
  'A + inside the digits: two numbers run together or a typo, so it is not read as one number'

function strayPlus(raw: string, ext: string | null): NumberResult {
  return invalidResult(raw, 'stray_plus', null, ext, STRAY_PLUS_NOTE)
}

function countryOfInvalid(phone: PhoneNumber | undefined, plus: boolean, digits: string, region: Region) {
  if (phone) return phone.country ?? mainCountryForCallingCode(phone.countryCallingCode) ?? null
  if (!plus) return region ?? null
  const code = callingCodePrefix(digits)
  return code ? (mainCountryForCallingCode(code) ?? null) : null
}

/** `phone`: the text as parsed, when it parsed; its length verdict then needs no second parse. */
function lengthReason(text: string, region: Region, phone: PhoneNumber | undefined): OfflineReason {
  const known = phone ? lengthVerdict(phone) : null
  const verdict = known !== null ? known : validatePhoneNumberLength(text, region)
  return verdict ? (LENGTH_REASONS[verdict] ?? 'invalid_number') : 'invalid_number'
}

/** Checks one number given as digits, trying the readings a spreadsheet accident would explain when it fails. */
function checkDigits(
  raw: string,
  plus: boolean,
  digits: string,
  ext: string | null,
  region: Region,
  origin: Origin,
  note: string | null
): NumberResult {
  if (origin.numeric && looksTruncated(digits)) {
    const lost = `The spreadsheet stored this as ${scientificForm(digits)}; the last digits are lost`
    return invalidResult(raw, 'lost_digits', null, ext, joinNotes(note, lost))
  }
  if (plus && digits.charCodeAt(0) === 48) {
    // No calling code starts with 0: '+0049' / '+011 49' is an international prefix typed after the plus.
    const idd = digits.startsWith('011') ? '011' : digits.startsWith('00') ? '00' : ''
    if (idd) {
      digits = digits.slice(idd.length)
      note = joinNotes(note, `Dropped the ${idd} typed after the +`)
    }
  }
  const text = plus ? '+' + digits : digits
  const phone = parse(text, region)
  const type = typeOf(phone)
  if (phone && type) return validResult(raw, phone, type, ext, note)

  if (!plus) {
    // The region's own international prefix is handled by libphonenumber; 00 and 011 are read as '+' even
    // where they are not the local prefix (or there is no region), because no other reading is valid either.
    const idd = digits.startsWith('011') ? '011' : digits.startsWith('00') ? '00' : ''
    if (idd) {
      const international = parse('+' + digits.slice(idd.length), undefined)
      const intlType = typeOf(international)
      if (international && intlType) {
        const read = `Read ${idd} as the international prefix`
        return validResult(raw, international, intlType, ext, joinNotes(note, read))
      }
    }
    if (origin.bare && digits.charCodeAt(0) !== 48) {
      const flagged = spreadsheetAccident(raw, digits, ext, region, note)
      if (flagged) return flagged
    }
  }
  const country = countryOfInvalid(phone, plus, digits, region)
  return invalidResult(raw, lengthReason(text, region, phone), country, ext, note)
}

/**
 * Digits that are invalid as they stand but valid with a 0 in front, or with a '+': the spreadsheet dropped it.
 * Digits that are already valid never get here. For trunk-prefix countries (GB 7911123456, DE 3012345678) that is
 * the same number with or without the 0, and libphonenumber reads it so; for Italy-style plans where the 0 is
 * part of the number, a valid reading without it (a 3xx mobile) is far likelier than a damaged landline. Only
 * when the digits alone are invalid is the dropped-digit reading the best explanation, and even then we flag it
 * instead of silently dialling a different number.
 */
function spreadsheetAccident(
  raw: string,
  digits: string,
  ext: string | null,
  region: Region,
  note: string | null
): NumberResult | null {
  const withZero = region ? parse('0' + digits, region) : undefined
  const zero = typeOf(withZero) ? withZero : undefined
  const withPlus = parseWithPlus(digits)
  const plus = typeOf(withPlus) ? withPlus : undefined
  if (zero) {
    const zeroText = `${zero.formatNational()} (${zero.formatInternational()})`
    const alternative = plus ? `, or ${plus.formatInternational()} without its +` : ''
    const flag = `Looks like ${zeroText} without its leading 0${alternative}`
    return invalidResult(raw, 'lost_leading_zero', zero.country ?? region ?? null, ext, joinNotes(note, flag))
  }
  if (plus) {
    const flag = `Looks like ${plus.formatInternational()} without its +`
    return invalidResult(raw, 'lost_plus', plus.country ?? null, ext, joinNotes(note, flag))
  }
  return null
}

function checkScientificText(raw: string, text: string, region: Region): NumberResult | null {
  const scientific = readScientific(text)
  if (!scientific) return null
  if (scientific.kind === 'fraction') {
    return invalidResult(raw, 'not_a_number', null, null, 'A number with decimals, not a phone number')
  }
  if (scientific.kind === 'lost') {
    const lost = `The spreadsheet stored this as ${raw}; the last ${scientific.missing} digits are lost`
    return invalidResult(raw, 'lost_digits', null, null, lost)
  }
  const recovered = `Recovered from the number ${scientific.digits} stored as ${raw}`
  // The exponent form proves it was a spreadsheet number, so a dropped 0 or + is as plausible as for one.
  return checkDigits(raw, false, scientific.digits, null, region, BARE_TEXT, recovered)
}

/** Everything the fast path does not cover: URIs, labels, extensions, letters, scientific notation. */
function checkMessyText(raw: string, text: string, region: Region, origin: Origin): NumberResult {
  // Free-text notes pasted into a phone column: not a number, and the regexes below need not scan them.
  if (text.length > MAX_TEXT_LENGTH) return invalidResult(raw, 'not_a_number', null, null, null)
  let cleaned = isTelUri(text) ? telUriToText(text) : text
  const scientific = checkScientificText(raw, cleaned, region)
  if (scientific) return scientific

  cleaned = stripLabels(cleaned)
  const split = takeExtension(cleaned)
  cleaned = split.text
  const ext = split.ext

  if (PHONE_CHARS.test(cleaned)) {
    if (hasStrayPlus(cleaned)) return strayPlus(raw, ext)
    const digits = digitsOf(cleaned)
    if (digits) return checkDigits(raw, startsWithPlus(cleaned), digits, ext, region, origin, null)
    return invalidResult(raw, 'not_a_number', null, ext, null)
  }

  // Letters are left: either a comment after the number or a vanity number. A comment is only taken as such
  // when at least seven digits precede it; a vanity reading is the fallback (and the first choice otherwise).
  const before = numberBeforeText(cleaned)
  let first: NumberResult | null = null
  if (before && hasStrayPlus(before.number)) return strayPlus(raw, ext)
  if (before) {
    const note = `Ignored the text after the number: "${before.rest}"`
    const plus = startsWithPlus(before.number)
    const result = checkDigits(raw, plus, digitsOf(before.number), ext, region, TYPED, note)
    if (result.status === 'unchecked') return result
    first = result
  }
  const vanity = hasStrayPlus(cleaned) ? null : vanityDigits(cleaned)
  if (vanity) {
    const plus = startsWithPlus(cleaned)
    const note = 'Letters read as keypad digits'
    let result = checkDigits(raw, plus, vanity.digits, ext, region, TYPED, note)
    // Vanity words may run longer than the number ('1-800-CONTACTS'); the extra letters are never dialled.
    for (let cut = 1; result.status !== 'unchecked' && cut < vanity.letters && cut <= 4; cut++) {
      const shorter = checkDigits(raw, plus, vanity.digits.slice(0, -cut), ext, region, TYPED, note)
      if (shorter.status === 'unchecked') result = shorter
    }
    if (result.status === 'unchecked') return result
    first ??= result
  }
  return first ?? invalidResult(raw, 'not_a_number', null, ext, null)
}

/**
 * Checks the text of one number. `fromNumericCell` says the text is the digits of a spreadsheet number, so a
 * dropped leading 0 or '+' and digits rounded away by a scientific display are suspected.
 */
export function checkNumberText(text: string, defaultRegion: string, fromNumericCell = false): NumberResult {
  const raw = text.trim()
  const region = toRegion(defaultRegion)
  if (raw === '') return invalidResult(raw, 'not_a_number', null, null, null)
  const normalized = NON_ASCII.test(raw) ? normalizeUnicode(raw).trim() : raw
  const origin = fromNumericCell ? NUMERIC : TYPED
  if (SIMPLE.test(normalized)) {
    if (hasStrayPlus(normalized)) return strayPlus(raw, null)
    const digits = normalized.replace(NON_DIGITS, '')
    if (digits !== '') {
      const plus = PLUS_START.test(normalized)
      const shape = !fromNumericCell && digits.length === normalized.length ? BARE_TEXT : origin
      return checkDigits(raw, plus, digits, null, region, shape, null)
    }
  }
  return checkMessyText(raw, normalized, region, origin)
}

/**
 * A numeric spreadsheet cell: only a positive whole number can be a phone number's digits. `check` reads those
 * digits (a memo in front of checkNumberText, in a job).
 */
export function checkNumericCell(
  value: number,
  defaultRegion: string,
  check: TextCheck = checkNumberText
): NumberResult {
  if (Number.isSafeInteger(value) && value > 0) return check(String(value), defaultRegion, true)
  if (Number.isInteger(value) && value > 0) {
    const note = 'The spreadsheet holds this as a number too long to store exactly; the last digits are lost'
    return invalidResult(BigInt(value).toString(), 'lost_digits', null, null, note)
  }
  let note: string | null = null
  if (Number.isFinite(value) && !Number.isInteger(value)) note = 'A number with decimals, not a phone number'
  else if (value < 0) note = 'A negative number, not a phone number'
  return invalidResult(String(value), 'not_a_number', null, null, note)
}

/**
 * A number that a row's country (from the country column) does not fit, but the job's default region does: the
 * number's own validity wins over the column. `rowReading` is the result under the row's country, `defaultReading`
 * the same text under the default region. Returns the default reading, marked 'country_column_mismatch' with a
 * note naming both countries, when the row's reading is invalid and the default one valid; otherwise null (the
 * row's reading stands: a row country that fits always wins).
 */
export function preferDefaultReading(
  rowReading: NumberResult,
  defaultReading: NumberResult,
  rowRegion: string,
  defaultRegion: string
): NumberResult | null {
  if (rowReading.status !== 'invalid' || defaultReading.status !== 'unchecked') return null
  if (rowRegion === defaultRegion) return null
  const mismatch = `Not a valid number for the row’s country ${rowRegion}; read with the default country ${defaultRegion}`
  return {
    ...defaultReading,
    reason: 'country_column_mismatch',
    note: joinNotes(defaultReading.note, mismatch)
  }
}
