// Shared by the two mainland-China status adapters (Ace Data Cloud and toolkk): which numbers they can take,
// the form they take them in, and the small pieces of result and error handling both need.
import type * as Libphonenumber from 'libphonenumber-js/max'
import {
  ProviderError,
  type LiveProviderId,
  type LiveResult,
  type ProviderCredentials,
  type ProviderDefaults,
  type ProviderSettings
} from './types'

export const CHINA_MOBILE_COVERAGE = 'Mainland China mobile numbers (+86)'

// Every mainland mobile number is +86 followed by 11 digits starting with 1; the cheap shape test keeps the
// parser away from the millions of other numbers a job may hold.
const CHINA_MOBILE_SHAPE = /^\+861\d{10}$/

/**
 * True for a +86 number that libphonenumber's full metadata calls a mobile. Both upstreams only know the
 * mobile carriers' subscriber records, so a Beijing landline (+86 10 …) or a Hong Kong number would only
 * come back as a paid or free failure.
 */
export function isChinaMobile(e164: string): boolean {
  if (!CHINA_MOBILE_SHAPE.test(e164)) return false
  const phone = phoneLibrary().parsePhoneNumberFromString(e164)
  if (!phone || phone.country !== 'CN') return false
  // The library's own getType() (phone/number-type.ts gives the same answer faster, but importing it would load
  // the metadata with this module): only +861… numbers reach this line, once each when a job is routed.
  const type = phone.getType()
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE'
}

let library: typeof Libphonenumber | null = null

/** libphonenumber with its full metadata, loaded when a number is first tested, not when the adapter is listed. */
function phoneLibrary(): typeof Libphonenumber {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('libphonenumber-js/max') as typeof Libphonenumber
  return library
}

/** The 11-digit national number (13800138000) that Chinese status APIs expect: no +86, no trunk prefix. */
export function chinaNational(e164: string): string {
  if (!CHINA_MOBILE_SHAPE.test(e164)) throw new Error('Not a mainland China mobile number in E.164 form')
  return e164.slice(3)
}

/** The answer for a number outside the coverage: nothing was sent, so nothing was paid. */
export function noCoverageResult(provider: LiveProviderId, e164: string, currency: string): LiveResult {
  return {
    provider,
    e164,
    state: 'unknown',
    reason: 'no_coverage',
    reachability: 'unknown',
    ported: null,
    roaming: null,
    carrier: null,
    lineType: null,
    confidence: 'carrier_db',
    billed: 'free',
    cost: 0,
    costEstimated: false,
    currency,
    retryable: false,
    raw: null,
    checkedAt: new Date().toISOString()
  }
}

/** The price the user configured for this provider, else the adapter's default. */
export function configuredPrice(
  settings: ProviderSettings,
  defaults: ProviderDefaults
): { price: number; currency: string } {
  const { pricePerLookup, currency: configured } = settings
  const price =
    typeof pricePerLookup === 'number' && Number.isFinite(pricePerLookup) && pricePerLookup >= 0
      ? pricePerLookup
      : defaults.pricePerLookup
  const currency = configured || defaults.currency
  return { price, currency }
}

// Header values must be visible ASCII; anything else would make fetch throw a TypeError that reads like a
// network failure, so it is caught here and told apart.
const HEADER_SAFE = /^[\x21-\x7e]+$/

/** The key, checked before anything is sent: a missing or unsendable key is an auth problem, not a lookup. */
export function requireKey(provider: LiveProviderId, credentials: ProviderCredentials): string {
  const key = credentials.apiKey?.trim() ?? ''
  if (!key) {
    throw new ProviderError(provider, 'auth', 'No API key is set for this provider.', {
      retryable: false,
      maybeProcessed: false
    })
  }
  if (!HEADER_SAFE.test(key)) {
    throw new ProviderError(
      provider,
      'auth',
      'The API key contains spaces or characters an HTTP header cannot carry; paste it again.',
      { retryable: false, maybeProcessed: false }
    )
  }
  return key
}

/**
 * A provider may echo what it was sent (a bad token, a body fragment) in its error text, and that text ends
 * up in the message; the key is blanked out of it so it never reaches a log or the screen.
 */
export function withoutKey(error: unknown, key: string): unknown {
  if (!(error instanceof ProviderError) || !key || !error.message.includes(key)) return error
  return new ProviderError(error.provider, error.kind, error.message.split(key).join('***'), error.details)
}

/** A code the provider may send as a string or a number ("0", 0, " -2 "), as trimmed text. */
export function codeText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  return undefined
}

/** A table entry by a code the provider sent; own keys only, so "constructor" or "toString" find nothing. */
export function entry<T>(table: Record<string, T>, code: string): T | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Error bodies are read for their codes when they parse; an HTML error page from a proxy gives undefined. */
export function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Provider text for a message: one line, bounded, so a large error page cannot flood the log. */
export function shortText(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}
