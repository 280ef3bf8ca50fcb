// Issue 11, the store side: the results of a job are filtered, counted per facet, searched, sorted and paged from
// an in-memory index (store/review-index.ts). Every answer is checked against the same question asked of all
// rows by brute force, and the index follows the store when a paid answer changes a row.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FacetField, ResultFilter, ResultRow } from '../../src-main/core/domain'
import { FACET_FIELDS } from '../../src-main/core/domain'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

const opened: TempServices[] = []
afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup()
})

/** US, Chinese and British numbers in several shapes, junk, blanks and repeats; a City column to sort by. */
function list(dir: string, rows: number): string {
  const cities = ['Boston', 'shanghai', 'Zürich', '', 'austin', 'Beijing']
  const lines = ['Name,Phone,City']
  for (let i = 0; i < rows; i++) {
    const d = String(1_000_000 + ((i * 7919) % 8_999_999)).slice(-7)
    const phone = [
      `(212) 55${d[0]}-${d.slice(1, 5)}`,
      `158${d}${d[0]}`,
      `+86 139 ${d.slice(0, 4)} ${d.slice(3)}`,
      `+44 7700 ${d.slice(0, 6)}`,
      'n/a',
      `1-617-${d.slice(0, 3)}-${d.slice(3)}`,
      i % 2 ? '' : '12'
    ][i % 7]
    lines.push(`Person ${i},${phone},${cities[i % cities.length]}`)
  }
  const file = join(dir, 'list.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function job(rows = 700): Promise<{ t: TempServices; jobId: string; all: ResultRow[] }> {
  const t = tempServices({ checkWorkers: 1 })
  opened.push(t)
  const jobId = await startListJob(t, list(t.dir, rows), 'US')
  expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
  const all = t.services.store.results.queryResults(jobId, {}, 0, 1_000_000).rows
  expect(all).toHaveLength(rows)
  return { t, jobId, all }
}

/** A row's value for a facet field, as the facets name it. */
function valueOf(row: ResultRow, field: FacetField): string {
  switch (field) {
    case 'statuses':
      return row.status
    case 'reasons':
      return row.reason ?? ''
    case 'countries':
      return row.country ?? ''
    case 'lineTypes':
      return row.lineType ?? ''
    case 'carriers':
      return row.carrier ?? ''
    case 'providers':
      return row.provider ?? ''
    case 'checkedAges':
      return 'day'
  }
}

function keeps(row: ResultRow, filter: ResultFilter, skip?: FacetField): boolean {
  for (const field of FACET_FIELDS) {
    const chosen = filter[field] as string[] | undefined
    if (field === skip || !chosen?.length) continue
    const inList = chosen.includes(valueOf(row, field))
    if (inList === Boolean(filter.exclude?.includes(field))) return false
  }
  return true
}

/** The facets by brute force: each field counted over the rows every other filter keeps. */
function expectedFacets(all: ResultRow[], filter: ResultFilter): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  for (const field of FACET_FIELDS) {
    const counts: Record<string, number> = {}
    for (const row of all.filter((r) => keeps(r, filter, field))) {
      const value = valueOf(row, field)
      counts[value] = (counts[value] ?? 0) + 1
    }
    out[field] = counts
  }
  return out
}

function asRecord(list: { value: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(list.map((f) => [f.value, f.count]))
}

describe('review of a job through its index', () => {
  it('counts every facet under the other filters, with multi-select and "everything but"', async () => {
    const { t, jobId, all } = await job()
    const filters: ResultFilter[] = [
      {},
      { statuses: ['invalid'] },
      { statuses: ['unchecked', 'invalid'], countries: ['US'] },
      { countries: ['US', 'CN'], exclude: ['countries'] },
      { reasons: ['', 'too_short'], lineTypes: ['mobile'], exclude: ['lineTypes'] },
      { providers: ['offline'], checkedAges: ['day'] },
      { checkedAges: ['older'] }
    ]
    for (const filter of filters) {
      const facets = t.services.store.results.facets(jobId, filter)
      const expected = expectedFacets(all, filter)
      for (const field of FACET_FIELDS) expect(asRecord(facets[field]), field).toEqual(expected[field])
      const kept = all.filter((r) => keeps(r, filter))
      expect(facets.total).toBe(kept.length)
      const page = t.services.store.results.queryResults(jobId, filter, 0, 1_000_000)
      expect(page.total).toBe(kept.length)
      expect(page.rows.map((r) => r.rowIndex)).toEqual(kept.map((r) => r.rowIndex))
    }
    // The list holds US, Chinese and British numbers and junk: the counts say so.
    const countries = asRecord(t.services.store.results.facets(jobId, {}).countries)
    expect(Object.keys(countries)).toEqual(expect.arrayContaining(['', 'CN', 'US']))
  })

  it('finds text in any cell in either case, and a number by its digits however it was written', async () => {
    const { t, jobId, all } = await job()
    const find = (search: string): number[] =>
      t.services.store.results.queryResults(jobId, { search }, 0, 1_000_000).rows.map((r) => r.rowIndex)
    expect(find('PERSON 12')).toEqual(
      all.filter((r) => /^Person 12/.test(String(r.cells[0]))).map((r) => r.rowIndex)
    )
    expect(find('zür')).toEqual(all.filter((r) => r.cells[2] === 'Zürich').map((r) => r.rowIndex))
    // Row 2 is written '+86 139 …'; its digits, grouped another way, find it, and so does its E.164.
    const row2 = all[2]
    expect(row2.e164).toHaveLength(1)
    const digits = row2.e164[0].slice(3)
    const spaced = `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`
    expect(find(spaced)).toContain(2)
    expect(find(row2.e164[0])).toContain(2)
    // Digits never match across two cells: 'Person 1' then '158…' is not '1158…'.
    const phone1 = String(all[1].cells[1])
    const across = `1${phone1.slice(0, 6)}`
    expect(phone1.includes(across) || all[1].e164.some((e) => e.includes(across))).toBe(false)
    expect(find(across)).not.toContain(1)
    expect(find('no such text')).toEqual([])
    // Search narrows the facets too.
    const facets = t.services.store.results.facets(jobId, { search: 'zür' })
    expect(facets.total).toBe(find('zür').length)
  })

  it('sorts stably by a result field or an original column, both ways, and pages in that order', async () => {
    const { t, jobId, all } = await job()
    const sorted = (by: 'status' | 'country' | number, descending = false): number[] =>
      t.services.store.results
        .queryResults(jobId, {}, 0, 1_000_000, { by, descending })
        .rows.map((r) => r.rowIndex)
    const order = ['active', 'unchecked', 'unknown', 'inactive', 'invalid']
    const byStatus = [...all].sort(
      (a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.rowIndex - b.rowIndex
    )
    expect(sorted('status')).toEqual(byStatus.map((r) => r.rowIndex))
    const byStatusDown = [...all].sort(
      (a, b) => order.indexOf(b.status) - order.indexOf(a.status) || a.rowIndex - b.rowIndex
    )
    expect(sorted('status', true)).toEqual(byStatusDown.map((r) => r.rowIndex))
    const country = (r: ResultRow): string => r.country ?? '\uffff'
    const byCountry = [...all].sort((a, b) =>
      country(a) < country(b) ? -1 : country(a) > country(b) ? 1 : a.rowIndex - b.rowIndex
    )
    expect(sorted('country')).toEqual(byCountry.map((r) => r.rowIndex))
    // Descending keeps rows without a country last, as a spreadsheet does.
    const byCountryDown = [...all].sort((a, b) => {
      if (!a.country || !b.country)
        return a.country === b.country ? a.rowIndex - b.rowIndex : a.country ? -1 : 1
      return a.country < b.country ? 1 : a.country > b.country ? -1 : a.rowIndex - b.rowIndex
    })
    expect(sorted('country', true)).toEqual(byCountryDown.map((r) => r.rowIndex))
    // City: case-insensitive natural order, empty cells last, ties in row order.
    const city = sorted(2)
    const cities = city.map((i) => String(all[i].cells[2] ?? ''))
    expect(cities.slice(0, 3)).toEqual(['austin', 'austin', 'austin'])
    expect(cities[cities.length - 1]).toBe('')
    expect(city.slice(0, 3)).toEqual([...city.slice(0, 3)].sort((a, b) => a - b))
    // A page of a sorted, filtered view is that slice of the whole order.
    const page = t.services.store.results.queryResults(jobId, { statuses: ['invalid'] }, 5, 10, { by: 2 })
    const whole = t.services.store.results.queryResults(jobId, { statuses: ['invalid'] }, 0, 1_000_000, {
      by: 2
    })
    expect(page.rows.map((r) => r.rowIndex)).toEqual(whole.rows.slice(5, 15).map((r) => r.rowIndex))
    expect(page.total).toBe(whole.total)
  })

  it('shows the rows the offline check has stored so far while it runs, then all of them', async () => {
    const t = tempServices({ checkWorkers: 1 })
    opened.push(t)
    const file = list(t.dir, 40_000)
    const seen: { shown: number; stored: number }[] = []
    let jobId = ''
    const off = t.services.jobs.onProgress((p) => {
      if (!jobId || p.jobId !== jobId || p.done === 0) return
      const seq = t.services.store.keys.seqOf(jobId)
      const stored = t.services.db
        .prepare('SELECT COUNT(*) FROM job_rows WHERE job = ? AND ordinal = 0')
        .pluck()
        .get(seq) as number
      seen.push({ shown: t.services.store.results.facets(jobId, {}).total, stored })
    })
    jobId = await startListJob(t, file, 'US')
    expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
    off()
    // Asked while rows were still arriving, the index had read exactly the rows stored by then.
    for (const moment of seen) expect(moment.shown).toBe(moment.stored)
    expect(seen.some((m) => m.stored > 0 && m.stored < 40_000)).toBe(true)
    expect(t.services.store.results.facets(jobId, {}).total).toBe(40_000)
  })

  it('follows a status change made after the check, and keeps the counts without counting again', async () => {
    const { t, jobId, all } = await job()
    const results = t.services.store.results
    const before = results.facets(jobId, {})
    const counts = results.computeCounts(jobId, all.length)
    const unchecked = all.filter((r) => r.status === 'unchecked').slice(0, 3)
    expect(unchecked).toHaveLength(3)
    const seq = t.services.store.keys.seqOf(jobId)
    // What a paid answer does to a row (live-store.ts): a new status on the row's first record.
    const update = t.services.db.prepare(
      "UPDATE job_rows SET status = 'inactive', reason = NULL WHERE job = ? AND row_index = ? AND ordinal = 0"
    )
    for (const row of unchecked) update.run(seq, row.rowIndex)
    const after = results.facets(jobId, {})
    expect(asRecord(after.statuses).inactive ?? 0).toBe((asRecord(before.statuses).inactive ?? 0) + 3)
    expect(asRecord(after.statuses).unchecked).toBe(asRecord(before.statuses).unchecked - 3)
    const inactive = results
      .queryResults(jobId, { statuses: ['inactive'] }, 0, 1000)
      .rows.map((r) => r.rowIndex)
    for (const row of unchecked) expect(inactive).toContain(row.rowIndex)
    // The kept counts moved with the rows (trigger), and equal a count from scratch.
    const kept = results.computeCounts(jobId, all.length)
    expect(kept.byStatus.inactive).toBe(counts.byStatus.inactive + 3)
    expect(kept.byStatus.unchecked).toBe(counts.byStatus.unchecked - 3)
    results.forgetCounts(jobId)
    expect(results.computeCounts(jobId, all.length)).toEqual(kept)
  })

  it('sums what the paid answers cost per provider and currency', async () => {
    const { t, jobId } = await job(50)
    const insert = t.services.db.prepare(
      "INSERT INTO checks (provider, e164, state, cost, currency, job_id, checked_at) VALUES (?, ?, 'active', ?, ?, ?, '2026-12-01T00:00:00Z')"
    )
    insert.run('acedata', '+8613800000001', 0.02, 'CNY', jobId)
    insert.run('acedata', '+8613800000002', 0.02, 'CNY', jobId)
    insert.run('checkmobi', '+12125550100', 0.005, 'USD', jobId)
    insert.run('checkmobi', '+12125550101', 0.005, 'USD', 'another-job')
    const spend = t.services.store.results.spendByProvider(jobId)
    expect(spend.map((s) => ({ ...s, amount: Math.round(s.amount * 1000) / 1000 }))).toEqual([
      { provider: 'acedata', currency: 'CNY', amount: 0.04, lookups: 2 },
      { provider: 'checkmobi', currency: 'USD', amount: 0.005, lookups: 1 }
    ])
  })
})
