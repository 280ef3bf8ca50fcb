import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import type { ExportWhenChecked } from '../../src-main/core/jobs/offline-check'
import { liveJobsWorkers } from '../../src-main/core/jobs/worker-runner'
import type { ExportFormat, ExportMode, LivePlan } from '../../src-main/core/domain'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

// `check --out` without a paid check: the export worker writes each page of results as soon as the offline check
// commits it, instead of reading the whole job back once it is done.

let open: TempServices | null = null
afterEach(() => {
  open?.cleanup()
  open = null
})

function services(): TempServices {
  open = tempServices({ checkWorkers: 1 })
  return open
}

/** A list with repeats, blank rows, junk and cells holding two numbers, over several pages of the check. */
function list(dir: string, rows: number): string {
  const lines = ['Name,Phone,City']
  for (let i = 0; i < rows; i++) {
    if (i % 97 === 13) {
      lines.push('')
      continue
    }
    const d = String(1_000_000 + ((i * 7919) % 900_000)).slice(1)
    const phone =
      i % 11 === 0
        ? '+1 212 555 0100'
        : i % 13 === 0
          ? 'call me'
          : i % 17 === 0
            ? `"+1 415 555 ${d.slice(0, 4)}; (212) 555-${d.slice(2)}"`
            : `(2${d.slice(0, 2)}) 5${d.slice(2, 4)}-${d.slice(2)}`
    lines.push(`P${i},${phone},Boston`)
  }
  const file = join(dir, 'list.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

/** Starts the job of a list with the export asked for along with it. */
function create(
  t: TempServices,
  file: string,
  exportAsked: ExportWhenChecked,
  live?: LivePlan
): Promise<string> {
  return startListJob(t, file, 'US', live, { exportWhenChecked: exportAsked })
}

/** An export of the whole job to `outPath`, never over an existing file. */
function ask(outPath: string, mode: ExportMode = 'full', format: ExportFormat = 'csv'): ExportWhenChecked {
  return { mode, format, keepUnknown: false, outPath, overwrite: false }
}

function sheetRows(path: string): unknown[][] {
  const book = XLSX.read(readFileSync(path))
  return book.SheetNames.flatMap((name) =>
    XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name], { header: 1, raw: true })
  )
}

describe('an export asked for with the job', () => {
  it('is written while the check stores rows, and equals the export of the finished job (csv, full)', async () => {
    const t = services()
    const file = list(t.dir, 12_000)
    const out = join(t.dir, 'followed.csv')
    let workersWhileChecking = 0
    const off = t.services.jobs.onProgress((p) => {
      if (p.phase === 'checking' && p.done > 0)
        workersWhileChecking = Math.max(workersWhileChecking, liveJobsWorkers())
    })
    const jobId = await create(t, file, ask(out))
    const job = await t.services.jobs.waitFor(jobId)
    off()
    expect(job.status).toBe('done')
    // The pool's one check worker and the export worker ran side by side.
    expect(workersWhileChecking).toBe(2)
    const followed = t.services.jobs.takeFollowedExport(jobId)
    expect(followed?.files).toEqual([out])
    expect(followed?.rowsWritten).toBe(job.counts.rows)
    // Taken once.
    expect(t.services.jobs.takeFollowedExport(jobId)).toBeNull()

    const after = join(t.dir, 'after.csv')
    await t.services.exports.run({ jobId, ...ask(after) })
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(after, 'utf8'))
    expect(readFileSync(out, 'utf8').split('\n').length).toBeGreaterThan(11_000)
  })

  it('keeps only what the cleaned export keeps, in xlsx, like the export of the finished job', async () => {
    const t = services()
    const file = list(t.dir, 5_000)
    const out = join(t.dir, 'cleaned.xlsx')
    const jobId = await create(t, file, ask(out, 'cleaned', 'xlsx'))
    expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
    expect(t.services.jobs.takeFollowedExport(jobId)?.files).toEqual([out])
    const after = join(t.dir, 'cleaned-after.xlsx')
    await t.services.exports.run({ jobId, ...ask(after, 'cleaned', 'xlsx') })
    const rows = sheetRows(out)
    expect(rows).toEqual(sheetRows(after))
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.length).toBeLessThan(5_000)
  })

  it('a cancelled check leaves no export file behind', async () => {
    const t = services()
    const file = list(t.dir, 30_000)
    const out = join(t.dir, 'never.csv')
    const jobId = await create(t, file, ask(out))
    await new Promise<void>((resolve) => {
      const off = t.services.jobs.onProgress((p) => {
        if (p.jobId === jobId && p.phase === 'checking' && p.done > 0) {
          off()
          resolve()
        }
      })
    })
    await t.services.jobs.cancel(jobId)
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('cancelled')
    expect(t.services.jobs.takeFollowedExport(jobId)).toBeNull()
    expect(existsSync(out)).toBe(false)
    // Nothing half written stays beside it either.
    expect(readdirSync(t.dir).filter((name) => name.includes('never'))).toEqual([])
    expect(liveJobsWorkers()).toBe(0)
  })

  it('is refused before any job exists when it would replace a file, or when the job has a paid check', async () => {
    const t = services()
    const file = list(t.dir, 10)
    const out = join(t.dir, 'exists.csv')
    writeFileSync(out, 'keep me')
    await expect(create(t, file, ask(out))).rejects.toMatchObject({ code: 'file_exists' })
    await expect(create(t, file, ask(file))).rejects.toMatchObject({
      code: 'would_overwrite_source'
    })
    await expect(
      create(t, file, ask(join(t.dir, 'paid.csv')), {
        route: [{ provider: 'acedata', countries: null }],
        fallback: null,
        lineTypes: ['mobile'],
        spendCap: null,
        freshnessDays: { active: 30, inactive: 30, invalid: 30, unknown: 0 }
      })
    ).rejects.toMatchObject({ code: 'bad_plan' })
    expect(t.services.jobs.list()).toEqual([])
    expect(readFileSync(out, 'utf8')).toBe('keep me')
  })
})
