// Issue 10, "Both cores": the offline check runs on a pool of jobs workers. Whatever the pool's size, a job stores
// exactly what one worker would have stored (the same numbers, in the same order, with the same ids), and a
// failing or cancelled pool leaves no worker thread behind.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Channels } from '../../src-preload/contract/channels'
import type { RowDetail } from '../../src-preload/contract/types'
import { createHandlers } from '../../src-main/api/handlers'
import {
  checkPoolSize,
  checkWorkersFromEnv,
  liveJobsWorkers,
  startedJobsWorkers
} from '../../src-main/core/jobs/worker-runner'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

/** The row test/fakes/failing-jobs-worker.ts fails on (in the list's third page). */
const FAILING_ROW = 4321

const opened: TempServices[] = []
afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup()
})

function services(checkWorkers: number, jobsWorkerPath?: string): TempServices {
  const t = tempServices({ checkWorkers, jobsWorker: jobsWorkerPath })
  opened.push(t)
  return t
}

/**
 * A mixed list: US numbers in several shapes, bare Chinese mobiles (read as China from the list's evidence),
 * +86 and +44 numbers, two numbers in one cell, junk; every eleventh row repeats an earlier row's number, and
 * blank rows leave gaps in the stored row indexes.
 */
function mixedList(dir: string, rows: number): string {
  const lines = ['Name,Phone,City']
  for (let i = 0; i < rows; i++) {
    if (i % 997 === 5) {
      lines.push(',,')
      continue
    }
    const k = i % 11 === 0 ? Math.floor(i / 3) : i
    const d = String(1_000_000 + ((k * 7919) % 8_999_999)).slice(-7)
    let phone: string
    let city = ''
    switch (k % 8) {
      case 0:
        phone = `(212) 55${d[0]}-${d.slice(1, 5)}`
        city = 'New York'
        break
      case 1:
        phone = `158${d}${d[0]}`
        break
      case 2:
        phone = `+86 139 ${d.slice(0, 4)} ${d.slice(3)}`
        city = 'Shanghai'
        break
      case 3:
        phone = `1-617-${d.slice(0, 3)}-${d.slice(3)}`
        city = 'Boston'
        break
      case 4:
        phone = `+44 7700 ${d.slice(0, 6)}`
        break
      case 5:
        phone = 'n/a'
        break
      case 6:
        phone = `"+1 415 555 ${d.slice(0, 4)}; 138-${d.slice(0, 4)}-${d.slice(3)}"`
        break
      default:
        phone = `${d.slice(0, 3)}-${d.slice(3)}`
    }
    lines.push(`P${i},${phone},${city}`)
  }
  const file = join(dir, 'mixed.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function start(t: TempServices, file: string): Promise<string> {
  return startListJob(t, file, 'US')
}

/** Runs a job to its end, noting the most jobs worker threads seen alive while it stored pages. */
async function runJob(t: TempServices, file: string): Promise<{ jobId: string; mostWorkers: number }> {
  let mostWorkers = 0
  const off = t.services.jobs.onProgress((p) => {
    if (p.phase === 'checking') mostWorkers = Math.max(mostWorkers, liveJobsWorkers())
  })
  const jobId = await start(t, file)
  await t.services.jobs.waitFor(jobId)
  off()
  return { jobId, mostWorkers }
}

/** Everything the job stored about its numbers, with ids relative to the job's first. */
function storedNumbers(t: TempServices, jobId: string) {
  const numbers = t.services.db
    .prepare(
      `SELECT id, dedupe_key, e164, raw, status, reason, line_type, country, alternatives, first_row
       FROM numbers WHERE id >> 32 = (SELECT seq FROM jobs WHERE id = ?) ORDER BY id`
    )
    .all(jobId) as { id: number }[]
  const first = numbers[0]?.id ?? 0
  const links = t.services.db
    .prepare(
      `SELECT row_index, ordinal, column_index, raw, number_id, extension, note, lead FROM job_rows
       WHERE job = (SELECT seq FROM jobs WHERE id = ?) AND number_id IS NOT NULL ORDER BY row_index, ordinal`
    )
    .all(jobId) as { row_index: number; number_id: number; lead: number | null }[]
  const results = t.services.store.results.queryResults(jobId, {}, 0, 1_000_000).rows.map((r) => ({
    row_index: r.rowIndex,
    status: r.status,
    reason: r.reason,
    e164: r.e164.length ? r.e164.join('; ') : null,
    line_type: r.lineType,
    country: r.country
  }))
  return {
    numbers: numbers.map((n) => ({ ...n, id: n.id - first })),
    links: links.map((l) => ({
      ...l,
      number_id: l.number_id - first,
      lead: l.lead === null ? null : l.lead - first
    })),
    results
  }
}

async function rowDetail(t: TempServices, jobId: string, rowIndex: number): Promise<RowDetail> {
  const handlers = createHandlers({
    services: t.services,
    platform: { pickSpreadsheet: async () => null, pickSavePath: async () => null, reveal: async () => {} },
    version: 'test',
    locale: 'en-US'
  })
  return (await handlers[Channels.rowDetail]({ jobId, rowIndex })) as RowDetail
}

describe('the offline check pool', () => {
  it('sizes itself to the machine: a core for the store, the others for workers, at least one, at most eight', () => {
    expect(checkPoolSize(1)).toBe(1)
    expect(checkPoolSize(0)).toBe(1)
    expect(checkPoolSize(2)).toBe(1)
    expect(checkPoolSize(4)).toBe(3)
    expect(checkPoolSize(6)).toBe(5)
    expect(checkPoolSize(64)).toBe(8)
    // RINGTRUE_CHECK_WORKERS overrides the machine's count; nonsense is ignored.
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: '1' })).toBe(1)
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: ' 3 ' })).toBe(3)
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: '99' })).toBe(8)
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: '0' })).toBeUndefined()
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: 'two' })).toBeUndefined()
    expect(checkWorkersFromEnv({ RINGTRUE_CHECK_WORKERS: '-2' })).toBeUndefined()
    expect(checkWorkersFromEnv({})).toBeUndefined()
  })

  it('stores exactly what a single worker stores, on a mixed list with duplicates and blank rows', async () => {
    const one = services(1)
    const three = services(3)
    const file = mixedList(one.dir, 9_500)
    const single = await runJob(one, file)
    const pooled = await runJob(three, file)
    expect(single.mostWorkers).toBe(1)
    expect(pooled.mostWorkers).toBe(3)
    expect(liveJobsWorkers()).toBe(0)

    const a = one.services.jobs.get(single.jobId)
    const b = three.services.jobs.get(pooled.jobId)
    expect(a.status).toBe('done')
    expect(b.status).toBe('done')
    // 9,500 rows of which 10 blank; cells with two numbers every eighth row.
    expect(a.counts.rows).toBe(9_490)
    expect(b.counts).toEqual(a.counts)
    expect(a.counts.unique).toBeLessThan(a.counts.numbers)

    const storedA = storedNumbers(one, single.jobId)
    const storedB = storedNumbers(three, pooled.jobId)
    expect(storedB.results).toHaveLength(9_490)
    expect(storedB.numbers).toEqual(storedA.numbers)
    expect(storedB.links).toEqual(storedA.links)
    expect(storedB.results).toEqual(storedA.results)

    // Row 1 holds a bare Chinese mobile: the list's Chinese numbers make it China's, in either pool.
    expect(storedB.results[1]).toEqual({
      row_index: 1,
      status: 'unchecked',
      reason: 'region_inferred',
      e164: '+8615810079191',
      line_type: 'mobile',
      country: 'CN'
    })
    // Row 44 repeats row 14's two numbers (every eleventh row repeats the one at a third of its index).
    const linksOf = (row: number) => storedB.links.filter((l) => l.row_index === row).map((l) => l.number_id)
    expect(linksOf(44)).toHaveLength(2)
    expect(linksOf(44)).toEqual(linksOf(14))
  })

  it('starts checking while the import still stores rows, and keeps the profile it read with the import', async () => {
    const t = services(1)
    const file = mixedList(t.dir, 30_000)
    let workersWhileImporting = 0
    const off = t.services.jobs.onProgress((p) => {
      if (p.phase === 'importing' && p.done > 0) {
        workersWhileImporting = Math.max(workersWhileImporting, liveJobsWorkers())
      }
    })
    const jobId = await start(t, file)
    const job = await t.services.jobs.waitFor(jobId)
    off()
    expect(job.status).toBe('done')
    // The pool's worker ran beside the import (the import's own worker is not a jobs worker).
    expect(workersWhileImporting).toBe(1)
    const record = t.services.store.imports.get(t.services.store.jobs.get(jobId)!.importId)
    // The list holds US, Chinese and British numbers; the profile read from the import's sample says so.
    expect(record?.profile?.regions.map((r) => r.region).sort()).toEqual(['CN', 'GB', 'US'])

    // A check run again from the stored rows reads with the kept profile, not a new one: told the list holds only
    // US numbers, the bare Chinese mobile of row 1 is no longer read as China's.
    const before = storedNumbers(t, jobId)
    expect(before.results[1]).toMatchObject({ reason: 'region_inferred', country: 'CN' })
    t.services.store.imports.saveProfile(record!.id, { regions: [{ region: 'US', share: 1 }], shapes: {} })
    t.services.db.prepare("UPDATE jobs SET status = 'paused', phase = 'checking' WHERE id = ?").run(jobId)
    await t.services.jobs.resumeOffline(jobId)
    expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
    const after = storedNumbers(t, jobId)
    expect(after.results).toHaveLength(before.results.length)
    expect(after.results[1].country).not.toBe('CN')
  })

  it('starts the check workers while the list is previewed, and the job checks with those', async () => {
    const t = services(2)
    const file = mixedList(t.dir, 9_000)
    const before = startedJobsWorkers()
    const preview = await t.services.jobs.preview({ filePath: file })
    // Both workers load their code while the user looks at the preview (or the CLI reads the file).
    expect(liveJobsWorkers()).toBe(2)
    expect(startedJobsWorkers() - before).toBe(2)
    const { jobId } = await t.services.jobs.create({
      filePath: file,
      mapping: {
        sheet: preview.sheet,
        headerRow: 0,
        phoneColumns: [1],
        countryColumn: null,
        defaultRegion: 'US'
      }
    })
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(job.counts.rows).toBe(8_990)
    // The pool took the waiting workers instead of starting its own.
    expect(startedJobsWorkers() - before).toBe(2)
    expect(liveJobsWorkers()).toBe(0)
  })

  it('ends waiting check workers when the services close', async () => {
    const t = services(2)
    const file = mixedList(t.dir, 50)
    await t.services.jobs.preview({ filePath: file })
    expect(liveJobsWorkers()).toBe(2)
    t.services.close()
    await expect.poll(() => liveJobsWorkers()).toBe(0)
  })

  it('shows both formats in the row drawer, computed from the E.164, while the store keeps none', async () => {
    const t = services(2)
    const file = mixedList(t.dir, 40)
    const { jobId } = await runJob(t, file)
    // Row 2: '+86 139 1015 5838'; row 0: '(212) 551-0000'.
    const detail = await rowDetail(t, jobId, 2)
    expect(detail.numbers[0]).toMatchObject({
      e164: '+8613910155838',
      nationalFormat: '139 1015 5838',
      internationalFormat: '+86 139 1015 5838'
    })
    const offline = detail.numbers[0].checks.find((c) => c.provider === 'offline')
    expect(offline?.raw).toMatchObject({
      nationalFormat: '139 1015 5838',
      internationalFormat: '+86 139 1015 5838'
    })
    const newYork = await rowDetail(t, jobId, 0)
    expect(newYork.numbers[0]).toMatchObject({
      e164: '+12125510000',
      nationalFormat: '(212) 551-0000',
      internationalFormat: '+1 212 551 0000'
    })
    // Invalid numbers have no formats to show.
    const junk = await rowDetail(t, jobId, 3)
    expect(junk.numbers[0]).toMatchObject({ e164: null, nationalFormat: null, internationalFormat: null })
    const stored = t.services.db
      .prepare(
        "SELECT COUNT(*) AS n FROM pragma_table_info('numbers') WHERE name IN ('national_format', 'international_format')"
      )
      .get() as { n: number }
    expect(stored.n).toBe(0)
  })

  it("fails the job with one worker's error and stops the others", async () => {
    const t = services(3, join(__dirname, '../fakes/failing-jobs-worker.ts'))
    const file = mixedList(t.dir, 9_500)
    const jobId = await start(t, file)
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('failed')
    expect(job.error).toBe(`Simulated failure while checking row ${FAILING_ROW}`)
    expect(liveJobsWorkers()).toBe(0)
  })

  it('cancel during the check terminates every worker of the pool', async () => {
    const t = services(3)
    const file = mixedList(t.dir, 30_000)
    let seen = 0
    const jobId = await start(t, file)
    await new Promise<void>((resolve) => {
      const off = t.services.jobs.onProgress((p) => {
        if (p.jobId === jobId && p.phase === 'checking' && p.done > 0) {
          seen = liveJobsWorkers()
          off()
          resolve()
        }
      })
    })
    expect(seen).toBe(3)
    await t.services.jobs.cancel(jobId)
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.counts.rows).toBe(29_969)
    expect(liveJobsWorkers()).toBe(0)
  })
})
