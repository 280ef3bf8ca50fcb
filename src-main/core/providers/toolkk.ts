// toolkk "手机号在网状态查询 / Phone Number Status Check" (seed 001, research providers.md §2):
// POST /mobile_status/check with an X-API-Key header, answered in toolkk's {code, message, data} envelope.
// The published page shows no request body, no error codes and no prices, and its response example is a
// JSON schema printed as if it were data; what this adapter assumes beyond the page is marked as such.
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
  type Reachability,
  type SingleLookupProvider
} from './types'

const PATH = '/mobile_status/check'

const info: ProviderInfo = {
  id: 'toolkk',
  name: 'toolkk',
  measures:
    'What the mainland-China carrier records say about the number (normal, powered off, suspended, in the ' +
    'network but unusable, pending cancellation, not in the network), with its carrier and whether it was ' +
    'ported, as relayed by the toolkk aggregator; it is not a live network probe.',
  coverage: CHINA_MOBILE_COVERAGE,
  confidence: 'carrier_db',
  defaults: {
    baseUrl: 'https://openapi.toolkk.com',
    concurrency: 4,
    // The page states 60 requests a minute.
    ratePerSecond: 1,
    // The page states a 5000 ms timeout on toolkk's side; waiting a little longer lets its own timeout
    // answer arrive instead of cutting the connection first.
    timeoutMs: 10_000,
    // Estimate: the page publishes no price (research §2.4); the user enters the price from the toolkk console.
    pricePerLookup: 0.05,
    currency: 'CNY'
  },
  keyFields: ['apiKey'],
  envKeys: ['RINGTRUE_TOOLKK_KEY'],
  docsUrl: 'https://www.toolkk.com/en/apis/mobile-status-check',
  bulk: false
}

/** data.result, from the schema's description "0销号或未启用(不在网),1正常,2停机,3在网但不可用,4预销号 5关机". */
const RESULTS: Record<string, { state: LiveState; reason: string; reachability: Reachability }> = {
  '0': { state: 'inactive', reason: 'not_in_network', reachability: 'unknown' },
  '1': { state: 'active', reason: 'in_service', reachability: 'unknown' },
  '2': { state: 'inactive', reason: 'suspended', reachability: 'unknown' },
  '3': { state: 'inactive', reason: 'restricted', reachability: 'unknown' },
  '4': { state: 'inactive', reason: 'pending_cancellation', reachability: 'unknown' },
  // Powered off is still a working subscription, just not reachable at the moment of the query.
  '5': { state: 'active', reason: 'powered_off', reachability: 'unreachable' }
}

const CARRIERS: Record<string, string> = {
  移动: 'China Mobile',
  电信: 'China Telecom',
  联通: 'China Unicom',
  广电: 'China Broadnet'
}

// toolkk documents no error codes, so beyond the HTTP or envelope code the message words decide. Chinese
// gateways often answer errors with HTTP 200 and the real code in the body, hence both are read.
const BALANCE_WORDS = /balance|insufficient|credit|payment|余额|欠费|充值|次数不足|次数已用/i
const RATE_WORDS = /rate.?limit|too many|too frequent|频繁|限流|qps/i
const AUTH_WORDS = /api.?key|token|unauthori[sz]ed|forbidden|密钥|鉴权|认证|授权|无权/i

function errorFromAnswer(response: HttpResponse, body: unknown): ProviderError {
  const envelope = isRecord(body) ? body : undefined
  const bodyCode = Number(codeText(envelope?.code))
  // The envelope's code is the more specific one when the HTTP status is a plain 200.
  const code = Number.isInteger(bodyCode) && bodyCode !== 200 ? bodyCode : response.status
  // A body that is not JSON (a gateway's or maintenance web page) is read for its words but summarized, never
  // quoted: its markup means nothing to a user.
  const shape = body === undefined ? (answerShape(response) ?? 'not_json') : undefined
  const said =
    typeof envelope?.message === 'string'
      ? envelope.message
      : typeof envelope?.msg === 'string'
        ? envelope.msg
        : envelope === undefined
          ? response.text.replace(/<[^>]*>/g, ' ').slice(0, 400)
          : ''
  const where = `(code ${code}${code !== response.status ? `, HTTP ${response.status}` : ''})`
  const tail = shape
    ? ` ${answerSummary(shape, response.status)}`
    : said.trim()
      ? ` ${where}: ${shortText(said)}`
      : ` ${where}`
  const details = { httpStatus: response.status, providerCode: String(code), answer: shape }

  if (code === 402 || BALANCE_WORDS.test(said)) {
    return new ProviderError('toolkk', 'balance', `The toolkk account is out of credit.${tail}`, {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (code === 429 || RATE_WORDS.test(said)) {
    const wait = retryAfterMs(response.headers)
    return new ProviderError(
      'toolkk',
      'rate_limit',
      `toolkk is limiting the request rate${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}.${tail}`,
      { retryable: true, maybeProcessed: false, retryAfterMs: wait, ...details }
    )
  }
  if (code === 401 || code === 403 || AUTH_WORDS.test(said)) {
    return new ProviderError('toolkk', 'auth', `toolkk refused the API key.${tail}`, {
      retryable: false,
      maybeProcessed: false,
      ...details
    })
  }
  if (code >= 500) {
    // Nothing says whether toolkk bills a lookup that failed on its side; only "unavailable" clearly means
    // the request was not taken in, any other server error is left for the ledger to treat as uncertain.
    const notTaken = code === 503
    return new ProviderError('toolkk', 'server', `toolkk had a server error.${tail}`, {
      retryable: notTaken,
      maybeProcessed: !notTaken,
      ...details
    })
  }
  return new ProviderError('toolkk', 'bad_request', `toolkk rejected the request.${tail}`, {
    retryable: false,
    maybeProcessed: false,
    ...details
  })
}

function malformed(response: HttpResponse, what: string): ProviderError {
  return new ProviderError('toolkk', 'malformed', `Unreadable answer from toolkk: ${what}.`, {
    retryable: false,
    maybeProcessed: true,
    httpStatus: response.status
  })
}

// The seed's example gives each field as {type, example, description}. Its "example" is the documentation's
// sample ("1", 正常, 移动), the same for every number, so reading it would report every number as in service:
// such an answer is refused as malformed instead of being believed.
function isSchemaField(value: unknown): boolean {
  return isRecord(value) && ('example' in value || 'type' in value || 'description' in value)
}

async function call(
  body: Record<string, unknown>,
  key: string,
  settings: ProviderSettings,
  signal: AbortSignal | undefined
): Promise<{ envelope: Record<string, unknown>; data: Record<string, unknown>; result: string }> {
  const response = await send('toolkk', {
    method: 'POST',
    url: endpoint(settings.baseUrl || info.defaults.baseUrl, PATH),
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
    timeoutMs: settings.timeoutMs || info.defaults.timeoutMs,
    signal
  })
  if (response.status < 200 || response.status > 299) {
    throw errorFromAnswer(response, lenientJson(response.text))
  }
  const envelope = parseJson('toolkk', response)
  if (!isRecord(envelope)) throw malformed(response, 'not a JSON object')
  const code = codeText(envelope.code)
  if (code !== undefined && code !== '200') throw errorFromAnswer(response, envelope)
  const data = envelope.data
  if (!isRecord(data)) throw malformed(response, 'no data')
  if (isSchemaField(data.result)) {
    throw malformed(response, 'it sent its documentation schema instead of a status')
  }
  const result = codeText(data.result)
  if (result === undefined) throw malformed(response, 'no result code')
  return { envelope, data, result }
}

function carrierOf(channel: unknown): string | null {
  const text = codeText(channel)
  if (!text) return null
  return entry(CARRIERS, text) ?? text
}

function portedOf(transferStatus: unknown): boolean | null {
  const text = codeText(transferStatus)
  return text === '1' ? true : text === '0' ? false : null
}

async function lookup(
  e164: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<LiveResult> {
  const { price, currency } = configuredPrice(settings, info.defaults)
  // The engine filters with covers(); this guard keeps a stray number from being sent (and perhaps paid for).
  if (!isChinaMobile(e164)) return noCoverageResult('toolkk', e164, currency)
  const key = requireKey('toolkk', credentials)
  let answer: Awaited<ReturnType<typeof call>>
  try {
    // The page shows no request body; `mobile` with the 11-digit number is the upstream's parameter (inferred).
    answer = await call({ mobile: chinaNational(e164) }, key, settings, signal)
  } catch (error) {
    throw withoutKey(error, key)
  }
  const { envelope, data, result } = answer
  const mapped = entry(RESULTS, result) ?? {
    state: 'unknown' as const,
    reason: 'inconclusive',
    reachability: 'unknown'
  }
  return {
    provider: 'toolkk',
    e164,
    ...mapped,
    ported: portedOf(data.transferStatus),
    roaming: null,
    carrier: carrierOf(data.channel),
    lineType: null,
    confidence: 'carrier_db',
    // toolkk says nothing about billing; the configured price is counted for every answer so that spending
    // is overestimated rather than missed.
    billed: 'unknown',
    cost: price,
    // Not a certain charge: the page does not document billing, so the UI and CLI show the figure as "≈".
    costEstimated: true,
    currency,
    retryable: false,
    raw: envelope,
    checkedAt: new Date().toISOString()
  }
}

async function testConnection(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<ConnectionTest> {
  let key: string
  try {
    key = requireKey('toolkk', credentials)
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
  try {
    // The page's own request example is an empty object: with no number there is nothing to look up.
    await call({}, key, settings, signal)
    return { ok: true, message: 'toolkk accepted the API key.' }
  } catch (caught) {
    const error = withoutKey(caught, key)
    if (!(error instanceof ProviderError)) throw error
    if (error.kind === 'bad_request') {
      return {
        ok: true,
        message:
          'toolkk did not refuse the API key: a request carrying no number came back as an incomplete request, ' +
          'so nothing was looked up. toolkk documents no free test call and does not say whether it checks ' +
          'the key before the request, so only a real lookup fully proves the key. No balance is shown: ' +
          'toolkk has no balance API.'
      }
    }
    return { ok: false, message: error.message }
  }
}

export const toolkkProvider: SingleLookupProvider = {
  kind: 'single',
  info,
  covers: isChinaMobile,
  testConnection,
  // No balance endpoint is documented (research §2.4).
  balance: async () => null,
  lookup
}
