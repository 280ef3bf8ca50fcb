import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { telesignProvider } from '@core/providers/telesign'
import { telesignAuthHeaders, telesignBasicAuthorization } from '@core/providers/telesign-auth'
import { ProviderError, type LiveResult, type ProviderSettings } from '@core/providers/types'
import {
  startTelesignSimulator,
  TELESIGN_SIM_API_KEY,
  TELESIGN_SIM_CUSTOMER_ID,
  type TelesignSimulator,
  type TelesignSimulatorOptions
} from '../../fakes/telesign-simulator'

const CREDENTIALS = { customerId: TELESIGN_SIM_CUSTOMER_ID, apiKey: TELESIGN_SIM_API_KEY }
/** Valid base64, but not the simulator's key. */
const WRONG_KEY = Buffer.from('some other telesign key').toString('base64')
const PRICE = telesignProvider.info.defaults.pricePerLookup

let sim: TelesignSimulator
const extra: TelesignSimulator[] = []

async function simulator(options: TelesignSimulatorOptions): Promise<TelesignSimulator> {
  const started = await startTelesignSimulator(options)
  extra.push(started)
  return started
}

beforeEach(async () => {
  sim = await startTelesignSimulator()
})

afterEach(async () => {
  await sim.close()
  await Promise.all(extra.splice(0).map((s) => s.close()))
})

function settings(overrides: Partial<ProviderSettings> = {}, target = sim): ProviderSettings {
  return { baseUrl: target.url, timeoutMs: 3_000, authMode: 'hmac', ...overrides }
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError)
    return error as ProviderError
  }
  throw new Error('expected a ProviderError')
}

/** Every secret a Telesign request carries: the key, the Basic token and anything after "TSA customer:". */
function expectNoSecrets(message: string, authorizations: string[] = []): void {
  expect(message).not.toContain(TELESIGN_SIM_API_KEY)
  expect(message).not.toContain(WRONG_KEY)
  expect(message).not.toContain(telesignBasicAuthorization(TELESIGN_SIM_CUSTOMER_ID, TELESIGN_SIM_API_KEY))
  for (const authorization of authorizations) {
    expect(message).not.toContain(authorization)
    const signature = authorization.split(':').pop()!
    expect(message).not.toContain(signature)
  }
}

describe('Telesign: §7 mapping through the simulator', () => {
  type Row = [string, string, Partial<LiveResult>]
  const rows: Row[] = [
    [
      '00',
      'ACTIVE + REACHABLE',
      {
        state: 'active',
        reason: 'reachable',
        reachability: 'reachable',
        roaming: false,
        lineType: 'mobile',
        retryable: false
      }
    ],
    [
      '01',
      'ACTIVE + UNREACHABLE',
      { state: 'active', reason: 'absent', reachability: 'unreachable', roaming: false, retryable: false }
    ],
    [
      '02',
      'ACTIVE + UNAVAILABLE',
      { state: 'active', reason: 'in_service', reachability: 'unknown', roaming: null, retryable: false }
    ],
    [
      '03',
      'DISCONNECTED + UNREACHABLE',
      { state: 'inactive', reason: 'disconnected', reachability: 'unknown', retryable: false }
    ],
    [
      '04',
      'DISCONNECTED + UNAVAILABLE (landline)',
      { state: 'inactive', reason: 'disconnected', reachability: 'unknown', lineType: 'fixed_line' }
    ],
    ['05', 'ACTIVE + REACHABLE, roaming YES', { state: 'active', reason: 'reachable', roaming: true }],
    [
      '06',
      'phone_type INVALID, no live section',
      { state: 'invalid', reason: 'bad_number', reachability: 'unknown', lineType: null, retryable: false }
    ],
    [
      '07',
      '-60001 live data not found',
      { state: 'unknown', reason: 'not_found', reachability: 'unknown', retryable: true, lineType: 'mobile' }
    ],
    ['08', 'roaming UNAVAILABLE, FIXED_LINE', { state: 'active', roaming: null, lineType: 'fixed_line' }]
  ]

  it.each(rows)('…%s: %s', async (suffix, _label, expected) => {
    const e164 = `+155555501${suffix}`
    const result = await telesignProvider.lookup(e164, CREDENTIALS, settings())
    expect(result).toMatchObject({
      provider: 'telesign',
      e164,
      ported: null,
      carrier: 'Simulated Mobile',
      confidence: 'network',
      billed: 'charged',
      cost: PRICE,
      currency: 'USD',
      ...expected
    })
    expect(result.raw).toMatchObject({ sub_resource: 'live' })
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
    expect(sim.charged).toBe(1)
  })

  it('-40001 status unavailable (HTTP 404) is a retryable "not found" result with unknown billing', async () => {
    const result = await telesignProvider.lookup('+15555550109', CREDENTIALS, settings())
    expect(result).toMatchObject({
      state: 'unknown',
      reason: 'not_found',
      retryable: true,
      billed: 'unknown',
      // Unknown billing counts the price as an upper bound, marked as an estimate.
      costEstimated: true
    })
    expect(result.cost).toBe(PRICE)
    expect(sim.charged).toBe(0)
  })

  it('costs a billed answer at the configured (contract) price, marked as an estimate', async () => {
    const result = await telesignProvider.lookup(
      '+15555550100',
      CREDENTIALS,
      settings({ pricePerLookup: 0.0125 })
    )
    expect(result).toMatchObject({ billed: 'charged', cost: 0.0125, costEstimated: true })
  })

  it('a repeated query of the same number inside the window answers -60001: retryable, not an error', async () => {
    const first = await telesignProvider.lookup('+15555550100', CREDENTIALS, settings())
    const second = await telesignProvider.lookup('+15555550100', CREDENTIALS, settings())
    expect(first.state).toBe('active')
    expect(second).toMatchObject({
      state: 'unknown',
      reason: 'not_found',
      retryable: true,
      billed: 'charged'
    })
    expect(second.raw).toMatchObject({ errors: [{ code: -60001 }], live: null })
    expect(sim.charged).toBe(2)
  })

  it('sends GET /v1/phoneid/live/{digits}?ucid=OTHR, without "+", with the Content-Type seed 003 requires', async () => {
    await telesignProvider.lookup('+15555550100', CREDENTIALS, settings())
    const [request] = sim.requests
    expect(request.method).toBe('GET')
    expect(request.path).toBe('/v1/phoneid/live/15555550100')
    expect(request.query).toEqual({ ucid: 'OTHR' })
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request.headers.accept).toBe('application/json')
    expect(request.headers['x-ts-auth-method']).toBe('HMAC-SHA256')
  })

  it('signs the Content-Type line: the simulator verifies the HMAC over it, and Basic sends it too', async () => {
    const result = await telesignProvider.lookup('+15555550100', CREDENTIALS, settings())
    expect(result.state).toBe('active')
    const basic = await telesignProvider.lookup('+15555550200', CREDENTIALS, settings({ authMode: 'basic' }))
    expect(basic.state).toBe('active')
    expect(sim.requests.map((r) => r.headers['content-type'])).toEqual([
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded'
    ])
  })

  it('the simulator refuses a request without the required Content-Type, and a signature made without it', async () => {
    const resource = '/v1/phoneid/live/15555550100'
    const url = `${sim.url}${resource}?ucid=OTHR`
    const unsigned = telesignAuthHeaders({
      mode: 'hmac',
      customerId: TELESIGN_SIM_CUSTOMER_ID,
      apiKey: TELESIGN_SIM_API_KEY,
      method: 'GET',
      resource
    }).headers
    const missing = await fetch(url, { headers: unsigned })
    expect(missing.status).toBe(415)
    // The header added afterwards is not covered by the signature: refused as a bad signature.
    const added = await fetch(url, {
      headers: { ...unsigned, 'Content-Type': 'application/x-www-form-urlencoded' }
    })
    expect(added.status).toBe(401)
    expect(await added.json()).toMatchObject({ errors: [{ code: -30006 }] })
    expect(sim.charged).toBe(0)
  })

  it('sends the configured use case, and refuses an unknown one before sending anything', async () => {
    await telesignProvider.lookup('+15555550100', CREDENTIALS, settings({ useCase: 'lead' }))
    expect(sim.requests[0].query.ucid).toBe('LEAD')
    const error = await failure(
      telesignProvider.lookup('+15555550100', CREDENTIALS, settings({ useCase: 'XXXX' }))
    )
    expect(error.kind).toBe('bad_request')
    expect(error.details.maybeProcessed).toBe(false)
    expect(sim.requests).toHaveLength(1)
  })

  it('a trial account asking for an unverified number (10033) is a bad_request, not charged', async () => {
    const error = await failure(telesignProvider.lookup('+15555550110', CREDENTIALS, settings()))
    expect(error).toMatchObject({ kind: 'bad_request' })
    expect(error.details).toMatchObject({ providerCode: '10033', httpStatus: 400, maybeProcessed: false })
  })

  it('a number blocked for legal compliance (10041) is a bad_request', async () => {
    const error = await failure(telesignProvider.lookup('+15555550111', CREDENTIALS, settings()))
    expect(error.details.providerCode).toBe('10041')
    expect(error.kind).toBe('bad_request')
  })
})

describe('Telesign: account limits', () => {
  it('over the rate limit answers -40007 → rate_limit, retryable, not processed', async () => {
    const limited = await simulator({ ratePerSecond: 2 })
    const outcomes = await Promise.allSettled(
      ['+15555550100', '+15555550200', '+15555550300'].map((n) =>
        telesignProvider.lookup(n, CREDENTIALS, settings({}, limited))
      )
    )
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(rejected).toHaveLength(1)
    const error = rejected[0].reason as ProviderError
    expect(error.kind).toBe('rate_limit')
    expect(error.details).toMatchObject({ providerCode: '-40007', retryable: true, maybeProcessed: false })
    expect(limited.charged).toBe(2)
  })

  it('the rate_limit mode answers -40007 on every request', async () => {
    sim.setMode('rate_limit')
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.kind).toBe('rate_limit')
    expect(error.details.httpStatus).toBe(400)
  })

  it("past the transaction hard cap answers -40008 (HTTP 429) → quota: a stop in the provider's words, not a retry", async () => {
    const capped = await simulator({ hardCap: 1 })
    await telesignProvider.lookup('+15555550100', CREDENTIALS, settings({}, capped))
    const error = await failure(telesignProvider.lookup('+15555550200', CREDENTIALS, settings({}, capped)))
    expect(error.kind).toBe('quota')
    expect(error.message).toContain('exceeded transaction hard cap. Request denied.')
    expect(error.details).toMatchObject({
      providerCode: '-40008',
      httpStatus: 429,
      maybeProcessed: false,
      retryable: false
    })
  })

  it('an empty prepaid wallet (402, 10030) → balance', async () => {
    const broke = await simulator({ prepaidTransactions: 0 })
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings({}, broke)))
    expect(error.kind).toBe('balance')
    expect(error.details).toMatchObject({ providerCode: '10030', httpStatus: 402, retryable: false })
  })
})

describe('Telesign: authentication', () => {
  it('Basic: succeeds with the right customer ID and key', async () => {
    const result = await telesignProvider.lookup('+15555550100', CREDENTIALS, settings({ authMode: 'basic' }))
    expect(result.state).toBe('active')
    expect(sim.requests[0].headers.authorization).toBe(
      telesignBasicAuthorization(TELESIGN_SIM_CUSTOMER_ID, TELESIGN_SIM_API_KEY)
    )
  })

  it('Basic: a wrong key is refused (-30015) → auth, not processed', async () => {
    const error = await failure(
      telesignProvider.lookup(
        '+15555550100',
        { ...CREDENTIALS, apiKey: WRONG_KEY },
        settings({ authMode: 'basic' })
      )
    )
    expect(error.kind).toBe('auth')
    expect(error.details).toMatchObject({ providerCode: '-30015', httpStatus: 401, maybeProcessed: false })
    expectNoSecrets(error.message)
  })

  it('HMAC is the default and the simulator verifies its signature', async () => {
    const result = await telesignProvider.lookup(
      '+15555550100',
      CREDENTIALS,
      settings({ authMode: undefined })
    )
    expect(result.state).toBe('active')
    const headers = sim.requests[0].headers
    expect(headers.authorization).toMatch(new RegExp(`^TSA ${TELESIGN_SIM_CUSTOMER_ID}:[A-Za-z0-9+/]+=*$`))
    expect(headers.authorization).not.toContain(TELESIGN_SIM_API_KEY)
    expect(headers.date).toBeDefined()
    expect(headers['x-ts-nonce']).toBeDefined()
  })

  it('HMAC: a wrong key gives a bad signature (-30006) → auth, with no key or signature in the message', async () => {
    const error = await failure(
      telesignProvider.lookup('+15555550100', { ...CREDENTIALS, apiKey: WRONG_KEY }, settings())
    )
    expect(error.kind).toBe('auth')
    expect(error.details).toMatchObject({ providerCode: '-30006', httpStatus: 401 })
    expect(error.message).not.toContain('x-ts-nonce')
    expectNoSecrets(error.message, [sim.requests[0].headers.authorization])
  })

  it('HMAC: an unknown customer ID (-30000) → auth', async () => {
    const error = await failure(
      telesignProvider.lookup('+15555550100', { ...CREDENTIALS, customerId: 'AAAAAAAA-0000' }, settings())
    )
    expect(error.details.providerCode).toBe('-30000')
    expect(error.kind).toBe('auth')
  })

  it('HMAC: a request date outside the tolerance (-30010) → auth, pointing at the clock', async () => {
    const skewed = await simulator({ clockSkewMs: 60 * 60_000 })
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings({}, skewed)))
    expect(error.kind).toBe('auth')
    expect(error.details.providerCode).toBe('-30010')
    expect(error.message).toMatch(/clock/)
  })

  it('HMAC: a key that is not base64 is refused before anything is sent', async () => {
    const error = await failure(
      telesignProvider.lookup('+15555550100', { ...CREDENTIALS, apiKey: 'not-base64-key!' }, settings())
    )
    expect(error.kind).toBe('auth')
    expect(error.message).not.toContain('not-base64-key!')
    expect(sim.requests).toHaveLength(0)
  })

  it('missing credentials or control characters are refused before anything is sent', async () => {
    const missing = await failure(
      telesignProvider.lookup('+15555550100', { apiKey: TELESIGN_SIM_API_KEY }, settings())
    )
    expect(missing.kind).toBe('auth')
    const broken = await failure(
      telesignProvider.lookup(
        '+15555550100',
        { ...CREDENTIALS, apiKey: `${TELESIGN_SIM_API_KEY}\nx` },
        settings()
      )
    )
    expect(broken.kind).toBe('auth')
    expectNoSecrets(broken.message)
    expect(sim.requests).toHaveLength(0)
  })

  it('the simulator accepts x-ts-date, and refuses a replayed nonce (-30012) and a missing date (-30007)', async () => {
    const resource = '/v1/phoneid/live/15555550100'
    const signed = (nonce: string, dateHeader: 'Date' | 'x-ts-date') =>
      telesignAuthHeaders({
        mode: 'hmac',
        customerId: TELESIGN_SIM_CUSTOMER_ID,
        apiKey: TELESIGN_SIM_API_KEY,
        method: 'GET',
        resource,
        nonce,
        dateHeader,
        contentType: 'application/x-www-form-urlencoded'
      }).headers
    const url = `${sim.url}${resource}?ucid=OTHR`
    const first = await fetch(url, { headers: signed('nonce-0001-aaaa', 'x-ts-date') })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ status: { code: 300 } })

    const replay = await fetch(url, { headers: signed('nonce-0001-aaaa', 'Date') })
    expect(replay.status).toBe(401)
    expect(await replay.json()).toMatchObject({ errors: [{ code: -30012 }] })

    const undated = signed('nonce-0002-bbbb', 'Date')
    delete undated.Date
    const missing = await fetch(url, { headers: undated })
    expect(await missing.json()).toMatchObject({ errors: [{ code: -30007 }] })
  })

  it('the simulator refuses a signature over another resource (-30006) and returns the string it signed', async () => {
    const headers = telesignAuthHeaders({
      mode: 'hmac',
      customerId: TELESIGN_SIM_CUSTOMER_ID,
      apiKey: TELESIGN_SIM_API_KEY,
      method: 'GET',
      resource: '/v1/phoneid/live/15555550199',
      contentType: 'application/x-www-form-urlencoded'
    }).headers
    const response = await fetch(`${sim.url}/v1/phoneid/live/15555550100`, { headers })
    expect(response.status).toBe(401)
    const body = (await response.json()) as { errors: { code: number }[]; signature_string: string }
    expect(body.errors[0].code).toBe(-30006)
    expect(body.signature_string.endsWith('/v1/phoneid/live/15555550100')).toBe(true)
  })
})

describe('Telesign: transport and server failures (http.ts maybeProcessed semantics)', () => {
  it('503 with -90001 → server, retryable, not processed', async () => {
    sim.setMode('server_error')
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.kind).toBe('server')
    expect(error.details).toMatchObject({
      providerCode: '-90001',
      httpStatus: 503,
      retryable: true,
      maybeProcessed: false
    })
  })

  it('500 "transaction not attempted" → server, retryable, not processed', async () => {
    sim.setMode('server_error', { status: 500 })
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.details).toMatchObject({ httpStatus: 500, retryable: true, maybeProcessed: false })
  })

  it("a gateway's 502 page without Telesign's envelope → server, may have been processed", async () => {
    sim.setMode('server_error', { status: 502 })
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.kind).toBe('server')
    expect(error.details).toMatchObject({ httpStatus: 502, retryable: false, maybeProcessed: true })
  })

  it('a malformed body after a billed transaction → malformed, may have been processed', async () => {
    sim.setMode('malformed')
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.kind).toBe('malformed')
    expect(error.details.maybeProcessed).toBe(true)
    expect(sim.charged).toBe(1)
  })

  it('a dropped connection → network, may have been processed', async () => {
    sim.setMode('drop')
    const error = await failure(telesignProvider.lookup('+15555550100', CREDENTIALS, settings()))
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
    expect(sim.charged).toBe(1)
  })

  it('no answer in time → timeout, may have been processed', async () => {
    sim.setMode('slow', { delayMs: 2_000 })
    const error = await failure(
      telesignProvider.lookup('+15555550100', CREDENTIALS, settings({ timeoutMs: 200 }))
    )
    expect(error.kind).toBe('timeout')
    expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
  })

  it('a refused connection → network, never sent, safe to retry', async () => {
    const closed = await simulator({})
    const url = closed.url
    await closed.close()
    const error = await failure(
      telesignProvider.lookup('+15555550100', CREDENTIALS, settings({ baseUrl: url }))
    )
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false })
  })

  it('keeps the key, the Basic token and the signature out of a message even when a proxy echoes them', async () => {
    // A misbehaving proxy answering 200 with a non-JSON page that quotes the request's Authorization header.
    const echo = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end(`${req.headers.authorization} was not understood`)
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
    try {
      for (const authMode of ['basic', 'hmac'] as const) {
        const error = await failure(
          telesignProvider.lookup('+15555550100', CREDENTIALS, { baseUrl, timeoutMs: 2_000, authMode })
        )
        expect(error.kind).toBe('malformed')
        // The page is summarized, never quoted, so nothing it echoes can reach the message.
        expect(error.message).toBe(
          "The server answered with text that is not JSON (HTTP 200) instead of the API's answer."
        )
        expectNoSecrets(error.message)
        expect(error.message).not.toMatch(/TSA [^*\s]+:[A-Za-z0-9+/]{20,}/)
      }
    } finally {
      echo.closeAllConnections()
      await new Promise((resolve) => echo.close(resolve))
    }
  })
})

describe('Telesign: provider surface', () => {
  it('testConnection makes one billed Live query for a fictional number and says so', async () => {
    const test = await telesignProvider.testConnection(CREDENTIALS, settings())
    expect(test.ok).toBe(true)
    expect(test.message).toMatch(/billed/)
    expect(test.message).toMatch(/fictional/)
    expect(sim.requests).toHaveLength(1)
    expect(sim.requests[0].path).toBe('/v1/phoneid/live/12025550100')
    expect(sim.charged).toBe(1)
  })

  it('testConnection reports refused credentials without throwing and without the key', async () => {
    const test = await telesignProvider.testConnection({ ...CREDENTIALS, apiKey: WRONG_KEY }, settings())
    expect(test.ok).toBe(false)
    expect(test.message).toMatch(/signature/)
    expectNoSecrets(test.message)
  })

  it('has no balance API', async () => {
    expect(await telesignProvider.balance(CREDENTIALS, settings())).toBeNull()
  })

  it('describes itself completely', () => {
    const { info } = telesignProvider
    expect(telesignProvider.kind).toBe('single')
    expect(info).toMatchObject({
      id: 'telesign',
      confidence: 'network',
      keyFields: ['customerId', 'apiKey'],
      envKeys: ['RINGTRUE_TELESIGN_KEY', 'RINGTRUE_TELESIGN_CUSTOMER_ID'],
      bulk: false
    })
    expect(info.defaults).toMatchObject({
      baseUrl: 'https://rest-ww.telesign.com',
      currency: 'USD',
      timeoutMs: 15_000
    })
    expect(info.defaults.pricePerLookup).toBeGreaterThan(0)
    expect(info.measures.length).toBeGreaterThan(20)
  })

  it('covers every country, refusing only what is not E.164', () => {
    for (const n of ['+15555550100', '+447400123456', '+8613800138000', '+2348031234567']) {
      expect(telesignProvider.covers(n)).toBe(true)
    }
    expect(telesignProvider.covers('07400123456')).toBe(false)
  })
})
