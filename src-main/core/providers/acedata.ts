// Ace Data Cloud "Mobile Number Status Query" (POST /identity/phone/check-1e), seed 000 and research
// providers.md §1. It appears to resell Tencent Cloud's MobileStatus: mainland-China mobile numbers only, a
// `result` code that says whether the lookup happened (only "0" is charged) and a `status_code` that says
// what the carrier records show, meaningful only when result is "0".
import {
  CHINA_MOBILE_COVERAGE,
  chinaNational,
  codeText,
  configuredPrice,
  entry,
  isChinaMobile,
  isRecord,
  lenientJson,
  noCoverageResult,
  requireKey,
  shortText,
  withoutKey
} from './china'
import {
  answerShape,
  answerSummary,
  endpoint,
  parseJson,
  retryAfterMs,
  send,
  type HttpResponse
} from './http'
import {
  ProviderError,
  type ConnectionTest,
  type LiveResult,
  type LiveState,
  type ProviderCredentials,
  type ProviderInfo,
  type ProviderSettings,
  type SingleLookupProvider
} from './types'

const PATH = '/identity/phone/check-1e'

// Eleven zeros is no mainland mobile number: the upstream answers result "-2" (bad format), which the docs
// list among the codes that are never charged, after the token has been checked.
const PROBE_MOBILE = '00000000000'

const info: ProviderInfo = {
  id: 'acedata',
  name: 'Ace Data Cloud',
  measures:
    'Whether the mainland-China carrier lists the number as in service, suspended, cancelled, vacant or out of ' +
    'the network, as relayed by Ace Data Cloud from a carrier-data aggregator; it does not say whether the ' +
    'phone is switched on or reachable right now.',
  coverage: CHINA_MOBILE_COVERAGE,
  confidence: 'carrier_db',
  defaults: {
    baseUrl: 'https://api.acedata.cloud',
    concurrency: 8,
    // Ace documents only its 429 answer; 20/s is the published cap of the Tencent call it appears to resell
    // (research §1.4, inferred), so the default stays at that ceiling.
    ratePerSecond: 20,
    // The answer waits on a carrier query upstream. The official SDK's 300 s default would stall a job for
    // minutes on a hung call; 15 s is well above a normal answer.
    timeoutMs: 15_000,
    // Estimate: Ace publishes no per-call price for this API (research §1.4); the user enters the price the
    // console shows. Charged only for result "0".
    pricePerLookup: 0.03,
    currency: 'USD'
  },
  keyFields: ['apiKey'],
  envKeys: ['RINGTRUE_ACEDATA_KEY'],
  docsUrl: 'https://platform.acedata.cloud/documents/037e2b5b-d0c0-425c-9e13-955ac64d1e07',
  bulk: false
}

/** status_code, read only when result is "0" (a paid lookup). */
const STATUS_CODES: Record<string, { state: LiveState; reason: string; retryable: boolean }> = {
  '0': { state: 'active', reason: 'in_service', retryable: false },
  '1': { state: 'inactive', reason: 'suspended', retryable: false },
  '2': { state: 'inactive', reason: 'disconnected', retryable: false },
  '3': { state: 'inactive', reason: 'vacant', retryable: false },
  '4': { state: 'inactive', reason: 'not_in_network', retryable: false },
  // The carrier had no usable status this time; a later lookup may have one (and is charged again).
  '99': { state: 'unknown', reason: 'inconclusive', retryable: true }
}

/** The result codes that mean no lookup took place; none of them is charged. */
const FREE_RESULTS: Record<string, { state: LiveState; reason: string; retryable: boolean }> = {
  '-1': { state: 'unknown', reason: 'not_found', retryable: true },
  '-2': { state: 'invalid', reason: 'invalid_format', retryable: false },
  '-3': { state: 'unknown', reason: 'provider_busy', retryable: true },
  // Not in Ace's list but in Tencent's: too many lookups of this number today; tomorrow may answer.
  '-4': { state: 'unknown', reason: 'quota_exceeded', retryable: true }
}

// Codes from the docs and the official SDK's error map that mean the token cannot be used for this call.
const AUTH_MESSAGES: Record<string, string> = {
  invalid_token: 'Ace Data Cloud rejected the API token (invalid or missing).',
  no_token: 'Ace Data Cloud received no API token.',
  token_expired: 'The Ace Data Cloud API token has expired.',
  disabled: 'Ace Data Cloud has disabled this service for the account.'
}

function errorFromAnswer(response: HttpResponse, body: unknown): ProviderError {
  const status = response.status
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined
  const code = typeof error?.code === 'string' && error.code ? error.code : undefined
  const said = typeof error?.message === 'string' ? error.message : ''
  // A body that is not JSON (a gateway's web page) is summarized, never quoted.
  const shape = body === undefined ? (answerShape(response) ?? 'not_json') : undefined
  const where = `(${code ? `${code}, ` : ''}HTTP ${status})`
  const tail = shape
    ? ` ${answerSummary(shape, status)}`
    : said.trim()
      ? ` ${where}: ${shortText(said)}`
      : ` ${where}`
  const details = { httpStatus: status, providerCode: code, answer: shape }

  // Before the generic 4xx rules: a 402 (an x402 payment challenge) and used_up both mean no credit left.
  if (code === 'used_up' || status === 402) {
    return new ProviderError(
      'acedata',
      'balance',
      `The Ace Data Cloud balance is used up; top it up.${tail}`,
      {
        retryable: false,
        maybeProcessed: false,
        ...details
      }
    )
  }
  if (code === 'too_many_requests' || status === 429) {
    const wait = retryAfterMs(response.headers)
    return new ProviderError(
      'acedata',
      'rate_limit',
      `Ace Data Cloud is limiting the request rate${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}.${tail}`,
      { retryable: true, maybeProcessed: false, retryAfterMs: wait, ...details }
    )
  }
  // Seed 000 lists "400 token_mismatched" among the bad requests ("missing or invalid parameters"), not as a
  // refused token: the key is fine, the request is not, so the user is not sent to re-enter the key.
  if (code === 'token_mismatched') {
    return new ProviderError(
      'acedata',
      'bad_request',
      `Ace Data Cloud rejected the request as a bad request (parameters missing or invalid).${tail}`,
      { retryable: false, maybeProcessed: false, ...details }
    )
  }
  const authText = code ? entry(AUTH_MESSAGES, code) : undefined
  // The official SDK reads a 403 without a known code as content moderation: this request was refused, not the
  // token (research §1.3).
  if (status === 403 && !authText) {
    return new ProviderError(
      'acedata',
      'bad_request',
      `Ace Data Cloud refused this request (moderation); the token was not questioned.${tail}`,
      { retryable: false, maybeProcessed: false, ...details }
    )
  }
  if (authText || status === 401) {
    const text = authText ?? 'Ace Data Cloud refused the API token.'
    return new ProviderError('acedata', 'auth', `${text}${tail}`, {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (status >= 500) {
    // Ace's own error envelope (500 api_error) means it answered without a result, and only a result "0" is
    // charged; a 503 says the request was not taken in. A bare gateway page (502/504) may hide a lookup that
    // ran, so only then is a resend unsafe.
    const answered = code !== undefined || status === 503
    return new ProviderError('acedata', 'server', `Ace Data Cloud had a server error.${tail}`, {
      retryable: answered,
      maybeProcessed: !answered,
      ...details
    })
  }
  if (code === 'api_not_implemented') {
    return new ProviderError(
      'acedata',
      'bad_request',
      `Ace Data Cloud says this API is not available; the service may have been withdrawn.${tail}`,
      { retryable: false, maybeProcessed: false, ...details }
    )
  }
  return new ProviderError('acedata', 'bad_request', `Ace Data Cloud rejected the request.${tail}`, {
    retryable: false,
    maybeProcessed: false,
    ...details
  })
}

function malformed(response: HttpResponse, what: string): ProviderError {
  return new ProviderError('acedata', 'malformed', `Unreadable answer from Ace Data Cloud: ${what}.`, {
    retryable: false,
    maybeProcessed: true,
    httpStatus: response.status
  })
}

/** One check-1e call; the parsed answer once it carries a result code, else a ProviderError. */
async function check(
  mobile: string,
  key: string,
  settings: ProviderSettings,
  signal: AbortSignal | undefined
): Promise<{ body: Record<string, unknown>; result: string }> {
  const response = await send('acedata', {
    method: 'POST',
    url: endpoint(settings.baseUrl || info.defaults.baseUrl, PATH),
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${key}`,
      'content-type': 'application/json'
    },
    body: JSON.stringify({ mobile }),
    timeoutMs: settings.timeoutMs || info.defaults.timeoutMs,
    signal
  })
  if (response.status < 200 || response.status > 299) {
    throw errorFromAnswer(response, lenientJson(response.text))
  }
  const body = parseJson('acedata', response)
  if (!isRecord(body)) throw malformed(response, 'not a JSON object')
  const result = codeText(body.result)
  if (result !== undefined) return { body, result }
  // A 200 can still carry the error envelope ({success: false, error: {...}}).
  if (body.success === false || isRecord(body.error)) throw errorFromAnswer(response, body)
  throw malformed(response, 'no result code')
}

function toResult(
  e164: string,
  body: Record<string, unknown>,
  result: string,
  settings: ProviderSettings
): LiveResult {
  const { price, currency } = configuredPrice(settings, info.defaults)
  const base = {
    provider: 'acedata' as const,
    e164,
    reachability: 'unknown' as const,
    // Neither the carrier nor porting is in the answer, and the API only takes mobiles without saying so.
    ported: null,
    roaming: null,
    carrier: null,
    lineType: null,
    confidence: 'carrier_db' as const,
    currency,
    raw: body,
    checkedAt: new Date().toISOString()
  }
  if (result === '0') {
    // Paid. A status code we do not know is kept as inconclusive rather than thrown, so the charge is recorded.
    const statusCode = codeText(body.status_code)
    const known = statusCode === undefined ? undefined : entry(STATUS_CODES, statusCode)
    const mapped = known ?? { state: 'unknown' as const, reason: 'inconclusive', retryable: true }
    // Seed 000 documents result "0" as the charging code: the charge is certain, the price is the configured one.
    return { ...base, ...mapped, billed: 'charged', cost: price, costEstimated: false }
  }
  // The docs list only "0" as charged, so any other code, even one we do not know, is free.
  const mapped = entry(FREE_RESULTS, result) ?? {
    state: 'unknown' as const,
    reason: 'lookup_failed',
    retryable: false
  }
  return { ...base, ...mapped, billed: 'free', cost: 0, costEstimated: false }
}

async function lookup(
  e164: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<LiveResult> {
  // The engine filters with covers(); this guard keeps a stray number from being sent (and perhaps paid for).
  if (!isChinaMobile(e164))
    return noCoverageResult('acedata', e164, configuredPrice(settings, info.defaults).currency)
  const key = requireKey('acedata', credentials)
  try {
    const { body, result } = await check(chinaNational(e164), key, settings, signal)
    return toResult(e164, body, result, settings)
  } catch (error) {
    throw withoutKey(error, key)
  }
}

async function testConnection(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<ConnectionTest> {
  let key: string
  try {
    key = requireKey('acedata', credentials)
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
  try {
    const { result } = await check(PROBE_MOBILE, key, settings, signal)
    if (result === '0') {
      return {
        ok: true,
        message:
          'The token works. Unexpectedly, the deliberately invalid test number was answered as a real lookup ' +
          '(result 0), which Ace Data Cloud charges.'
      }
    }
    return {
      ok: true,
      message:
        `The token works: Ace Data Cloud answered a deliberately invalid test number with result ${result}, ` +
        'a code its documentation lists as not charged. Ace has no balance API, so the credit left is not shown.'
    }
  } catch (caught) {
    const error = withoutKey(caught, key)
    if (!(error instanceof ProviderError)) throw error
    // Ace's own validation may turn the test number away before the upstream sees it: the token was not
    // questioned and nothing was looked up.
    if (error.kind === 'bad_request' && error.details.providerCode === 'bad_request') {
      return {
        ok: true,
        message:
          'The token was not questioned: Ace Data Cloud turned away the deliberately invalid test number ' +
          'before any lookup, so nothing was charged.'
      }
    }
    return { ok: false, message: error.message }
  }
}

export const acedataProvider: SingleLookupProvider = {
  kind: 'single',
  info,
  covers: isChinaMobile,
  testConnection,
  // Ace has no documented balance endpoint (research §8): the console is the only place to see the credit.
  balance: async () => null,
  lookup
}
