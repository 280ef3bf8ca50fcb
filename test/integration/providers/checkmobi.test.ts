import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkmobiProvider } from '@core/providers/checkmobi'
import { ProviderError, type LiveResult, type ProviderSettings } from '@core/providers/types'
import {
  CHECKMOBI_SIM_KEY,
  startCheckmobiSimulator,
  type CheckmobiSimulator,
  type CheckmobiSimulatorOptions
} from '../../fakes/checkmobi-simulator'

const CREDENTIALS = { apiKey: CHECKMOBI_SIM_KEY }
const WRONG_KEY = 'wrong-checkmobi-secret-key-9876543210'

let sim: CheckmobiSimulator
const extra: CheckmobiSimulator[] = []

async function simulator(options: CheckmobiSimulatorOptions): Promise<CheckmobiSimulator> {
  const started = await startCheckmobiSimulator(options)
  extra.push(started)
  return started
}

beforeEach(async () => {
  sim = await startCheckmobiSimulator()
})

afterEach(async () => {
  await sim.close()
  await Promise.all(extra.splice(0).map((s) => s.close()))
})

function settings(overrides: Partial<ProviderSettings> = {}, target = sim): ProviderSettings {
  return { baseUrl: target.url, timeoutMs: 3_000, ...overrides }
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

function expectNoSecrets(message: string): void {
  expect(message).not.toContain(CHECKMOBI_SIM_KEY)
  expect(message).not.toContain(WRONG_KEY)
}

describe('CheckMobi HLR: §7 mapping through the simulator', () => {
  type Row = [string, string, Partial<LiveResult>, number]
  const paid = 0.01
  const rows: Row[] = [
    [
      '00',
      'connected (completed)',
      { state: 'active', reason: 'reachable', reachability: 'reachable', retryable: false, ported: false },
      paid
    ],
    [
      '01',
      'absent',
      { state: 'active', reason: 'absent', reachability: 'unreachable', retryable: false },
      paid
    ],
    [
      '02',
      'no-teleservice-provisioned',
      { state: 'inactive', reason: 'restricted', reachability: 'unreachable', retryable: false },
      paid
    ],
    ['03', 'invalid, mobile', { state: 'inactive', reason: 'vacant', reachability: 'unknown' }, paid],
    [
      '04',
      'invalid, not mobile',
      { state: 'invalid', reason: 'bad_number', reachability: 'unknown', lineType: 'unknown' },
      paid
    ],
    ['05', 'inconclusive', { state: 'unknown', reason: 'inconclusive', retryable: false }, paid],
    ['06', 'no-coverage', { state: 'unknown', reason: 'no_coverage', retryable: false }, 0],
    ['07', 'reachable failed', { state: 'unknown', reason: 'lookup_failed', retryable: true }, 0],
    ['08', 'processing_status failed', { state: 'unknown', reason: 'lookup_failed', retryable: true }, 0],
    [
      '09',
      'processing_status rejected (landline, fell back to validation)',
      { state: 'unknown', reason: 'inconclusive', lineType: 'fixed_line', ported: null, retryable: false },
      0
    ],
    [
      '13',
      'connected, ported',
      { state: 'active', reason: 'reachable', ported: true, carrier: 'Vodafone' },
      paid
    ]
  ]

  it.each(rows)('…%s: %s', async (suffix, _label, expected, cost) => {
    const e164 = `+40740000${suffix}`
    const result = await checkmobiProvider.lookup(e164, CREDENTIALS, settings())
    expect(result).toMatchObject({
      provider: 'checkmobi',
      e164,
      roaming: null,
      carrier: 'Orange',
      lineType: 'mobile',
      confidence: 'network',
      billed: cost > 0 ? 'charged' : 'free',
      cost,
      currency: 'USD',
      ...expected
    })
    expect(result.raw).toMatchObject({ phone_number: `+40740000${suffix}` })
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
    expect(sim.charged).toBeCloseTo(cost, 9)
  })

  type CodeRow = [string, number, Partial<LiveResult>]
  const codeRows: CodeRow[] = [
    ['10', 2, { state: 'invalid', reason: 'invalid_format', retryable: false }],
    ['11', 18, { state: 'unknown', reason: 'no_coverage', retryable: false }],
    ['12', 14, { state: 'unknown', reason: 'blocked', retryable: true }],
    ['14', 13, { state: 'unknown', reason: 'blocked', retryable: false }]
  ]

  it.each(codeRows)(
    '…%s: error code %i answers for the number → a free result',
    async (suffix, code, expected) => {
      const result = await checkmobiProvider.lookup(`+40740000${suffix}`, CREDENTIALS, settings())
      expect(result).toMatchObject({
        billed: 'free',
        cost: 0,
        reachability: 'unknown',
        carrier: null,
        ...expected
      })
      expect(result.raw).toMatchObject({ code })
      expect(sim.charged).toBe(0)
    }
  )

  it('sends GET {base}/lookup/hlr/{digits} with the raw key as Authorization', async () => {
    await checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings())
    const [request] = sim.requests
    expect(request.method).toBe('GET')
    expect(request.path).toBe('/v1/lookup/hlr/40740000000')
    expect(request.headers.authorization).toBe(CHECKMOBI_SIM_KEY)
    expect(request.headers['content-type']).toBeUndefined()
  })

  it('accepts a base URL with a trailing slash', async () => {
    await checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({ baseUrl: `${sim.url}/` }))
    expect(sim.requests[0].path).toBe('/v1/lookup/hlr/40740000000')
  })
})

describe('CheckMobi MNP', () => {
  it('reports carrier and portability but no live verdict, at the MNP price', async () => {
    const result = await checkmobiProvider.lookup('+40740000013', CREDENTIALS, settings({ lookup: 'mnp' }))
    expect(sim.requests[0].path).toBe('/v1/lookup/mnp/40740000013')
    expect(result).toMatchObject({
      state: 'unknown',
      reason: 'inconclusive',
      reachability: 'unknown',
      carrier: 'Vodafone',
      confidence: 'carrier_db',
      billed: 'charged',
      cost: 0.005
    })
  })

  it('maps a rejected MNP lookup and an invalid number like HLR does', async () => {
    const rejected = await checkmobiProvider.lookup('+40740000009', CREDENTIALS, settings({ lookup: 'mnp' }))
    expect(rejected).toMatchObject({
      state: 'unknown',
      reason: 'inconclusive',
      billed: 'free',
      lineType: 'fixed_line'
    })
    const invalid = await checkmobiProvider.lookup('+40740000010', CREDENTIALS, settings({ lookup: 'mnp' }))
    expect(invalid).toMatchObject({ state: 'invalid', reason: 'invalid_format' })
    const failed = await checkmobiProvider.lookup('+40740000008', CREDENTIALS, settings({ lookup: 'mnp' }))
    expect(failed).toMatchObject({ state: 'unknown', reason: 'lookup_failed', retryable: true })
  })
})

describe('CheckMobi: account errors', () => {
  it('a wrong key → 401 code 1 → auth, not processed, key not in the message', async () => {
    const error = await failure(checkmobiProvider.lookup('+40740000000', { apiKey: WRONG_KEY }, settings()))
    expect(error.kind).toBe('auth')
    expect(error.details).toMatchObject({ httpStatus: 401, providerCode: '1', maybeProcessed: false })
    expectNoSecrets(error.message)
  })

  it('"Bearer <key>" is not what CheckMobi accepts', async () => {
    const error = await failure(
      checkmobiProvider.lookup('+40740000000', { apiKey: `Bearer ${CHECKMOBI_SIM_KEY}` }, settings())
    )
    expect(error.kind).toBe('auth')
  })

  it('a key not allowed to run lookups → 403 code 11 → auth', async () => {
    const restricted = await simulator({ lookupsDisabled: true })
    const error = await failure(
      checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({}, restricted))
    )
    expect(error.kind).toBe('auth')
    expect(error.details).toMatchObject({ httpStatus: 403, providerCode: '11' })
  })

  it('insufficient credit → code 5 → balance', async () => {
    const poor = await simulator({ balance: 0.005 })
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({}, poor)))
    expect(error.kind).toBe('balance')
    expect(error.details).toMatchObject({ providerCode: '5', retryable: false, maybeProcessed: false })
    expect(poor.charged).toBe(0)
  })

  it('HTTP 429 → rate_limit with Retry-After', async () => {
    sim.setMode('rate_limit', { retryAfterSeconds: 2 })
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings()))
    expect(error.kind).toBe('rate_limit')
    expect(error.details).toMatchObject({
      httpStatus: 429,
      retryAfterMs: 2_000,
      retryable: true,
      maybeProcessed: false
    })
  })

  it("code 12 (account limits exceeded) → quota: not retried, CheckMobi's own words in the message", async () => {
    const limited = await simulator({ accountLimit: 1 })
    await checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({}, limited))
    const error = await failure(checkmobiProvider.lookup('+40740000100', CREDENTIALS, settings({}, limited)))
    expect(error.kind).toBe('quota')
    expect(error.message).toContain('Your account exceeded one or more limitations.')
    expect(error.details).toMatchObject({
      httpStatus: 400,
      providerCode: '12',
      retryable: false,
      maybeProcessed: false
    })
  })

  it('over the simulated per-second limit → rate_limit', async () => {
    const limited = await simulator({ ratePerSecond: 2 })
    const outcomes = await Promise.allSettled(
      ['+40740000000', '+40740000100', '+40740000200'].map((n) =>
        checkmobiProvider.lookup(n, CREDENTIALS, settings({}, limited))
      )
    )
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(rejected).toHaveLength(1)
    expect((rejected[0].reason as ProviderError).kind).toBe('rate_limit')
  })

  it('a wrong base URL (404) → bad_request', async () => {
    const error = await failure(
      checkmobiProvider.lookup(
        '+40740000000',
        CREDENTIALS,
        settings({ baseUrl: sim.url.replace(/\/v1$/, '') })
      )
    )
    expect(error.kind).toBe('bad_request')
    expect(error.message).toMatch(/base URL/)
  })

  it('refuses a missing key or one with control characters before sending', async () => {
    expect((await failure(checkmobiProvider.lookup('+40740000000', { apiKey: ' ' }, settings()))).kind).toBe(
      'auth'
    )
    const broken = await failure(
      checkmobiProvider.lookup('+40740000000', { apiKey: `${CHECKMOBI_SIM_KEY}\r\n` + 'x' }, settings())
    )
    expect(broken.kind).toBe('auth')
    expectNoSecrets(broken.message)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('CheckMobi: transport and server failures (http.ts maybeProcessed semantics)', () => {
  it('500 → server, may have been processed, not blindly retryable', async () => {
    sim.setMode('server_error')
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings()))
    expect(error.kind).toBe('server')
    expect(error.details).toMatchObject({ httpStatus: 500, retryable: false, maybeProcessed: true })
  })

  it('503 → server, refused at the door: retryable, not processed', async () => {
    sim.setMode('server_error', { status: 503 })
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings()))
    expect(error.details).toMatchObject({ httpStatus: 503, retryable: true, maybeProcessed: false })
  })

  it('a malformed body after a charged lookup → malformed, may have been processed', async () => {
    sim.setMode('malformed')
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings()))
    expect(error.kind).toBe('malformed')
    expect(error.details.maybeProcessed).toBe(true)
    expect(sim.charged).toBeCloseTo(0.01, 9)
    expectNoSecrets(error.message)
  })

  it('a dropped connection → network, may have been processed', async () => {
    sim.setMode('drop')
    const error = await failure(checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings()))
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
  })

  it('no answer in time → timeout, may have been processed', async () => {
    sim.setMode('slow', { delayMs: 2_000 })
    const error = await failure(
      checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({ timeoutMs: 200 }))
    )
    expect(error.kind).toBe('timeout')
    expect(error.details.maybeProcessed).toBe(true)
  })

  it('a refused connection → network, never sent, safe to retry', async () => {
    const closed = await simulator({})
    const url = closed.url
    await closed.close()
    const error = await failure(
      checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings({ baseUrl: url }))
    )
    expect(error.kind).toBe('network')
    expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false })
  })
})

describe('CheckMobi: balance and testConnection', () => {
  it('balance reads credit_balance from /my-account, in USD', async () => {
    expect(await checkmobiProvider.balance(CREDENTIALS, settings())).toEqual({ amount: 10, currency: 'USD' })
    await checkmobiProvider.lookup('+40740000000', CREDENTIALS, settings())
    const after = await checkmobiProvider.balance(CREDENTIALS, settings())
    expect(after?.amount).toBeCloseTo(9.99, 9)
    expect(sim.requests.map((r) => r.path)).toEqual([
      '/v1/my-account',
      '/v1/lookup/hlr/40740000000',
      '/v1/my-account'
    ])
  })

  it('balance with a wrong key → auth', async () => {
    const error = await failure(checkmobiProvider.balance({ apiKey: WRONG_KEY }, settings()))
    expect(error.kind).toBe('auth')
    expectNoSecrets(error.message)
  })

  it('testConnection makes two free calls, reports the balance and what it does not prove', async () => {
    const test = await checkmobiProvider.testConnection(CREDENTIALS, settings())
    expect(test).toMatchObject({ ok: true, balance: 10, currency: 'USD' })
    expect(test.message).toMatch(/free/)
    expect(test.message).toMatch(/HLR coverage/)
    expect(sim.requests.map((r) => r.path)).toEqual(['/v1/my-account', '/v1/lookup/verify/12025550100'])
    expect(sim.charged).toBe(0)
  })

  it('testConnection warns when there is no credit left', async () => {
    const empty = await simulator({ balance: 0 })
    const test = await checkmobiProvider.testConnection(CREDENTIALS, settings({}, empty))
    expect(test.ok).toBe(true)
    expect(test.message).toMatch(/no credit left/)
  })

  it('testConnection reports a wrong key without throwing and without the key', async () => {
    const test = await checkmobiProvider.testConnection({ apiKey: WRONG_KEY }, settings())
    expect(test.ok).toBe(false)
    expectNoSecrets(test.message)
  })

  it('testConnection reports an unreachable service', async () => {
    sim.setMode('server_error', { status: 503 })
    const test = await checkmobiProvider.testConnection(CREDENTIALS, settings())
    expect(test.ok).toBe(false)
    expect(test.message).toMatch(/unavailable/)
  })
})

describe('CheckMobi: provider surface', () => {
  it('describes itself completely', () => {
    const { info } = checkmobiProvider
    expect(checkmobiProvider.kind).toBe('single')
    expect(info).toMatchObject({
      id: 'checkmobi',
      confidence: 'network',
      keyFields: ['apiKey'],
      envKeys: ['RINGTRUE_CHECKMOBI_KEY'],
      bulk: false
    })
    expect(info.defaults).toMatchObject({ baseUrl: 'https://api.checkmobi.com/v1', currency: 'USD' })
    expect(info.measures).toMatch(/HLR/)
  })

  it('covers every country, refusing only what is not E.164', () => {
    expect(checkmobiProvider.covers('+40740000000')).toBe(true)
    expect(checkmobiProvider.covers('+15555550100')).toBe(true)
    expect(checkmobiProvider.covers('0740000000')).toBe(false)
  })
})
