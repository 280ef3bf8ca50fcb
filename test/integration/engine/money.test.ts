// Issue 8, "Money: what the record says must be what the provider bills": each paid job here runs through the
// real engine against a simulator that follows the provider's documented contract, and the job's record (spend,
// pause reason, ledger, what was sent) is compared with what the simulator says happened.
import { afterEach, describe, expect, it } from 'vitest'
import type { JobDetail, LivePlan } from '../../../src-preload/contract/types'
import { accountFor } from '../../../src-main/core/secrets'
import { formatLive, outcomeExit } from '../../../src-main/cli/live'
import { createPaidJob, paidPlan, writeNumbers } from '../../helpers/paid-job'
import { tempServices, type TempServices } from '../../helpers/services'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { ACEDATA_SIM_KEY, startAcedataSimulator } from '../../fakes/acedata-simulator'
import { CHECKMOBI_SIM_KEY, startCheckmobiSimulator } from '../../fakes/checkmobi-simulator'
import { startChecknumberSimulator } from '../../fakes/checknumber-simulator'
import {
  TELESIGN_SIM_API_KEY,
  TELESIGN_SIM_CUSTOMER_ID,
  startTelesignSimulator
} from '../../fakes/telesign-simulator'
import { TOOLKK_SIM_KEY, startToolkkSimulator } from '../../fakes/toolkk-simulator'

const CN_KEY = 'sim-checknumber-key'

let t: TempServices | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  t?.cleanup()
  t = undefined
  for (const close of closers.splice(0)) await close()
})

async function newJob(
  secrets: MemorySecretStore,
  numbers: string[],
  plan: LivePlan,
  configure: (s: TempServices) => void,
  region = 'US'
): Promise<{ jobId: string; s: TempServices }> {
  t ??= tempServices({ secrets })
  configure(t)
  const jobId = await createPaidJob(t.services, writeNumbers(t.dir, `n${Date.now()}.csv`, numbers), plan, {
    region
  })
  return { jobId, s: t }
}

async function run(s: TempServices, jobId: string): Promise<JobDetail> {
  await s.services.jobs.startLive({ jobId })
  return s.services.jobs.waitFor(jobId)
}

function attempts(s: TempServices, jobId: string): { state: string; n: number }[] {
  return s.services.db
    .prepare(`SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state ORDER BY state`)
    .all(jobId) as { state: string; n: number }[]
}

describe('spend is what the provider bills', () => {
  it('Ace Data Cloud: only result 0 is costed; -1/-2/-3/-4 are free, and the figure is not an estimate', async () => {
    const ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    closers.push(() => ace.close())
    const secrets = new MemorySecretStore()
    await secrets.set('acedata', ACEDATA_SIM_KEY, ace.url)
    // Last digit: 0/1/2 result 0 (charged); 6 → -1, 7 → -3, 8 → -4, 9 → -2 (none charged, seed 000).
    const numbers = ['0', '1', '2', '6', '7', '8', '9'].flatMap((d) => [
      `+861380013800${d}`,
      `+861390013801${d}`
    ])
    const { jobId, s } = await newJob(
      secrets,
      numbers,
      paidPlan('acedata'),
      (x) => x.services.providers.saveSettings('acedata', { baseUrl: ace.url, pricePerLookup: 0.01 }),
      'CN'
    )
    const job = await run(s, jobId)
    expect(ace.requests).toHaveLength(14)
    expect(ace.charged).toBe(6)
    expect(job.live?.spend).toEqual([{ currency: 'USD', amount: 0.06 }])
    expect(job.live?.spend[0].estimated).toBeUndefined()
    const costed = s.services.db
      .prepare(`SELECT COUNT(*) AS n, SUM(cost) AS total FROM attempts WHERE job_id = ? AND cost > 0`)
      .get(jobId) as { n: number; total: number }
    expect(costed.n).toBe(6)
    expect(formatLive(job.live!, false, false).join('\n')).toMatch(/Spent: {3}0\.06 USD(?! \(estimated\))/)
  })

  it('toolkk documents no billing: every answer counted as charged, marked as an estimate in the record and CLI', async () => {
    const sim = await startToolkkSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('toolkk', TOOLKK_SIM_KEY, sim.url)
    const numbers = [0, 1, 2].map((d) => `+861390000000${d}`)
    const { jobId, s } = await newJob(
      secrets,
      numbers,
      paidPlan('toolkk'),
      (x) => x.services.providers.saveSettings('toolkk', { baseUrl: sim.url, ratePerSecond: 50 }),
      'CN'
    )
    const job = await run(s, jobId)
    expect(job.status).toBe('done')
    expect(job.live?.spend).toEqual([{ currency: 'CNY', amount: 0.15, estimated: true }])
    const text = formatLive(job.live!, false, false).join('\n')
    expect(text).toContain('Spent:   ≈0.15 CNY (estimated')
    // The answer itself carries the mark, for the row drawer.
    const checks = s.services.store.results.checksFor(jobId, numbers[0])
    expect(checks[0]).toMatchObject({ provider: 'toolkk', cost: 0.05, costEstimated: true })
  })
})

describe('account limits stop the job in the provider’s words', () => {
  it('Telesign -40008 (transaction hard cap): pauses as quota, no number is retried', async () => {
    const sim = await startTelesignSimulator({ hardCap: 2 })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('telesign', TELESIGN_SIM_API_KEY, sim.url)
    await secrets.set(accountFor('telesign', 'customerId'), TELESIGN_SIM_CUSTOMER_ID, sim.url)
    // 201-555-0112 … 0123: the simulator answers these as active (codes 10 and 11 are error scenarios).
    const numbers = Array.from({ length: 12 }, (_, i) => `+120155501${12 + i}`)
    const { jobId, s } = await newJob(secrets, numbers, paidPlan('telesign'), (x) =>
      x.services.providers.saveSettings('telesign', { baseUrl: sim.url, concurrency: 1, ratePerSecond: 100 })
    )
    const job = await run(s, jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('quota')
    expect(job.live?.pauseMessage).toContain('exceeded transaction hard cap. Request denied.')
    // Two billed lookups, then one refusal: nothing sent again, nothing else sent.
    expect(sim.requests).toHaveLength(3)
    expect(job.live?.answered).toBe(2)
    expect(job.live?.pending).toBe(10)
    expect(outcomeExit(job)?.message).toContain('hard cap')
  })

  it('CheckMobi code 12 (account exceeded one or more limitations): pauses as quota, no number is retried', async () => {
    const sim = await startCheckmobiSimulator({ accountLimit: 1 })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('checkmobi', CHECKMOBI_SIM_KEY, sim.url)
    const numbers = Array.from({ length: 8 }, (_, i) => `+40740000${String(i * 100).padStart(3, '0')}`)
    const { jobId, s } = await newJob(secrets, numbers, paidPlan('checkmobi'), (x) =>
      x.services.providers.saveSettings('checkmobi', { baseUrl: sim.url, concurrency: 1, ratePerSecond: 100 })
    )
    const job = await run(s, jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('quota')
    expect(job.live?.pauseMessage).toContain('Your account exceeded one or more limitations.')
    expect(sim.requests.filter((r) => r.path.includes('/lookup/hlr/'))).toHaveLength(2)
    expect(job.live?.pending).toBe(7)
    expect(attempts(s, jobId)).toEqual([
      { state: 'answered', n: 1 },
      { state: 'failed', n: 1 }
    ])
  })
})

describe('checknumber.ai: what the task says is what the record says', () => {
  async function checknumberJob(
    numbers: string[],
    options: Parameters<typeof startChecknumberSimulator>[0] = {},
    key = CN_KEY
  ) {
    const sim = await startChecknumberSimulator({ apiKey: CN_KEY, balance: 50, ...options })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('checknumber', key, sim.url)
    const { jobId, s } = await newJob(secrets, numbers, paidPlan('checknumber'), (x) =>
      x.services.providers.saveSettings('checknumber', { baseUrl: sim.url })
    )
    return { sim, jobId, s }
  }
  const tenNumbers = Array.from({ length: 10 }, (_, i) => `+1201200000${i}`)

  it('a key refused on the pre-flight balance call stops before anything is uploaded', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers, {}, 'not-the-key-000000')
    const preflight = await s.services.jobs.preflight(jobId)
    expect(preflight.providers[0].problem).toMatch(/refused the API key/)
    expect(preflight.providers[0].problemNote).toMatchObject({
      kind: 'refused_key',
      name: 'CheckNumber.ai Number Active Check'
    })
    const job = await run(s, jobId)
    expect(job.live?.pauseReason).toBe('auth')
    expect(sim.requests).not.toContain('POST /v1/tasks')
    expect(sim.requests).toContain('GET /v1/balance')
  })

  it('rows counted in `failure` are not answers and are not costed', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers)
    const job = await run(s, jobId)
    expect(sim.uploads).toHaveLength(1)
    // Digits 8 (blank ActiveStatus) and 9 (missing from the export) are the task's two failures.
    expect(job.live).toMatchObject({ answered: 8, failed: 2 })
    expect(job.live?.spend).toEqual([{ currency: 'USD', amount: 0.016, estimated: true }])
    expect(job.live?.lastError).toMatch(/could not process 2 of the 10 numbers.*failure count: 2/)
    expect(attempts(s, jobId)).toEqual([
      { state: 'answered', n: 8 },
      { state: 'failed', n: 2 }
    ])
  })

  it('a task that polls into 404 pauses with the provider’s words and keeps its task id', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers, { advance: 'manual' })
    await s.services.jobs.startLive({ jobId })
    // The provider loses the task once it has been created.
    while (sim.tasks.size === 0) await new Promise((r) => setImmediate(r))
    const [taskId] = [...sim.tasks.keys()]
    sim.tasks.delete(taskId)
    const job = await s.services.jobs.waitFor(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('provider')
    expect(job.live?.pauseMessage).toContain('task not found')
    expect(job.live?.pauseMessage).toContain(taskId)
    const task = s.services.db.prepare('SELECT task_id, state FROM bulk_tasks WHERE job_id = ?').get(jobId)
    expect(task).toEqual({ task_id: taskId, state: 'submitted' })
  })

  it('a task status the document does not list pauses instead of polling forever', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers, { advance: 'manual' })
    await s.services.jobs.startLive({ jobId })
    while (sim.tasks.size === 0) await new Promise((r) => setImmediate(r))
    const [task] = [...sim.tasks.values()]
    ;(task as { status: string }).status = 'archived'
    const job = await s.services.jobs.waitFor(jobId)
    expect(job.live?.pauseReason).toBe('provider')
    expect(job.live?.pauseMessage).toContain('archived')
    expect(job.live?.pauseMessage).toContain(task.taskId)
  })

  it('sends a small task; a refusal for its size pauses with the provider’s message and the minimum is kept', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers, { minRows: 1000 })
    const before = await s.services.jobs.preflight(jobId)
    expect(before.providers[0].problem).toBeNull()
    const job = await run(s, jobId)
    expect(sim.uploads).toHaveLength(1)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('provider')
    expect(job.live?.pauseMessage).toContain('row count must be between 1000 and')
    // The numbers wait; nothing was charged.
    expect(job.live).toMatchObject({ pending: 10, answered: 0, failed: 0, uncertain: 0 })
    expect(sim.charged).toBe(0)
    // The minimum it stated is remembered: the pre-flight of this and the next job says so before any upload.
    const after = await s.services.jobs.preflight(jobId)
    expect(after.providers[0].problem).toMatch(/at least 1000 numbers/)
    expect(after.providers[0].problemNote).toMatchObject({ kind: 'minimum', minimum: 1000, learned: 'yes' })
    const next = await newJob(
      new MemorySecretStore(),
      tenNumbers.slice(0, 4),
      paidPlan('checknumber'),
      () => {}
    )
    const nextPreflight = await next.s.services.jobs.preflight(next.jobId)
    expect(nextPreflight.providers[0].problem).toMatch(/at least 1000 numbers/)
    await next.s.services.jobs.startLive({ jobId: next.jobId })
    const nextJob = await next.s.services.jobs.waitFor(next.jobId)
    expect(nextJob.live?.pauseReason).toBe('provider')
    expect(sim.uploads).toHaveLength(1)
  })

  it('an upload cut at the connection leaves every number possibly charged: paused, and the CLI exits non-zero', async () => {
    const { sim, jobId, s } = await checknumberJob(tenNumbers)
    sim.setMode('drop', { only: ['tasks'] })
    const job = await run(s, jobId)
    expect(job.live?.uncertain).toBe(10)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('no_answers')
    expect(job.live?.pauseMessage).toMatch(/10 requests ended without an answer and may have been charged/)
    const exit = outcomeExit(job)
    expect(exit).not.toBeNull()
    expect(exit?.code).toBe(1)
    expect(exit?.message).toContain(`ringtrue jobs resume ${jobId} --recheck-uncertain --yes`)
  })
})
