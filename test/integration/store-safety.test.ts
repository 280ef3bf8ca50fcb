// Deleting a job (issue 8, "Data safety"): the job disappears at once, its rows go in short transactions that
// use indexes (never a scan of every other job's rows per deleted number), other connections read and write
// between those transactions, an interrupted deletion is finished at the next start, and a store that stays
// locked past the busy timeout fails with a message instead of SQLite's bare "database is locked".
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Channels } from '../../src-preload/contract/channels'
import { createDispatch } from '../../src-main/api/dispatch'
import { createHandlers } from '../../src-main/api/handlers'
import { createServices, type Services } from '../../src-main/core/services'
import { StoreError } from '../../src-main/core/store/database'
import { SWEEP_SQL } from '../../src-main/core/store/job-deletion'
import { jobsWriter } from '../../src-main/core/store/jobs-repo'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { writeNumbers } from '../helpers/paid-job'
import { sourceWorkers, tempServices, type TempServices } from '../helpers/services'

const ROOT = resolve(__dirname, '../..')

/** Imports `rows` distinct CN mobiles (offline check only) and returns the job id. */
async function createJob(
  services: Services,
  dir: string,
  name: string,
  rows: number,
  from: number
): Promise<string> {
  const file = writeNumbers(
    dir,
    `${name}.csv`,
    Array.from({ length: rows }, (_, i) => `+86 138 ${String(from + i).padStart(8, '0')}`)
  )
  const preview = await services.jobs.preview({ filePath: file })
  const { jobId } = await services.jobs.create({
    filePath: file,
    name,
    mapping: {
      sheet: preview.sheet,
      headerRow: 0,
      phoneColumns: [0],
      countryColumn: null,
      defaultRegion: 'CN'
    }
  })
  const job = await services.jobs.waitFor(jobId)
  expect(job.status).toBe('done')
  return jobId
}

/** Every stored row of a job, table by table, so "untouched" compares content, not only counts. */
function rowsOf(db: Database.Database, jobId: string): Record<string, unknown[]> {
  const importId = db.prepare('SELECT import_id FROM jobs WHERE id = ?').pluck().get(jobId) as
    string | undefined
  return {
    jobs: db.prepare('SELECT * FROM jobs WHERE id = ?').all(jobId),
    imports: db.prepare('SELECT * FROM imports WHERE id = ?').all(importId ?? ''),
    source_blocks: db
      .prepare('SELECT * FROM source_blocks WHERE import_id = ? ORDER BY last_row')
      .all(importId ?? ''),
    numbers: db
      .prepare('SELECT * FROM numbers WHERE id BETWEEN ? AND ? ORDER BY id')
      .all(...rangeOf(seqOf(db, jobId))),
    job_rows: db
      .prepare('SELECT * FROM job_rows WHERE job = ? ORDER BY row_index, ordinal')
      .all(seqOf(db, jobId))
  }
}

/** The job's integer key (read while the job exists: counts after its deletion use it). */
function seqOf(db: Database.Database, jobId: string): number {
  return db.prepare('SELECT seq FROM jobs WHERE id = ?').pluck().get(jobId) as number
}

function rangeOf(seq: number): [number, number] {
  return [seq * 2 ** 32, (seq + 1) * 2 ** 32 - 1]
}

function countsOf(
  db: Database.Database,
  jobId: string,
  importId: string,
  seq: number
): Record<string, number> {
  const count = (sql: string, ...key: unknown[]): number =>
    db
      .prepare(sql)
      .pluck()
      .get(...key) as number
  return {
    jobs: count('SELECT COUNT(*) FROM jobs WHERE id = ?', jobId),
    imports: count('SELECT COUNT(*) FROM imports WHERE id = ?', importId),
    source_blocks: count('SELECT COUNT(*) FROM source_blocks WHERE import_id = ?', importId),
    numbers: count('SELECT COUNT(*) FROM numbers WHERE id BETWEEN ? AND ?', ...rangeOf(seq)),
    job_rows: count('SELECT COUNT(*) FROM job_rows WHERE job = ?', seq),
    number_rows: count('SELECT COUNT(*) FROM number_rows WHERE number_id BETWEEN ? AND ?', ...rangeOf(seq)),
    note_phrases: count('SELECT COUNT(*) FROM note_phrases WHERE job = ?', seq),
    bulk_tasks: count('SELECT COUNT(*) FROM bulk_tasks WHERE job_id = ?', jobId)
  }
}

const GONE = {
  jobs: 0,
  imports: 0,
  source_blocks: 0,
  numbers: 0,
  job_rows: 0,
  number_rows: 0,
  note_phrases: 0,
  bulk_tasks: 0
}

function importOf(db: Database.Database, jobId: string): string {
  return db.prepare('SELECT import_id FROM jobs WHERE id = ?').pluck().get(jobId) as string
}

function plan(db: Database.Database, sql: string): string {
  return (
    db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
      ...sql
        .split('?')
        .slice(1)
        .map(() => 'x')
    ) as {
      detail: string
    }[]
  )
    .map((r) => r.detail)
    .join(' | ')
}

describe('deleting a job', () => {
  let t: TempServices
  beforeEach(() => {
    t = tempServices()
  })
  afterEach(() => t.cleanup())

  it('removes every row of the job in several short steps and leaves the other job untouched', async () => {
    const keep = await createJob(t.services, t.dir, 'keep', 120, 0)
    const gone = await createJob(t.services, t.dir, 'gone', 300, 10_000)
    const db = t.services.db
    const importId = importOf(db, gone)
    const seq = seqOf(db, gone)
    const before = rowsOf(db, keep)
    expect(before.job_rows).toHaveLength(120)
    expect(countsOf(db, gone, importId, seq)).toMatchObject({ numbers: 300, job_rows: 300 })
    t.services.store.deletion.chunkRows = 25
    let steps = 0
    const sweep = t.services.store.deletion.sweep.bind(t.services.store.deletion)
    t.services.store.deletion.sweep = (jobId, rows) => {
      steps++
      return sweep(jobId, rows)
    }

    await t.services.jobs.remove(gone)

    expect(countsOf(db, gone, importId, seq)).toEqual(GONE)
    expect(rowsOf(db, keep)).toEqual(before)
    expect(t.services.store.jobs.list().map((j) => j.id)).toEqual([keep])
    // 300 rows in two tables at 25 a step (the source rows go in blocks): many short transactions, not one
    // long one.
    expect(steps).toBeGreaterThanOrEqual(2 * 12)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('looks up every foreign key’s rows through an index, so no delete scans other jobs’ rows', () => {
    const db = t.services.db
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
    const lookups: string[] = []
    for (const table of tables) {
      const keys = db.pragma(`foreign_key_list(${table})`) as { id: number; from: string; table: string }[]
      for (const key of keys) {
        // What SQLite runs for each deleted parent row (ON DELETE CASCADE) or checked child.
        lookups.push(`SELECT 1 FROM ${table} WHERE ${key.from} = ?`)
      }
    }
    for (const sql of lookups) expect(plan(db, sql), sql).toMatch(/^SEARCH /)
    // The tables a check fills row by row carry no foreign key: deleting their rows looks nothing up.
    expect(lookups.filter((sql) => /FROM (numbers|job_rows|number_rows|note_phrases) /.test(sql))).toEqual([])
    // Each chunk of the deletion is a range of a primary key.
    for (const statements of [
      SWEEP_SQL.job_rows,
      SWEEP_SQL.number_rows,
      SWEEP_SQL.numbers,
      SWEEP_SQL.sourceRows
    ]) {
      for (const sql of [statements.bound, statements.upTo, statements.rest])
        expect(plan(db, sql), sql).not.toMatch(/\bSCAN\b/)
    }
    expect(plan(db, SWEEP_SQL.bulkTasks)).not.toMatch(/\bSCAN\b/)
  })

  it('hides the job at once and lets another connection read and write between the steps', async () => {
    const keep = await createJob(t.services, t.dir, 'keep', 50, 0)
    const gone = await createJob(t.services, t.dir, 'gone', 400, 10_000)
    t.services.store.deletion.chunkRows = 20
    const keepSeq = seqOf(t.services.db, keep)
    const goneSeq = seqOf(t.services.db, gone)
    const other = new Database(t.services.databaseFile)
    other.pragma('busy_timeout = 0')
    const readKeep = other.prepare('SELECT COUNT(*) FROM job_rows WHERE job = ?').pluck()
    const seesGone = other.prepare('SELECT COUNT(*) FROM jobs WHERE id = ? AND deleting_at IS NULL').pluck()
    const during = { reads: 0, writes: 0, goneVisible: 0 }
    let deleting = true
    const probe = (): void => {
      if (!deleting) return
      if (readKeep.get(keepSeq) === 50) during.reads++
      if (seesGone.get(gone) !== 0) during.goneVisible++
      // A writer that does not wait at all still gets the lock between two steps.
      other.exec('BEGIN IMMEDIATE')
      other.prepare('UPDATE jobs SET name = name WHERE id = ?').run(keep)
      other.exec('COMMIT')
      during.writes++
      setImmediate(probe)
    }
    const removed = t.services.jobs.remove(gone)
    setImmediate(probe)
    await removed
    deleting = false
    other.close()
    expect(during.reads).toBeGreaterThan(5)
    expect(during.writes).toBe(during.reads)
    expect(during.goneVisible).toBe(0)
    expect(countsOf(t.services.db, gone, 'none', goneSeq)).toMatchObject({
      numbers: 0,
      job_rows: 0
    })
  })

  it('finishes a deletion that Ringtrue stopped during, at the next start', async () => {
    const keep = await createJob(t.services, t.dir, 'keep', 40, 0)
    const gone = await createJob(t.services, t.dir, 'gone', 200, 10_000)
    const importId = importOf(t.services.db, gone)
    const seq = seqOf(t.services.db, gone)
    const before = rowsOf(t.services.db, keep)
    // Stopped after a few steps: hidden, half its rows still stored.
    expect(jobsWriter(t.services.store).markDeleted(gone)).toBe(true)
    for (let i = 0; i < 3; i++) expect(t.services.store.deletion.sweep(gone, 30)).toBe(false)
    const half = countsOf(t.services.db, gone, importId, seq)
    expect(half.job_rows + half.numbers + half.source_blocks).toBeGreaterThan(0)
    expect(t.services.jobs.list().map((j) => j.id)).toEqual([keep])
    expect(() => t.services.jobs.get(gone)).toThrow(/no longer exists/)
    t.services.close()

    const reopened = createServices({
      dataDir: join(t.dir, 'data'),
      ...sourceWorkers(),
      secrets: new MemorySecretStore(),
      env: {}
    })
    t.services = reopened
    await reopened.jobs.whenSwept()
    expect(countsOf(reopened.db, gone, importId, seq)).toEqual(GONE)
    expect(rowsOf(reopened.db, keep)).toEqual(before)
  })

  it('waits for a busy store, then fails with a message naming the folder, and changes nothing', async () => {
    const gone = await createJob(t.services, t.dir, 'gone', 30, 0)
    const other = new Database(t.services.databaseFile)
    other.exec('BEGIN IMMEDIATE')
    // The busy timeout blocks the thread; keep it short here (the product waits 5 s).
    t.services.db.pragma('busy_timeout = 50')
    try {
      const error = await t.services.jobs.remove(gone).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(StoreError)
      expect((error as StoreError).code).toBe('store_locked')
      expect((error as StoreError).message).toContain(t.services.databaseFile)
      expect((error as StoreError).message).toMatch(/^The data folder is busy: another Ringtrue .* Try again/)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(t.services.jobs.get(gone).id).toBe(gone)
  })

  it('is the path the app’s delete takes (jobs:remove)', async () => {
    const gone = await createJob(t.services, t.dir, 'gone', 60, 0)
    const importId = importOf(t.services.db, gone)
    const seq = seqOf(t.services.db, gone)
    t.services.store.deletion.chunkRows = 10
    let steps = 0
    const sweep = t.services.store.deletion.sweep.bind(t.services.store.deletion)
    t.services.store.deletion.sweep = (jobId, rows) => (steps++, sweep(jobId, rows))
    const dispatch = createDispatch(
      createHandlers({
        services: t.services,
        platform: {
          pickSpreadsheet: async () => null,
          pickSavePath: async () => null,
          reveal: async () => {}
        },
        version: '0',
        locale: 'en-US'
      }),
      () => {}
    )
    expect(await dispatch(Channels.removeJob, gone)).toMatchObject({ ok: true })
    expect(steps).toBeGreaterThan(5)
    expect(countsOf(t.services.db, gone, importId, seq)).toEqual(GONE)
  })
})

describe('ringtrue jobs delete', () => {
  let t: TempServices
  beforeEach(() => {
    t = tempServices()
  })
  afterEach(() => t.cleanup())

  function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src-main', 'cli', 'index.ts'), ...args],
      {
        cwd: t.dir,
        env: {
          ...process.env,
          RINGTRUE_DATA_DIR: join(t.dir, 'data'),
          RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-storetest-${process.pid}`,
          TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
        },
        encoding: 'utf8',
        timeout: 120_000
      }
    )
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
  }

  it('deletes through the chunked path and leaves the other job untouched', async () => {
    const keep = await createJob(t.services, t.dir, 'keep', 30, 0)
    const gone = await createJob(t.services, t.dir, 'gone', 80, 10_000)
    const importId = importOf(t.services.db, gone)
    const seq = seqOf(t.services.db, gone)
    const before = rowsOf(t.services.db, keep)
    const run = cli('jobs', 'delete', gone)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`Deleted job ${gone}\n`)
    expect(countsOf(t.services.db, gone, importId, seq)).toEqual(GONE)
    expect(rowsOf(t.services.db, keep)).toEqual(before)
  })

  it('says the data folder is busy when another Ringtrue holds it past the busy timeout', async () => {
    const gone = await createJob(t.services, t.dir, 'gone', 20, 0)
    const lock = new Database(t.services.databaseFile)
    lock.exec('BEGIN IMMEDIATE')
    let run: ReturnType<typeof cli>
    try {
      // The CLI waits its 5 s busy timeout, then gives up with the message.
      run = cli('jobs', 'delete', gone)
    } finally {
      lock.exec('ROLLBACK')
      lock.close()
    }
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^ringtrue: The data folder is busy: another Ringtrue \(the app or a command\) is writing to /
    )
    expect(run.stderr).toContain(t.services.databaseFile)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(t.services.jobs.get(gone).id).toBe(gone)
  })
})
