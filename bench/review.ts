// Review at a million rows (issue 11): a 1,000,000-row job is imported and checked through the job service, a
// third of its numbers then get paid answers (statuses, carriers, providers and check times spread over months),
// and the results are asked what the results screen asks: pages under random filter combinations at random
// offsets, text searches, facet counts, and the recount after a paid batch. Each figure is a p95 over many
// questions; the one-time costs (reading the index, building the search text, a first sort by a column) are
// reported beside them. Part of `npm run bench`; run alone with `npm run bench -- --only review`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FacetField, ResultFilter } from '../src-main/core/domain'
import { createServices, type ServicesOptions } from '../src-main/core/services'
import { writeCsv } from '../test/helpers/contacts'

export type Workers = Pick<ServicesOptions, 'importWorker' | 'jobsWorker'>

export interface ReviewResult {
  lines: string[]
  figures: Record<string, number>
}

const TARGETS = { page: 50, search: 150, facets: 150, recount: 20 }

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now()
  const value = fn()
  return [value, performance.now() - start]
}

/** A deterministic random sequence, so two runs ask the same questions. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS'
}

export async function reviewBench(
  workers: Workers,
  rows: number,
  log: (line: string) => void
): Promise<ReviewResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-review-'))
  const services = createServices({ dataDir: join(dir, 'data'), ...workers })
  try {
    const file = join(dir, 'contacts.csv')
    log(`review: writing and checking a ${rows.toLocaleString('en-US')}-row list …`)
    await writeCsv(file, rows)
    const preview = await services.jobs.preview({ filePath: file })
    const { jobId } = await services.jobs.create({
      filePath: file,
      mapping: {
        sheet: preview.sheet,
        headerRow: 0,
        phoneColumns: [2],
        countryColumn: 5,
        defaultRegion: 'US'
      }
    })
    const job = await services.jobs.waitFor(jobId)
    if (job.status !== 'done') throw new Error(`The review bench's job ended ${job.status}: ${job.error}`)

    // Paid answers for a third of the numbers, as the live check stores them (numbers, then their rows).
    log('review: storing paid answers for a third of the numbers …')
    const db = services.db
    const [lo, hi] = services.store.keys.numberRange(jobId)
    const seq = services.store.keys.seqOf(jobId)
    const day = 86_400_000
    const at = (daysAgo: number): string => new Date(Date.now() - daysAgo * day).toISOString()
    services.store.transaction(() => {
      db.prepare(
        `UPDATE numbers SET status = IIF(id % 5 = 0, 'inactive', 'active'), reason = NULL,
         carrier = 'Carrier ' || (id % 40), provider = IIF(id % 2 = 0, 'acedata', 'checkmobi'),
         checked_at = CASE id % 4 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END
         WHERE id BETWEEN ? AND ? AND status = 'unchecked' AND id % 3 = 0`
      ).run(at(0.2), at(3), at(20), at(200), lo, hi)
      db.prepare(
        `UPDATE job_rows SET status = (SELECT n.status FROM numbers n WHERE n.id = COALESCE(job_rows.lead, job_rows.number_id))
         WHERE job = ? AND ordinal = 0 AND number_id IS NOT NULL`
      ).run(seq)
    })
    const results = services.store.results

    const [, indexMs] = timed(() => results.facets(jobId, {}))
    const all = results.facets(jobId, {})
    const values = (field: FacetField): string[] => all[field].map((f) => f.value)
    const next = random(11)
    const pick = <T>(list: readonly T[], most: number): T[] => {
      const out = new Set<T>()
      const n = 1 + Math.floor(next() * Math.min(most, list.length))
      while (out.size < n) out.add(list[Math.floor(next() * list.length)])
      return [...out]
    }
    const fields: FacetField[] = ['statuses', 'reasons', 'countries', 'lineTypes', 'carriers', 'providers']
    const randomFilter = (): ResultFilter => {
      const filter: ResultFilter = {}
      for (const field of fields) {
        if (next() < 0.4 && values(field).length > 0) {
          ;(filter as Record<string, string[]>)[field] = pick(values(field), 3)
          if (next() < 0.2) filter.exclude = [...(filter.exclude ?? []), field]
        }
      }
      return filter
    }

    const pageMs: number[] = []
    for (let i = 0; i < 60; i++) {
      const filter = randomFilter()
      const total = results.queryResults(jobId, filter, 0, 1).total
      const offset = Math.floor(next() * Math.max(1, total - 100))
      pageMs.push(timed(() => results.queryResults(jobId, randomFilter(), offset, 100))[1])
      pageMs.push(timed(() => results.queryResults(jobId, filter, offset, 100))[1])
    }

    const searches = [
      'user12345@',
      'company 99',
      'DMITRI',
      'boss',
      '555-01',
      '7400 12',
      '+44 7400',
      '0151 23',
      'müller',
      '06 12 34'
    ]
    const [, searchBuildMs] = timed(() => results.queryResults(jobId, { search: 'warm up' }, 0, 100))
    const searchMs: number[] = []
    for (let i = 0; i < 3; i++) {
      for (const search of searches) {
        const filter = next() < 0.5 ? { ...randomFilter(), search } : { search }
        searchMs.push(timed(() => results.queryResults(jobId, filter, 0, 100))[1])
      }
    }

    const facetMs: number[] = []
    for (let i = 0; i < 40; i++) {
      const filter = randomFilter()
      if (i % 4 === 0) filter.search = searches[i % searches.length]
      facetMs.push(timed(() => results.facets(jobId, filter))[1])
    }

    const [, sortMs] = timed(() => results.queryResults(jobId, {}, 500_000, 100, { by: 1 }))

    // A paid batch of 100 answers, then the recount the engine asks for after it.
    results.computeCounts(jobId, rows)
    const batch = db.prepare(
      "UPDATE job_rows SET status = 'inactive' WHERE job = ? AND row_index = ? AND ordinal = 0"
    )
    const recountMs: number[] = []
    for (let b = 0; b < 10; b++) {
      services.store.transaction(() => {
        for (let r = 0; r < 100; r++) batch.run(seq, b * 10_000 + r * 7)
      })
      recountMs.push(timed(() => results.computeCounts(jobId, rows))[1])
    }

    const figures = {
      review_page_p95_ms: p95(pageMs),
      review_search_p95_ms: p95(searchMs),
      review_facets_p95_ms: p95(facetMs),
      review_recount_ms: p95(recountMs),
      review_index_build_ms: indexMs,
      review_search_build_ms: searchBuildMs,
      review_first_sort_ms: sortMs
    }
    const ms = (v: number): string => `${v.toFixed(1)} ms`
    const lines = [
      `review, ${rows.toLocaleString('en-US')}-row job (p95 over ${pageMs.length} pages, ${searchMs.length} searches, ${facetMs.length} facet counts):`,
      `  page of 100, random filters, random offset : ${ms(figures.review_page_p95_ms)} (target ≤ ${TARGETS.page} ms) ${verdict(figures.review_page_p95_ms <= TARGETS.page)}`,
      `  text search (cells, E.164, digits)        : ${ms(figures.review_search_p95_ms)} (target ≤ ${TARGETS.search} ms) ${verdict(figures.review_search_p95_ms <= TARGETS.search)}`,
      `  all facet counts, with filters and search : ${ms(figures.review_facets_p95_ms)} (target ≤ ${TARGETS.facets} ms) ${verdict(figures.review_facets_p95_ms <= TARGETS.facets)}`,
      `  recount after a paid batch of 100         : ${ms(figures.review_recount_ms)} (target ≤ ${TARGETS.recount} ms) ${verdict(figures.review_recount_ms <= TARGETS.recount)}`,
      `  once per job: reading the index ${ms(indexMs)}, the search text ${ms(searchBuildMs)}, a first sort by a column ${ms(sortMs)}`
    ]
    return { lines, figures }
  } finally {
    services.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
