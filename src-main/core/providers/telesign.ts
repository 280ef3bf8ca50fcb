// Telesign PhoneID Live: GET /v1/phoneid/live/{digits}?ucid=… (research/providers.md §4, mapping in §7.2).
//
// Telesign asks clients to read the codes in the body rather than the HTTP status: a completed lookup is
// status.code 300 (complete) or 301 (partial), and problems arrive as errors[].code. So every answer is read for
// its codes first and the HTTP status is only the fallback for answers without a known code (proxies, gateways).

import { endpoint, parseJson, retryAfterMs, send, type HttpResponse } from './http'
import { isBase64Key, telesignAuthHeaders } from './telesign-auth'
import {
  ProviderError,
  type Billed,
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

const PROVIDER = 'telesign' as const

/** The Content-Type seed 003 requires on every PhoneID Live request ("Required headers"). */
export const TELESIGN_CONTENT_TYPE = 'application/x-www-form-urlencoded'

/** Telesign prices Live per contract and publishes no list price: this is an estimate, set high on purpose so a
 *  budget warning errs on the safe side. The user should replace it with their contract price. */
const ESTIMATED_PRICE_USD = 0.02

/** The use-case codes PhoneID Live accepts (seed 003). OTHR ("other") fits list hygiene best. */
const USE_CASES = new Set([
  'ATCK',
  'BACF',
  'BACS',
  'CHBK',
  'CLDR',
  'LEAD',
  'OTHR',
  'PWRT',
  'RESV',
  'RXPF',
  'SHIP',
  'THEF',
  'TRVF',
  'UNKN'
])
const DEFAULT_USE_CASE = 'OTHR'

/** A number from the range reserved for fiction (NANP 555-0100…0199): never a subscriber's line. */
const TEST_NUMBER = '+12025550100'

/** Status codes of a transaction Telesign completed, fully or partly; those are billed (research §7, inferred). */
const COMPLETED = new Set([300, 301])

/** No live answer for this number on this request: -60001 also comes back for repeated queries of one number
 *  within a short window, and -40001 is "status unavailable". Both are completed lookups without a verdict. */
const NO_LIVE_DATA = new Set([-60001, -40001])

interface ErrorRule {
  kind: ProviderErrorKind
  message: string
  /** Only for transient refusals that Telesign documents as "not attempted". */
  retryable?: boolean
}

const auth = (message: string): ErrorRule => ({ kind: 'auth', message })

/** Codes from seed 003, the Live OpenAPI (research §4.4) and the PhoneID family, in our own words. */
const ERROR_RULES = new Map<number, ErrorRule>([
  [
    -10001,
    auth(
      'Telesign refused the request: this IP address is not allowed, or PhoneID Live is not on the account.'
    )
  ],
  [-10009, auth('Telesign does not accept requests from this IP address.')],
  [-20002, auth('PhoneID Live is not enabled for this customer ID (it is a full-service product).')],
  [-20003, auth('This feature is not enabled for this Telesign customer ID.')],
  [-30000, auth('Telesign does not recognise the customer ID.')],
  [-30001, auth('The Telesign account is suspended.')],
  [-30002, auth('The Telesign account is not activated yet.')],
  [-30003, auth('The Telesign account has reached its new-account limit.')],
  [-30004, auth('Telesign received no Authorization header.')],
  [-30005, auth('Telesign could not read the Authorization header.')],
  [-30006, auth('Telesign rejected the request signature: check the customer ID and API key.')],
  [-30007, auth('Telesign received no request date.')],
  [-30008, auth('Telesign rejected the authentication method.')],
  [-30009, auth('Telesign could not read the request date.')],
  [
    -30010,
    auth("Telesign rejected the request time: check that this computer's clock and time zone are right.")
  ],
  [-30011, auth('Telesign rejected the request nonce.')],
  [-30012, auth('Telesign saw this request nonce before and refused it as a replay.')],
  [-30015, auth('Telesign rejected the API key.')],
  [-40002, auth('Telesign did not authorise this request.')],
  // The transaction status that goes with the codes above, should it come without them.
  [501, auth('Telesign did not authorise this request.')],
  [10008, auth('Telesign rejected the request signature: check the customer ID and API key.')],
  [10012, auth('This feature is not enabled for this Telesign customer ID.')],
  [10013, auth('Telesign cannot find this customer ID.')],
  [10014, auth('Telesign does not accept requests from this IP address.')],
  [10015, auth('Telesign does not recognise the customer ID.')],
  [-40007, { kind: 'rate_limit', message: 'Telesign rate limit exceeded.', retryable: true }],
  [10019, { kind: 'rate_limit', message: 'Telesign rate limit exceeded.', retryable: true }],
  // Seed 003: "-40008 [Product method] exceed transaction hard cap; Request denied". A cap set on the account, not
  // a rate: every further number would be denied the same way, so the job stops instead of retrying each one.
  [
    -40008,
    {
      kind: 'quota',
      message: 'Telesign denied the request: the transaction hard cap for PhoneID Live is reached.'
    }
  ],
  [
    10020,
    {
      kind: 'quota',
      message: 'Telesign denied the request: the transaction hard cap is reached.'
    }
  ],
  [10030, { kind: 'balance', message: 'The Telesign prepaid wallet has insufficient funds.' }],
  [
    10033,
    {
      kind: 'bad_request',
      message: 'A Telesign trial account can only query phone numbers verified on the account.'
    }
  ],
  [10041, { kind: 'bad_request', message: 'Telesign blocked this number for legal compliance.' }],
  [-40004, { kind: 'bad_request', message: 'Telesign does not know this resource: check the base URL.' }],
  [-40005, { kind: 'bad_request', message: 'Telesign does not allow this method on this resource.' }],
  [-90001, { kind: 'server', message: 'Telesign is unavailable; try again later.', retryable: true }],
  [-10000, { kind: 'server', message: 'Telesign is unavailable; try again later.', retryable: true }]
])

/** Telesign's phone_type.description → the app's line types (research §4.2: map on the description). */
const TELESIGN_LINE_TYPES: Record<string, string | null> = {
  FIXED_LINE: 'fixed_line',
  MOBILE: 'mobile',
  PREPAID: 'mobile',
  TOLL_FREE: 'toll_free',
  VOIP: 'voip',
  PAGER: 'pager',
  PAYPHONE: 'fixed_line',
  INVALID: null,
  RESTRICTED_PREMIUM: 'premium_rate',
  PERSONAL: 'personal_number',
  VOICEMAIL: 'voicemail',
  OTHER: 'unknown'
}

const info: ProviderInfo = {
  id: PROVIDER,
  name: 'Telesign PhoneID Live',
  measures:
    "Telesign's live carrier data: whether the subscription is active or disconnected and whether the handset " +
    'is reachable right now, plus roaming, carrier and line type.',
  coverage:
    'All countries in principle; whether a number gets a live answer depends on its country and carrier. ' +
    'Full-service Telesign accounts only.',
  confidence: 'network',
  defaults: {
    baseUrl: 'https://rest-ww.telesign.com',
    concurrency: 4,
    // Telesign's default rate limits are per contract and not published: a cautious guess.
    ratePerSecond: 5,
    // The official SDKs wait 15 s.
    timeoutMs: 15_000,
    pricePerLookup: ESTIMATED_PRICE_USD,
    currency: 'USD'
  },
  keyFields: ['customerId', 'apiKey'],
  envKeys: ['RINGTRUE_TELESIGN_KEY', 'RINGTRUE_TELESIGN_CUSTOMER_ID'],
  docsUrl: 'https://developer.telesign.com/enterprise/reference/submitphonenumberforlivestatus',
  bulk: false
}

interface Credentials {
  customerId: string
  apiKey: string
}

/** A refusal before anything was sent. */
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

function credentialsOf(credentials: ProviderCredentials, mode: 'basic' | 'hmac'): Credentials {
  const customerId = credentials.customerId?.trim() ?? ''
  const apiKey = credentials.apiKey?.trim() ?? ''
  if (!customerId || !apiKey) fail('auth', 'Telesign needs both a customer ID and an API key.')
  // A control character would make fetch reject the header with a message that quotes it, key included.
  if (hasControlCharacter(customerId + apiKey)) {
    fail('auth', 'The Telesign credentials contain invalid characters.')
  }
  if (mode === 'basic' && customerId.includes(':')) fail('auth', 'A Telesign customer ID cannot contain ":".')
  if (mode === 'hmac' && !isBase64Key(apiKey)) {
    fail('auth', 'The Telesign API key is not base64, which signed (HMAC) requests need: check the key.')
  }
  return { customerId, apiKey }
}

/** The price the user configured (their contract price), else the estimate. */
function priceOf(settings: ProviderSettings): number {
  const price = settings.pricePerLookup
  return typeof price === 'number' && Number.isFinite(price) && price >= 0 ? price : ESTIMATED_PRICE_USD
}

function digitsOf(e164: string): string {
  const digits = e164.startsWith('+') ? e164.slice(1) : e164
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    fail('bad_request', 'Not an international number Telesign can look up.')
  }
  return digits
}

function useCaseOf(settings: ProviderSettings): string {
  const useCase = (settings.useCase ?? DEFAULT_USE_CASE).trim().toUpperCase()
  if (!USE_CASES.has(useCase)) fail('bad_request', `Unknown Telesign use case code "${useCase.slice(0, 8)}".`)
  return useCase
}

/** Replaces anything secret that might have slipped into a message (an echoing proxy, an odd error body). */
function redact(error: unknown, secrets: (string | null)[]): unknown {
  if (!(error instanceof ProviderError)) return error
  let message = error.message
  for (const secret of secrets) if (secret && secret.length >= 4) message = message.split(secret).join('***')
  if (message === error.message) return error
  return new ProviderError(error.provider, error.kind, message, error.details)
}

interface Exchange {
  response: HttpResponse
  /** What must never show in a message: the key, the Authorization value and the signature of this request. */
  secrets: (string | null)[]
}

async function get(
  resource: string,
  query: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<Exchange> {
  const mode = settings.authMode ?? 'hmac'
  const { customerId, apiKey } = credentialsOf(credentials, mode)
  // The signed resource is the Telesign path itself, so a base URL with a proxy prefix still signs correctly.
  // Seed 003 lists `Content-Type: application/x-www-form-urlencoded` as a required header even for this GET, and
  // the TSA string-to-sign carries the Content-Type line, so the header is sent and signed as the SDKs sign it.
  const { headers, signature } = telesignAuthHeaders({
    mode,
    customerId,
    apiKey,
    method: 'GET',
    resource,
    contentType: TELESIGN_CONTENT_TYPE
  })
  headers.Accept = 'application/json'
  const secrets = [apiKey, headers.Authorization, signature]
  try {
    const response = await send(PROVIDER, {
      method: 'GET',
      url: `${endpoint(settings.baseUrl, resource)}${query}`,
      headers,
      timeoutMs: settings.timeoutMs,
      signal
    })
    return { response, secrets }
  } catch (error) {
    throw redact(error, secrets)
  }
}

type Json = Record<string, unknown>

function asObject(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null
}

function asCode(value: unknown): number | null {
  const code = typeof value === 'string' ? Number(value) : value
  return typeof code === 'number' && Number.isFinite(code) ? code : null
}

function upper(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().toUpperCase() : null
}

/** Every code in the answer: errors[].code, then a status.code that is not a completion. */
function codesOf(body: Json | null): number[] {
  const codes: number[] = []
  const errors = body?.errors
  if (Array.isArray(errors)) {
    for (const item of errors) {
      const code = asCode(asObject(item)?.code)
      if (code !== null) codes.push(code)
    }
  }
  const status = asCode(asObject(body?.status)?.code)
  if (status !== null && !COMPLETED.has(status)) codes.push(status)
  return codes
}

function statusDetails(response: HttpResponse, code?: number) {
  return { httpStatus: response.status, providerCode: code === undefined ? undefined : String(code) }
}

/** The provider's own description of `code` in the answer, one line and bounded (for a quota stop). */
function descriptionOf(body: Json | null, code: number): string | null {
  const errors = body?.errors
  if (!Array.isArray(errors)) return null
  for (const item of errors) {
    const error = asObject(item)
    if (asCode(error?.code) !== code || typeof error?.description !== 'string') continue
    const text = error.description.replace(/\s+/g, ' ').trim().slice(0, 200)
    if (text) return text
  }
  return null
}

function ruleError(rule: ErrorRule, code: number, response: HttpResponse, body: Json | null): ProviderError {
  const retryable = rule.retryable ?? false
  // A quota stop pauses the job: the user reads Telesign's own words for it.
  const said = rule.kind === 'quota' ? descriptionOf(body, code) : null
  const message = said
    ? `${rule.message} Telesign says: "${said}" (Telesign code ${code})`
    : `${rule.message} (Telesign code ${code})`
  return new ProviderError(PROVIDER, rule.kind, message, {
    retryable,
    // Telesign answers these before attempting the transaction, so nothing was charged.
    maybeProcessed: false,
    retryAfterMs: rule.kind === 'rate_limit' ? retryAfterMs(response.headers) : undefined,
    ...statusDetails(response, code)
  })
}

/** An answer without any code we know, classified by its HTTP status. */
function httpError(response: HttpResponse, body: Json | null): ProviderError {
  const { status } = response
  const details = statusDetails(response)
  if (status === 401 || status === 403) {
    return new ProviderError(PROVIDER, 'auth', `Telesign refused the credentials (HTTP ${status}).`, {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (status === 402) {
    return new ProviderError(PROVIDER, 'balance', 'Telesign asks for payment: the account is out of funds.', {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (status === 429) {
    return new ProviderError(PROVIDER, 'rate_limit', 'Telesign rate limit exceeded (HTTP 429).', {
      retryable: true,
      maybeProcessed: false,
      retryAfterMs: retryAfterMs(response.headers),
      ...details
    })
  }
  if (status >= 500) {
    // Telesign documents its own 500 and 503 answers as "transaction not attempted"; a bare 5xx without its JSON
    // envelope came from something in between (a gateway) and says nothing about whether Telesign charged.
    const notAttempted = body !== null && (status === 500 || status === 503)
    return new ProviderError(PROVIDER, 'server', `Telesign server error (HTTP ${status}).`, {
      retryable: notAttempted,
      maybeProcessed: !notAttempted,
      retryAfterMs: retryAfterMs(response.headers),
      ...details
    })
  }
  return new ProviderError(PROVIDER, 'bad_request', `Telesign rejected the request (HTTP ${status}).`, {
    retryable: false,
    maybeProcessed: false,
    ...details
  })
}

/** JSON body of an error answer, or null when it has none (an HTML gateway page, an empty body). */
function tryJson(response: HttpResponse): Json | null {
  try {
    return asObject(JSON.parse(response.text))
  } catch {
    return null
  }
}

interface Verdict {
  state: LiveState
  reason: string
  reachability: Reachability
  retryable: boolean
}

function verdictOf(body: Json, codes: number[]): Verdict {
  const live = asObject(body.live)
  const subscriber = upper(live?.subscriber_status)
  const device = upper(live?.device_status)
  if (subscriber === 'ACTIVE') {
    if (device === 'REACHABLE') {
      return { state: 'active', reason: 'reachable', reachability: 'reachable', retryable: false }
    }
    if (device === 'UNREACHABLE') {
      return { state: 'active', reason: 'absent', reachability: 'unreachable', retryable: false }
    }
    return { state: 'active', reason: 'in_service', reachability: 'unknown', retryable: false }
  }
  // INACTIVE is not in the current enumeration but appears in older Live answers; it means the same thing.
  if (subscriber === 'DISCONNECTED' || subscriber === 'INACTIVE') {
    return { state: 'inactive', reason: 'disconnected', reachability: 'unknown', retryable: false }
  }
  if (upper(asObject(body.phone_type)?.description) === 'INVALID') {
    return { state: 'invalid', reason: 'bad_number', reachability: 'unknown', retryable: false }
  }
  if (codes.some((code) => NO_LIVE_DATA.has(code))) {
    return { state: 'unknown', reason: 'not_found', reachability: 'unknown', retryable: true }
  }
  return { state: 'unknown', reason: 'inconclusive', reachability: 'unknown', retryable: false }
}

function roamingOf(value: unknown): boolean | null {
  const roaming = upper(value)
  return roaming === 'YES' ? true : roaming === 'NO' ? false : null
}

function lineTypeOf(body: Json): string | null {
  const phoneType = upper(asObject(body.phone_type)?.description)
  if (phoneType === null) return null
  // A type added after this was written is still a line of some kind.
  return phoneType in TELESIGN_LINE_TYPES ? TELESIGN_LINE_TYPES[phoneType] : 'unknown'
}

function result(e164: string, body: Json, verdict: Verdict, billed: Billed, price: number): LiveResult {
  const live = asObject(body.live)
  const carrier = asObject(body.carrier)?.name
  return {
    provider: PROVIDER,
    e164,
    ...verdict,
    // Live does not say whether a number was ported.
    ported: null,
    roaming: roamingOf(live?.roaming),
    carrier: typeof carrier === 'string' && carrier.trim() ? carrier.trim() : null,
    lineType: lineTypeOf(body),
    confidence: 'network',
    billed,
    // Telesign does not report a price per answer, and its document does not say which answers are billed
    // (charged on 300/301 is inferred): count the price as an upper bound and mark the figure as an estimate.
    cost: billed === 'free' ? 0 : price,
    costEstimated: billed !== 'free',
    currency: 'USD',
    raw: body,
    checkedAt: new Date().toISOString()
  }
}

/** Reads one Live answer: a result, or a ProviderError for transport, account and request failures. */
function readLiveAnswer(e164: string, response: HttpResponse, price: number): LiveResult {
  const ok = response.status >= 200 && response.status < 300
  const body = ok ? asObject(parseJson(PROVIDER, response)) : tryJson(response)
  const codes = codesOf(body)
  for (const code of codes) {
    const rule = ERROR_RULES.get(code)
    if (rule) throw ruleError(rule, code, response, body)
  }
  if (ok || (body && codes.includes(-40001))) {
    if (!body || (!('status' in body) && !('live' in body) && !('errors' in body))) {
      throw new ProviderError(PROVIDER, 'malformed', 'Telesign answered without a status or live section.', {
        retryable: false,
        maybeProcessed: true,
        httpStatus: response.status
      })
    }
    const status = asCode(asObject(body.status)?.code)
    return result(
      e164,
      body,
      verdictOf(body, codes),
      status !== null && COMPLETED.has(status) ? 'charged' : 'unknown',
      price
    )
  }
  throw httpError(response, body)
}

async function lookup(
  e164: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<LiveResult> {
  const digits = digitsOf(e164)
  const query = `?ucid=${encodeURIComponent(useCaseOf(settings))}`
  const { response, secrets } = await get(`/v1/phoneid/live/${digits}`, query, credentials, settings, signal)
  try {
    return readLiveAnswer(e164, response, priceOf(settings))
  } catch (error) {
    throw redact(error, secrets)
  }
}

/**
 * Telesign offers no free call for a Live account (no balance or account endpoint), so the test is one Live query
 * for a fictional number. It proves the credentials, the base URL and that Live is enabled; it is billed as one
 * query, and says nothing about how many of the user's numbers Telesign has live data for.
 */
async function testConnection(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<ConnectionTest> {
  try {
    const answer = await lookup(TEST_NUMBER, credentials, settings, signal)
    const note =
      answer.reason === 'not_found' ? ' (no live data for it, which is expected for a fictional number)' : ''
    return {
      ok: true,
      message:
        `Telesign accepted the customer ID and API key and answered a PhoneID Live query for the fictional ` +
        `number +1 202-555-0100${note}. Telesign has no free test call, so this counted as one billed query. ` +
        `It does not show how many of your numbers Telesign has live data for.`
    }
  } catch (error) {
    if (error instanceof ProviderError && error.details.providerCode === '10033') {
      return {
        ok: true,
        message:
          'Telesign accepted the credentials, but this is a trial account: it can only query numbers verified ' +
          'on the account.'
      }
    }
    if (error instanceof ProviderError) return { ok: false, message: error.message }
    throw error
  }
}

export const telesignProvider: SingleLookupProvider = {
  kind: 'single',
  info,
  covers: (e164) => /^\+[1-9]\d{6,14}$/.test(e164),
  lookup,
  testConnection,
  // Telesign has no balance endpoint for Live accounts (research §8).
  balance: async () => null
}
