// What the window's close guard relies on: pauseAll stops every running paid check and waits for the
// requests in flight, so nothing is left "possibly charged" by an ordinary quit.
import { afterEach, expect, it } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../../fakes/acedata-simulator'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { createPaidJob, paidPlan, writeNumbers } from '../../helpers/paid-job'
import { tempServices, type TempServices } from '../../helpers/services'

let t: TempServices | undefined
let sim: AcedataSimulator | undefined
afterEach(async () => {
  t?.cleanup()
  await sim?.close()
})

it('pauses every running paid check and lets in-flight requests answer', async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 }, mode: 'slow', delayMs: 150 })
  const secrets = new MemorySecretStore()
  await secrets.set('acedata', ACEDATA_SIM_KEY, sim.url) // entered for the simulator's origin
  t = tempServices({ secrets })
  t.services.providers.saveSettings('acedata', { baseUrl: sim.url, concurrency: 4, ratePerSecond: 100 })
  const numbers = Array.from({ length: 60 }, (_, i) => `+8613800${String(i).padStart(6, '0')}`)
  const jobId = await createPaidJob(t.services, writeNumbers(t.dir, 'cn.csv', numbers), paidPlan('acedata'))
  await t.services.jobs.startLive({ jobId })
  expect(t.services.jobs.runningLiveJobs()).toEqual([jobId])
  // Wait until requests are in flight, then pause everything as the close guard does.
  await expect.poll(() => sim!.requests.length, { timeout: 10_000 }).toBeGreaterThan(0)
  await t.services.jobs.pauseAll()
  expect(t.services.jobs.runningLiveJobs()).toEqual([])
  const job = t.services.jobs.get(jobId)
  expect(job.status).toBe('paused')
  expect(job.live?.pauseReason).toBe('user')
  expect(job.live?.inFlight).toBe(0)
  expect(job.live?.uncertain).toBe(0)
  expect(job.live?.answered).toBe(sim.requests.length)
  expect(job.live?.pending).toBe(60 - sim.requests.length)
})
