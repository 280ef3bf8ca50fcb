import { describe, expect, it } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import { buildLivePlan, initialLiveDraft, moveItem } from '@renderer/lib/live-plan'
import { daysAgo, formatAge, formatMoney, formatSpend, parseAmount } from '@renderer/lib/format'
import { providerLabel } from '@renderer/lib/labels'
import { defaultSampleSize } from '@renderer/features/live/sample-size'
import { spendText } from '@renderer/features/live/LiveFigures'
import type { ImportPreview, JobProgress, Preflight } from '@contract/types'
import { fakeApi, flush, makeJob, makeLive, makePreflight } from './fake-api'

const preview: ImportPreview = {
  filePath: '/tmp/cn.csv',
  fileName: 'cn.csv',
  fileSize: 80,
  format: 'csv',
  sheets: [{ name: 'cn', hidden: false, rows: 2, columns: 2 }],
  sheet: 'cn',
  headerRow: 0,
  columns: [
    { index: 0, letter: 'A', header: 'Name', phoneConfidence: 0, countryConfidence: 0, samples: ['Li'] },
    { index: 1, letter: 'B', header: 'Mobile', phoneConfidence: 0.98, countryConfidence: 0, samples: ['+86'] }
  ],
  suggestedPhoneColumns: [1],
  suggestedCountryColumn: null,
  sampleRows: [['Name', 'Mobile']],
  sampleRowIndexes: [0],
  totalRows: 1,
  encoding: 'utf-8',
  delimiter: ',',
  warnings: []
}

const HANDLE = 'fh_0123456789abcdef0123456789abcdef'
const picked = { handle: HANDLE, name: 'cn.csv', path: '/tmp/cn.csv' }

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

function progress(status: JobProgress['status'], overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    jobId: 'job-1',
    status,
    phase: 'live',
    done: 0,
    total: 10,
    counts: makeJob().counts,
    ratePerSecond: 0,
    etaSeconds: null,
    message: null,
    live: makeLive({ pauseReason: status === 'paused' ? 'user' : null }),
    ...overrides
  }
}

describe('the paid-check plan of the import form', () => {
  it('is off by default and needs a provider, line types and readable numbers', () => {
    const draft = initialLiveDraft()
    expect(draft.enabled).toBe(false)
    expect(draft.lineTypes).toEqual(['mobile', 'fixed_line_or_mobile', 'unknown'])
    expect(buildLivePlan(draft)).toEqual({ ok: false, error: expect.stringMatching(/at least one provider/) })
    const withStep = { ...draft, route: [{ provider: 'acedata' as const, countries: [] }] }
    expect(buildLivePlan({ ...withStep, lineTypes: [] })).toMatchObject({ ok: false })
    expect(buildLivePlan({ ...withStep, spendCap: '1,50' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/spending cap/)
    })
    expect(
      buildLivePlan({ ...withStep, freshnessDays: { ...withStep.freshnessDays, unknown: 'soon' } })
    ).toMatchObject({ ok: false, error: expect.stringMatching(/unknown answers/i) })
  })

  it('turns the draft into the contract’s LivePlan', () => {
    const draft = {
      ...initialLiveDraft(),
      enabled: true,
      route: [
        { provider: 'toolkk' as const, countries: ['CN'] },
        { provider: 'checkmobi' as const, countries: [] }
      ],
      fallback: 'telesign' as const,
      spendCap: ' 12.5 ',
      freshnessDays: { active: '7', inactive: '90', invalid: '90', unknown: '0' }
    }
    expect(buildLivePlan(draft)).toEqual({
      ok: true,
      plan: {
        route: [
          { provider: 'toolkk', countries: ['CN'] },
          { provider: 'checkmobi', countries: null }
        ],
        fallback: 'telesign',
        spendCap: 12.5,
        lineTypes: ['mobile', 'fixed_line_or_mobile', 'unknown'],
        freshnessDays: { active: 7, inactive: 90, invalid: 90, unknown: 0 }
      }
    })
    // The same provider twice for every country is refused; limited to countries it is a real chain.
    const twice = { ...draft, route: [draft.route[1], draft.route[1]] }
    expect(buildLivePlan(twice)).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) })
    expect(
      buildLivePlan({ ...draft, route: [{ provider: 'checkmobi', countries: ['GB'] }, draft.route[1]] })
    ).toMatchObject({ ok: true })
  })

  it('edits the chain: order, countries, fallback and line types', () => {
    const store = createAppStore(fakeApi())
    const s = () => store.getState()
    s().setFallback('acedata')
    s().addRouteStep('acedata')
    expect(s().liveDraft.fallback).toBeNull() // a step of the chain is not also its fallback
    s().addRouteStep('checkmobi')
    s().moveRouteStep(1, -1)
    expect(s().liveDraft.route.map((r) => r.provider)).toEqual(['checkmobi', 'acedata'])
    s().moveRouteStep(0, -1)
    expect(s().liveDraft.route.map((r) => r.provider)).toEqual(['checkmobi', 'acedata'])
    s().setStepCountries(1, ['CN', 'HK', 'CN'])
    expect(s().liveDraft.route[1].countries).toEqual(['CN', 'HK'])
    s().removeRouteStep(0)
    expect(s().liveDraft.route).toEqual([{ provider: 'acedata', countries: ['CN', 'HK'] }])
    s().toggleLineType('fixed_line')
    s().toggleLineType('unknown')
    expect(s().liveDraft.lineTypes).toEqual(['mobile', 'fixed_line_or_mobile', 'fixed_line'])
    s().setFreshnessText('active', '3')
    s().resetFreshness()
    expect(s().liveDraft.freshnessDays.active).toBe('30')
    expect(moveItem([1, 2, 3], 2, 1)).toEqual([1, 2, 3])
  })

  it('sends `live` with the job only when the paid check is on, then starts the next check offline', async () => {
    const api = fakeApi()
    api.imports.preview.mockResolvedValue(preview)
    const store = createAppStore(api)
    await store.getState().previewFile(picked)

    await store.getState().startImport()
    expect(api.jobs.create.mock.calls[0][0]).not.toHaveProperty('live')

    await store.getState().previewFile(picked)
    store.getState().setLiveEnabled(true)
    await store.getState().startImport()
    expect(store.getState().importError).toMatchObject({ code: 'bad_plan' })
    expect(api.jobs.create).toHaveBeenCalledTimes(1)

    store.getState().addRouteStep('acedata')
    store.getState().setSpendCapText('5')
    await store.getState().startImport()
    expect(api.jobs.create).toHaveBeenCalledTimes(2)
    expect(api.jobs.create.mock.calls[1][0]).toMatchObject({
      file: HANDLE,
      live: {
        route: [{ provider: 'acedata', countries: null }],
        fallback: null,
        spendCap: 5,
        lineTypes: ['mobile', 'fixed_line_or_mobile', 'unknown'],
        freshnessDays: { active: 30, inactive: 90, invalid: 90, unknown: 1 }
      }
    })
    // Never paid by accident: the next file starts offline, with the chain kept for when it is switched on.
    expect(store.getState().liveDraft.enabled).toBe(false)
    expect(store.getState().liveDraft.route).toHaveLength(1)
  })
})

describe('the live slice', () => {
  it('reads the pre-flight once per key and drops an answer that arrives after a newer one', async () => {
    const api = fakeApi()
    const first = deferred<Preflight>()
    api.jobs.preflight.mockReturnValueOnce(first.promise).mockResolvedValueOnce(makePreflight({ rows: 99 }))
    const store = createAppStore(api)
    const a = store.getState().ensurePreflight('job-1', 'k1')
    void store.getState().ensurePreflight('job-1', 'k1')
    expect(api.jobs.preflight).toHaveBeenCalledTimes(1)
    expect(store.getState().preflightState).toBe('loading')
    await store.getState().ensurePreflight('job-1', 'k2')
    first.resolve(makePreflight({ rows: 1 }))
    await a
    expect(api.jobs.preflight).toHaveBeenCalledTimes(2)
    expect(store.getState().preflight?.rows).toBe(99)
    expect(store.getState().preflightState).toBe('ready')
  })

  it('keeps the pre-flight error and tries again on the same key', async () => {
    const api = fakeApi()
    api.jobs.preflight
      .mockRejectedValueOnce(
        Object.assign(new Error('That job no longer exists.'), { code: 'job_not_found' })
      )
      .mockResolvedValueOnce(makePreflight())
    const store = createAppStore(api)
    await store.getState().ensurePreflight('job-1', 'k')
    expect(store.getState().preflightState).toBe('error')
    expect(store.getState().preflightError?.code).toBe('job_not_found')
    await store.getState().ensurePreflight('job-1', 'k')
    expect(store.getState().preflightState).toBe('ready')
  })

  it('starts the paid check, then re-reads the job and the list', async () => {
    const api = fakeApi()
    api.jobs.get
      .mockResolvedValueOnce(makeJob({ status: 'paused', phase: 'live', live: makeLive() }))
      .mockResolvedValue(makeJob({ status: 'running', phase: 'live', live: makeLive({ pauseReason: null }) }))
    const store = createAppStore(api)
    await store.getState().openJob('job-1')
    store.getState().showPausedResults(true)
    const ok = await store.getState().startLive({ jobId: 'job-1', spendCap: 2 }, 'start')
    expect(ok).toBe(true)
    expect(api.jobs.startLive).toHaveBeenCalledWith({ jobId: 'job-1', spendCap: 2 })
    expect(store.getState().job?.status).toBe('running')
    expect(store.getState().pausedResults).toBe(false)
    expect(store.getState().liveBusy).toBeNull()
    expect(api.jobs.list).toHaveBeenCalled()
  })

  it('shows why main refused to start, next to the buttons', async () => {
    const api = fakeApi()
    api.jobs.startLive.mockRejectedValue(
      Object.assign(new Error('Nothing is left to check except 3 possibly charged requests.'), {
        code: 'only_uncertain'
      })
    )
    const store = createAppStore(api)
    expect(await store.getState().startLive({ jobId: 'job-1' }, 'resume')).toBe(false)
    expect(store.getState().liveError).toEqual({
      code: 'only_uncertain',
      message: 'Nothing is left to check except 3 possibly charged requests.'
    })
    expect(store.getState().liveBusy).toBeNull()
    store.getState().dismissLiveError()
    expect(store.getState().liveError).toBeNull()
  })

  it('remembers a pause until the job leaves running, and forgets everything when another job opens', async () => {
    const api = fakeApi()
    api.jobs.preflight.mockResolvedValue(makePreflight())
    const store = createAppStore(api)
    await store.getState().pauseLive('job-1')
    expect(api.jobs.pause).toHaveBeenCalledWith('job-1')
    expect(store.getState().pauseRequested).toBe('job-1')
    await store.getState().ensurePreflight('job-1', 'k')
    await store.getState().openJob('job-2')
    expect(store.getState().pauseRequested).toBeNull()
    expect(store.getState().preflight).toBeNull()
  })

  it('re-check queues rows, then the job waits at the pre-flight instead of the results', async () => {
    const api = fakeApi()
    api.jobs.get
      .mockResolvedValueOnce(makeJob({ live: makeLive({ pauseReason: null, pending: 0 }) }))
      .mockResolvedValue(makeJob({ status: 'paused', phase: 'live', live: makeLive({ pending: 4 }) }))
    api.jobs.recheck.mockResolvedValue({ queued: 4 })
    const store = createAppStore(api)
    await store.getState().openJob('job-1')
    expect(await store.getState().recheckStatuses('job-1', ['unknown'])).toBe(4)
    expect(api.jobs.recheck).toHaveBeenCalledWith({ jobId: 'job-1', statuses: ['unknown'] })
    expect(store.getState().job).toMatchObject({ status: 'paused', live: { pauseReason: 'confirm' } })
    expect(store.getState().pausedResults).toBe(false)
  })

  it('says so when nothing could be queued for a re-check', async () => {
    const api = fakeApi()
    api.jobs.recheck.mockResolvedValue({ queued: 0 })
    const store = createAppStore(api)
    expect(await store.getState().recheckStatuses('job-1', ['unknown'])).toBe(0)
    expect(store.getState().toasts.at(-1)?.message).toMatch(/Nothing to re-check: no unknown row/)
    expect(api.jobs.get).not.toHaveBeenCalled()
  })

  it('lists the possibly charged requests', async () => {
    const api = fakeApi()
    api.jobs.uncertain.mockResolvedValue([
      { provider: 'acedata', e164: '+8613800000000', sentAt: '2025-01-01T00:00:00Z', error: 'socket hang up' }
    ])
    const store = createAppStore(api)
    await store.getState().loadUncertain('job-1')
    expect(store.getState().uncertainState).toBe('ready')
    expect(store.getState().uncertainList).toHaveLength(1)
  })

  it('re-reads the open job when its status changes (running → paused), not on every event', async () => {
    const api = fakeApi()
    api.jobs.get.mockResolvedValueOnce(makeJob({ status: 'running', phase: 'live', live: makeLive() }))
    const store = createAppStore(api)
    await store.getState().openJob('job-1')
    expect(api.jobs.get).toHaveBeenCalledTimes(1)
    api.jobs.get.mockResolvedValue(makeJob({ status: 'paused', phase: 'live', live: makeLive() }))
    store.getState().receiveProgress(progress('running'))
    store.getState().receiveProgress(progress('running', { done: 3 }))
    await flush()
    expect(api.jobs.get).toHaveBeenCalledTimes(1)
    store.getState().receiveProgress(progress('paused'))
    await flush()
    expect(api.jobs.get).toHaveBeenCalledTimes(2)
    expect(store.getState().job?.status).toBe('paused')
  })
})

describe('money, ages and names', () => {
  it('formats amounts with enough decimals for per-lookup prices', () => {
    expect(formatMoney(0.3, 'USD')).toBe('0.30 USD')
    expect(formatMoney(0.03, 'USD')).toBe('0.03 USD')
    expect(formatMoney(0.0035, 'EUR')).toBe('0.0035 EUR')
    expect(formatMoney(1234.5, 'CNY')).toBe('1,234.50 CNY')
    expect(formatSpend([], 'nothing')).toBe('nothing')
    expect(
      formatSpend([
        { currency: 'USD', amount: 0.18 },
        { currency: 'CNY', amount: 2 }
      ])
    ).toBe('0.18 USD + 2.00 CNY')
  })

  it('marks a spend that holds an estimate with "≈" and "(estimated)"', () => {
    expect(
      formatSpend([
        { currency: 'USD', amount: 0.18, estimated: false },
        { currency: 'CNY', amount: 0.15, estimated: true }
      ])
    ).toBe('0.18 USD + ≈0.15 CNY')
    const live = makeLive({ spend: [{ currency: 'CNY', amount: 0.15, estimated: true }] })
    expect(spendText(live, 'CNY')).toBe('≈0.15 CNY (estimated)')
    expect(spendText(makeLive({ spend: [{ currency: 'USD', amount: 0.06, estimated: false }] }), 'USD')).toBe(
      '0.06 USD'
    )
  })

  it('reads typed amounts strictly', () => {
    expect(parseAmount('')).toBeNull()
    expect(parseAmount(' 2.5 ')).toBe(2.5)
    expect(parseAmount('.5')).toBe(0.5)
    expect(parseAmount('1,5')).toBeNaN()
    expect(parseAmount('-1')).toBeNaN()
    expect(parseAmount('abc')).toBeNaN()
  })

  it('says how long ago a number was checked', () => {
    const now = new Date(2025, 5, 20, 9, 0)
    expect(formatAge(new Date(2025, 5, 20, 1, 0).toISOString(), now)).toBe('today')
    expect(formatAge(new Date(2025, 5, 19, 23, 0).toISOString(), now)).toBe('yesterday')
    expect(formatAge(new Date(2025, 5, 8).toISOString(), now)).toBe('12 days ago')
    expect(formatAge(new Date(2025, 1, 1).toISOString(), now)).toBe('4 months ago')
    expect(formatAge(new Date(2021, 1, 1).toISOString(), now)).toBe('4 years ago')
    expect(formatAge(null, now)).toBe('—')
    expect(daysAgo('not a date', now)).toBeNull()
  })

  it('names providers, preferring what main says', () => {
    expect(providerLabel('offline')).toBe('Offline check')
    expect(providerLabel('acedata')).toBe('Ace Data Cloud')
    expect(providerLabel('somethingnew')).toBe('somethingnew')
    expect(providerLabel(null)).toBe('')
  })

  it('suggests a sample smaller than the whole list', () => {
    expect(defaultSampleSize(30)).toBe(10)
    expect(defaultSampleSize(12)).toBe(10)
    expect(defaultSampleSize(5)).toBe(4)
    expect(defaultSampleSize(10_000)).toBe(200)
  })
})
