import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getExampleNumber } from 'libphonenumber-js/max'
import examples from 'libphonenumber-js/examples.mobile.json'
import type { CountryCode } from 'libphonenumber-js/max'
import { ServiceError } from '../../src-main/core/jobs/service-error'
import { sourceWorkers, tempServices, type TempServices } from '../helpers/services'
import { createServices } from '../../src-main/core/services'

function example(region: CountryCode): { national: string; e164: string; international: string } {
  const number = getExampleNumber(region, examples)
  if (!number) throw new Error(`no example for ${region}`)
  return {
    national: number.formatNational(),
    e164: number.number,
    international: number.formatInternational()
  }
}

const us = example('US')
const gb = example('GB')
const de = example('DE')

// Row by row, what the offline check must conclude.
const CSV_ROWS: string[][] = [
  ['Name', 'Phone', 'Country'],
  ['Ada', us.national, ''], // 0 unchecked
  ['Ben', us.e164, ''], // 1 the same number again: a duplicate
  ['Cy', '12', ''], // 2 invalid
  ['Di', `${gb.national}; ${us.international}`, 'United Kingdom'], // 3 two numbers, GB read with the row's country
  ['Ed', '', ''], // 4 no number
  ['Flo', de.national, 'DE'] // 5 national German number resolved through the country column
]

function csvText(rows: string[][]): string {
  return rows
    .map((r) => r.map((c) => (/[",\n;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\n')
}

describe('import → offline check → review → export', () => {
  let t: TempServices
  let file: string
  let jobId: string

  beforeAll(async () => {
    t = tempServices()
    file = join(t.dir, 'contacts.csv')
    writeFileSync(file, csvText(CSV_ROWS))
    const preview = await t.services.jobs.preview({ filePath: file })
    expect(preview.suggestedPhoneColumns).toEqual([1])
    const created = await t.services.jobs.create({
      filePath: file,
      mapping: {
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        phoneColumns: [1],
        countryColumn: 2,
        defaultRegion: 'US'
      }
    })
    jobId = created.jobId
    await t.services.jobs.waitFor(jobId)
  })
  afterAll(() => t.cleanup())

  it('finishes with counts that match the rows', () => {
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('done')
    expect(job.phase).toBe('finished')
    expect(job.headers).toEqual(['Name', 'Phone', 'Country'])
    expect(job.counts.rows).toBe(6)
    expect(job.counts.numbers).toBe(6) // 1 + 1 + 1 + 2 + 0 + 1
    expect(job.counts.unique).toBe(4) // us, '12', gb, de — the three US spellings are one number
    expect(job.counts.emptyRows).toBe(1)
    expect(job.counts.byStatus).toEqual({ active: 0, unchecked: 4, unknown: 0, inactive: 0, invalid: 2 })
  })

  it('pages and filters results from SQLite', () => {
    const invalid = t.services.store.results.queryResults(jobId, { statuses: ['invalid'] }, 0, 50)
    expect(invalid.total).toBe(2)
    expect(invalid.rows.map((r) => r.rowIndex)).toEqual([2, 4])
    expect(invalid.rows[1].reason).toBe('no_number')

    const multi = t.services.store.results.resultRow(jobId, 3)
    expect(multi?.e164).toEqual([gb.e164, us.e164])
    expect(multi?.country).toBe('GB')

    const german = t.services.store.results.resultRow(jobId, 5)
    expect(german?.e164).toEqual([de.e164])

    const search = t.services.store.results.queryResults(jobId, { search: 'Flo' }, 0, 50)
    expect(search.rows.map((r) => r.rowIndex)).toEqual([5])
    const byE164 = t.services.store.results.queryResults(jobId, { search: gb.e164 }, 0, 50)
    expect(byE164.rows.map((r) => r.rowIndex)).toEqual([3])

    const page = t.services.store.results.queryResults(jobId, {}, 2, 2)
    expect(page.total).toBe(6)
    expect(page.rows.map((r) => r.rowIndex)).toEqual([2, 3])
  })

  it('counts facets with the other filters applied', () => {
    const facets = t.services.store.results.facets(jobId, { statuses: ['unchecked'] })
    expect(facets.total).toBe(4)
    expect(facets.statuses).toEqual(
      expect.arrayContaining([
        { value: 'unchecked', count: 4 },
        { value: 'invalid', count: 2 }
      ])
    )
    const countries = Object.fromEntries(facets.countries.map((f) => [f.value, f.count]))
    expect(countries).toEqual({ US: 2, GB: 1, DE: 1 })
  })

  it('exports the cleaned list and refuses to overwrite without consent', async () => {
    const out = join(t.dir, 'cleaned.csv')
    const result = await t.services.exports.run({
      jobId,
      mode: 'cleaned',
      format: 'csv',
      keepUnknown: false,
      outPath: out,
      overwrite: false
    })
    expect(result.rowsWritten).toBe(4)
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(lines).toHaveLength(5)
    expect(lines[0]).toBe(
      'Name,Phone,Country,E.164,Status,Reason,Line Type,Country (Ringtrue),Carrier,Provider,Checked At'
    )
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Ada', 'Ben', 'Di', 'Flo'])

    await expect(
      t.services.exports.run({
        jobId,
        mode: 'cleaned',
        format: 'csv',
        keepUnknown: false,
        outPath: out,
        overwrite: false
      })
    ).rejects.toMatchObject({ code: 'file_exists' })
    await expect(
      t.services.exports.run({
        jobId,
        mode: 'full',
        format: 'csv',
        keepUnknown: false,
        outPath: file,
        overwrite: false
      })
    ).rejects.toMatchObject({ code: 'would_overwrite_source' })
    expect(readFileSync(file, 'utf8')).toBe(csvText(CSV_ROWS))
  })

  it('runs an export as a phase of the job: a second one while it is written is refused, then it may run', async () => {
    const request = (name: string) => ({
      jobId,
      mode: 'full' as const,
      format: 'csv' as const,
      keepUnknown: true,
      outPath: join(t.dir, name),
      overwrite: false
    })
    const first = t.services.exports.run(request('first.csv'))
    // The first export's checks are synchronous up to its worker, so it holds the job by now.
    await Promise.resolve()
    expect(t.services.jobs.runner.phaseOf(jobId)).toBe('export')
    expect(t.services.jobs.isRunning(jobId)).toBe(false)
    await expect(t.services.exports.run(request('second.csv'))).rejects.toMatchObject({
      code: 'job_running',
      message: 'The job is being exported; try again when the export is written.'
    })
    expect((await first).rowsWritten).toBe(6)
    expect(t.services.jobs.runner.phaseOf(jobId)).toBeNull()
    expect((await t.services.exports.run(request('second.csv'))).rowsWritten).toBe(6)
  })

  it('deletes a job with its stored rows', async () => {
    const other = await t.services.jobs.create({
      filePath: file,
      mapping: {
        sheet: t.services.jobs.get(jobId).sheet,
        headerRow: 0,
        phoneColumns: [1],
        countryColumn: null,
        defaultRegion: 'US'
      }
    })
    await t.services.jobs.waitFor(other.jobId)
    const otherSeq = t.services.store.keys.seqOf(other.jobId)
    await t.services.jobs.remove(other.jobId)
    expect(() => t.services.jobs.get(other.jobId)).toThrow(ServiceError)
    const left = t.services.db.prepare('SELECT COUNT(*) AS n FROM job_rows WHERE job = ?').get(otherSeq) as {
      n: number
    }
    expect(left.n).toBe(0)
    expect(t.services.jobs.get(jobId).status).toBe('done')
  })

  it('rejects a mapping that names a column the sheet does not have', async () => {
    await expect(
      t.services.jobs.create({
        filePath: file,
        mapping: {
          sheet: t.services.jobs.get(jobId).sheet,
          headerRow: 0,
          phoneColumns: [7],
          countryColumn: null,
          defaultRegion: 'US'
        }
      })
    ).rejects.toMatchObject({ code: 'bad_mapping' })
  })
})

describe('cancelling and interrupted runs', () => {
  let t: TempServices
  beforeAll(() => {
    t = tempServices()
  })
  afterAll(() => t.cleanup())

  it('cancels a running job and keeps what was stored', async () => {
    const file = join(t.dir, 'big.csv')
    const lines = ['Name,Phone']
    for (let i = 0; i < 200_000; i++)
      lines.push(`Person ${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
    writeFileSync(file, lines.join('\n'))
    const { sheet } = await t.services.jobs.preview({ filePath: file })
    const { jobId } = await t.services.jobs.create({
      filePath: file,
      mapping: { sheet, headerRow: 0, phoneColumns: [1], countryColumn: null, defaultRegion: 'US' }
    })
    const firstProgress = new Promise<void>((resolve) => {
      const off = t.services.jobs.onProgress((p) => {
        if (p.jobId === jobId && p.done > 0) {
          off()
          resolve()
        }
      })
    })
    await firstProgress
    t.services.jobs.cancel(jobId)
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.error).toMatch(/cancelled/i)
  })

  it('marks a job left running by a dead process as interrupted', () => {
    const stale = t.services.store.jobs.list()[0]
    t.services.db.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").run(stale.id)
    const recovered = t.services.jobs.recoverInterrupted()
    expect(recovered).toEqual([stale.id])
    const job = t.services.jobs.get(stale.id)
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/Interrupted/)
  })

  it('reports a missing file clearly', async () => {
    await expect(t.services.jobs.preview({ filePath: join(t.dir, 'nope.xlsx') })).rejects.toMatchObject({
      code: 'file_not_found'
    })
    expect(existsSync(join(t.dir, 'nope.xlsx'))).toBe(false)
  })
})

describe('closing the store under a running job', () => {
  it('does not crash the process, and the next start reports the job as interrupted', async () => {
    const t = tempServices()
    const file = join(t.dir, 'long.csv')
    const lines = ['Name,Phone']
    for (let i = 0; i < 150_000; i++) lines.push(`P${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
    writeFileSync(file, lines.join('\n'))
    const { sheet } = await t.services.jobs.preview({ filePath: file })
    const { jobId } = await t.services.jobs.create({
      filePath: file,
      mapping: { sheet, headerRow: 0, phoneColumns: [1], countryColumn: null, defaultRegion: 'US' }
    })
    await new Promise<void>((resolve) => {
      const off = t.services.jobs.onProgress((p) => {
        if (p.jobId === jobId && p.done > 0) {
          off()
          resolve()
        }
      })
    })
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    t.services.close()
    // Like the app at quit, nobody awaits the run: it must end on its own without an unhandled rejection.
    await vi.waitFor(() => expect(t.services.jobs.isRunning(jobId)).toBe(false), { timeout: 60_000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    process.off('unhandledRejection', onUnhandled)
    expect(unhandled).toEqual([])

    const reopened = createServices({ dataDir: join(t.dir, 'data'), ...sourceWorkers() })
    try {
      const job = reopened.jobs.get(jobId)
      expect(job.status).toBe('failed')
      expect(job.error).toMatch(/Interrupted/)
    } finally {
      reopened.close()
      rmSync(t.dir, { recursive: true, force: true })
    }
  })
})
