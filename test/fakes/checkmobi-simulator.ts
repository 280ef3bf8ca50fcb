// A local stand-in for the CheckMobi Lookup API, following the documented contract (research/providers.md §5,
// seed 004): the base URL includes /v1; GET /lookup/hlr/{n}, /lookup/mnp/{n}, /lookup/verify/{n} and /my-account;
// the secret key is the raw value of the Authorization header; errors are {code, error}. It listens on 127.0.0.1
// only, on a free port.
//
// Numbers choose the HLR answer by their last two digits (MNP and verify answers follow the same number type):
//
// | ends in | HLR answer                                                                 | cost      |
// |---------|----------------------------------------------------------------------------|-----------|
// | 00      | reachable connected, processing_status completed, mobile, not ported       | hlrCost   |
// | 01      | absent, completed                                                          | hlrCost   |
// | 02      | no-teleservice-provisioned, completed                                      | hlrCost   |
// | 03      | invalid, completed, number_type mobile                                     | hlrCost   |
// | 04      | invalid, completed, number_type unknown                                    | hlrCost   |
// | 05      | inconclusive, completed                                                    | hlrCost   |
// | 06      | no-coverage, completed                                                     | 0         |
// | 07      | failed, completed                                                          | 0         |
// | 08      | inconclusive, processing_status failed                                     | 0         |
// | 09      | processing_status rejected, landline (fell back to validation)             | 0         |
// | 10      | HTTP 400 code 2 (invalid phone number)                                     | 0         |
// | 11      | HTTP 400 code 18 (no HLR lookup route for this destination)                | 0         |
// | 12      | HTTP 400 code 14 (number temporarily blocked, too many attempts)           | 0         |
// | 13      | connected, completed, ported (current network differs from the original)  | hlrCost   |
// | 14      | HTTP 400 code 13 (destination blocked by application restrictions)         | 0         |
// | other   | as 00                                                                      | hlrCost   |
//
// Account behaviour: a wrong or missing key answers 401 code 1; `lookupsDisabled` answers 403 code 11 on paid
// lookups; a paid lookup that costs more than the balance answers 400 code 5; more than `ratePerSecond` requests
// in a second answer HTTP 429 with no CheckMobi code (CheckMobi documents no lookup rate limit; this stands for a
// gateway's throttle). Past `accountLimit` paid lookups every paid lookup answers code 12 ("Your account exceeded
// one or more limitations", seed 004: an account limit, not a rate); the 'account_limit' mode answers it at once.
// Verify and my-account are free.

import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback, PendingReplies } from './loopback-server'

export const CHECKMOBI_SIM_KEY = 'ringtrue-checkmobi-sim-secret-0123456789'

export type CheckmobiSimulatorMode =
  'normal' | 'slow' | 'drop' | 'malformed' | 'server_error' | 'rate_limit' | 'account_limit'

export interface CheckmobiModeOptions {
  /** slow: how long to hold the answer. */
  delayMs?: number
  /** server_error: the HTTP status (500 by default, or 503). rate_limit: 429 by default, or 400. */
  status?: number
  /** rate_limit: send a Retry-After header with this many seconds. */
  retryAfterSeconds?: number
}

export interface CheckmobiSimulatorOptions {
  apiKey?: string
  /** Paid lookups the account allows; past it every paid lookup answers code 12 (account limits exceeded). */
  accountLimit?: number
  /** Credit in USD. */
  balance?: number
  hlrCost?: number
  mnpCost?: number
  ratePerSecond?: number
  lookupsDisabled?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  at: number
}

export interface CheckmobiSimulator {
  url: string
  close(): Promise<void>
  readonly requests: RecordedRequest[]
  /** USD charged so far. */
  readonly charged: number
  /** USD left. */
  readonly balance: number
  setMode(mode: CheckmobiSimulatorMode, options?: CheckmobiModeOptions): void
}

interface Scenario {
  reachable?: string
  processing: string
  numberType: string
  charged: boolean
  ported?: boolean
  error?: [number, string]
}

const completed = (reachable: string, charged = true): Scenario => ({
  reachable,
  processing: 'completed',
  numberType: 'mobile',
  charged
})

const SCENARIOS: Record<string, Scenario> = {
  '00': completed('connected'),
  '01': completed('absent'),
  '02': completed('no-teleservice-provisioned'),
  '03': completed('invalid'),
  '04': { ...completed('invalid'), numberType: 'unknown' },
  '05': completed('inconclusive'),
  '06': completed('no-coverage', false),
  '07': completed('failed', false),
  '08': { reachable: 'inconclusive', processing: 'failed', numberType: 'mobile', charged: false },
  '09': { processing: 'rejected', numberType: 'landline', charged: false },
  '10': {
    ...completed('invalid', false),
    error: [2, 'Invalid phone number. Phone number should be provided into E.164 format.']
  },
  '11': {
    ...completed('inconclusive', false),
    error: [18, 'No HLR lookup route available for this destination.']
  },
  '12': {
    ...completed('inconclusive', false),
    error: [14, 'Number temporary blocked because of too many attempts.']
  },
  '13': { ...completed('connected'), ported: true },
  '14': {
    ...completed('inconclusive', false),
    error: [13, 'Destination is blocked due to application restrictions.']
  }
}

const ORANGE = {
  country_iso2: 'RO',
  country_prefix: 40,
  country_name: 'Romania',
  mccmnc: '22610',
  mcc: '226',
  mnc: '10',
  area: 'RO',
  network_name: 'Orange'
}
const VODAFONE = { ...ORANGE, mccmnc: '22601', mnc: '01', network_name: 'Vodafone' }

function formats(digits: string) {
  return {
    e164: `+${digits}`,
    international: `+${digits}`,
    national: digits.slice(2),
    rfc3966: `tel:+${digits}`
  }
}

export async function startCheckmobiSimulator(
  options: CheckmobiSimulatorOptions = {}
): Promise<CheckmobiSimulator> {
  const apiKey = options.apiKey ?? CHECKMOBI_SIM_KEY
  const hlrCost = options.hlrCost ?? 0.01
  const mnpCost = options.mnpCost ?? 0.005
  // Money in micro-dollars, so sums stay exact.
  let balanceMicros = Math.round((options.balance ?? 10) * 1e6)
  let chargedMicros = 0
  const requests: RecordedRequest[] = []
  const recent: number[] = []
  const pending = new PendingReplies()
  let mode: CheckmobiSimulatorMode = 'normal'
  let paidLookups = 0
  let modeOptions: CheckmobiModeOptions = {}

  function json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    if (res.destroyed) return
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers
    })
    res.end(text)
  }

  const error = (code: number, description: string) => ({ code, error: description })

  function lookupAnswer(kind: 'hlr' | 'mnp' | 'verify', digits: string, scenario: Scenario, cost: number) {
    const base = {
      id: randomUUID(),
      cost,
      phone_number: `+${digits}`,
      number_type: scenario.numberType,
      timezone: 'Europe/Bucharest',
      format: formats(digits)
    }
    if (kind === 'verify' || scenario.processing === 'rejected') {
      // A verify answer, which is also what a rejected HLR/MNP lookup falls back to.
      const fallback = kind === 'verify' ? {} : { processing_status: 'rejected' }
      return {
        ...base,
        ...fallback,
        original_network: { country_iso2: 'RO', country_prefix: '40', area: 'RO', network_name: 'Orange' }
      }
    }
    const current = scenario.ported ? VODAFONE : ORANGE
    if (kind === 'mnp') {
      return { ...base, processing_status: scenario.processing, imsi: null, current_network: current }
    }
    return {
      ...base,
      is_ported: scenario.ported ?? false,
      reachable: scenario.reachable,
      processing_status: scenario.processing,
      imsi: scenario.reachable === 'connected' ? '226100000000000' : null,
      original_network: ORANGE,
      current_network: current
    }
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value
    }
    const method = req.method ?? 'GET'
    const time = Date.now()
    requests.push({ method, path: url.pathname, headers, at: time })

    if (mode === 'server_error') {
      const status = modeOptions.status ?? 500
      return json(res, status, error(-1, status === 503 ? 'Service Unavailable' : 'Internal Server Error'))
    }
    while (recent.length > 0 && recent[0] <= time - 1000) recent.shift()
    const overLimit = options.ratePerSecond !== undefined && recent.length >= options.ratePerSecond
    if (mode === 'rate_limit' || overLimit) {
      const retry = modeOptions.retryAfterSeconds
      const extra: Record<string, string> = retry === undefined ? {} : { 'Retry-After': String(retry) }
      const status = mode === 'rate_limit' ? (modeOptions.status ?? 429) : 429
      return json(res, status, { error: 'Too Many Requests' }, extra)
    }
    recent.push(time)
    if (headers.authorization !== apiKey)
      return json(res, 401, error(1, 'Invalid or expired API secret key.'))
    if (method !== 'GET') return json(res, 404, error(-1, 'Not found'))

    if (url.pathname === '/v1/my-account') {
      return json(res, 200, {
        email: 'user@example.com',
        subscription: { id: 1, name: 'Startup', limit: 0 },
        cli_validations: 0,
        sms_validations: 0,
        ivr_validations: 0,
        sms_api: 0,
        voice_api: 0,
        expiration_date: Math.floor(time / 1000) + 86_400 * 30,
        credit_balance: balanceMicros / 1e6,
        call_per_minute: 60,
        sms_per_minute: 60,
        max_concurrent_calls: 10
      })
    }

    const match = /^\/v1\/lookup\/([^/]+)\/([^/]+)$/.exec(url.pathname)
    if (!match) return json(res, 404, error(-1, 'Not found'))
    const kind = match[1]
    if (kind !== 'hlr' && kind !== 'mnp' && kind !== 'verify')
      return json(res, 400, error(17, 'Invalid lookup method.'))
    const digits = decodeURIComponent(match[2]).replace(/^\+/, '')
    if (!/^[1-9]\d{6,14}$/.test(digits)) return json(res, 400, error(2, 'Invalid phone number.'))
    const scenario = SCENARIOS[digits.slice(-2)] ?? SCENARIOS['00']

    if (scenario.error && (kind !== 'verify' || scenario.error[0] === 2)) {
      return json(res, 400, error(...scenario.error))
    }
    if (kind !== 'verify' && options.lookupsDisabled) {
      return json(res, 403, error(11, 'This operation is currently disabled for your account.'))
    }
    if (
      kind !== 'verify' &&
      (mode === 'account_limit' ||
        (options.accountLimit !== undefined && paidLookups >= options.accountLimit))
    ) {
      return json(res, 400, error(12, 'Your account exceeded one or more limitations.'))
    }
    if (kind !== 'verify') paidLookups++
    const price = kind === 'hlr' ? hlrCost : kind === 'mnp' ? mnpCost : 0
    const costMicros = kind !== 'verify' && scenario.charged ? Math.round(price * 1e6) : 0
    if (costMicros > balanceMicros) return json(res, 400, error(5, 'Insufficient funds.'))
    balanceMicros -= costMicros
    chargedMicros += costMicros
    const payload = lookupAnswer(kind, digits, scenario, costMicros / 1e6)

    // The lookup has run and is charged; what follows only decides whether the client hears about it.
    if (mode === 'drop') return void req.socket.destroy()
    if (mode === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end(JSON.stringify(payload).slice(0, 40))
    }
    if (mode === 'slow') {
      pending.later(() => {
        json(res, 200, payload)
      }, modeOptions.delayMs ?? 5_000)
      return
    }
    json(res, 200, payload)
  }

  const server = await listenOnLoopback((req, res) => {
    req.resume()
    req.on('end', () => answer(req, res))
  }, pending)
  const { port } = server

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get charged() {
      return chargedMicros / 1e6
    },
    get balance() {
      return balanceMicros / 1e6
    },
    setMode(next, nextOptions = {}) {
      mode = next
      modeOptions = nextOptions
    },
    close: () => server.close()
  }
}
