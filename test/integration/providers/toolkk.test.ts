import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { toolkkProvider } from '../../../src-main/core/providers/toolkk'
import { ProviderError, type ProviderSettings } from '../../../src-main/core/providers/types'
import {
  TOOLKK_SCHEMA_ANSWER,
  TOOLKK_SIM_KEY,
  startToolkkSimulator,
  type ToolkkMode,
  type ToolkkSimulator
} from '../../fakes/toolkk-simulator'

const key = { apiKey: TOOLKK_SIM_KEY }

/** A +86 mobile whose last three digits pick the simulator's answer: porting, carrier, result. */
function number(ported: string, channel: string, last: string): string {
  return `+8613800138${ported}${channel}${last}`
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

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

// providers.md §7.2, toolkk table.
const MAPPING = [
  { result: '1', label: '正常', state: 'active', reason: 'in_service', reachability: 'unknown' },
  { result: '5', label: '关机', state: 'active', reason: 'powered_off', reachability: 'unreachable' },
  { result: '2', label: '停机', state: 'inactive', reason: 'suspended', reachability: 'unknown' },
  { result: '3', label: '在网但不可用', state: 'inactive', reason: 'restricted', reachability: 'unknown' },
  {
    result: '4',
    label: '预销号',
    state: 'inactive',
    reason: 'pending_cancellation',
    reachability: 'unknown'
  },
  { result: '0', label: '销号或未启用', state: 'inactive', reason: 'not_in_network', reachability: 'unknown' }
] as const

// channel → carrier, and transferStatus → ported, from the same table's "other fields".
const CHANNELS = [
  { digit: '0', channel: '移动', carrier: 'China Mobile' },
  { digit: '3', channel: '联通', carrier: 'China Unicom' },
  { digit: '6', channel: '电信', carrier: 'China Telecom' },
  { digit: '8', channel: '广电', carrier: 'China Broadnet' },
  { digit: '9', channel: '(none)', carrier: null }
] as const

describe('toolkk adapter', () => {
  let sim: ToolkkSimulator

  beforeAll(async () => {
    sim = await startToolkkSimulator({ rateLimit: { max: 10_000, windowMs: 60_000 } })
  })
  afterAll(() => sim.close())
  afterEach(() => sim.setMode('normal'))

  it.each(MAPPING)('data.result "$result" $label → $state / $reason', async (row) => {
    const e164 = number('0', '0', row.result)
    const result = await toolkkProvider.lookup(e164, key, settingsFor(sim))
    expect(result).toMatchObject({
      provider: 'toolkk',
      e164,
      state: row.state,
      reason: row.reason,
      reachability: row.reachability,
      ported: false,
      roaming: null,
      carrier: 'China Mobile',
      lineType: null,
      confidence: 'carrier_db',
      billed: 'unknown',
      cost: toolkkProvider.info.defaults.pricePerLookup,
      currency: 'CNY',
      retryable: false
    })
    expect(result.raw).toMatchObject({ code: 200, data: { result: row.result, resultMsg: row.label } })
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
  })

  it.each(CHANNELS)('channel $channel → carrier $carrier', async (row) => {
    const result = await toolkkProvider.lookup(number('0', row.digit, '1'), key, settingsFor(sim))
    expect(result.carrier).toBe(row.carrier)
  })

  it.each([
    ['0', false],
    ['1', true]
  ])('transferStatus "%s" → ported %s', async (digit, ported) => {
    const result = await toolkkProvider.lookup(number(digit, '0', '1'), key, settingsFor(sim))
    expect(result.ported).toBe(ported)
  })

  it('reads an answer whose values are numbers instead of strings', async () => {
    const result = await toolkkProvider.lookup(number('1', '3', '7'), key, settingsFor(sim))
    expect(result).toMatchObject({
      state: 'active',
      reason: 'in_service',
      ported: true,
      carrier: 'China Unicom'
    })
  })

  it('keeps a result code the page does not list as inconclusive', async () => {
    const result = await toolkkProvider.lookup(number('0', '0', '6'), key, settingsFor(sim))
    expect(result).toMatchObject({ state: 'unknown', reason: 'inconclusive', reachability: 'unknown' })
  })

  it('refuses the seed\'s "schema instead of data" answer as malformed instead of believing its example', async () => {
    const before = sim.charged
    const error = await failure(toolkkProvider.lookup(number('0', '0', '8'), key, settingsFor(sim)))
    expect(error.kind).toBe('malformed')
    expect(error.message).toMatch(/schema/)
    expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true, httpStatus: 200 })
    expect(sim.charged).toBe(before + 1)
    // The simulator sent the seed's example unchanged.
    expect(TOOLKK_SCHEMA_ANSWER.data.result.example).toBe('1')
  })

  it('an answer without a result is malformed', async () => {
    const error = await failure(toolkkProvider.lookup(number('0', '0', '9'), key, settingsFor(sim)))
    expect(error.kind).toBe('malformed')
  })

  // Answers the simulator never sends, from a one-off server: odd codes must not break the mapping tables.
  it.each([
    [
      { result: 'constructor', channel: 'toString', transferStatus: '2' },
      { state: 'unknown', carrier: 'toString', ported: null }
    ],
    [
      { result: '1', channel: '' },
      { state: 'active', carrier: null, ported: null }
    ],
    [
      { result: 5, channel: '联通', transferStatus: 0 },
      { reason: 'powered_off', carrier: 'China Unicom', ported: false }
    ]
  ])('reads the unusual answer %j without failing', async (data, expected) => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: '200', message: 'success', data: { orderNo: '1', ...data } }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const result = await toolkkProvider.lookup('+8613800138001', key, { baseUrl: url, timeoutMs: 5000 })
      expect(result).toMatchObject(expected)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('sends the 11-digit national number as `mobile` with the X-API-Key header', async () => {
    sim.requests.length = 0
    await toolkkProvider.lookup('+8613800138001', key, settingsFor(sim))
    const [request] = sim.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/mobile_status/check')
    expect(request.headers['x-api-key']).toBe(TOOLKK_SIM_KEY)
    expect(request.headers.authorization).toBeUndefined()
    expect(request.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request.body)).toEqual({ mobile: '13800138001' })
  })

  it('uses the price passed with the settings', async () => {
    const priced = { ...settingsFor(sim), pricePerLookup: 0.08, currency: 'CNY' }
    expect(await toolkkProvider.lookup('+8613800138001', key, priced)).toMatchObject({
      cost: 0.08,
      currency: 'CNY'
    })
  })

  describe('coverage', () => {
    it.each([
      ['+8613800138000', true],
      ['+8619212345678', true],
      ['+861012345678', false],
      ['+85291234567', false],
      ['+886912345678', false],
      ['+14155550123', false]
    ])('covers(%s) is %s', (e164, expected) => {
      expect(toolkkProvider.covers(e164)).toBe(expected)
    })

    it('answers no_coverage for a number outside China without sending anything', async () => {
      sim.requests.length = 0
      const result = await toolkkProvider.lookup('+447700900123', key, settingsFor(sim))
      expect(result).toMatchObject({ state: 'unknown', reason: 'no_coverage', billed: 'free', cost: 0 })
      expect(sim.requests).toHaveLength(0)
    })
  })

  describe('account errors', () => {
    it('a wrong key is an auth error that was not processed', async () => {
      const error = await failure(
        toolkkProvider.lookup('+8613800138001', { apiKey: 'tk-wrong-0000' }, settingsFor(sim))
      )
      expect(error.kind).toBe('auth')
      expect(error.details).toMatchObject({
        retryable: false,
        maybeProcessed: false,
        httpStatus: 401,
        providerCode: '401'
      })
    })

    it('a missing key is refused before anything is sent', async () => {
      sim.requests.length = 0
      const error = await failure(toolkkProvider.lookup('+8613800138001', { apiKey: '' }, settingsFor(sim)))
      expect(error.kind).toBe('auth')
      expect(sim.requests).toHaveLength(0)
    })

    it('the simulator itself turns away a request without X-API-Key', async () => {
      const response = await fetch(`${sim.url}/mobile_status/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mobile: '13800138001' })
      })
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ code: 401, data: null })
    })

    it('an exhausted balance is a balance error', async () => {
      sim.setMode('balance')
      const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
      expect(error.kind).toBe('balance')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: false, httpStatus: 402 })
    })
  })

  describe('server errors and broken answers', () => {
    it('a 500 is a server error that may have been processed', async () => {
      sim.setMode('server_error')
      const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true, httpStatus: 500 })
    })

    it('a 503 is a server error that was not taken in', async () => {
      sim.setMode('service_unavailable')
      const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false, httpStatus: 503 })
    })

    it('a 200 that is not JSON is malformed', async () => {
      sim.setMode('malformed')
      const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
      expect(error.kind).toBe('malformed')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true, answer: 'html' })
      // The maintenance page is summarized, not quoted.
      expect(error.message).toBe(
        "The server answered with a web page (HTTP 200) instead of the API's answer."
      )
    })

    it.each(['drop_before_body', 'drop_after_body'] as const)(
      'a connection dropped (%s) may have been processed',
      async (mode) => {
        sim.setMode(mode)
        const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
        expect(error.kind).toBe('network')
        expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
      }
    )

    it('a refused connection is safe to retry', async () => {
      const port = await closedPort()
      const error = await failure(
        toolkkProvider.lookup('+8613800138001', key, { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 })
      )
      expect(error.kind).toBe('network')
      expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false })
    })

    it('no answer within the timeout is a timeout that may have been processed', async () => {
      sim.setMode('slow', 2000)
      const before = sim.charged
      const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim, 200)))
      expect(error.kind).toBe('timeout')
      expect(error.details).toMatchObject({ retryable: false, maybeProcessed: true })
      expect(sim.charged).toBe(before + 1)
    })
  })

  describe('testConnection and balance', () => {
    it("sends the page's empty request, which looks nothing up, and says what it proved", async () => {
      sim.requests.length = 0
      const before = sim.charged
      const test = await toolkkProvider.testConnection(key, settingsFor(sim))
      expect(test.ok).toBe(true)
      expect(test.message).toMatch(/only a real lookup/)
      expect(JSON.parse(sim.requests[0].body)).toEqual({})
      expect(sim.charged).toBe(before)
    })

    it('reports a wrong key', async () => {
      const test = await toolkkProvider.testConnection({ apiKey: 'tk-wrong-0000' }, settingsFor(sim))
      expect(test.ok).toBe(false)
      expect(test.message).toMatch(/refused the API key/)
    })

    it('reports an exhausted balance', async () => {
      sim.setMode('balance')
      const test = await toolkkProvider.testConnection(key, settingsFor(sim))
      expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/credit/) })
    })

    it('reports an unreachable base URL', async () => {
      const port = await closedPort()
      const test = await toolkkProvider.testConnection(key, {
        baseUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 5000
      })
      expect(test.ok).toBe(false)
    })

    it('has no balance API', async () => {
      expect(await toolkkProvider.balance(key, settingsFor(sim))).toBeNull()
    })
  })

  it('describes itself completely', () => {
    const { info } = toolkkProvider
    expect(toolkkProvider.kind).toBe('single')
    expect(info).toMatchObject({
      id: 'toolkk',
      coverage: 'Mainland China mobile numbers (+86)',
      confidence: 'carrier_db',
      keyFields: ['apiKey'],
      envKeys: ['RINGTRUE_TOOLKK_KEY'],
      bulk: false,
      defaults: { baseUrl: 'https://openapi.toolkk.com', ratePerSecond: 1 }
    })
    expect(info.measures).toMatch(/carrier/)
  })
})

describe('toolkk errors carried in the envelope of an HTTP 200', () => {
  let sim: ToolkkSimulator
  beforeAll(async () => {
    sim = await startToolkkSimulator({ errorsInBody: true, rateLimit: { max: 1, windowMs: 30_000 } })
  })
  afterAll(() => sim.close())
  afterEach(() => sim.setMode('normal'))

  it.each([
    ['a wrong key', { apiKey: 'tk-wrong-0000' }, 'normal', 'auth', '401'],
    ['an exhausted balance', key, 'balance', 'balance', '402'],
    ['a server error', key, 'server_error', 'server', '500']
  ] as const)('%s is classified by the envelope code', async (_label, credentials, mode, kind, code) => {
    sim.setMode(mode as ToolkkMode)
    // Auth and balance are checked before the rate window, so only the server error uses its one request.
    const error = await failure(toolkkProvider.lookup('+8613800138001', credentials, settingsFor(sim)))
    expect(error.kind).toBe(kind)
    expect(error.details).toMatchObject({ httpStatus: 200, providerCode: code })
  })

  it('a rate-limit code in the envelope is still a rate limit, with Retry-After', async () => {
    const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
    expect(error.kind).toBe('rate_limit')
    expect(error.details).toMatchObject({
      retryable: true,
      maybeProcessed: false,
      httpStatus: 200,
      providerCode: '429'
    })
    expect(error.details.retryAfterMs).toBeGreaterThan(0)
  })

  it('testConnection reports a wrong key', async () => {
    const test = await toolkkProvider.testConnection({ apiKey: 'tk-wrong-0000' }, settingsFor(sim))
    expect(test.ok).toBe(false)
  })
})

describe('toolkk rate limit', () => {
  let sim: ToolkkSimulator
  afterEach(() => sim.close())

  it('enforces 60 a minute by default and answers the 61st with a retryable 429 and Retry-After', async () => {
    sim = await startToolkkSimulator()
    for (let i = 0; i < 60; i++) await toolkkProvider.lookup('+8613800138001', key, settingsFor(sim))
    const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
    expect(error.kind).toBe('rate_limit')
    expect(error.details).toMatchObject({ retryable: true, maybeProcessed: false, httpStatus: 429 })
    expect(error.details.retryAfterMs).toBeGreaterThan(50_000)
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect(sim.charged).toBe(60)
  })

  it('without Retry-After the error carries no wait, and the window reopens', async () => {
    sim = await startToolkkSimulator({ rateLimit: { max: 1, windowMs: 300 }, retryAfterHeader: false })
    await toolkkProvider.lookup('+8613800138001', key, settingsFor(sim))
    const error = await failure(toolkkProvider.lookup('+8613800138001', key, settingsFor(sim)))
    expect(error.kind).toBe('rate_limit')
    expect(error.details.retryAfterMs).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect((await toolkkProvider.lookup('+8613800138001', key, settingsFor(sim))).state).toBe('active')
  })
})

describe('toolkk never shows the key', () => {
  const secret = 'tk-SECRET-0123456789abcdef'

  it('not even when the server echoes a wrong key, and in no error of any kind', async () => {
    const sim = await startToolkkSimulator({ apiKey: secret, echoKeyInErrors: true })
    try {
      const wrong = 'tk-WRONG-fedcba9876543210'
      const auth = await failure(toolkkProvider.lookup('+8613800138001', { apiKey: wrong }, settingsFor(sim)))
      expect(auth.message).toContain('***')
      expect(auth.message).not.toContain(wrong)
      expect(
        (await toolkkProvider.testConnection({ apiKey: wrong }, settingsFor(sim))).message
      ).not.toContain(wrong)

      const messages: string[] = []
      const modes: ToolkkMode[] = [
        'balance',
        'server_error',
        'service_unavailable',
        'malformed',
        'drop_before_body',
        'drop_after_body'
      ]
      for (const mode of modes) {
        sim.setMode(mode)
        messages.push(
          (await failure(toolkkProvider.lookup('+8613800138001', { apiKey: secret }, settingsFor(sim))))
            .message
        )
      }
      sim.setMode('normal')
      messages.push(
        (await failure(toolkkProvider.lookup('+8613800138008', { apiKey: secret }, settingsFor(sim)))).message
      )
      sim.setMode('slow', 2000)
      messages.push(
        (await failure(toolkkProvider.lookup('+8613800138001', { apiKey: secret }, settingsFor(sim, 100))))
          .message
      )
      expect(messages).toHaveLength(modes.length + 2)
      for (const message of messages) expect(message).not.toContain(secret)
    } finally {
      await sim.close()
    }
  })
})
