// A local stand-in for Telesign PhoneID Live, following the documented contract (research/providers.md §4):
// GET /v1/phoneid/live/{digits}?ucid=…, Basic or TSA HMAC-SHA256 authentication, answers with status.code 300/301
// and errors[] codes. It listens on 127.0.0.1 only, on a free port.
//
// The signature check is written here from the documentation, independently of src-main's telesign-auth.ts, so a
// mistake in the adapter's signing cannot be mirrored by the simulator and pass unnoticed.
//
// Numbers choose the answer by their last two digits:
//
// | ends in | answer                                                                    | billed |
// |---------|---------------------------------------------------------------------------|--------|
// | 00      | 300, ACTIVE + REACHABLE, roaming NO, MOBILE                               | yes    |
// | 01      | 300, ACTIVE + UNREACHABLE, roaming NO, MOBILE                             | yes    |
// | 02      | 300, ACTIVE + UNAVAILABLE, roaming UNAVAILABLE, MOBILE                    | yes    |
// | 03      | 300, DISCONNECTED + UNREACHABLE, MOBILE                                   | yes    |
// | 04      | 300, DISCONNECTED + UNAVAILABLE, FIXED_LINE                               | yes    |
// | 05      | 300, ACTIVE + REACHABLE, roaming YES (France), MOBILE                     | yes    |
// | 06      | 301, live null, phone_type INVALID                                        | yes    |
// | 07      | 301, live null, errors -60001 (no live data)                              | yes    |
// | 08      | 300, ACTIVE + REACHABLE, roaming UNAVAILABLE, FIXED_LINE                  | yes    |
// | 09      | HTTP 404, errors -40001 (status unavailable), not attempted               | no     |
// | 10      | HTTP 400, errors 10033 (trial account, unverified number), not attempted  | no     |
// | 11      | HTTP 400, errors 10041 (blocked for legal compliance), not attempted      | no     |
// | other   | as 00                                                                     | yes    |
//
// Account behaviour (all documented codes): a repeat query of the same number within `repeatWindowMs` answers
// 301 with -60001; more than `ratePerSecond` requests in a second answer 400 -40007; beyond `hardCap` billed
// transactions 429 -40008; beyond `prepaidTransactions` 402 with 10030. Authentication failures answer 401 with
// the -300xx codes: -30004 no header, -30005 unreadable header, -30000 unknown customer, -30015 wrong key
// (Basic), -30006 bad signature, -30007/-30009/-30010 missing, unreadable or stale date, -30008 wrong auth method,
// -30011/-30012 missing or reused nonce. An unknown ucid answers 400 -10001; a path that is not a Live resource
// answers 404 -40004. A request without `Content-Type: application/x-www-form-urlencoded` (seed 003 lists it as a
// required header) answers 415 before authentication; the TSA signature is checked over that Content-Type line.

import { createHmac } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback, PendingReplies } from './loopback-server'

export const TELESIGN_SIM_CUSTOMER_ID = 'FFFFFFFF-EEEE-DDDD-1234-AB1234567890'
/** base64 of "ringtrue telesign simulator key!" (HMAC signing needs a base64 key). */
export const TELESIGN_SIM_API_KEY = Buffer.from('ringtrue telesign simulator key!').toString('base64')

export type TelesignSimulatorMode = 'normal' | 'slow' | 'drop' | 'malformed' | 'server_error' | 'rate_limit'

export interface TelesignModeOptions {
  /** slow: how long to hold the answer. */
  delayMs?: number
  /** server_error: 503 (Telesign's "system unavailable", the default), 500 ("not attempted"), or e.g. 502 for a
   *  gateway's HTML page without Telesign's JSON envelope. */
  status?: number
}

export interface TelesignSimulatorOptions {
  customerId?: string
  apiKey?: string
  repeatWindowMs?: number
  ratePerSecond?: number
  hardCap?: number
  prepaidTransactions?: number
  /** How far the request date may be from the simulator's clock. */
  dateToleranceMs?: number
  /** Shifts the simulator's clock, to make a client's correct date look stale. */
  clockSkewMs?: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  at: number
}

export interface TelesignSimulator {
  url: string
  close(): Promise<void>
  readonly requests: RecordedRequest[]
  /** Billed transactions so far. */
  readonly charged: number
  setMode(mode: TelesignSimulatorMode, options?: TelesignModeOptions): void
}

const USE_CASES = new Set('ATCK BACF BACS CHBK CLDR LEAD OTHR PWRT RESV RXPF SHIP THEF TRVF UNKN'.split(' '))

interface Scenario {
  /** Telesign's status.code: 300 complete, 301 partial, 500 not attempted. */
  status: number
  http?: number
  subscriber?: string
  device?: string
  roaming?: string
  roamingCountry?: string | null
  roamingIso2?: string | null
  phoneType: [string, string]
  errors?: [number, string][]
}

const MOBILE: [string, string] = ['2', 'MOBILE']
const FIXED: [string, string] = ['1', 'FIXED_LINE']
const NO_LIVE_DATA: [number, string] = [-60001, 'PhoneID Live Data Not Found']

const SCENARIOS: Record<string, Scenario> = {
  '00': { status: 300, subscriber: 'ACTIVE', device: 'REACHABLE', roaming: 'NO', phoneType: MOBILE },
  '01': { status: 300, subscriber: 'ACTIVE', device: 'UNREACHABLE', roaming: 'NO', phoneType: MOBILE },
  '02': {
    status: 300,
    subscriber: 'ACTIVE',
    device: 'UNAVAILABLE',
    roaming: 'UNAVAILABLE',
    phoneType: MOBILE
  },
  '03': { status: 300, subscriber: 'DISCONNECTED', device: 'UNREACHABLE', roaming: 'NO', phoneType: MOBILE },
  '04': {
    status: 300,
    subscriber: 'DISCONNECTED',
    device: 'UNAVAILABLE',
    roaming: 'UNAVAILABLE',
    phoneType: FIXED
  },
  '05': {
    status: 300,
    subscriber: 'ACTIVE',
    device: 'REACHABLE',
    roaming: 'YES',
    roamingCountry: 'FRANCE',
    roamingIso2: 'FR',
    phoneType: MOBILE
  },
  '06': { status: 301, phoneType: ['8', 'INVALID'] },
  '07': { status: 301, phoneType: MOBILE, errors: [NO_LIVE_DATA] },
  '08': { status: 300, subscriber: 'ACTIVE', device: 'REACHABLE', roaming: 'UNAVAILABLE', phoneType: FIXED },
  '09': { status: 500, http: 404, phoneType: MOBILE, errors: [[-40001, 'Status unavailable']] },
  '10': {
    status: 500,
    http: 400,
    phoneType: MOBILE,
    errors: [[10033, 'Unverified phone_number requested for trial account.']]
  },
  '11': { status: 500, http: 400, phoneType: MOBILE, errors: [[10041, 'Blocked due to legal compliance']] }
}

const STATUS_TEXT: Record<number, string> = {
  300: 'Transaction successfully completed',
  301: 'Transaction partially completed',
  500: 'Transaction not attempted'
}

function referenceId(): string {
  return Array.from({ length: 32 }, () => '0123456789ABCDEF'[Math.floor(Math.random() * 16)]).join('')
}

/** The string to sign, from the documentation: method, Content-Type, Date (blank when x-ts-date is used), the
 *  x-ts-* headers sorted as name:value, the body if any, and the resource path without the query. */
function expectedStringToSign(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string
): string {
  const usesTsDate = 'x-ts-date' in headers
  const lines = [method, headers['content-type'] ?? '', usesTsDate ? '' : (headers.date ?? '')]
  const tsNames = Object.keys(headers)
    .filter((name) => name.startsWith('x-ts-'))
    .sort()
  for (const name of tsNames) lines.push(`${name}:${headers[name]}`)
  if (body) lines.push(body)
  lines.push(path)
  return lines.join('\n')
}

export async function startTelesignSimulator(
  options: TelesignSimulatorOptions = {}
): Promise<TelesignSimulator> {
  const customerId = options.customerId ?? TELESIGN_SIM_CUSTOMER_ID
  const apiKey = options.apiKey ?? TELESIGN_SIM_API_KEY
  const repeatWindowMs = options.repeatWindowMs ?? 60_000
  const dateToleranceMs = options.dateToleranceMs ?? 15 * 60_000
  const now = () => Date.now() + (options.clockSkewMs ?? 0)

  const requests: RecordedRequest[] = []
  const lastQueried = new Map<string, number>()
  const nonces = new Set<string>()
  const recent: number[] = []
  const pending = new PendingReplies()
  let charged = 0
  let mode: TelesignSimulatorMode = 'normal'
  let modeOptions: TelesignModeOptions = {}

  function json(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return
    const text = JSON.stringify(body)
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
    res.end(text)
  }

  function errorBody(code: number, description: string, statusCode = 500, extra: object = {}) {
    const statusText = statusCode === 501 ? 'Not authorized' : 'Transaction not attempted'
    return {
      reference_id: referenceId(),
      sub_resource: 'live',
      errors: [{ code, description }],
      status: { updated_on: new Date(now()).toISOString(), code: statusCode, description: statusText },
      ...extra
    }
  }

  /** Null when the request is authentic, otherwise the documented 401 answer. */
  function authenticate(method: string, path: string, headers: Record<string, string>, body: string) {
    const unauthorized = (code: number, description: string, extra: object = {}) => ({
      status: 401,
      body: errorBody(code, description, 501, extra)
    })
    const authorization = headers.authorization
    if (!authorization) return unauthorized(-30004, 'Missing required Authorization header.')

    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization)
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0)
        return unauthorized(-30005, 'Required Authorization header is not in the correct format.')
      if (decoded.slice(0, colon) !== customerId) return unauthorized(-30000, 'Invalid Customer ID.')
      if (decoded.slice(colon + 1) !== apiKey) return unauthorized(-30015, 'Invalid API Key.')
      return null
    }

    const tsa = /^TSA ([^:\s]+):(\S+)$/.exec(authorization)
    if (!tsa) return unauthorized(-30005, 'Required Authorization header is not in the correct format.')
    if (tsa[1] !== customerId) return unauthorized(-30000, 'Invalid Customer ID.')
    if (headers['x-ts-auth-method'] !== 'HMAC-SHA256')
      return unauthorized(-30008, 'Invalid X-TS-Auth-Method header.')
    const date = headers['x-ts-date'] ?? headers.date
    if (!date) return unauthorized(-30007, 'Missing required Date or X-TS-Date header.')
    const time = Date.parse(date)
    if (Number.isNaN(time)) return unauthorized(-30009, 'Date or X-TS-Date header is not RFC-822 compliant.')
    if (Math.abs(now() - time) > dateToleranceMs)
      return unauthorized(-30010, 'Date or X-TS-Date header is out of range.')
    const nonce = headers['x-ts-nonce']
    if (!nonce || nonce.length < 8 || nonce.length > 64) {
      return unauthorized(-30011, 'X-TS-Nonce header value is either too long or too short.')
    }
    const stringToSign = expectedStringToSign(method, path, headers, body)
    const expected = createHmac('sha256', Buffer.from(apiKey, 'base64'))
      .update(stringToSign, 'utf8')
      .digest('base64')
    if (tsa[2] !== expected) {
      // Telesign returns the string it signed, to help find the difference.
      return unauthorized(-30006, 'Invalid Signature.', { signature_string: stringToSign })
    }
    if (nonces.has(nonce)) return unauthorized(-30012, 'X-TS-Nonce header value has been used recently.')
    nonces.add(nonce)
    return null
  }

  function liveAnswer(digits: string, scenario: Scenario, repeated: boolean) {
    const countryCode = digits.startsWith('1') ? '1' : digits.slice(0, 2)
    const national = digits.slice(countryCode.length)
    const live =
      repeated || !scenario.subscriber
        ? null
        : {
            subscriber_status: scenario.subscriber,
            device_status: scenario.device,
            roaming: scenario.roaming,
            // The documented example really carries the string "null" here.
            roaming_country: scenario.roamingCountry ?? 'null',
            roaming_country_iso2: scenario.roamingIso2 ?? null
          }
    const errors = repeated ? [NO_LIVE_DATA] : (scenario.errors ?? [])
    const status = repeated ? 301 : scenario.status
    return {
      reference_id: referenceId(),
      sub_resource: 'live',
      errors: errors.map(([code, description]) => ({ code, description })),
      phone_type: { code: scenario.phoneType[0], description: scenario.phoneType[1] },
      status: {
        code: status,
        description: STATUS_TEXT[status],
        updated_on: new Date(now()).toISOString()
      },
      numbering: {
        original: { phone_number: national, complete_phone_number: digits, country_code: countryCode }
      },
      location: { country: { iso2: countryCode === '1' ? 'US' : 'GB', name: 'Simulated' } },
      carrier: { name: 'Simulated Mobile' },
      live
    }
  }

  function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value
    }
    const method = req.method ?? 'GET'
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      at: now()
    })

    if (mode === 'server_error') {
      const status = modeOptions.status ?? 503
      if (status === 500 || status === 503) {
        return json(res, status, errorBody(-90001, 'System unavailable, please try again later.'))
      }
      res.writeHead(status, { 'Content-Type': 'text/html' })
      return void res.end('<html><body><h1>Bad Gateway</h1></body></html>')
    }

    // Seed 003: "Required headers: Content-Type - application/x-www-form-urlencoded" (the signature covers it too).
    const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (contentType !== 'application/x-www-form-urlencoded') {
      return json(res, 415, {
        reference_id: referenceId(),
        errors: [],
        status: {
          updated_on: new Date(now()).toISOString(),
          code: 500,
          description: 'Required header Content-Type: application/x-www-form-urlencoded is missing.'
        }
      })
    }
    const refused = authenticate(method, url.pathname, headers, body)
    if (refused) return json(res, refused.status, refused.body)

    const match = /^\/v1\/phoneid\/live\/([^/]+)$/.exec(url.pathname)
    if (!match) return json(res, 404, errorBody(-40004, 'Resource not found.'))
    if (method !== 'GET') return json(res, 405, errorBody(-40005, 'Method not allowed.'))
    const ucid = url.searchParams.get('ucid')
    if (ucid !== null && !USE_CASES.has(ucid))
      return json(res, 400, errorBody(-10001, 'Invalid Request: ucid Parameter'))

    const time = now()
    while (recent.length > 0 && recent[0] <= time - 1000) recent.shift()
    if (
      mode === 'rate_limit' ||
      (options.ratePerSecond !== undefined && recent.length >= options.ratePerSecond)
    ) {
      return json(res, 400, errorBody(-40007, 'Rate limit exceeded'))
    }
    recent.push(time)
    if (options.hardCap !== undefined && charged >= options.hardCap) {
      return json(res, 429, errorBody(-40008, 'PhoneID Live exceeded transaction hard cap. Request denied.'))
    }
    if (options.prepaidTransactions !== undefined && charged >= options.prepaidTransactions) {
      return json(res, 402, errorBody(10030, 'Insufficient funds in prepaid wallet'))
    }

    const digits = decodeURIComponent(match[1])
    if (!/^[1-9]\d{6,14}$/.test(digits)) {
      return json(res, 400, errorBody(11000, 'Invalid value for parameter phone_number'))
    }
    const scenario = SCENARIOS[digits.slice(-2)] ?? SCENARIOS['00']
    const previous = lastQueried.get(digits)
    const repeated = previous !== undefined && time - previous < repeatWindowMs
    lastQueried.set(digits, time)
    const status = repeated ? 200 : (scenario.http ?? 200)
    const payload = liveAnswer(digits, scenario, repeated)
    if (payload.status.code === 300 || payload.status.code === 301) charged += 1

    // The transaction has run and is billed; what follows only decides whether the client hears about it.
    if (mode === 'drop') return void req.socket.destroy()
    if (mode === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end(JSON.stringify(payload).slice(0, 57))
    }
    if (mode === 'slow') {
      pending.later(() => {
        json(res, status, payload)
      }, modeOptions.delayMs ?? 5_000)
      return
    }
    json(res, status, payload)
  }

  const server = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')))
  }, pending)
  const { port } = server

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get charged() {
      return charged
    },
    setMode(next, nextOptions = {}) {
      mode = next
      modeOptions = nextOptions
    },
    close: () => server.close()
  }
}
