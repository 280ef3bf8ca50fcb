// One paid job per provider (and a chain with a fallback) through the real engine against each simulator:
// what "run a job with any of the five providers" means, end to end from the stored rows.
import { afterEach, describe, expect, it } from 'vitest'
import type { LivePlan, ResultRow } from '../../../src-preload/contract/types'
import { accountFor } from '../../../src-main/core/secrets'
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

let t: TempServices | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  t?.cleanup()
  t = undefined
  for (const close of closers.splice(0)) await close()
})

async function runJob(
  secrets: MemorySecretStore,
  numbers: string[],
  livePlan: LivePlan,
  configure: (s: TempServices) => void
): Promise<{ rows: Map<string, ResultRow>; jobId: string; services: TempServices }> {
  t = tempServices({ secrets })
  configure(t)
  const jobId = await createPaidJob(t.services, writeNumbers(t.dir, 'numbers.csv', numbers), livePlan, {
    region: 'US'
  })
  await t.services.jobs.startLive({ jobId })
  const job = await t.services.jobs.waitFor(jobId)
  expect(job.status, job.live?.pauseMessage ?? job.error ?? '').toBe('done')
  const page = t.services.store.results.queryResults(jobId, {}, 0, 2000)
  return { rows: new Map(page.rows.map((r) => [String(r.cells[0]), r])), jobId, services: t }
}

describe('paid jobs on each provider', () => {
  it('toolkk: carrier status of Chinese mobiles', async () => {
    const sim = await startToolkkSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('toolkk', TOOLKK_SIM_KEY, sim.url)
    // 139 0000000 d: the last digit picks the answer (0 not in network, 1 normal, 2 suspended, 5 powered off).
    const numbers = [0, 1, 2, 5].map((d) => `+861390000000${d}`)
    const { rows } = await runJob(secrets, numbers, paidPlan('toolkk'), (s) =>
      s.services.providers.saveSettings('toolkk', { baseUrl: sim.url, ratePerSecond: 50 })
    )
    expect(rows.get(numbers[0])).toMatchObject({ status: 'inactive', provider: 'toolkk' })
    expect(rows.get(numbers[1])).toMatchObject({ status: 'active', reason: 'in_service', provider: 'toolkk' })
    expect(rows.get(numbers[2])).toMatchObject({ status: 'inactive', reason: 'suspended' })
    expect(rows.get(numbers[3])).toMatchObject({ status: 'active', reason: 'powered_off' })
    expect(sim.requests).toHaveLength(4)
  })

  it('Telesign PhoneID Live with TSA HMAC signing', async () => {
    const sim = await startTelesignSimulator()
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('telesign', TELESIGN_SIM_API_KEY, sim.url)
    await secrets.set(accountFor('telesign', 'customerId'), TELESIGN_SIM_CUSTOMER_ID, sim.url)
    // US numbers ending 00 (active reachable), 01 (active unreachable), 03 (disconnected), 06 (invalid).
    const numbers = ['00', '01', '03', '06'].map((d) => `+120155501${d}`)
    const { rows, jobId, services } = await runJob(secrets, numbers, paidPlan('telesign'), (s) =>
      s.services.providers.saveSettings('telesign', { baseUrl: sim.url, authMode: 'hmac' })
    )
    expect(rows.get(numbers[0])).toMatchObject({ status: 'active', provider: 'telesign' })
    expect(rows.get(numbers[1])?.status).toBe('active')
    expect(rows.get(numbers[2])).toMatchObject({ status: 'inactive', provider: 'telesign' })
    expect(rows.get(numbers[3])?.status).toBe('invalid')
    expect(sim.requests.every((r) => /^TSA /.test(r.headers.authorization ?? ''))).toBe(true)
    const spend = services.services.jobs.get(jobId).live?.spend
    expect(spend?.[0]?.amount).toBeGreaterThan(0)
  })

  it('checknumber.ai: one bulk task, its id and result archive stored, every number answered', async () => {
    const sim = await startChecknumberSimulator({ balance: 50 })
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('checknumber', 'sim-checknumber-key', sim.url)
    const numbers = Array.from({ length: 520 }, (_, i) => `+1201${2000000 + i}`)
    const { rows, jobId, services } = await runJob(secrets, numbers, paidPlan('checknumber'), (s) =>
      s.services.providers.saveSettings('checknumber', { baseUrl: sim.url })
    )
    expect(sim.uploads).toHaveLength(1)
    expect(sim.uploads[0].numbers).toHaveLength(520)
    // Last digit 0–3 active, 4–6 inactive, 7–9 unknown (see the simulator's table).
    expect(rows.get(numbers[0])).toMatchObject({ status: 'active', provider: 'checknumber' })
    expect(rows.get(numbers[4])).toMatchObject({ status: 'inactive', reason: 'low_activity' })
    expect(rows.get(numbers[7])?.status).toBe('unknown')
    // …8 and …9 are rows the task could not process: no answer, so the row keeps its offline status.
    expect(rows.get(numbers[9])).toMatchObject({ status: 'unchecked', reason: 'check_failed' })
    const task = services.services.db
      .prepare('SELECT task_id, state, length(result) AS bytes FROM bulk_tasks WHERE job_id = ?')
      .get(jobId) as { task_id: string; state: string; bytes: number }
    expect(task.task_id).toBeTruthy()
    expect(task.state).toBe('applied')
    expect(task.bytes).toBeGreaterThan(100)
    // Numbers ending in 8 or 9 (104 of them) are rows the task could not process: failed, not answered, and
    // not costed; the 416 answers are costed at the configured price, marked as an estimate (no documented
    // price per row).
    const attempts = services.services.db
      .prepare(`SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state ORDER BY state`)
      .all(jobId)
    expect(attempts).toEqual([
      { state: 'answered', n: 416 },
      { state: 'failed', n: 104 }
    ])
    const spend = services.services.jobs.get(jobId).live?.spend ?? []
    expect(spend).toEqual([{ currency: 'USD', amount: 0.832, estimated: true }])
  })

  it('sends a small task to a bulk provider: its document states no minimum, so none is guessed', async () => {
    const sim = await startChecknumberSimulator()
    closers.push(() => sim.close())
    const secrets = new MemorySecretStore()
    await secrets.set('checknumber', 'sim-checknumber-key', sim.url)
    t = tempServices({ secrets })
    t.services.providers.saveSettings('checknumber', { baseUrl: sim.url })
    const file = writeNumbers(t.dir, 'few.csv', ['+12012000001', '+12012000002'])
    const jobId = await createPaidJob(t.services, file, paidPlan('checknumber'), { region: 'US' })
    const preflight = await t.services.jobs.preflight(jobId)
    expect(preflight.providers[0].problem).toBeNull()
    await t.services.jobs.startLive({ jobId })
    const job = await t.services.jobs.waitFor(jobId)
    expect(sim.uploads).toHaveLength(1)
    expect(sim.uploads[0].numbers).toEqual(['+12012000001', '+12012000002'])
    expect(job.status).toBe('done')
    expect(job.live?.answered).toBe(2)
  })

  it('a chain: Chinese mobiles to Ace Data Cloud, everything else and Ace’s unknowns to CheckMobi', async () => {
    const ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    const checkmobi = await startCheckmobiSimulator({ ratePerSecond: 1000 })
    closers.push(
      () => ace.close(),
      () => checkmobi.close()
    )
    const secrets = new MemorySecretStore()
    await secrets.set('acedata', ACEDATA_SIM_KEY, ace.url)
    await secrets.set('checkmobi', CHECKMOBI_SIM_KEY, checkmobi.url)
    // CN: …0 active at Ace, …5 unknown at Ace (goes on to CheckMobi); US …00 connected at CheckMobi.
    const cnActive = '+8613800138000'
    const cnUnknown = '+8613800138005'
    const us = '+12015550100'
    const { rows, jobId, services } = await runJob(
      secrets,
      [cnActive, cnUnknown, us],
      paidPlan('acedata', { route: [{ provider: 'acedata', countries: ['CN'] }], fallback: 'checkmobi' }),
      (s) => {
        s.services.providers.saveSettings('acedata', { baseUrl: ace.url })
        s.services.providers.saveSettings('checkmobi', { baseUrl: checkmobi.url, ratePerSecond: 50 })
      }
    )
    expect(rows.get(cnActive)).toMatchObject({ status: 'active', provider: 'acedata' })
    expect(rows.get(us)).toMatchObject({ status: 'active', provider: 'checkmobi' })
    expect(rows.get(cnUnknown)?.provider).toBe('checkmobi')
    expect(ace.requests).toHaveLength(2)
    expect(checkmobi.requests.filter((r) => r.path.includes('/lookup/hlr/'))).toHaveLength(2)
    // The row's detail keeps both answers for the CN number Ace could not settle.
    const checks = services.services.store.results.checksFor(jobId, cnUnknown).map((c) => c.provider)
    expect(checks.sort()).toEqual(['acedata', 'checkmobi'])
  })
})
