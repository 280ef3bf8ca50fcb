// Migration 9 on a schema-8 store holding two jobs whose numbers were stored interleaved: each job's numbers move
// into its own id range in their old order, and the ledger's attempts and the bulk tasks follow their numbers.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src-main/core/store/database'
import { JobStore } from '../../../src-main/core/store/job-store'
import { jobsWriter } from '../../../src-main/core/store/jobs-repo'
import { MIGRATIONS, MIGRATION_STEPS } from '../../../src-main/core/store/migrations'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** A store as schema 8 left it (migrations 1–8 applied and recorded as database.ts records them). */
function schema8(file: string): Database.Database {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT'
  )
  for (let version = 1; version <= 8; version++) {
    const sql = MIGRATIONS[version - 1]
    db.exec(sql)
    MIGRATION_STEPS[version]?.(db)
    const hash = createHash('sha256').update(sql).digest('hex').slice(0, 16)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(version, hash, '2026-12-01T00:00:00Z')
  }
  return db
}

const AT = '2026-12-01T10:00:00.000Z'

describe('migration 9', () => {
  it('gives each job its numbers in a range of its own, the ledger and bulk tasks following them', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-m9-'))
    const file = join(dir, 'ringtrue.db')
    const old = schema8(file)
    old
      .prepare(
        `INSERT INTO imports (id, file_path, file_name, file_size, file_hash, format, sheet, header_row, headers,
         phone_columns, country_column, default_region, row_count, complete, created_at)
         VALUES ('imp', '/l.csv', 'l.csv', 1, 'h', 'csv', 'l', 0, '["Phone"]', '[0]', NULL, 'CN', 2, 1, ?)`
      )
      .run(AT)
    const job = old.prepare(
      `INSERT INTO jobs (id, import_id, name, providers, status, phase, created_at, updated_at, offline_checked_at)
       VALUES (?, 'imp', ?, '["offline","acedata"]', 'done', 'finished', ?, ?, ?)`
    )
    job.run('jobA', 'A', AT, AT, AT)
    job.run('jobB', 'B', AT, AT, AT)
    const number = old.prepare(
      `INSERT INTO numbers (id, job_id, dedupe_key, e164, raw, status, reason, line_type, country)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'mobile', 'CN')`
    )
    // Stored interleaved, as two jobs checked at once would store them.
    number.run(1, 'jobA', '+8613800000001', '+8613800000001', '13800000001', 'unchecked')
    number.run(2, 'jobB', '+8613800000002', '+8613800000002', '13800000002', 'active')
    number.run(3, 'jobA', '+8613800000003', '+8613800000003', '13800000003', 'unchecked')
    number.run(4, 'jobB', '+8613800000004', '+8613800000004', '13800000004', 'inactive')
    const link = old.prepare(
      `INSERT INTO row_numbers (job_id, row_index, ordinal, column_index, raw, number_id) VALUES (?, ?, ?, 0, ?, ?)`
    )
    const result = old.prepare(
      `INSERT INTO row_results (job_id, row_index, status, reason, e164, line_type, country)
       VALUES (?, ?, ?, NULL, ?, 'mobile', 'CN')`
    )
    link.run('jobA', 0, 0, '13800000001', 1)
    link.run('jobA', 1, 0, '13800000003', 3)
    result.run('jobA', 0, 'unchecked', '+8613800000001')
    result.run('jobA', 1, 'unchecked', '+8613800000003')
    // Job B's one row holds both its numbers; the active one (its second) decides the row.
    link.run('jobB', 0, 0, '13800000004', 4)
    link.run('jobB', 0, 1, '13800000002', 2)
    result.run('jobB', 0, 'active', '+8613800000004; +8613800000002')
    const attempt = old.prepare(
      `INSERT INTO attempts (job_id, provider, e164, state, created_at, number_id) VALUES (?, 'acedata', ?, 'answered', ?, ?)`
    )
    attempt.run('jobB', '+8613800000004', AT, 4)
    attempt.run('jobA', '+8613800000003', AT, 3)
    attempt.run('jobA', '+8613800000001', AT, null)
    old
      .prepare(
        `INSERT INTO bulk_tasks (job_id, provider, state, number_ids, created_at, updated_at)
         VALUES ('jobB', 'checknumber', 'applied', '[4,2]', ?, ?), ('jobA', 'checknumber', 'applied', '[3]', ?, ?)`
      )
      .run(AT, AT, AT, AT)
    old.close()

    const db = openDatabase(file)
    try {
      const a = 2 ** 32
      const b = 2 * 2 ** 32
      expect(db.prepare('SELECT id, seq FROM jobs ORDER BY seq').all()).toEqual([
        { id: 'jobA', seq: 1 },
        { id: 'jobB', seq: 2 }
      ])
      expect(
        db.prepare('SELECT id, e164, dedupe_key, raw, first_row FROM numbers ORDER BY id').all()
      ).toEqual([
        { id: a, e164: '+8613800000001', dedupe_key: null, raw: null, first_row: 0 },
        { id: a + 1, e164: '+8613800000003', dedupe_key: null, raw: null, first_row: 1 },
        { id: b, e164: '+8613800000002', dedupe_key: null, raw: null, first_row: 0 },
        { id: b + 1, e164: '+8613800000004', dedupe_key: null, raw: null, first_row: 0 }
      ])
      expect(db.prepare('SELECT e164, number_id FROM attempts ORDER BY id').all()).toEqual([
        { e164: '+8613800000004', number_id: b + 1 },
        { e164: '+8613800000003', number_id: a + 1 },
        { e164: '+8613800000001', number_id: null }
      ])
      expect(db.prepare('SELECT job_id, number_ids FROM bulk_tasks ORDER BY id').all()).toEqual([
        { job_id: 'jobB', number_ids: `[${b + 1},${b}]` },
        { job_id: 'jobA', number_ids: `[${a + 1}]` }
      ])
      expect(
        db
          .prepare(
            'SELECT job, row_index, ordinal, number_id, status, lead, e164s FROM job_rows ORDER BY 1, 2, 3'
          )
          .all()
      ).toEqual([
        { job: 1, row_index: 0, ordinal: 0, number_id: a, status: 'unchecked', lead: null, e164s: null },
        { job: 1, row_index: 1, ordinal: 0, number_id: a + 1, status: 'unchecked', lead: null, e164s: null },
        {
          job: 2,
          row_index: 0,
          ordinal: 0,
          number_id: b + 1,
          status: 'active',
          lead: b,
          e164s: '+8613800000004; +8613800000002'
        },
        { job: 2, row_index: 0, ordinal: 1, number_id: b, status: null, lead: null, e164s: null }
      ])
      // A new job takes the next key, its numbers the next range.
      const store = new JobStore(db)
      jobsWriter(store).insert({ id: 'jobC', importId: 'imp', name: 'C', providers: ['offline'] })
      expect(store.keys.numberRange('jobC')).toEqual([3 * 2 ** 32, 4 * 2 ** 32 - 1])
    } finally {
      db.close()
    }
  })
})
