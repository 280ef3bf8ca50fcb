import { afterEach, describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import * as XLSX from 'xlsx'
import {
  checknumberProvider as provider,
  checknumberResultsFor,
  statedMinimum
} from '@core/providers/checknumber'
import { ProviderError, type BulkTask, type LiveResult, type ProviderSettings } from '@core/providers/types'
import {
  simulatedStatus,
  startChecknumberSimulator,
  type ChecknumberSimulator,
  type ChecknumberSimulatorOptions
} from '../../fakes/checknumber-simulator'

const KEY = 'cn-test-key-7f3a9c2e51'
const PRICE = 0.002

let sim: ChecknumberSimulator | null = null

afterEach(async () => {
  await sim?.close()
  sim = null
})

async function start(options: ChecknumberSimulatorOptions = {}): Promise<ChecknumberSimulator> {
  sim = await startChecknumberSimulator({ apiKey: KEY, pricePerRow: PRICE, ...options })
  return sim
}

function settings(s: ChecknumberSimulator, timeoutMs = 5000): ProviderSettings {
  return { baseUrl: s.url, timeoutMs }
}

const creds = { apiKey: KEY }

/** `count` distinct US numbers; the last digit follows the simulator's pattern table (0–9 in turn). */
function numbers(count: number, prefix = '+1415555'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`)
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError)
    return error as ProviderError
  }
  throw new Error('expected a ProviderError')
}

async function pollUntilDone(
  s: ChecknumberSimulator,
  task: BulkTask
): Promise<{ final: BulkTask; seen: string[] }> {
  const seen: string[] = [task.status]
  let current = task
  for (let i = 0; i < 20 && current.status !== 'exported' && current.status !== 'failed'; i++) {
    current = await provider.pollTask(task.taskId, creds, settings(s))
    seen.push(current.status)
  }
  return { final: current, seen }
}

async function fullFlow(
  s: ChecknumberSimulator,
  list: string[]
): Promise<{ task: BulkTask; final: BulkTask; seen: string[]; results: LiveResult[] }> {
  const task = await provider.createTask(list, creds, settings(s))
  const { final, seen } = await pollUntilDone(s, task)
  expect(final.status).toBe('exported')
  const archive = await provider.downloadResult(final, settings(s))
  const results = provider.parseResult(archive, PRICE, 'USD')
  return { task, final, seen, results }
}

function byNumber(results: LiveResult[]): Map<string, LiveResult> {
  return new Map(results.map((r) => [r.e164, r]))
}

describe('checknumber info and coverage', () => {
  it('describes a bulk, inferred, keyed provider', () => {
    expect(provider.kind).toBe('bulk')
    expect(provider.info.id).toBe('checknumber')
    expect(provider.info.confidence).toBe('inferred')
    expect(provider.info.bulk).toBe(true)
    expect(provider.info.keyFields).toEqual(['apiKey'])
    expect(provider.info.envKeys).toEqual(['RINGTRUE_CHECKNUMBER_KEY'])
    expect(provider.info.defaults.baseUrl).toBe('https://api.checknumber.ai')
    expect(provider.info.defaults.concurrency).toBeGreaterThanOrEqual(1)
    expect(provider.info.defaults.concurrency).toBeLessThanOrEqual(2)
    expect(provider.info.defaults.currency).toBe('USD')
    expect(provider.info.measures).toMatch(/not a live network/i)
    // The active_check document states no minimum: none is guessed (a stated one is learned on refusal).
    expect(provider.minTaskSize).toBe(1)
    expect(provider.maxTaskSize).toBeGreaterThan(provider.minTaskSize)
    expect(provider.info.coverage).not.toMatch(/500/)
  })

  it('covers any E.164 number and nothing else', () => {
    for (const n of ['+14155552671', '+8613800138000', '+447700900123', '+2901234', '+998901234567']) {
      expect(provider.covers(n)).toBe(true)
    }
    for (const n of ['14155552671', '+0123456789', '+1', '', '+1415555267112345', '+1 415 555 2671']) {
      expect(provider.covers(n)).toBe(false)
    }
  })
})

describe('checknumber full flow through the simulator', () => {
  // research/providers.md §7, checknumber active_check, one row per case.
  const mapping = [
    {
      row: 'active',
      digit: 0,
      state: 'active',
      reason: 'in_service',
      billed: 'charged',
      retryable: false,
      cost: PRICE,
      costEstimated: true
    },
    {
      row: 'inactive',
      digit: 4,
      state: 'inactive',
      reason: 'low_activity',
      billed: 'charged',
      retryable: false,
      cost: PRICE,
      costEstimated: true
    },
    {
      row: 'unknown',
      digit: 7,
      state: 'unknown',
      reason: 'inconclusive',
      billed: 'charged',
      retryable: false,
      cost: PRICE,
      costEstimated: true
    },
    // Rows counted in the documented `failure` are not answers and are not costed as answers.
    {
      row: 'counted in failure',
      digit: 8,
      state: 'unknown',
      reason: 'lookup_failed',
      billed: 'unknown',
      retryable: true,
      cost: 0,
      costEstimated: false
    },
    {
      row: 'missing from export',
      digit: 9,
      state: 'unknown',
      reason: 'lookup_failed',
      billed: 'unknown',
      retryable: true,
      cost: 0,
      costEstimated: false
    }
  ] as const

  it.each(mapping)('maps ActiveStatus $row to $state / $reason', async (m) => {
    const s = await start()
    const list = numbers(500)
    const target = list.find((n) => n.endsWith(String(m.digit)))!
    const { results } = await fullFlow(s, list)
    const results500 = checknumberResultsFor(list, results, PRICE, 'USD')
    expect(results500).toHaveLength(500)
    const r = byNumber(results500).get(target)!
    expect(r).toMatchObject({
      provider: 'checknumber',
      e164: target,
      state: m.state,
      reason: m.reason,
      reachability: 'unknown',
      ported: null,
      roaming: null,
      carrier: null,
      lineType: null,
      confidence: 'inferred',
      billed: m.billed,
      cost: m.cost,
      costEstimated: m.costEstimated,
      currency: 'USD',
      retryable: m.retryable
    })
    expect(Number.isNaN(Date.parse(r.checkedAt))).toBe(false)
    // The export itself never carries the missing row; the helper adds it.
    expect(byNumber(results).has(target)).toBe(m.digit !== 9)
    if (m.digit !== 9) expect(Object.values(r.raw as object)).toContain(target)
  })

  it('walks the real state machine, uploads the documented file and charges per row', async () => {
    const s = await start({ balance: 10 })
    const list = numbers(600)
    const before = await provider.balance(creds, settings(s))
    const { task, final, seen, results } = await fullFlow(s, list)

    expect(seen).toEqual(['pending', 'processing', 'completed', 'exported'])
    expect(task.total).toBe(600)
    expect(task.resultUrl).toBeNull()
    expect(final.resultUrl).toMatch(/X-Amz-Signature=/)
    expect(final.raw).toMatchObject({ status: 'exported', total: 600, failure: 120 })

    const upload = s.uploads[0]
    expect(upload.taskType).toBe('active_check')
    expect(upload.fileName).toBe('numbers.txt')
    expect(upload.contentType).toMatch(/^text\/plain/)
    expect(upload.text).toBe(`${list.join('\n')}\n`)
    expect(upload.text).not.toContain('\r')

    expect(s.charged).toBe(600)
    expect(s.chargedAmount).toBeCloseTo(1.2, 6)
    const after = await provider.balance(creds, settings(s))
    expect(before).toEqual({ amount: 10, currency: 'USD' })
    expect(after?.amount).toBeCloseTo(8.8, 6)

    // 60 numbers end in 9 and are left out of the export.
    expect(results).toHaveLength(540)
    for (const r of results) {
      const status = simulatedStatus(r.e164)
      const expected = { active: 'active', inactive: 'inactive', unknown: 'unknown', '': 'unknown' }
      expect(r.state).toBe(expected[status as keyof typeof expected])
    }
    // The storage link got no key.
    expect(s.downloads).toHaveLength(1)
    expect(s.downloads[0].apiKey).toBeUndefined()
  })

  it('skips the older completed status when the server goes straight to exported, and accepts 202', async () => {
    const s = await start({ passCompleted: false, createStatus: 202 })
    const { seen } = await fullFlow(s, numbers(500))
    expect(seen).toEqual(['pending', 'processing', 'exported'])
  })

  it('keeps polling while the test holds the clock, then finishes when advanced', async () => {
    const s = await start({ advance: 'manual' })
    const task = await provider.createTask(numbers(500), creds, settings(s))
    for (let i = 0; i < 3; i++) {
      expect((await provider.pollTask(task.taskId, creds, settings(s))).status).toBe('pending')
    }
    s.advance(task.taskId)
    const processing = await provider.pollTask(task.taskId, creds, settings(s))
    expect(processing).toMatchObject({ status: 'processing', resultUrl: null })
    expect(processing.raw).toMatchObject({ success: 250 })
    s.advance()
    expect((await provider.pollTask(task.taskId, creds, settings(s))).status).toBe('completed')
    s.advance()
    const done = await provider.pollTask(task.taskId, creds, settings(s))
    expect(done.status).toBe('exported')
    expect(provider.parseResult(await provider.downloadResult(done, settings(s)), PRICE, 'USD').length).toBe(
      450
    )
  })

  it('sends each distinct number once', async () => {
    const s = await start()
    const list = numbers(500)
    const task = await provider.createTask(
      [...list, ...list.slice(0, 50), ` ${list[0]} `],
      creds,
      settings(s)
    )
    expect(task.total).toBe(500)
    expect(s.uploads[0].numbers).toEqual(list)
    expect(s.charged).toBe(500)
  })
})

describe('checknumber result files', () => {
  it.each([
    ['CSV in the zip root', {}],
    ['XLSX in the zip', { resultFormat: 'xlsx' }],
    ['CSV in a nested folder with lowercase headers', { nested: true, lowercaseHeaders: true }],
    [
      'XLSX in a nested folder with lowercase headers',
      { resultFormat: 'xlsx', nested: true, lowercaseHeaders: true }
    ],
    ['a bare XLSX download', { resultFormat: 'bare-xlsx' }],
    ['numbers without the plus (numeric XLSX cells)', { resultFormat: 'xlsx', digitsOnly: true }],
    ['numbers without the plus (CSV)', { digitsOnly: true }],
    ['split files beside all.csv', { nested: true, splitFiles: true }]
  ] as [string, ChecknumberSimulatorOptions][])('reads %s', async (_label, options) => {
    const s = await start(options)
    const list = numbers(500, '+44770090')
    const { results } = await fullFlow(s, list)
    expect(results).toHaveLength(450)
    const map = byNumber(results)
    expect(map.get('+447700900010')).toMatchObject({ state: 'active', reason: 'in_service' })
    expect(map.get('+447700900014')).toMatchObject({ state: 'inactive', reason: 'low_activity' })
    expect(map.get('+447700900017')).toMatchObject({ state: 'unknown', reason: 'inconclusive' })
    expect(map.get('+447700900018')).toMatchObject({ state: 'unknown', reason: 'lookup_failed' })
    expect(map.has('+447700900019')).toBe(false)
  })

  it('reads headers in any case, a title row above them, and extra columns', () => {
    const csv =
      'Active check export\nNUMBER;Carrier;ACTIVE_STATUS\n+14155550100;X;Active\n+14155550101;Y;INACTIVE\n'
    const archive = Buffer.from(zipSync({ 'out/Result.CSV': strToU8(csv) }))
    const results = provider.parseResult(archive, 0.5, 'EUR')
    expect(results.map((r) => [r.e164, r.state, r.cost, r.currency])).toEqual([
      ['+14155550100', 'active', 0.5, 'EUR'],
      ['+14155550101', 'inactive', 0.5, 'EUR']
    ])
    expect(results[0].raw).toEqual({ NUMBER: '+14155550100', Carrier: 'X', ACTIVE_STATUS: 'Active' })
  })

  it('keeps an undocumented label as inconclusive rather than guessing', () => {
    const archive = Buffer.from(zipSync({ 'a.csv': strToU8('Number,ActiveStatus\n+14155550100,dormant\n') }))
    expect(provider.parseResult(archive, PRICE, 'USD')[0]).toMatchObject({
      state: 'unknown',
      reason: 'inconclusive',
      raw: { Number: '+14155550100', ActiveStatus: 'dormant' }
    })
  })

  it('reads a plain CSV download and ignores hidden archive members', () => {
    const plain = Buffer.from('\ufeffNumber,ActiveStatus\r\n+14155550100,active\r\n')
    expect(provider.parseResult(plain, PRICE, 'USD')).toHaveLength(1)
    const junk = zipSync({
      '__MACOSX/x/._all.csv': strToU8('garbage'),
      'x/.hidden.csv': strToU8('garbage'),
      'x/all.csv': strToU8('number,activestatus\n+14155550100,unknown\n')
    })
    expect(provider.parseResult(Buffer.from(junk), PRICE, 'USD')[0].reason).toBe('inconclusive')
  })

  it('reads every sheet of a workbook', () => {
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Number', 'ActiveStatus'],
        ['+14155550100', 'active']
      ]),
      'A'
    )
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Number', 'ActiveStatus'],
        [14155550101, 'inactive']
      ]),
      'B'
    )
    const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
    const results = provider.parseResult(
      Buffer.from(zipSync({ 'r/all.xlsx': new Uint8Array(xlsx) })),
      PRICE,
      'USD'
    )
    expect(results.map((r) => r.e164)).toEqual(['+14155550100', '+14155550101'])
  })

  it.each([
    ['an empty download', Buffer.alloc(0)],
    ['binary junk', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff])],
    ['a broken zip', Buffer.from('PK\u0003\u0004 this is not really a zip')],
    ['a zip without a table', Buffer.from(zipSync({ 'readme.md': strToU8('hello') }))],
    [
      'a table without the columns',
      Buffer.from(zipSync({ 'all.csv': strToU8('phone,status\n+14155550100,active\n') }))
    ]
  ])('refuses %s as malformed', (_label, archive) => {
    let error: unknown
    try {
      provider.parseResult(archive, PRICE, 'USD')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).kind).toBe('malformed')
  })
})

describe('checknumber task size', () => {
  it('sends a small task: the document states no minimum, so none is guessed', async () => {
    const s = await start()
    const list = numbers(3)
    const task = await provider.createTask([...list, list[0]], creds, settings(s))
    expect(task.total).toBe(3)
    // Distinct numbers only: a repeated one would be paid twice.
    expect(s.uploads).toHaveLength(1)
    expect(s.uploads[0].numbers).toEqual(list)
  })

  it('reads the minimum a size refusal states', () => {
    expect(statedMinimum('row count must be between 1000 and 10000000, got 600')).toBe(1000)
    expect(statedMinimum('Minimum 500 rows per task')).toBe(500)
    expect(statedMinimum('the file must contain at least 1,000 numbers')).toBe(1000)
    expect(statedMinimum('invalid file format at line 3')).toBeUndefined()
  })

  it('classifies the server refusing a too-small task (400) as a free bad request', async () => {
    const s = await start({ minRows: 1000 })
    const error = await caught(provider.createTask(numbers(600), creds, settings(s)))
    expect(error.kind).toBe('bad_request')
    expect(error.details).toMatchObject({
      retryable: false,
      maybeProcessed: false,
      httpStatus: 400,
      providerCode: 'row_count'
    })
    expect(error.message).toMatch(/between 1000/)
    expect(error.details.statedMinimum).toBe(1000)
    expect(s.uploads).toHaveLength(1)
    expect(s.charged).toBe(0)
  })

  it('refuses a list above the maximum and anything that is not E.164 without sending it', async () => {
    const s = await start()
    const tooMany = numbers(provider.maxTaskSize + 1, '+4475')
    expect((await caught(provider.createTask(tooMany, creds, settings(s)))).kind).toBe('bad_request')
    const list = numbers(500)
    list[3] = '4155550003'
    const error = await caught(provider.createTask(list, creds, settings(s)))
    expect(error.kind).toBe('bad_request')
    expect(error.message).toMatch(/Entry 4/)
    expect(s.requests).toHaveLength(0)
  })

  it('classifies a file the server finds too large (413)', async () => {
    const s = await start({ maxFileBytes: 1000 })
    const error = await caught(provider.createTask(numbers(500), creds, settings(s)))
    expect(error).toMatchObject({
      kind: 'bad_request',
      details: { httpStatus: 413, providerCode: 'file_too_large' }
    })
  })
})

describe('checknumber account errors', () => {
  it('reports a wrong key as auth on every call, and testConnection says so', async () => {
    const s = await start()
    const wrong = { apiKey: 'cn-wrong-key-0000000' }
    const create = await caught(provider.createTask(numbers(500), wrong, settings(s)))
    const poll = await caught(provider.pollTask('whatever', wrong, settings(s)))
    const balance = await caught(provider.balance(wrong, settings(s)))
    for (const e of [create, poll, balance]) {
      expect(e.kind).toBe('auth')
      expect(e.details).toMatchObject({ retryable: false, maybeProcessed: false, httpStatus: 401 })
    }
    const test = await provider.testConnection(wrong, settings(s))
    expect(test.ok).toBe(false)
    expect(test.message).toMatch(/key was refused/)
    expect(s.charged).toBe(0)
  })

  it('refuses an empty key before sending anything', async () => {
    const s = await start()
    expect((await caught(provider.balance({ apiKey: '  ' }, settings(s)))).kind).toBe('auth')
    expect(s.requests).toHaveLength(0)
  })

  it('reports a balance too small for the task as a balance error (402) and charges nothing', async () => {
    const s = await start({ balance: 0.5 })
    const error = await caught(provider.createTask(numbers(500), creds, settings(s)))
    expect(error.kind).toBe('balance')
    expect(error.details).toMatchObject({ retryable: false, maybeProcessed: false, httpStatus: 402 })
    expect(s.charged).toBe(0)
    expect(s.balance).toBe(0.5)
    expect(s.tasks.size).toBe(0)
  })

  it('reports the insufficient-balance mode the same way', async () => {
    const s = await start()
    s.setMode('insufficient_balance', { times: 1 })
    expect((await caught(provider.createTask(numbers(500), creds, settings(s)))).kind).toBe('balance')
    const task = await provider.createTask(numbers(500), creds, settings(s))
    expect(task.status).toBe('pending')
    expect(s.charged).toBe(500)
  })

  it('returns a failed task as failed and refuses to download it', async () => {
    const s = await start()
    s.setMode('fail_task', { times: 1 })
    const task = await provider.createTask(numbers(500), creds, settings(s))
    const { final, seen } = await pollUntilDone(s, task)
    expect(seen).toEqual(['pending', 'processing', 'failed'])
    expect(final).toMatchObject({
      status: 'failed',
      resultUrl: null,
      raw: { message: 'Task processing failed' }
    })
    const error = await caught(provider.downloadResult(final, settings(s)))
    expect(error.kind).toBe('bad_request')
    expect(s.downloads).toHaveLength(0)
  })

  it('reports an unknown task id as not found (404)', async () => {
    const s = await start()
    const error = await caught(provider.pollTask('d4g8o46p2jvh04o9uolg', creds, settings(s)))
    expect(error).toMatchObject({
      kind: 'bad_request',
      details: { httpStatus: 404, providerCode: 'task_not_found' }
    })
  })

  it('a status the documentation does not list is reported once (not retryable), with the task id', async () => {
    const s = await start({ advance: 'manual' })
    const task = await provider.createTask(numbers(5), creds, settings(s))
    ;(s.tasks.get(task.taskId) as { status: string }).status = 'archived'
    const error = await caught(provider.pollTask(task.taskId, creds, settings(s)))
    expect(error.kind).toBe('malformed')
    expect(error.details).toMatchObject({
      retryable: false,
      maybeProcessed: false,
      providerCode: 'unknown_status'
    })
    expect(error.message).toContain(task.taskId)
    expect(error.message).toContain('archived')
  })

  it('reads the documented success and failure counts of a task', async () => {
    const s = await start()
    const list = numbers(10)
    const task = await provider.createTask(list, creds, settings(s))
    const { final } = await pollUntilDone(s, task)
    // Digits 8 and 9 are the rows the simulator cannot process.
    expect(final).toMatchObject({ success: 8, failure: 2 })
  })

  it('reads the balance and passes testConnection for free', async () => {
    const s = await start({ balance: 42.5 })
    expect(await provider.balance(creds, settings(s))).toEqual({ amount: 42.5, currency: 'USD' })
    const test = await provider.testConnection(creds, settings(s))
    expect(test).toMatchObject({ ok: true, balance: 42.5, currency: 'USD' })
    expect(s.charged).toBe(0)
    expect(s.requests).toEqual(['GET /v1/balance', 'GET /v1/balance'])
  })
})

describe('checknumber transport errors', () => {
  it('reports 429 with Retry-After as rate_limit, on create and on poll', async () => {
    const s = await start()
    s.setMode('rate_limit', { only: ['tasks'], times: 1, retryAfter: '7' })
    const create = await caught(provider.createTask(numbers(500), creds, settings(s)))
    expect(create.kind).toBe('rate_limit')
    expect(create.details).toMatchObject({
      retryAfterMs: 7000,
      retryable: true,
      maybeProcessed: false,
      httpStatus: 429
    })
    expect(s.charged).toBe(0)

    const task = await provider.createTask(numbers(500), creds, settings(s))
    s.setMode('rate_limit', { only: ['gettasks'], times: 1, retryAfter: '3' })
    const poll = await caught(provider.pollTask(task.taskId, creds, settings(s)))
    expect(poll).toMatchObject({ kind: 'rate_limit', details: { retryAfterMs: 3000, retryable: true } })
    expect((await provider.pollTask(task.taskId, creds, settings(s))).status).toBe('processing')
  })

  it.each([
    [500, 'tasks', true, false],
    [503, 'tasks', true, false],
    [502, 'tasks', false, true],
    [504, 'tasks', false, true],
    [500, 'gettasks', true, false],
    [502, 'balance', true, false]
  ] as const)(
    'reports HTTP %i on %s as server (retryable %s, maybe processed %s)',
    async (status, only, retryable, maybe) => {
      const s = await start()
      s.setMode('server_error', { only: [only], status })
      const call =
        only === 'tasks'
          ? provider.createTask(numbers(500), creds, settings(s))
          : only === 'gettasks'
            ? provider.pollTask('x', creds, settings(s))
            : provider.balance(creds, settings(s))
      const error = await caught(call)
      expect(error.kind).toBe('server')
      expect(error.details).toMatchObject({ retryable, maybeProcessed: maybe, httpStatus: status })
    }
  )

  it('reports a non-JSON answer as malformed: uncertain on create, free on poll and balance', async () => {
    const s = await start()
    s.setMode('malformed')
    const create = await caught(provider.createTask(numbers(500), creds, settings(s)))
    expect(create.kind).toBe('malformed')
    expect(create.details).toMatchObject({ maybeProcessed: true, retryable: false })
    const poll = await caught(provider.pollTask('x', creds, settings(s)))
    expect(poll).toMatchObject({ kind: 'malformed', details: { maybeProcessed: false, retryable: true } })
    const balance = await caught(provider.balance(creds, settings(s)))
    expect(balance.kind).toBe('malformed')
    for (const error of [create, poll, balance]) {
      expect(error.message).toContain(
        "The server answered with a web page (HTTP 200) instead of the API's answer."
      )
      expect(error.message).not.toContain('<')
    }
  })

  it('reports a dropped connection as network: uncertain on create, free on poll', async () => {
    const s = await start()
    s.setMode('drop')
    const create = await caught(provider.createTask(numbers(500), creds, settings(s)))
    expect(create.kind).toBe('network')
    expect(create.details.maybeProcessed).toBe(true)
    const poll = await caught(provider.pollTask('x', creds, settings(s)))
    expect(poll).toMatchObject({ kind: 'network', details: { maybeProcessed: false, retryable: true } })
  })

  it('reports a slow answer as timeout', async () => {
    const s = await start()
    s.setMode('slow', { only: ['gettasks', 'balance'], delayMs: 1500 })
    const poll = await caught(provider.pollTask('x', creds, settings(s, 300)))
    expect(poll).toMatchObject({ kind: 'timeout', details: { retryable: true, maybeProcessed: false } })
    const test = await provider.testConnection(creds, settings(s, 300))
    expect(test.ok).toBe(false)
  })

  it('reports a refused or expired result link as a free, retryable bad request', async () => {
    const s = await start({ resultTtlMs: 0 })
    const task = await provider.createTask(numbers(500), creds, settings(s))
    const { final } = await pollUntilDone(s, task)
    await new Promise((r) => setTimeout(r, 5))
    const expired = await caught(provider.downloadResult(final, settings(s)))
    expect(expired).toMatchObject({
      kind: 'bad_request',
      details: { retryable: true, maybeProcessed: false }
    })
    expect(expired.message).toMatch(/Request has expired/)
    const tampered = {
      ...final,
      resultUrl: final.resultUrl!.replace(/X-Amz-Signature=\w+/, 'X-Amz-Signature=bad')
    }
    expect((await caught(provider.downloadResult(tampered, settings(s)))).details.httpStatus).toBe(403)
  })

  it('rejects a result link that is not http(s)', async () => {
    const s = await start()
    const task: BulkTask = {
      taskId: 't',
      status: 'exported',
      total: 1,
      resultUrl: 'file:///etc/passwd',
      raw: {}
    }
    expect((await caught(provider.downloadResult(task, settings(s)))).kind).toBe('malformed')
  })
})

describe('checknumber never shows the key', () => {
  it('keeps the key out of every error message, even when the server echoes it', async () => {
    const s = await start({ echoKeyInErrors: true })
    const errors: ProviderError[] = []
    const wrong = { apiKey: 'cn-wrong-secret-99887766' }
    errors.push(await caught(provider.balance(wrong, settings(s))))
    errors.push(await caught(provider.createTask(numbers(500), wrong, settings(s))))
    const modes = ['malformed', 'rate_limit', 'server_error', 'drop', 'insufficient_balance'] as const
    for (const mode of modes) {
      s.setMode(mode)
      errors.push(await caught(provider.createTask(numbers(500), creds, settings(s))))
      errors.push(await caught(provider.pollTask('x', creds, settings(s))))
    }
    s.setMode('normal')
    errors.push(await caught(provider.pollTask('missing', creds, settings(s))))
    errors.push(await caught(provider.createTask([], creds, settings(s))))
    const test = await provider.testConnection(wrong, settings(s))
    expect(errors.length).toBeGreaterThan(10)
    expect(errors[0].message).toContain('[redacted]')
    for (const text of [...errors.flatMap((e) => [e.message, String(e), JSON.stringify(e)]), test.message]) {
      expect(text).not.toContain(KEY)
      expect(text).not.toContain(wrong.apiKey)
    }
  })

  it('redacts a key the server repeats inside an unreadable body', async () => {
    // A proxy page that quotes the request headers back.
    const proxy = await import('node:http').then(({ createServer }) => {
      const server = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end(`upstream failed for X-API-Key=${String(req.headers['x-api-key'])}`)
      })
      return new Promise<import('node:http').Server>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(server))
      )
    })
    try {
      const port = (proxy.address() as import('node:net').AddressInfo).port
      const error = await caught(
        provider.balance(creds, { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 })
      )
      expect(error.kind).toBe('malformed')
      // Summarized, never quoted: neither the key nor any other part of the page can reach the message.
      expect(error.message).toBe(
        "The server answered with text that is not JSON (HTTP 200) instead of the API's answer."
      )
      expect(error.message).not.toContain(KEY)
    } finally {
      await new Promise((r) => proxy.close(r))
    }
  })
})
