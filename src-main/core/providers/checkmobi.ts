// CheckMobi Lookup API (research/providers.md §5, mapping in §7.2): one GET per number against
// /lookup/hlr/{n} (live network state, the default) or /lookup/mnp/{n} (portability only), with the secret key as
// the raw value of the Authorization header.
//
// CheckMobi's bulk lookups (POST /lookup/hlr, /lookup/mnp) deliver their results only to a public callback URL,
// which a desktop app does not have, so they are deliberately not used: jobs loop over the single-number calls.

import { endpoint, parseJson, retryAfterMs, send, type HttpResponse } from './http'
import {
  ProviderError,
  type Billed,
  type Confidence,
  type ConnectionTest,
  type LiveResult,
  type LiveState,
  type ProviderCredentials,
  type ProviderErrorKind,
  type ProviderInfo,
  type ProviderSettings,
  type Reachability,
  type SingleLookupProvider
} from './types'

const PROVIDER = 'checkmobi' as const

/** CheckMobi reports the real cost in every answer; this estimate only serves budgets before a job starts. */
const ESTIMATED_HLR_PRICE_USD = 0.01

/** A number from the range reserved for fiction (NANP 555-0100…0199): valid in form, never a subscriber's line. */
const TEST_NUMBER = '12025550100'

type Lookup = 'hlr' | 'mnp'
type Json = Record<string, unknown>

/** CheckMobi number_type → the app's line types (the two vocabularies match apart from the landline names). */
const LINE_TYPES: Record<string, string> = {
  landline: 'fixed_line',
  mobile: 'mobile',
  mobile_or_landline: 'fixed_line_or_mobile',
  toll_free: 'toll_free',
  premium_rate: 'premium_rate',
  shared_cost: 'shared_cost',
  personal_number: 'personal_number',
  voip: 'voip',
  pager: 'pager',
  uan: 'uan',
  voicemail: 'voicemail',
  unknown: 'unknown'
}

interface Verdict {
  state: LiveState
  reason: string
  reachability: Reachability
  retryable: boolean
}

const verdict = (
  state: LiveState,
  reason: string,
  reachability: Reachability,
  retryable = false
): Verdict => ({
  state,
  reason,
  reachability,
  retryable
})

/** Error codes that answer for the number itself rather than the request: they become results, free of charge. */
const NUMBER_CODES = new Map<number, Verdict>([
  [2, verdict('invalid', 'invalid_format', 'unknown')],
  // Destination blocked by the application's own settings in the CheckMobi dashboard.
  [13, verdict('unknown', 'blocked', 'unknown')],
  // Temporarily blocked after too many attempts: asking later may work.
  [14, verdict('unknown', 'blocked', 'unknown', true)],
  [18, verdict('unknown', 'no_coverage', 'unknown')]
])

interface ErrorRule {
  kind: ProviderErrorKind
  message: string
  retryable: boolean
}

const ERROR_CODES = new Map<number, ErrorRule>([
  [1, { kind: 'auth', message: 'CheckMobi rejected the secret key (invalid or expired).', retryable: false }],
  [5, { kind: 'balance', message: 'The CheckMobi account has insufficient funds.', retryable: false }],
  [11, { kind: 'auth', message: 'This operation is disabled for the CheckMobi account.', retryable: false }],
  // Seed 004: "12 | Your account exceeded one or more limitations." An account limit, not a rate: every further
  // lookup would be refused the same way, so the job stops instead of retrying each number.
  [12, { kind: 'quota', message: 'The CheckMobi account exceeded one of its limits.', retryable: false }],
  [7, { kind: 'bad_request', message: 'CheckMobi rejected the request payload.', retryable: false }],
  [17, { kind: 'bad_request', message: 'CheckMobi does not know this lookup method.', retryable: false }]
])

const info: ProviderInfo = {
  id: PROVIDER,
  name: 'CheckMobi HLR lookup',
  measures:
    "The mobile network's HLR state of the number right now: connected, absent (handset off or out of reach), " +
    'no service or invalid, with its current carrier and whether it was ported.',
  coverage:
    'Mobile numbers in every country CheckMobi has an HLR route to; landlines fall back to a free format check ' +
    '(except in North America, where the lookup is always made).',
  confidence: 'network',
  defaults: {
    baseUrl: 'https://api.checkmobi.com/v1',
    // No lookup rate limit is published; research suggests 5–10 parallel requests.
    concurrency: 5,
    ratePerSecond: 10,
    timeoutMs: 15_000,
    pricePerLookup: ESTIMATED_HLR_PRICE_USD,
    currency: 'USD'
  },
  keyFields: ['apiKey'],
  envKeys: ['RINGTRUE_CHECKMOBI_KEY'],
  docsUrl: 'https://checkmobi.com/documentation/api-reference/',
  bulk: false
}

function fail(kind: ProviderErrorKind, message: string): never {
  throw new ProviderError(PROVIDER, kind, message, { retryable: false, maybeProcessed: false })
}

/** Header values cannot carry control characters (a pasted line break, say). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function keyOf(credentials: ProviderCredentials): string {
  const key = credentials.apiKey?.trim() ?? ''
  if (!key) fail('auth', 'CheckMobi needs a secret key.')
  // A control character would make fetch reject the header with a message that quotes it, key included.
  if (hasControlCharacter(key)) fail('auth', 'The CheckMobi secret key contains invalid characters.')
  return key
}

/** CheckMobi takes E.164 with or without "+"; in a path the digits alone avoid encoding the plus. */
function digitsOf(e164: string): string {
  const digits = e164.startsWith('+') ? e164.slice(1) : e164
  if (!/^[1-9]\d{6,14}$/.test(digits))
    fail('bad_request', 'Not an international number CheckMobi can look up.')
  return digits
}

function redact(error: unknown, key: string): unknown {
  if (!(error instanceof ProviderError) || key.length < 4 || !error.message.includes(key)) return error
  return new ProviderError(error.provider, error.kind, error.message.split(key).join('***'), error.details)
}

async function get(
  path: string,
  key: string,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<HttpResponse> {
  try {
    return await send(PROVIDER, {
      method: 'GET',
      url: endpoint(settings.baseUrl, path),
      // The raw key, with no scheme word: that is how CheckMobi and its official SDK authenticate.
      headers: { Authorization: key, Accept: 'application/json' },
      timeoutMs: settings.timeoutMs,
      signal
    })
  } catch (error) {
    throw redact(error, key)
  }
}

function asObject(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null
}

function asNumber(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : null
}

function lower(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function tryJson(response: HttpResponse): Json | null {
  try {
    return asObject(JSON.parse(response.text))
  } catch {
    return null
  }
}

/** A failed answer without a per-number code: classified by CheckMobi's code, then by the HTTP status. */
function requestError(response: HttpResponse, body: Json | null): ProviderError {
  const { status } = response
  const code = asNumber(body?.code)
  const details = { httpStatus: status, providerCode: code === null ? undefined : String(code) }
  const rule = code === null ? undefined : ERROR_CODES.get(code)
  if (rule) {
    // A quota stop pauses the job: the user reads CheckMobi's own words for it.
    const said = rule.kind === 'quota' ? text(body?.error)?.replace(/\s+/g, ' ').slice(0, 200) : undefined
    const message = said
      ? `${rule.message} CheckMobi says: "${said}" (CheckMobi code ${code})`
      : `${rule.message} (CheckMobi code ${code})`
    return new ProviderError(PROVIDER, rule.kind, message, {
      retryable: rule.retryable,
      maybeProcessed: false,
      retryAfterMs: rule.kind === 'rate_limit' ? retryAfterMs(response.headers) : undefined,
      ...details
    })
  }
  if (status === 401) {
    return new ProviderError(PROVIDER, 'auth', 'CheckMobi rejected the secret key (HTTP 401).', {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (status === 403) {
    return new ProviderError(
      PROVIDER,
      'auth',
      'CheckMobi does not allow this key to make this request (HTTP 403).',
      {
        retryable: false,
        maybeProcessed: false,
        ...details
      }
    )
  }
  if (status === 429) {
    return new ProviderError(PROVIDER, 'rate_limit', 'CheckMobi rate limit exceeded (HTTP 429).', {
      retryable: true,
      maybeProcessed: false,
      retryAfterMs: retryAfterMs(response.headers),
      ...details
    })
  }
  if (status === 503) {
    // Service unavailable: refused at the door, so nothing ran and nothing was charged.
    return new ProviderError(PROVIDER, 'server', 'CheckMobi is unavailable (HTTP 503); try again later.', {
      retryable: true,
      maybeProcessed: false,
      retryAfterMs: retryAfterMs(response.headers),
      ...details
    })
  }
  if (status >= 500) {
    // An internal error may strike after the lookup ran and was charged.
    return new ProviderError(PROVIDER, 'server', `CheckMobi server error (HTTP ${status}).`, {
      retryable: false,
      maybeProcessed: true,
      ...details
    })
  }
  const message =
    status === 404
      ? 'CheckMobi does not know this resource (HTTP 404): check the base URL, which includes /v1.'
      : `CheckMobi rejected the request (HTTP ${status}${code === null ? '' : `, code ${code}`}).`
  return new ProviderError(PROVIDER, 'bad_request', message, {
    retryable: false,
    maybeProcessed: false,
    ...details
  })
}

/** The HLR mapping of research §7.2: processing_status first, then the reachability state. */
function hlrVerdict(body: Json): Verdict {
  const processing = lower(body.processing_status)
  const reachable = lower(body.reachable)
  // Rejected: not a number an HLR can answer for (mostly landlines); CheckMobi fell back to a free format check.
  if (processing === 'rejected') return verdict('unknown', 'inconclusive', 'unknown')
  if (processing === 'failed' || reachable === 'failed') {
    return verdict('unknown', 'lookup_failed', 'unknown', true)
  }
  switch (reachable) {
    case 'connected':
      return verdict('active', 'reachable', 'reachable')
    case 'absent':
      return verdict('active', 'absent', 'unreachable')
    case 'no-teleservice-provisioned':
      // Cannot take calls or SMS (usually a data-only SIM): not a contactable phone line.
      return verdict('inactive', 'restricted', 'unreachable')
    case 'invalid':
      // The network does not know a mobile number of a valid mobile range: never assigned or returned to the pool.
      return lower(body.number_type) === 'mobile'
        ? verdict('inactive', 'vacant', 'unknown')
        : verdict('invalid', 'bad_number', 'unknown')
    case 'no-coverage':
      return verdict('unknown', 'no_coverage', 'unknown')
    default:
      return verdict('unknown', 'inconclusive', 'unknown')
  }
}

/** An MNP lookup finds the network a number belongs to, not whether it is live, so it never gives a verdict. */
function mnpVerdict(body: Json): Verdict {
  if (lower(body.processing_status) === 'failed') return verdict('unknown', 'lookup_failed', 'unknown', true)
  return verdict('unknown', 'inconclusive', 'unknown')
}

interface Bill {
  billed: Billed
  cost: number
  costEstimated: boolean
}

/** The price the user configured, else the estimate: counted only when an answer does not state its cost. */
function priceOf(settings: ProviderSettings): number {
  const price = settings.pricePerLookup
  return typeof price === 'number' && Number.isFinite(price) && price >= 0 ? price : ESTIMATED_HLR_PRICE_USD
}

function billingOf(body: Json, price: number): Bill {
  const cost = asNumber(body.cost)
  // Without a cost field the charge is unknown: count the price as an upper bound, marked as an estimate.
  if (cost === null) return { billed: 'unknown', cost: price, costEstimated: true }
  // The documented `cost` is what CheckMobi charged, in USD.
  return { billed: cost > 0 ? 'charged' : 'free', cost, costEstimated: false }
}

function result(e164: string, lookup: Lookup, body: Json | null, found: Verdict, bill: Bill): LiveResult {
  const current = asObject(body?.current_network)
  const original = asObject(body?.original_network)
  const ported = body?.is_ported
  const numberType = lower(body?.number_type)
  const confidence: Confidence = lookup === 'hlr' ? 'network' : 'carrier_db'
  return {
    provider: PROVIDER,
    e164,
    ...found,
    ported: typeof ported === 'boolean' ? ported : null,
    // The HLR answer has no roaming field.
    roaming: null,
    // The network the number is on now; a fallback answer only knows the network that issued it.
    carrier: text(current?.network_name) ?? text(original?.network_name),
    lineType: numberType === null ? null : (LINE_TYPES[numberType] ?? 'unknown'),
    confidence,
    ...bill,
    currency: 'USD',
    raw: body,
    checkedAt: new Date().toISOString()
  }
}

function readLookupAnswer(e164: string, lookup: Lookup, response: HttpResponse, price: number): LiveResult {
  const { status } = response
  if (status === 204 || (status >= 200 && status < 300 && !response.text.trim())) {
    // A documented "success, no content": the lookup gave nothing to read, and whether it cost is unknown.
    return result(e164, lookup, null, verdict('unknown', 'lookup_failed', 'unknown', true), {
      billed: 'unknown',
      cost: price,
      costEstimated: true
    })
  }
  if (status >= 200 && status < 300) {
    const body = asObject(parseJson(PROVIDER, response))
    if (!body || (!('processing_status' in body) && !('reachable' in body) && !('number_type' in body))) {
      throw new ProviderError(PROVIDER, 'malformed', 'CheckMobi answered without a lookup result.', {
        retryable: false,
        maybeProcessed: true,
        httpStatus: status
      })
    }
    return result(
      e164,
      lookup,
      body,
      lookup === 'hlr' ? hlrVerdict(body) : mnpVerdict(body),
      billingOf(body, price)
    )
  }
  const body = tryJson(response)
  const code = asNumber(body?.code)
  const perNumber = code === null ? undefined : NUMBER_CODES.get(code)
  // An error answer about the number: no lookup ran (CheckMobi reports charges in the `cost` of a lookup).
  if (perNumber && status < 500) {
    return result(e164, lookup, body, perNumber, { billed: 'free', cost: 0, costEstimated: false })
  }
  throw requestError(response, body)
}

async function lookup(
  e164: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<LiveResult> {
  const key = keyOf(credentials)
  const digits = digitsOf(e164)
  const method: Lookup = settings.lookup ?? 'hlr'
  const response = await get(`/lookup/${method}/${digits}`, key, settings, signal)
  try {
    return readLookupAnswer(e164, method, response, priceOf(settings))
  } catch (error) {
    throw redact(error, key)
  }
}

async function balance(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<{ amount: number; currency: string }> {
  const key = keyOf(credentials)
  const response = await get('/my-account', key, settings, signal)
  try {
    if (response.status < 200 || response.status >= 300) throw requestError(response, tryJson(response))
    const amount = asNumber(asObject(parseJson(PROVIDER, response))?.credit_balance)
    if (amount === null) {
      throw new ProviderError(PROVIDER, 'malformed', 'CheckMobi account details carry no credit balance.', {
        retryable: true,
        maybeProcessed: false,
        httpStatus: response.status
      })
    }
    // The documentation states the credit balance in USD.
    return { amount, currency: 'USD' }
  } catch (error) {
    throw redact(error, key)
  }
}

/**
 * Two free calls: the account details (proves the key, gives the balance) and a number validation (proves the
 * lookup API answers this key). Neither queries a network, so this cannot show HLR coverage of a destination.
 */
async function testConnection(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<ConnectionTest> {
  try {
    const credit = await balance(credentials, settings, signal)
    const key = keyOf(credentials)
    const response = await get(`/lookup/verify/${TEST_NUMBER}`, key, settings, signal)
    if (response.status < 200 || response.status >= 300) {
      const body = tryJson(response)
      // An "invalid number" answer still means the key and the lookup API work.
      if (asNumber(body?.code) !== 2) throw redact(requestError(response, body), key)
    }
    const empty = credit.amount <= 0 ? ' There is no credit left, so paid lookups will be refused.' : ''
    return {
      ok: true,
      message:
        `CheckMobi accepted the key: the free account and number-validation calls answered ` +
        `(credit ${credit.amount.toFixed(2)} ${credit.currency}).${empty} ` +
        `Free calls do not query any network, so they cannot show HLR coverage for your numbers.`,
      balance: credit.amount,
      currency: credit.currency
    }
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, message: error.message }
    throw error
  }
}

export const checkmobiProvider: SingleLookupProvider = {
  kind: 'single',
  info,
  // Every country: destinations without an HLR route are answered by CheckMobi itself (no_coverage).
  covers: (e164) => /^\+[1-9]\d{6,14}$/.test(e164),
  lookup,
  testConnection,
  balance
}
