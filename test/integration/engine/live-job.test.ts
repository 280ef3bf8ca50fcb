import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { JobProgress, LivePlan, RowDetail } from '../../../src-preload/contract/types'
import { Channels } from '../../../src-preload/contract/channels'
import { createHandlers } from '../../../src-main/api/handlers'
import { createServices } from '../../../src-main/core/services'
import { createPaidJob, paidPlan } from '../../helpers/paid-job'
import { sourceWorkers, tempServices, type TempServices } from '../../helpers/services'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../../fakes/acedata-simulator'
import { MemorySecretStore } from '../../fakes/memory-secret-store'

/** A +86 mobile; its last digit picks the Ace simulator's answer (0 active, 1 suspended, 2 cancelled, …). */
function cn(i: number, last: number): string {
  return `+86138${String(i).padStart(6, '0')}${String(Math.floor(i / 10) % 10)}${last}`
}

const PRICE = 0.01

function plan(overrides: Partial<LivePlan> = {}): LivePlan {
  return paidPlan('acedata', overrides)
}

/** Rows: 30 CN mobiles (digits 0–9 three times), one duplicate, two US numbers, one invalid. */
function writeList(dir: string, name = 'list.csv'): { file: string; numbers: string[] } {
  const numbers = Array.from({ length: 30 }, (_, i) => cn(i, i % 10))
  const rows = [['Name', 'Phone']]
  numbers.forEach((n, i) => rows.push([`cn${i}`, n]))
  rows.push(['dup', numbers[0]])
  rows.push(['us1', '+1 201-555-0123'], ['us2', '+1 (415) 555-2671'], ['bad', '12'])
  const file = join(dir, name)
  writeFileSync(file, rows.map((r) => r.join(',')).join('\n'))
  return { file, numbers }
}

function createJob(t: TempServices, file: string, livePlan: LivePlan): Promise<string> {
  return createPaidJob(t.services, file, livePlan, { column: 1 })
}

/** How many times each number reached the simulator. */
function sendsPerNumber(sim: AcedataSimulator): Map<string, number> {
  const sends = new Map<string, number>()
  for (const r of sim.requests) {
    if (!r.body) continue
    const mobile = (JSON.parse(r.body) as { mobile: string }).mobile
    sends.set(mobile, (sends.get(mobile) ?? 0) + 1)
  }
  return sends
}

describe('a paid check with Ace Data Cloud against its simulator', () => {
  let sim: AcedataSimulator
  let t: TempServices
  let secrets: MemorySecretStore

  beforeAll(async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  })
  afterAll(() => sim.close())

  async function setup(key = ACEDATA_SIM_KEY): Promise<void> {
    secrets = new MemorySecretStore()
    await secrets.set('acedata', key, sim.url) // entered for the simulator's origin
    t = tempServices({ secrets })
    t.services.providers.saveSettings('acedata', { baseUrl: sim.url, pricePerLookup: PRICE, currency: 'USD' })
    sim.requests.length = 0
    sim.setMode('normal')
  }
  afterEach(() => {
    try {
      t?.cleanup()
    } catch {
      // the crash test closed the database itself
    }
  })

  it('waits for confirmation after the offline check and sends nothing before it', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('paused')
    expect(job.phase).toBe('live')
    expect(job.live?.pauseReason).toBe('confirm')
    expect(job.live?.pending).toBe(30)
    expect(job.live?.skipped).toBe(2) // the US numbers: Ace covers mainland China only
    expect(sim.requests).toHaveLength(0)
  })

  it('pre-flight counts duplicates, invalid, coverage and the cost before anything is spent', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    const preflight = await t.services.jobs.preflight(jobId)
    expect(preflight.rows).toBe(34)
    expect(preflight.numbers).toBe(34)
    expect(preflight.unique).toBe(33)
    expect(preflight.duplicates).toBe(1)
    expect(preflight.invalid).toBe(1)
    expect(preflight.noCoverage).toBe(2)
    const [ace] = preflight.providers
    expect(ace).toMatchObject({
      provider: 'acedata',
      routed: 30,
      cached: 0,
      toPay: 30,
      keySet: true,
      problem: null
    })
    expect(ace.estimatedCost).toBeCloseTo(30 * PRICE, 6)
    expect(ace.byCountry).toEqual([{ country: 'CN', toPay: 30, estimatedCost: 0.3 }])
    expect(preflight.total).toEqual([{ currency: 'USD', amount: 0.3 }])
    expect(sim.requests.filter((r) => r.path.includes('check-1e'))).toHaveLength(0)
  })

  it('runs the check, maps every answer, fills the ledger and spends what the simulator charged', async () => {
    await setup()
    const { file, numbers } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    const chargedBefore = sim.charged
    await t.services.jobs.startLive({ jobId })
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(job.live?.answered).toBe(30)
    expect(job.live?.pending).toBe(0)
    const charged = sim.charged - chargedBefore
    expect(charged).toBe(18) // digits 0–5 are billed (result 0), 6–9 are not
    expect(job.live?.spend).toEqual([{ currency: 'USD', amount: +(charged * PRICE).toFixed(6) }])
    // Every number was sent exactly once.
    const sends = sendsPerNumber(sim)
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
    // The ledger: one answered attempt per request, costs adding up to the spend.
    const attempts = t.services.db
      .prepare(`SELECT state, COUNT(*) AS n, SUM(cost) AS cost FROM attempts WHERE job_id = ? GROUP BY state`)
      .all(jobId) as { state: string; n: number; cost: number }[]
    expect(attempts).toEqual([{ state: 'answered', n: 30, cost: expect.closeTo(charged * PRICE, 6) }])
    // Rows carry the mapped status and the provider.
    const page = t.services.store.results.queryResults(jobId, {}, 0, 100)
    const byPhone = new Map(page.rows.map((r) => [String(r.cells[1]), r]))
    expect(byPhone.get(numbers[0])).toMatchObject({
      status: 'active',
      reason: 'in_service',
      provider: 'acedata'
    })
    expect(byPhone.get(numbers[1])).toMatchObject({ status: 'inactive', reason: 'suspended' })
    expect(byPhone.get(numbers[3])).toMatchObject({ status: 'inactive', reason: 'vacant' })
    expect(byPhone.get('12')).toMatchObject({ status: 'invalid', provider: 'offline' })
    expect(byPhone.get('+1 201-555-0123')).toMatchObject({ status: 'unchecked', reason: 'no_coverage' })
    // Rows: 31 with a CN number (one a duplicate), 2 outside coverage, 1 invalid offline.
    expect(job.counts.byStatus.unchecked).toBe(2)
    // '12' offline, plus the three numbers ending in 9, which Ace answers with "format incorrect".
    expect(job.counts.byStatus.invalid).toBe(4)
    expect(Object.values(job.counts.byStatus).reduce((a, b) => a + b, 0)).toBe(34)
    // The raw answer is kept for the row's detail view.
    const checks = t.services.store.results.checksFor(jobId, numbers[0])
    expect(checks[0]).toMatchObject({ provider: 'acedata', state: 'active' })
    expect(checks[0].raw).toMatchObject({ result: expect.anything(), status_code: expect.anything() })
    // The row's detail view (what the drawer shows): the paid answer first, the offline verdict kept below it.
    const handlers = createHandlers({
      services: t.services,
      platform: { pickSpreadsheet: async () => null, pickSavePath: async () => null, reveal: async () => {} },
      version: 'test',
      locale: 'en-US'
    })
    const row = byPhone.get(numbers[1])!
    const detail = (await handlers[Channels.rowDetail]({ jobId, rowIndex: row.rowIndex })) as RowDetail
    expect(detail.numbers[0].status).toBe('inactive')
    expect(detail.numbers[0].checks.map((c) => [c.provider, c.state, c.reason])).toEqual([
      ['acedata', 'inactive', 'suspended'],
      ['offline', 'unchecked', null]
    ])
    expect(detail.numbers[0].checks[0].cost).toBe(PRICE)
    expect(detail.numbers[0].checks[0].raw).toMatchObject({ status_code: 1 })
  })

  it('reuses fresh answers from another job instead of paying again', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const first = await createJob(t, file, plan())
    await t.services.jobs.startLive({ jobId: first })
    await t.services.jobs.waitFor(first)
    const sent = sim.requests.length
    const second = await createJob(t, file, plan())
    const preflight = await t.services.jobs.preflight(second)
    expect(preflight.providers[0]).toMatchObject({ routed: 30, cached: 30, toPay: 0, estimatedCost: 0 })
    await t.services.jobs.startLive({ jobId: second })
    const job = await t.services.jobs.waitFor(second)
    expect(sim.requests.length).toBe(sent)
    expect(job.status).toBe('done')
    expect(job.live).toMatchObject({ cached: 30, answered: 0, spend: [] })
    const row = t.services.store.results.queryResults(second, { statuses: ['active'] }, 0, 1).rows[0]
    expect(row.provider).toBe('acedata')
  })

  it('pauses on a refused key without charging, names the provider, and resumes after the key is fixed', async () => {
    await setup('wrong-key')
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    await t.services.jobs.startLive({ jobId })
    let job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('auth')
    expect(job.live?.pauseMessage).toMatch(/Ace Data Cloud refused the API key/)
    expect(job.live?.pauseMessage).not.toContain('wrong-key')
    expect(job.live?.pending).toBe(30)
    await secrets.set('acedata', ACEDATA_SIM_KEY, sim.url)
    await t.services.jobs.startLive({ jobId })
    job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(job.live?.answered).toBe(30)
  })

  it('stops at the spending cap and says so', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan({ spendCap: 5 * PRICE }))
    await t.services.jobs.startLive({ jobId })
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('spend_cap')
    expect(job.live?.pauseMessage).toMatch(/spending cap of 0\.05\d* USD/)
    const spent = job.live?.spend[0]?.amount ?? 0
    expect(spent).toBeLessThanOrEqual(5 * PRICE + 1e-9)
    expect(job.live?.pending).toBeGreaterThan(0)
  })

  it('retries rate-limited requests (never charged) until every number is answered once', async () => {
    const limited = await startAcedataSimulator({ rateLimit: { max: 4, windowMs: 200 } })
    try {
      await setup()
      t.services.providers.saveSettings('acedata', {
        baseUrl: limited.url,
        ratePerSecond: 200,
        concurrency: 8
      })
      await secrets.set('acedata', ACEDATA_SIM_KEY, limited.url) // a key is bound to its origin
      const { file } = writeList(t.dir)
      const jobId = await createJob(t, file, plan())
      await t.services.jobs.startLive({ jobId })
      const job = await t.services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live?.answered).toBe(30)
      const sends = sendsPerNumber(limited)
      expect(limited.requests.length).toBeGreaterThan(30) // some were refused with 429 and sent again
      const failed = t.services.db
        .prepare(`SELECT COUNT(*) AS n FROM attempts WHERE job_id = ? AND state = 'failed'`)
        .get(jobId) as { n: number }
      expect(failed.n).toBe(limited.requests.length - 30)
      expect(sends.size).toBe(30)
      expect(limited.charged).toBe(18)
    } finally {
      await limited.close()
    }
  })

  it('marks requests whose answer was lost as possibly charged and re-sends them only when asked', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    sim.setMode('drop_after_body')
    await t.services.jobs.startLive({ jobId })
    let job = await t.services.jobs.waitFor(jobId)
    // Every request failed after being processed: the error-rate guard pauses the job early.
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('error_rate')
    const uncertain = t.services.jobs.uncertain(jobId)
    expect(uncertain.length).toBe(job.live?.uncertain)
    expect(uncertain.length).toBeGreaterThanOrEqual(20)
    sim.setMode('normal')
    const before = sendsPerNumber(sim)
    await t.services.jobs.startLive({ jobId })
    job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(job.live?.uncertain).toBe(uncertain.length)
    // Without --recheck-uncertain none of them went out again.
    const after = sendsPerNumber(sim)
    for (const u of uncertain) {
      const mobile = u.e164.replace('+86', '')
      expect(after.get(mobile)).toBe(before.get(mobile))
    }
    await expect(t.services.jobs.startLive({ jobId })).rejects.toThrow(/possibly charged/)
    await t.services.jobs.startLive({ jobId, recheckUncertain: true })
    job = await t.services.jobs.waitFor(jobId)
    expect(job.live?.uncertain).toBe(0)
    expect(job.live?.answered).toBe(30)
  })

  it('checks a random sample first, projects the whole list, then continues without re-sending it', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    await t.services.jobs.startLive({ jobId, sampleSize: 10 })
    let job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('sample')
    const sample = job.live?.sample
    expect(sample?.checked).toBe(10)
    expect(Object.values(sample?.byStatus ?? {}).reduce((a, b) => a + b, 0)).toBe(10)
    const projected = Object.values(sample?.projectedByStatus ?? {}).reduce((a, b) => a + b, 0)
    expect(projected).toBeGreaterThanOrEqual(29)
    expect(projected).toBeLessThanOrEqual(31)
    expect(sample?.projectedCost).toEqual([{ currency: 'USD', amount: 20 * PRICE }])
    expect(job.live?.pauseMessage).toMatch(/Sample of 10 checked/)
    expect(sim.requests).toHaveLength(10)
    await t.services.jobs.startLive({ jobId })
    job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    const sends = sendsPerNumber(sim)
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
  })

  it('re-checks only the rows of a status, skipping the cache for them', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    await t.services.jobs.startLive({ jobId })
    let job = await t.services.jobs.waitFor(jobId)
    const unknownRows = job.counts.byStatus.unknown
    expect(unknownRows).toBeGreaterThan(0)
    const before = sim.requests.length
    const queued = t.services.jobs.recheck(jobId, ['unknown'])
    expect(queued).toBe(12) // digits 5, 6, 7 and 8 (×3) answer unknown at Ace
    job = t.services.jobs.get(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('confirm')
    const preflight = await t.services.jobs.preflight(jobId)
    expect(preflight.providers[0]).toMatchObject({ routed: 12, cached: 0, toPay: 12 })
    await t.services.jobs.startLive({ jobId })
    job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(sim.requests.length - before).toBe(12)
  })

  it('pushes progress at most about ten times a second, with rate, ETA, spend and counts', async () => {
    await setup()
    t.services.providers.saveSettings('acedata', { ratePerSecond: 30, concurrency: 2 })
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    const events: JobProgress[] = []
    const stop = t.services.jobs.onProgress((p) => {
      if (p.jobId === jobId) events.push({ ...p, message: String(Date.now()) })
    })
    await t.services.jobs.startLive({ jobId })
    await t.services.jobs.waitFor(jobId)
    stop()
    const running = events.filter((e) => e.status === 'running')
    expect(running.length).toBeGreaterThan(3)
    // The reporter keeps ≥ 100 ms between its reports; the listener's own clock also sees the variable time the
    // store takes to save each one, so the bound is checked over the whole run, not between two neighbours.
    const times = running.map((e) => Number(e.message))
    const elapsed = times[times.length - 1] - times[0]
    expect(running.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 2)
    const mid = running[running.length - 2]
    expect(mid.total).toBe(30)
    expect(mid.done).toBeGreaterThan(0)
    expect(mid.ratePerSecond).toBeGreaterThan(0)
    expect(mid.etaSeconds).not.toBeNull()
    expect(mid.live?.spend[0]?.currency).toBe('USD')
    const last = events[events.length - 1]
    expect(last.status).toBe('done')
    expect(last.done).toBe(30)
  })

  it('pauses when the account is out of credit', async () => {
    await setup()
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    sim.setMode('used_up')
    await t.services.jobs.startLive({ jobId })
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('balance')
    expect(job.live?.pauseMessage).toMatch(/Ace Data Cloud says the account is out of credit/)
    expect(job.live?.answered).toBe(0)
    expect(job.live?.uncertain).toBe(0)
  })

  it('cancels a running check, keeping every answer received', async () => {
    await setup()
    t.services.providers.saveSettings('acedata', { ratePerSecond: 20, concurrency: 2 })
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    await t.services.jobs.startLive({ jobId })
    await expect.poll(() => sim.requests.length, { timeout: 10_000 }).toBeGreaterThan(3)
    await t.services.jobs.cancel(jobId)
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.live?.answered).toBe(sim.requests.length)
    expect(job.live?.pending).toBe(30 - sim.requests.length)
    await expect(t.services.jobs.startLive({ jobId })).rejects.toThrow(/cancelled/)
  })

  it('after a crash mid-run the job is interrupted, in-flight requests are possibly charged, and resume finishes', async () => {
    const crashSim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    await setup()
    t.services.providers.saveSettings('acedata', { baseUrl: crashSim.url, concurrency: 4 })
    await secrets.set('acedata', ACEDATA_SIM_KEY, crashSim.url) // a key is bound to its origin
    const { file } = writeList(t.dir)
    const jobId = await createJob(t, file, plan())
    crashSim.setMode('slow', 60_000)
    await t.services.jobs.startLive({ jobId })
    await expect.poll(() => crashSim.requests.length, { timeout: 10_000 }).toBe(4)
    // The process "dies": its database connection goes away with four requests in flight.
    t.services.db.close()
    crashSim.setMode('normal')
    const reopened = createServices({
      dataDir: join(t.dir, 'data'),
      ...sourceWorkers(),
      secrets,
      env: {},
      tuning: { backoff: { baseMs: 5, capMs: 50, maxAttempts: 6 } }
    })
    try {
      let job = reopened.jobs.get(jobId)
      expect(job.status).toBe('paused')
      expect(job.live?.pauseReason).toBe('interrupted')
      expect(job.live?.uncertain).toBe(4)
      expect(job.live?.pauseMessage).toMatch(/4 requests were in flight and may have been charged/)
      const inFlight = crashSim.requests.map((r) => `+86${JSON.parse(r.body).mobile}`)
      expect(
        reopened.jobs
          .uncertain(jobId)
          .map((u) => u.e164)
          .sort()
      ).toEqual(inFlight.sort())
      await reopened.jobs.startLive({ jobId })
      job = await reopened.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live).toMatchObject({ answered: 26, uncertain: 4 })
      // The four numbers in flight at the crash were not sent again.
      const sends = sendsPerNumber(crashSim)
      expect(sends.size).toBe(30)
      expect([...sends.values()].every((n) => n === 1)).toBe(true)
    } finally {
      reopened.close()
      await crashSim.close()
    }
  })
})
