// Issue 11, "Exports of what you see": an export of the results screen's view writes exactly its rows in its
// order, and the dedupe option keeps the first row of each number.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { firstOfEachNumber } from '../../src-main/core/jobs/export-service'
import type { ResultRow } from '../../src-main/core/domain'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

const opened: TempServices[] = []
afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup()
})

/** Numbers of New York and Boston, each written on two or three rows, some junk, and a City column. */
function list(dir: string): string {
  const lines = ['Name,Phone,City']
  for (let i = 0; i < 120; i++) {
    const n = i % 40
    const phone =
      i % 13 === 0
        ? 'call me'
        : i % 2
          ? `(212) 555-01${String(n).padStart(2, '0')}`
          : `+1 617 555 02${String(n).padStart(2, '0')}`
    lines.push(`P${i},${phone},${['Boston', 'albany', 'Chicago', ''][i % 4]}`)
  }
  const file = join(dir, 'list.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','))
}

describe('export of a view', () => {
  it('writes the filtered rows in the sorted order, and keeps the first row of each number when asked', async () => {
    const t = tempServices({ checkWorkers: 1 })
    opened.push(t)
    const jobId = await startListJob(t, list(t.dir), 'US')
    expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
    const results = t.services.store.results
    const view = { filter: { statuses: ['unchecked' as const] }, sort: { by: 2, descending: true } }
    const shown = results.queryResults(jobId, view.filter, 0, 10_000, view.sort).rows
    expect(shown.length).toBeGreaterThan(50)

    const out = join(t.dir, 'view.csv')
    const result = await t.services.exports.run({
      jobId,
      mode: 'full',
      format: 'csv',
      keepUnknown: false,
      outPath: out,
      overwrite: false,
      view
    })
    expect(result.rowsWritten).toBe(shown.length)
    const rows = csvRows(out)
    expect(rows[0].slice(0, 3)).toEqual(['Name', 'Phone', 'City'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(shown.map((r) => String(r.cells[0])))
    // Sorted by City, descending, with the rows without a city last.
    expect(rows[1][2]).toBe('Chicago')
    expect(rows[rows.length - 1][2]).toBe('')

    const deduped = join(t.dir, 'view-deduped.csv')
    const second = await t.services.exports.run({
      jobId,
      mode: 'full',
      format: 'csv',
      keepUnknown: false,
      outPath: deduped,
      overwrite: false,
      view,
      dedupe: true
    })
    const seen = new Set<string>()
    const expected = shown.filter((r) => {
      if (r.e164.length === 0) return true
      const fresh = r.e164.some((e) => !seen.has(e))
      for (const e of r.e164) seen.add(e)
      return fresh
    })
    expect(expected.length).toBeLessThan(shown.length)
    expect(second.rowsWritten).toBe(expected.length)
    expect(
      csvRows(deduped)
        .slice(1)
        .map((r) => r[0])
    ).toEqual(expected.map((r) => String(r.cells[0])))
  })

  it('keeps a row while one of its numbers is new, and every row without a number', () => {
    const row = (rowIndex: number, e164: string[]): ResultRow => ({
      rowIndex,
      cells: [],
      status: 'unchecked',
      reason: null,
      e164,
      lineType: null,
      country: null,
      carrier: null,
      provider: 'offline',
      checkedAt: null
    })
    const rows = [
      row(0, ['+1']),
      row(1, ['+1']),
      row(2, []),
      row(3, []),
      row(4, ['+1', '+2']),
      row(5, ['+2', '+1'])
    ]
    expect([...firstOfEachNumber(rows)].map((r) => r.rowIndex)).toEqual([0, 2, 3, 4])
  })
})
