// How a valid number is written for people. Computed when a number is shown, not during the check: the check of
// a big list would otherwise format every number twice for the few a user opens.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export interface DisplayFormats {
  national: string
  international: string
}

/** Formats repeat (the inference compares the same readings row after row); a small memo keeps them cheap. */
const MEMO_LIMIT = 10_000
let young = new Map<string, DisplayFormats | null>()
let old = new Map<string, DisplayFormats | null>()

function format(e164: string): DisplayFormats | null {
  const phone = parsePhoneNumberFromString(e164)
  // Shared by every caller through the memo, so nobody may change it.
  return phone
    ? Object.freeze({ national: phone.formatNational(), international: phone.formatInternational() })
    : null
}

/**
 * The national and international way of writing a number given in E.164; null when it is not one. The same text
 * the check used to store, since the country and its formats follow from the E.164 digits alone.
 */
export function displayFormats(e164: string): DisplayFormats | null {
  let found = young.get(e164)
  if (found !== undefined) return found
  found = old.get(e164)
  if (found === undefined) found = format(e164)
  if (young.size >= MEMO_LIMIT) {
    old = young
    young = new Map()
  }
  young.set(e164, found)
  return found
}
