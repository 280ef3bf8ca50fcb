import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { acedataProvider } from '../../../src-main/core/providers/acedata'
import { ProviderError, type ProviderSettings } from '../../../src-main/core/providers/types'
import {
  ACEDATA_SIM_KEY,
  startAcedataSimulator,
  type AcedataMode,
  type AcedataSimulator
} from '../../fakes/acedata-simulator'

const key = { apiKey: ACEDATA_SIM_KEY }

/** A +86 mobile whose last two digits pick the simulator's answer (see its pattern table). */
function number(secondLast: string, last: string): string {
  return `+86138001380${secondLast}${last}`
}

function settingsFor(sim: { url: string }, timeoutMs = 5000): ProviderSettings {
  return { baseUrl: sim.url, timeoutMs }
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

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

// providers.md §7.2, Ace Data Cloud table: one row per documented code.
const MAPPING = [
  {
    last: '0',
    raw: 'result 0, status_code 0',
    state: 'active',
    reason: 'in_service',
    billed: 'charged',
    retryable: false
  },
  {
    last: '1',
    raw: 'result 0, status_code 1',
    state: 'inactive',
    reason: 'suspended',
    billed: 'charged',
    retryable: false
  },
  {
    last: '2',
    raw: 'result 0, status_code 2',
    state: 'inactive',
    reason: 'disconnected',
    billed: 'charged',
    retryable: false
  },
  {
    last: '3',
    raw: 'result 0, status_code 3',
    state: 'inactive',
    reason: 'vacant',
    billed: 'charged',
    retryable: false
  },
  {
    last: '4',
    raw: 'result 0, status_code 4',
    state: 'inactive',
    reason: 'not_in_network',
    billed: 'charged',
    retryable: false
  },
  {
    last: '5',
    raw: 'result 0, status_code 99',
    state: 'unknown',
    reason: 'inconclusive',
    billed: 'charged',
    retryable: true
  },
  { last: '6', raw: 'result -1', state: 'unknown', reason: 'not_found', billed: 'free', retryable: true },
  {
    last: '9',
    raw: 'result -2',
    state: 'invalid',
    reason: 'invalid_format',
    billed: 'free',
    retryable: false
  },
  { last: '7', raw: 'result -3', state: 'unknown', reason: 'provider_busy', billed: 'free', retryable: true },
  { last: '8', raw: 'result -4', state: 'unknown', reason: 'quota_exceeded', billed: 'free', retryable: true }
] as const

describe('Ace Data Cloud adapter', () => {
  let sim: AcedataSimulator

  beforeAll(async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 10_000, windowMs: 1000 } })
  })
  afterAll(() => sim.close())
  afterEach(() => sim.setMode('normal'))

  describe('maps every documented result code (providers.md §7.2)', () => {
    // Second-to-last digit 0: the docs' example types (result string, status_code number); 1: the OpenAPI's.
    for (const types of ['0', '1']) {
      it.each(MAPPING)(`$raw → $state / $reason (types variant ${types})`, async (row) => {
        const before = sim.charged
        const e164 = number(types, row.last)
        const result = await acedataProvider.lookup(e164, key, settingsFor(sim))
        expect(result).toMatchObject({
          provider: 'acedata',
          e164,
          state: row.state,
          reason: row.reason,
          reachability: 'unknown',
          ported: null,
          roaming: null,
          carrier: null,
          lineType: null,
          confidence: 'carrier_db',
          billed: row.billed,
          cost: row.billed === 'charged' ? acedataProvider.info.defaults.pricePerLookup : 0,
          currency: acedataProvider.info.defaults.currency,
          retryable: row.retryable
        })
        expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
        expect(result.raw).toMatchObject({ description: expect.any(String) })
        // The simulator bills exactly the lookups the adapter reports as charged.
        expect(sim.charged - before).toBe(row.billed === 'charged' ? 1 : 0)
      })
    }
  })

  it('sends the 11-digit national number with a Bearer token as JSON', async () => {
    sim.requests.length = 0
    await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))
    expect(sim.requests).toHaveLength(1)
    const [request] = sim.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/identity/phone/check-1e')
    expect(request.headers.authorization).toBe(`Bearer ${ACEDATA_SIM_KEY}`)
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers.accept).toBe('application/json')
    expect(JSON.parse(request.body)).toEqual({ mobile: '13800138000' })
  })

  it('joins a base URL given with a trailing slash', async () => {
    const result = await acedataProvider.lookup('+8613800138000', key, {
      baseUrl: `${sim.url}/`,
      timeoutMs: 5000
    })
    expect(result.state).toBe('active')
  })

  it('uses the price passed with the settings when the lookup is charged', async () => {
    const priced = { ...settingsFor(sim), pricePerLookup: 0.2, currency: 'CNY' }
    expect(await acedataProvider.lookup(number('0', '0'), key, priced)).toMatchObject({
      cost: 0.2,
      currency: 'CNY'
    })
    expect(await acedataProvider.lookup(number('0', '6'), key, priced)).toMatchObject({
      cost: 0,
      billed: 'free'
    })
  })

  // Answers the simulator never sends (codes outside the docs), from a one-off server.
  it.each([
    [
      { result: '0', status_code: 7 },
      { state: 'unknown', reason: 'inconclusive', billed: 'charged' }
    ],
    [
      { result: 0, status_code: 'toString' },
      { state: 'unknown', reason: 'inconclusive', billed: 'charged' }
    ],
    [{ result: '0' }, { state: 'unknown', reason: 'inconclusive', billed: 'charged' }],
    [
      { result: '-9', status_code: 99 },
      { state: 'unknown', reason: 'lookup_failed', billed: 'free', cost: 0 }
    ],
    [
      { result: 'constructor', status_code: 99 },
      { state: 'unknown', reason: 'lookup_failed', billed: 'free' }
    ]
  ])('reads the undocumented answer %j without failing', async (body, expected) => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ description: 'Success', ...body }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const result = await acedataProvider.lookup('+8613800138000', key, { baseUrl: url, timeoutMs: 5000 })
      expect(result).toMatchObject(expected)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  describe('coverage', () => {
    it.each([
      ['+8613800138000', true],
      ['+8619212345678', true], // China Broadnet
      ['+8617012345678', true], // a virtual operator
      ['+861012345678', false], // a Beijing landline
      ['+8614012345678', false], // 140 is not a mobile range
      ['+85291234567', false], // Hong Kong
      ['+14155550123', false],
      ['+447700900123', false],
      ['13800138000', false] // not E.164
    ])('covers(%s) is %s', (e164, expected) => {
      expect(acedataProvider.covers(e164)).toBe(expected)
    })

    it('answers no_coverage for a number outside China without sending anything', async () => {
      sim.requests.length = 0
      const result = await acedataProvider.lookup('+14155550123', key, settingsFor(sim))
      expect(result).toMatchObject({ state: 'unknown', reason: 'no_coverage', billed: 'free', cost: 0 })
      expect(sim.requests).toHaveLength(0)
    })
  })

  describe('account errors', () => {
    it('a wrong token is an auth error that was not processed', async () => {
      const error = await failure(
        acedataProvider.lookup('+8613800138000', { apiKey: 'wrong-token-1234' }, settingsFor(sim))
      )
      expect(error.kind).toBe('auth')
      expect(error.details).toMatchObject({
        retryable: false,
        maybeProcessed: false,
        httpStatus: 401,
        providerCode: 'invalid_token'
      })
    })

    it('a missing token is refused before anything is sent', async () => {
      sim.requests.length = 0
      const error = await failure(
        acedataProvider.lookup('+8613800138000', { apiKey: '  ' }, settingsFor(sim))
      )
      expect(error.kind).toBe('auth')
      expect(sim.requests).toHaveLength(0)
    })

    it('a token a header cannot carry is refused before anything is sent', async () => {
      sim.requests.length = 0
      const error = await failure(
        acedataProvider.lookup('+8613800138000', { apiKey: 'abc\r\ndef' }, settingsFor(sim))
      )
      expect(error.kind).toBe('auth')
      expect(error.message).not.toContain('abc')
      expect(sim.requests).toHaveLength(0)
    })

    it('the simulator itself turns away a request without authorization', async () => {
      const response = await fetch(`${sim.url}/identity/phone/check-1e`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mobile: '13800138000' })
      })
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ success: false, error: { code: 'invalid_token' } })
    })

    it.each([
      ['used_up', 'balance', 403, 'used_up'],
      ['payment_required', 'balance', 402, undefined],
      // Seed 000: "400 token_mismatched: Bad request, possibly due to missing or invalid parameters" — not a key.
      ['token_mismatched', 'bad_request', 400, 'token_mismatched'],
      // A 403 without a code is moderation (the official SDK's reading), not a refused key.
      ['moderation', 'bad_request', 403, undefined],
      ['disabled', 'auth', 403, 'disabled'],
      ['not_implemented', 'bad_request', 400, 'api_not_implemented']
    ] as const)('%s → %s', async (mode, kind, httpStatus, providerCode) => {
      sim.setMode(mode as AcedataMode)
      const before = sim.charged
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe(kind)
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: false, httpStatus })
      expect(error.details.providerCode).toBe(providerCode)
      expect(sim.charged).toBe(before)
    })
  })

  describe('server errors and broken answers', () => {
    it('500 api_error is a server error that was not charged, so it can be sent again', async () => {
      sim.setMode('server_error')
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({
        retryable: true,
        maybeProcessed: false,
        httpStatus: 500,
        providerCode: 'api_error'
      })
      expect(error.message).toContain('fetch failed')
    })

    it('a 502 page from a proxy is a server error that may have been processed', async () => {
      sim.setMode('bad_gateway')
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true, httpStatus: 502 })
    })

    it.each([
      ['not_implemented_page', "The server answered with a web page (HTTP 501) instead of the API's answer."],
      ['bad_gateway', "The server answered with a web page (HTTP 502) instead of the API's answer."],
      ['empty_gateway', "The server sent an empty answer (HTTP 502) instead of the API's answer."],
      ['malformed', "The server answered with text that is not JSON (HTTP 200) instead of the API's answer."]
    ] as const)(
      "an answer that is not the API's JSON (%s) is summarized, never quoted",
      async (mode, summary) => {
        sim.setMode(mode)
        const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
        expect(error.message).toContain(summary)
        expect(error.message).not.toContain('<')
        expect(error.message).not.toMatch(/nginx|Not Implemented|Bad Gateway|Succ/)
        expect(error.details.answer).toBe(
          mode === 'empty_gateway' ? 'empty' : mode === 'malformed' ? 'not_json' : 'html'
        )
      }
    )

    it('a 503 is a server error that was not taken in', async () => {
      sim.setMode('service_unavailable')
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false, httpStatus: 503 })
    })

    it.each(['malformed', 'no_result'] as const)(
      'a 200 that is %s is a malformed error that may have been charged',
      async (mode) => {
        sim.setMode(mode)
        const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
        expect(error.kind).toBe('malformed')
        expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true, httpStatus: 200 })
      }
    )

    it('a connection dropped before the body is read may still have been processed', async () => {
      sim.setMode('drop_before_body')
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe('network')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
    })

    it('a connection dropped after the lookup ran is uncertain, and the simulator did charge it', async () => {
      sim.setMode('drop_after_body')
      const before = sim.charged
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
      expect(error.kind).toBe('network')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
      expect(sim.charged).toBe(before + 1)
    })

    it('a refused connection never reached the provider and is safe to retry', async () => {
      const port = await closedPort()
      const error = await failure(
        acedataProvider.lookup('+8613800138000', key, {
          baseUrl: `http://127.0.0.1:${port}`,
          timeoutMs: 5000
        })
      )
      expect(error.kind).toBe('network')
      expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false })
    })

    it('no answer within the timeout is a timeout that may have been processed', async () => {
      sim.setMode('slow', 2000)
      const started = Date.now()
      const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim, 200)))
      expect(error.kind).toBe('timeout')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
      expect(Date.now() - started).toBeLessThan(1500)
    })

    it('a slow answer within the timeout is read normally', async () => {
      sim.setMode('slow', 150)
      const result = await acedataProvider.lookup('+8613800138001', key, settingsFor(sim, 3000))
      expect(result.reason).toBe('suspended')
    })

    it('a cancelled lookup says so', async () => {
      sim.setMode('slow', 2000)
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 50)
      const error = await failure(
        acedataProvider.lookup('+8613800138000', key, settingsFor(sim), controller.signal)
      )
      expect(error.kind).toBe('network')
      expect(error.message).toMatch(/cancelled/)
    })
  })

  describe('testConnection and balance', () => {
    it('proves the token with an invalid number that is not charged', async () => {
      sim.requests.length = 0
      const before = sim.charged
      const test = await acedataProvider.testConnection(key, settingsFor(sim))
      expect(test.ok).toBe(true)
      expect(test.message).toMatch(/not charged/)
      expect(JSON.parse(sim.requests[0].body)).toEqual({ mobile: '00000000000' })
      expect(sim.charged).toBe(before)
    })

    it('reports a wrong token', async () => {
      const test = await acedataProvider.testConnection({ apiKey: 'wrong-token-1234' }, settingsFor(sim))
      expect(test.ok).toBe(false)
      expect(test.message).toMatch(/token/i)
      expect(test.message).not.toContain('wrong-token-1234')
    })

    it('reports an empty balance', async () => {
      sim.setMode('used_up')
      const test = await acedataProvider.testConnection(key, settingsFor(sim))
      expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/balance/) })
    })

    it('reports a missing key without sending anything', async () => {
      sim.requests.length = 0
      const test = await acedataProvider.testConnection({ apiKey: '' }, settingsFor(sim))
      expect(test.ok).toBe(false)
      expect(sim.requests).toHaveLength(0)
    })

    it('reports an unreachable base URL', async () => {
      const port = await closedPort()
      const test = await acedataProvider.testConnection(key, {
        baseUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 5000
      })
      expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/ECONNREFUSED/) })
    })

    it('has no balance API', async () => {
      expect(await acedataProvider.balance(key, settingsFor(sim))).toBeNull()
    })
  })

  it('describes itself completely', () => {
    const { info } = acedataProvider
    expect(acedataProvider.kind).toBe('single')
    expect(info).toMatchObject({
      id: 'acedata',
      coverage: 'Mainland China mobile numbers (+86)',
      confidence: 'carrier_db',
      keyFields: ['apiKey'],
      envKeys: ['RINGTRUE_ACEDATA_KEY'],
      bulk: false,
      defaults: { baseUrl: 'https://api.acedata.cloud' }
    })
    expect(info.measures).toMatch(/carrier/)
    expect(info.docsUrl).toMatch(/^https:\/\//)
    for (const value of [info.defaults.concurrency, info.defaults.ratePerSecond, info.defaults.timeoutMs]) {
      expect(value).toBeGreaterThan(0)
    }
  })
})

describe('Ace Data Cloud rate limit', () => {
  let sim: AcedataSimulator
  afterEach(() => sim.close())

  it('a 429 is a retryable rate-limit error that honours Retry-After and was not charged', async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 2, windowMs: 30_000 } })
    await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))
    await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))
    const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
    expect(error.kind).toBe('rate_limit')
    expect(error.details).toMatchObject({
      retryable: true,
      maybeProcessed: false,
      httpStatus: 429,
      providerCode: 'too_many_requests'
    })
    expect(error.details.retryAfterMs).toBeGreaterThan(25_000)
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(30_000)
    expect(error.message).toMatch(/retry in \d+ s/)
    expect(sim.charged).toBe(2)
  })

  it('without Retry-After the error carries no wait', async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 1, windowMs: 30_000 }, retryAfterHeader: false })
    await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))
    const error = await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))
    expect(error.kind).toBe('rate_limit')
    expect(error.details.retryAfterMs).toBeUndefined()
  })

  it('answers again once the window has passed', async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 1, windowMs: 300 } })
    await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))
    expect((await failure(acedataProvider.lookup('+8613800138000', key, settingsFor(sim)))).kind).toBe(
      'rate_limit'
    )
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect((await acedataProvider.lookup('+8613800138000', key, settingsFor(sim))).state).toBe('active')
  })
})

describe('Ace Data Cloud never shows the key', () => {
  const secret = 'sk-ACE-secret-0123456789abcdef'
  let sim: AcedataSimulator

  beforeAll(async () => {
    sim = await startAcedataSimulator({ apiKey: secret, echoKeyInErrors: true })
  })
  afterAll(() => sim.close())

  it('not even when the server echoes a wrong key in its error text', async () => {
    const wrong = 'sk-ACE-wrong-9876543210fedcba'
    const error = await failure(acedataProvider.lookup('+8613800138000', { apiKey: wrong }, settingsFor(sim)))
    expect(error.kind).toBe('auth')
    expect(error.message).toContain('***')
    expect(error.message).not.toContain(wrong)
    expect(error.stack ?? '').not.toContain(wrong)
    const test = await acedataProvider.testConnection({ apiKey: wrong }, settingsFor(sim))
    expect(test.message).not.toContain(wrong)
  })

  it('in no error of any kind', async () => {
    const messages: string[] = []
    const modes: AcedataMode[] = [
      'used_up',
      'payment_required',
      'token_mismatched',
      'moderation',
      'disabled',
      'not_implemented',
      'server_error',
      'bad_gateway',
      'service_unavailable',
      'malformed',
      'no_result',
      'drop_before_body',
      'drop_after_body'
    ]
    for (const mode of modes) {
      sim.setMode(mode)
      messages.push(
        (await failure(acedataProvider.lookup('+8613800138000', { apiKey: secret }, settingsFor(sim))))
          .message
      )
    }
    sim.setMode('slow', 2000)
    messages.push(
      (await failure(acedataProvider.lookup('+8613800138000', { apiKey: secret }, settingsFor(sim, 100))))
        .message
    )
    const limited = await startAcedataSimulator({ apiKey: secret, rateLimit: { max: 0, windowMs: 60_000 } })
    try {
      messages.push(
        (await failure(acedataProvider.lookup('+8613800138000', { apiKey: secret }, settingsFor(limited))))
          .message
      )
    } finally {
      await limited.close()
    }
    expect(messages).toHaveLength(modes.length + 2)
    for (const message of messages) expect(message).not.toContain(secret)
  })
})
