// How a valid number is written for people. Computed when a number is shown, not during the check: the check of
// a big list would otherwise format every number twice for the few a user opens.
import { parsePhoneNumberFromString, type MetadataJson, type PhoneNumber } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/metadata.max.json'

export interface DisplayFormats {
  national: string
  international: string
}

/**
 * One E.164 number's parse and the formats asked of it so far. The region inference compares a reading's
 * grouping with its national format first and needs the international one only when that differs, so each
 * format is made on first use.
 */
interface Entry {
  phone: PhoneNumber | null
  national?: string
  international?: string
  formats?: DisplayFormats | null
}

/**
 * Formats repeat (the inference compares the same readings of a row several times); a small memo keeps them
 * cheap. Small because a row's readings are compared within the row, and entries kept longer only cost the
 * garbage collector copying (measured together with the number memo's bound: see NumberMemo).
 */
const MEMO_LIMIT = 256
let young = new Map<string, Entry>()
let old = new Map<string, Entry>()

// An E.164 text is the whole number, so libphonenumber's search for a number inside free text is skipped for it.
const E164 = /^\+[0-9]+$/
const WHOLE_TEXT = Object.freeze({ extract: false })

// The full metadata, handed to the core function as libphonenumber-js/max does, minus its copy of the arguments.
const MAX = metadata as unknown as MetadataJson

function parseE164(e164: string): PhoneNumber | null {
  const phone = E164.test(e164)
    ? parsePhoneNumberFromString(e164, WHOLE_TEXT, MAX)
    : parsePhoneNumberFromString(e164, MAX)
  return phone ?? null
}

function entryOf(e164: string): Entry {
  let found = young.get(e164)
  if (found !== undefined) return found
  found = old.get(e164) ?? { phone: parseE164(e164) }
  if (young.size >= MEMO_LIMIT) {
    old = young
    young = new Map()
  }
  young.set(e164, found)
  return found
}

/** The national or the international way of writing a number given in E.164; null when it is not one. */
export function formatOne(e164: string, style: 'national' | 'international'): string | null {
  const entry = entryOf(e164)
  if (!entry.phone) return null
  if (style === 'national') return (entry.national ??= entry.phone.formatNational())
  return (entry.international ??= entry.phone.formatInternational())
}

/**
 * The national and international way of writing a number given in E.164; null when it is not one. The same text
 * the check used to store, since the country and its formats follow from the E.164 digits alone.
 */
export function displayFormats(e164: string): DisplayFormats | null {
  const entry = entryOf(e164)
  if (entry.formats === undefined) {
    // Shared by every caller through the memo, so nobody may change it.
    entry.formats = entry.phone
      ? Object.freeze({
          national: formatOne(e164, 'national') as string,
          international: formatOne(e164, 'international') as string
        })
      : null
  }
  return entry.formats
}
