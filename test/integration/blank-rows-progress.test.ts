import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as XLSX from 'xlsx'
import type { JobProgress } from '@contract/types'
import { tempServices, type TempServices } from '../helpers/services'

let t: TempServices
beforeAll(() => {
  t = tempServices()
})
afterAll(() => t.cleanup())
afterEach(() => vi.restoreAllMocks())

function writeBook(name: string, rows: (string | null)[][]): string {
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Contacts')
  const path = join(t.dir, name)
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
  return path
}

async function importFile(filePath: string) {
  const preview = await t.services.jobs.preview({ filePath })
  const { jobId } = await t.services.jobs.create({
    filePath,
    mapping: {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      phoneColumns: [1],
      countryColumn: null,
      defaultRegion: 'US'
    }
  })
  const job = await t.services.jobs.waitFor(jobId)
  return { preview, jobId, job }
}

describe('blank rows are skipped, not reported as invalid', () => {
  // Data rows by index below the header: 0 Ann, 1 blank, 2 Bob, 3 spaces only, 4 Cy (no phone), 5 blank, 6 Di.
  const ROWS: (string | null)[][] = [
    ['Name', 'Phone', 'City'],
    ['Ann', '+1 201-555-0123', 'Boston'],
    [null, null, null],
    ['Bob', '12', 'Leeds'],
    ['  ', ' ', ''],
    ['Cy', '', 'Paris'],
    [null, null, null],
    ['Di', '(201) 555-0124', 'Austin']
  ]

  it.each(['xlsx', 'csv'])('%s: preview, job counts and statuses count data rows only', async (kind) => {
    const path =
      kind === 'xlsx'
        ? writeBook('blank.xlsx', ROWS)
        : (() => {
            const p = join(t.dir, 'blank.csv')
            writeFileSync(p, ROWS.map((r) => r.map((c) => c ?? '').join(',')).join('\n') + '\n')
            return p
          })()
    const { preview, jobId, job } = await importFile(path)
    expect(preview.totalRows).toBe(4)
    expect(preview.sheets[0].rows).toBe(4)
    expect(preview.blankRows).toBe(3)

    expect(job.status).toBe('done')
    expect(job.counts.rows).toBe(4)
    expect(job.counts.numbers).toBe(3)
    // Cy has data but an empty phone cell: still "no number", as before; the blank rows are not.
    expect(job.counts.emptyRows).toBe(1)
    expect(job.counts.byStatus).toEqual({ active: 0, unchecked: 2, unknown: 0, inactive: 0, invalid: 2 })

    const all = t.services.store.results.queryResults(jobId, {}, 0, 50)
    expect(all.total).toBe(4)
    expect(all.rows.map((r) => [r.rowIndex, r.status, r.reason])).toEqual([
      [0, 'unchecked', null],
      [2, 'invalid', 'too_short'],
      [4, 'invalid', 'no_number'],
      [6, 'unchecked', null]
    ])
    expect(t.services.store.results.resultRow(jobId, 6)?.e164).toEqual(['+12015550124'])
  })
})

describe('import progress: one total for the whole import', () => {
  /** Every call moves the clock 0.2 s on, so each batch passes the 100 ms progress throttle. */
  function everyReportPasses(): void {
    let now = Date.now()
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 200))
  }

  async function importingEvents(path: string): Promise<{ events: JobProgress[]; rows: number }> {
    const events: JobProgress[] = []
    const off = t.services.jobs.onProgress((p) => {
      if (p.phase === 'importing' && p.status === 'running') events.push(p)
    })
    everyReportPasses()
    try {
      const { job } = await importFile(path)
      expect(job.status).toBe('done')
      return { events, rows: job.counts.rows }
    } finally {
      off()
    }
  }

  it('a workbook: the exact data row count, unchanged from the first event to the last', async () => {
    const rows: (string | null)[][] = [['Name', 'Phone']]
    for (let i = 0; i < 16_000; i++) {
      rows.push([`P${i}`, `+1 201 555 ${String(i % 10_000).padStart(4, '0')}`])
      if (i % 1000 === 999) rows.push([null, null])
    }
    const { events, rows: imported } = await importingEvents(writeBook('progress.xlsx', rows))
    expect(imported).toBe(16_000)
    expect(events.length).toBeGreaterThanOrEqual(4)
    expect(new Set(events.map((e) => e.total))).toEqual(new Set([16_000]))
    expect(events.some((e) => e.totalEstimated)).toBe(false)
    const done = events.map((e) => e.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
  })

  it('a CSV too big to count up front: one estimate, flagged as such, never revised', async () => {
    // Long lines, so 30,000 rows make a file bigger than the 2 MB the reader counts from.
    const note = 'x'.repeat(70)
    const lines = ['Name,Phone,Note']
    for (let i = 0; i < 30_000; i++) {
      lines.push(`Person ${i},+1 201 555 ${String(i % 10_000).padStart(4, '0')},${note}`)
    }
    const path = join(t.dir, 'big.csv')
    writeFileSync(path, lines.join('\n'))
    const { events, rows: imported } = await importingEvents(path)
    expect(imported).toBe(30_000)
    expect(events.length).toBeGreaterThanOrEqual(4)
    const totals = new Set(events.map((e) => e.total))
    expect(totals.size).toBe(1)
    expect(events.every((e) => e.totalEstimated === true)).toBe(true)
    // Lines of near-equal length: the estimate from the first part is close to the truth.
    expect(Math.abs([...totals][0] - 30_000)).toBeLessThan(1500)
  })
})
