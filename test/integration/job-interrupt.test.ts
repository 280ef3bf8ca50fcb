// The job service's side of "a kill or Ctrl-C before the paid phase loses the plan" (issue 8): the plan is stored
// when the job is created, an interrupted offline check pauses (not fails) and runs again on resume, a cancelled
// one stays short of the paid phase, and a job wider than the phone-column limit is refused.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_PHONE_COLUMNS } from '../../src-main/core/import/limits'
import { paidPlan } from '../helpers/paid-job'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

let t: TempServices

beforeEach(() => {
  t = tempServices()
})
afterEach(() => t.cleanup())

/** 60,000 US numbers, then 20 Chinese mobiles: the offline check takes a moment. */
function bigList(): string {
  const lines = ['Name,Phone']
  for (let i = 0; i < 60_000; i++) lines.push(`P${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
  for (let i = 0; i < 20; i++) lines.push(`cn${i},+86138000000${String(i).padStart(2, '0')}`)
  const file = join(t.dir, 'big.csv')
  writeFileSync(file, lines.join('\n'))
  return file
}

async function startInterrupted(file: string): Promise<string> {
  const jobId = await startListJob(t, file, 'US', paidPlan('acedata'))
  // The plan is on the job from the start.
  expect(t.services.jobs.get(jobId).live?.plan.route).toEqual([{ provider: 'acedata', countries: null }])
  await new Promise<void>((resolve) => {
    const off = t.services.jobs.onProgress((p) => {
      if (p.jobId === jobId && p.status === 'running' && p.done > 0) {
        off()
        resolve()
      }
    })
  })
  expect(t.services.jobs.interrupt(jobId)).toBe(true)
  return jobId
}

describe('an offline check interrupted before the paid phase', () => {
  it('pauses as interrupted, and resume runs it again into the pre-flight of its paid check', async () => {
    const jobId = await startInterrupted(bigList())
    const interrupted = await t.services.jobs.waitFor(jobId)
    expect(interrupted.status).toBe('paused')
    expect(['importing', 'checking']).toContain(interrupted.phase)
    expect(interrupted.live?.pauseReason).toBe('interrupted')
    expect(t.services.jobs.offlineUnfinished(interrupted)).toBe(true)
    await expect(
      t.services.exports.run({
        jobId,
        mode: 'full',
        format: 'csv',
        keepUnknown: false,
        outPath: join(t.dir, 'x.csv'),
        overwrite: false
      })
    ).rejects.toMatchObject({ code: 'job_not_finished' })

    // The app's "resume" goes through startLive: it runs the offline check again first.
    await t.services.jobs.startLive({ jobId })
    const ready = await t.services.jobs.waitFor(jobId)
    expect(ready.status).toBe('paused')
    expect(ready.phase).toBe('live')
    expect(ready.live?.pauseReason).toBe('confirm')
    expect(ready.counts.rows).toBe(60_020)
    expect(ready.counts.numbers).toBe(60_020)
    expect(ready.live?.pending).toBe(20)
  })

  it('cancelled while interrupted, it ends cancelled short of the paid phase', async () => {
    const jobId = await startInterrupted(bigList())
    await t.services.jobs.waitFor(jobId)
    await t.services.jobs.cancel(jobId)
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.phase).not.toBe('live')
    expect(job.live?.pauseReason).toBeNull()
  })

  it('a job killed during its offline check is recovered as interrupted, not failed, when it has a plan', async () => {
    const jobId = await startInterrupted(bigList())
    await t.services.jobs.waitFor(jobId)
    // As a dead process leaves it: still 'running' on disk, owned by nobody alive.
    t.services.db.prepare("UPDATE jobs SET status = 'running', owner_pid = NULL WHERE id = ?").run(jobId)
    expect(t.services.jobs.recoverInterrupted()).toEqual([jobId])
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('interrupted')
  })
})

describe('the phone-column limit', () => {
  it(`refuses more than ${MAX_PHONE_COLUMNS} phone columns, naming the limit`, async () => {
    const width = MAX_PHONE_COLUMNS + 1
    const header = Array.from({ length: width }, (_, i) => `Phone ${i}`)
    const row = Array.from({ length: width }, (_, i) => `+1 201 555 ${String(i).padStart(4, '0')}`)
    const file = join(t.dir, 'wide.csv')
    writeFileSync(file, `${header.join(',')}\n${row.join(',')}\n`)
    const preview = await t.services.jobs.preview({ filePath: file })
    await expect(
      t.services.jobs.create({
        filePath: file,
        mapping: {
          sheet: preview.sheet,
          headerRow: 0,
          phoneColumns: header.map((_, i) => i),
          countryColumn: null,
          defaultRegion: 'US'
        }
      })
    ).rejects.toMatchObject({
      code: 'bad_mapping',
      message: expect.stringMatching(/at most 64 phone columns/)
    })
    expect(t.services.jobs.list()).toEqual([])
  })
})
