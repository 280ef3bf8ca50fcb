// Deleting a job: a 1,000,000-row job stored beside a 100,000-row one is deleted through the same path as
// `ringtrue jobs delete` and the app (JobService.remove: hide the job, then remove its rows in short
// transactions). Reports the time against the 5 s target, and how often a second connection read the other
// job and took the write lock while the delete ran. Part of `npm run bench`; run alone with
// `npx tsx bench/delete.ts`.
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createServices, type Services, type ServicesOptions } from '../src-main/core/services'
import { jobsWriter } from '../src-main/core/store/jobs-repo'
import { sourceWorkers } from '../test/helpers/services'

const BIG_ROWS = 1_000_000
const OTHER_ROWS = 100_000
const TARGET_SECONDS = 5

export type Workers = Pick<ServicesOptions, 'importWorker' | 'jobsWorker'>

/**
 * Stores a finished offline job of `rows` rows directly in SQL (one phone number per row, each distinct),
 * shaped like an imported one: source rows, numbers (in the job's id range) and one row record each. Importing a million rows
 * through the worker would take the bench minutes and is measured elsewhere (bench/index.ts).
 */
export function storeSyntheticJob(services: Services, rows: number, name: string): string {
  const db = services.db
  const jobId = `bench${name}`
  const importId = `import-${name}`
  services.store.transaction(() => {
    services.store.imports.insert({
      id: importId,
      filePath: `/bench/${name}.csv`,
      fileName: `${name}.csv`,
      fileSize: rows * 60,
      fileHash: name,
      format: 'csv',
      sheet: name,
      headerRow: 0,
      headers: ['Name', 'Phone', 'Notes'],
      phoneColumns: [1],
      countryColumn: null,
      defaultRegion: 'CN',
      encoding: 'utf-8',
      delimiter: ',',
      warnings: []
    })
    services.store.imports.finish(importId, ['Name', 'Phone', 'Notes'], rows, [])
    jobsWriter(services.store).insert({ id: jobId, importId, name, providers: ['offline'] })
    // Phones stay distinct across jobs; ids come from the job's own range.
    const base = (db.prepare('SELECT COUNT(*) FROM numbers').pluck().get() as number) + 1
    const [lo] = services.store.keys.numberRange(jobId)
    const jobSeq = services.store.keys.seqOf(jobId)
    const now = new Date().toISOString()
    const seq = `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${rows - 1})`
    const phone = `'+86138' || printf('%08d', i + ${base})`
    // Source rows are stored in compressed blocks, built here as the import builds them.
    for (let first = 0; first < rows; first += 10_000) {
      const cells = Array.from({ length: Math.min(10_000, rows - first) }, (_, k) => {
        const i = first + k
        return [`Contact ${i}`, `+86138${String(i + base).padStart(8, '0')}`, `note ${i % 97}`]
      })
      services.store.imports.blocks.insert(importId, first, cells)
    }
    db.prepare(
      `${seq} INSERT INTO numbers (id, e164, status, reason, line_type, country, provider, checked_at,
       offline_status, first_row)
       SELECT i + ${lo}, ${phone}, 'unchecked', NULL, 'mobile', 'CN', 'offline', ?, 'unchecked', i FROM seq`
    ).run(now)
    db.prepare(
      `${seq} INSERT INTO job_rows (job, row_index, ordinal, number_id, column_index, raw, status)
       SELECT ?, i, 0, i + ${lo}, 1, ${phone}, 'unchecked' FROM seq`
    ).run(jobSeq)
    jobsWriter(services.store).finish(jobId, 'done', services.store.results.computeCounts(jobId, rows), null)
  })
  return jobId
}

export async function deleteBench(workers: Workers): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-delete-'))
  const services = createServices({ dataDir: join(dir, 'data'), ...workers })
  try {
    const built = performance.now()
    const other = storeSyntheticJob(services, OTHER_ROWS, 'other')
    const big = storeSyntheticJob(services, BIG_ROWS, 'big')
    services.db.pragma('wal_checkpoint(TRUNCATE)')
    const buildSeconds = (performance.now() - built) / 1000

    // A second connection, as the CLI beside the app: it reads the other job and takes the write lock (without
    // waiting) whenever the event loop runs between two steps of the delete.
    const reader = new Database(services.databaseFile)
    reader.pragma('busy_timeout = 0')
    const readOther = reader.prepare('SELECT COUNT(*) FROM job_rows WHERE job = ? AND ordinal = 0').pluck()
    const otherSeq = services.store.keys.seqOf(other)
    const bigSeq = services.store.keys.seqOf(big)
    const [bigLo, bigHi] = services.store.keys.numberRange(big)
    // One page of the other job, as the results table asks for it (a count of all its rows would time the probe).
    const pageOfOther = reader.prepare(
      `SELECT r.status, (SELECT s.data FROM source_blocks s WHERE s.import_id = ? AND s.last_row >= r.row_index
       ORDER BY s.last_row LIMIT 1) AS cells FROM job_rows r WHERE r.job = ? AND r.ordinal = 0 AND r.row_index >= ?
       ORDER BY r.row_index LIMIT 50`
    )
    let reads = 0
    let writes = 0
    let deleting = true
    const probe = (): void => {
      if (!deleting) return
      if (pageOfOther.all('import-other', otherSeq, (reads * 997) % OTHER_ROWS).length > 0) reads++
      try {
        reader.exec('BEGIN IMMEDIATE')
        reader.exec('ROLLBACK')
        writes++
      } catch {
        // The delete holds the lock right now.
      }
      setImmediate(probe)
    }
    setImmediate(probe)
    let hiddenMs = 0
    const hidden = (): void => {
      // The first step runs after the job is hidden: from then on no reader sees it.
      if (hiddenMs === 0 && !services.store.jobs.exists(big)) hiddenMs = performance.now() - started
      else if (hiddenMs === 0) setImmediate(hidden)
    }
    const load = loadavg()[0]
    const cpu = process.cpuUsage()
    const started = performance.now()
    setImmediate(hidden)
    await services.jobs.remove(big)
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const cpuSeconds = (used.user + used.system) / 1e6
    deleting = false
    const left = reader
      .prepare(
        `SELECT (SELECT COUNT(*) FROM numbers WHERE id BETWEEN @lo AND @hi)
         + (SELECT COUNT(*) FROM job_rows WHERE job = @seq)
         + (SELECT COUNT(*) FROM source_blocks WHERE import_id = 'import-big')`
      )
      .pluck()
      .get({ lo: bigLo, hi: bigHi, seq: bigSeq }) as number
    const otherIntact = readOther.get(otherSeq) === OTHER_ROWS
    reader.close()
    return [
      `delete a 1,000,000-row job beside a 100,000-row one : ${seconds.toFixed(2)} s until every row is gone (target ≤ ${TARGET_SECONDS} s) ${seconds <= TARGET_SECONDS && left === 0 && otherIntact ? 'PASS' : 'MISS'}`,
      `  hidden from every reader after ${hiddenMs.toFixed(0)} ms; ${cpuSeconds.toFixed(2)} s of CPU (the rest is waiting for the disk and for other processes: load average ${load.toFixed(1)} on ${cpus().length} cores);` +
        ` ${left} rows left, other job ${otherIntact ? 'intact' : 'DAMAGED'}; meanwhile a second connection read the other job ${reads}× and took the write lock ${writes}× (setup ${buildSeconds.toFixed(1)} s)`
    ]
  } finally {
    services.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  deleteBench(sourceWorkers())
    .then((lines) => console.log(lines.join('\n')))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
