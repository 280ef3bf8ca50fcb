// Deleting a job: it is hidden at once (JobsRepo.markDeleted), then its rows are removed here in short chunks, so
// a million-row job never holds the write lock for long, and a sweep stopped halfway resumes at the next start.
import type { Statement } from 'better-sqlite3'
import { returnFreePages, type Db } from './database'
import type { ImportsRepo } from './imports-repo'
import type { JobKeys } from './job-keys'
import type { JobsRepo } from './jobs-repo'
import type { NotePhrases } from './note-phrases'
import { SOURCE_BLOCK_ROWS } from './source-blocks'

/** Rows removed per transaction when a job is deleted: each step holds the write lock for milliseconds. */
export const DELETE_CHUNK_ROWS = 20_000

/**
 * The chunked deletes of a job's rows, keyed by each table's primary key so every step is an index range:
 * `bound` finds the last key of the next chunk, `upTo` deletes through it, `rest` deletes a short tail. Rows
 * are keyed by the job's seq, numbers and their extra row links by the job's number id range (lo, hi).
 */
export const SWEEP_SQL = {
  job_rows: {
    bound: 'SELECT row_index FROM job_rows WHERE job = ? ORDER BY row_index LIMIT 1 OFFSET ?',
    upTo: 'DELETE FROM job_rows WHERE job = ? AND row_index <= ?',
    rest: 'DELETE FROM job_rows WHERE job = ?'
  },
  number_rows: {
    bound:
      'SELECT number_id FROM number_rows WHERE number_id BETWEEN ? AND ? ORDER BY number_id LIMIT 1 OFFSET ?',
    upTo: 'DELETE FROM number_rows WHERE number_id BETWEEN ? AND ? AND number_id <= ?',
    rest: 'DELETE FROM number_rows WHERE number_id BETWEEN ? AND ?'
  },
  numbers: {
    bound: 'SELECT id FROM numbers WHERE id BETWEEN ? AND ? ORDER BY id LIMIT 1 OFFSET ?',
    upTo: 'DELETE FROM numbers WHERE id BETWEEN ? AND ? AND id <= ?',
    rest: 'DELETE FROM numbers WHERE id BETWEEN ? AND ?'
  },
  // Source rows go a block at a time (SOURCE_BLOCK_ROWS rows each).
  sourceRows: {
    bound: 'SELECT last_row FROM source_blocks WHERE import_id = ? ORDER BY last_row LIMIT 1 OFFSET ?',
    upTo: 'DELETE FROM source_blocks WHERE import_id = ? AND last_row <= ?',
    rest: 'DELETE FROM source_blocks WHERE import_id = ?'
  },
  bulkTasks: 'DELETE FROM bulk_tasks WHERE job_id = ?'
} as const

interface ChunkStatements {
  bound: Statement
  upTo: Statement
  rest: Statement
}

interface SweepStatements {
  job_rows: ChunkStatements
  number_rows: ChunkStatements
  numbers: ChunkStatements
  sourceRows: ChunkStatements
  bulkTasks: Statement
  /** Deletes the next chunk of the rows under `key` (its bound parameters); false when there were none left. */
  chunk(statements: ChunkStatements, key: unknown[], rows: number): boolean
}

function sweepStatements(db: Db): SweepStatements {
  const chunkOf = (sql: { bound: string; upTo: string; rest: string }): ChunkStatements => ({
    bound: db.prepare(sql.bound).pluck(),
    upTo: db.prepare(sql.upTo),
    rest: db.prepare(sql.rest)
  })
  return {
    job_rows: chunkOf(SWEEP_SQL.job_rows),
    number_rows: chunkOf(SWEEP_SQL.number_rows),
    numbers: chunkOf(SWEEP_SQL.numbers),
    sourceRows: chunkOf(SWEEP_SQL.sourceRows),
    bulkTasks: db.prepare(SWEEP_SQL.bulkTasks),
    chunk(statements, key, rows) {
      const bound = statements.bound.get(...key, Math.max(1, rows) - 1) as number | undefined
      const info = bound === undefined ? statements.rest.run(...key) : statements.upTo.run(...key, bound)
      return info.changes > 0
    }
  }
}

export class JobDeletion {
  /** Rows per deletion step (tests lower it to see several steps on a small job). */
  chunkRows = DELETE_CHUNK_ROWS
  private _sweep: SweepStatements | null = null

  constructor(
    private readonly db: Db,
    private readonly keys: JobKeys,
    private readonly notes: NotePhrases,
    private readonly jobs: JobsRepo,
    private readonly imports: ImportsRepo
  ) {}

  private get statements(): SweepStatements {
    this._sweep ??= sweepStatements(this.db)
    return this._sweep
  }

  /**
   * One bounded step of deleting a hidden job: at most `chunkRows` rows of one table, in one short IMMEDIATE
   * transaction, so other connections read (WAL) and write (busy timeout) between steps. The last step
   * removes the job and, when no other job uses it, its import. Returns true once the job is entirely gone.
   */
  sweep(jobId: string, chunkRows = this.chunkRows): boolean {
    const sweep = this.statements
    const importId = this.jobs.deletingImportOf(jobId)
    if (importId === undefined) return true
    // The chunks run children first (row links, row results), then the job's numbers once nothing links to
    // them, then the source rows, which nothing references: the foreign-key lookups SQLite would make for each
    // deleted row can find nothing, so they are switched off for the chunk (a pragma outside a transaction, on
    // this connection only, and this step is synchronous: no other statement runs on it meanwhile).
    const seq = this.keys.seqOf(jobId)
    const range = this.keys.numberRange(jobId)
    const chunk = this.db.transaction((): boolean => {
      if (this.jobs.deletingImportOf(jobId) === undefined) return false
      if (sweep.chunk(sweep.job_rows, [seq], chunkRows)) return true
      if (sweep.chunk(sweep.number_rows, range, chunkRows)) return true
      if (sweep.chunk(sweep.numbers, range, chunkRows)) return true
      if (sweep.bulkTasks.run(jobId).changes > 0) return true
      if (this.jobs.importUsedByOthers(importId, jobId)) return false
      return sweep.chunk(sweep.sourceRows, [importId], Math.ceil(chunkRows / SOURCE_BLOCK_ROWS))
    })
    const foreignKeys = this.db.pragma('foreign_keys', { simple: true }) as number
    this.db.pragma('foreign_keys = OFF')
    try {
      if (chunk.immediate()) return false
    } finally {
      if (foreignKeys) this.db.pragma('foreign_keys = ON')
    }
    // Nothing references the job any more: with foreign keys on, the cascades find no rows.
    return this.db
      .transaction((): boolean => {
        this.notes.clear(seq)
        this.jobs.remove(jobId)
        if (!this.jobs.importUsedByOthers(importId, jobId)) this.imports.remove(importId)
        return true
      })
      .immediate()
  }

  /** One bounded step of giving deleted rows' pages back to the file system; true when none is left. */
  returnFreePages(pages?: number): boolean {
    return returnFreePages(this.db, pages)
  }
}
