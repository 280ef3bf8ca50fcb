import type {
  CellValue,
  CheckRecord,
  FacetCount,
  Facets,
  JobCounts,
  JobDetail,
  JobPhase,
  JobStatus,
  JobSummary,
  LineType,
  ResultFilter,
  ResultRow,
  RowResult,
  SourceFormat,
  Status
} from '../domain'
import { STATUS_PRECEDENCE, STATUSES } from '../domain'
import { LiveStore, type PersistedLive } from './live-store'
import type { Statement } from 'better-sqlite3'
import { redoableTransaction, returnFreePages, type Db } from './database'
import { JobKeys } from './job-keys'
import { NotePhrases } from './note-phrases'
import { SOURCE_BLOCK_ROWS, SourceBlocks } from './source-blocks'

export interface NewImport {
  id: string
  filePath: string
  fileName: string
  fileSize: number
  fileHash: string
  format: SourceFormat
  sheet: string
  headerRow: number | null
  headers: string[]
  phoneColumns: number[]
  countryColumn: number | null
  defaultRegion: string
  encoding: string | null
  delimiter: string | null
  warnings: string[]
}

export interface NewJob {
  id: string
  importId: string
  name: string
  providers: string[]
}

export interface NumberRecord {
  dedupeKey: string
  e164: string | null
  /** Kept only while the user may still choose a country for the number (alternatives). */
  raw: string
  status: Status
  reason: string | null
  lineType: LineType | null
  country: string | null
  provider: string
  checkedAt: string
  /** ambiguous_region only: the regions the number reads validly in. */
  alternatives?: string[] | null
  /** The row of the number's first link. */
  firstRow: number
}

/** One number of a row, in cell order. */
export interface RowLink {
  numberId: number
  columnIndex: number
  raw: string
  extension: string | null
  note: string | null
  /** This reading's status and reason: the best reading decides the row. */
  status: Status
  reason: string | null
  /** The number was stored for this link (not a repeat of an earlier one). */
  created: boolean
}

export interface RowResultRecord extends Omit<RowResult, 'e164'> {
  rowIndex: number
  e164: string[]
}

export interface ImportRecord extends NewImport {
  rowCount: number
  complete: boolean
  createdAt: string
}

interface JobRow {
  id: string
  import_id: string
  name: string
  providers: string
  status: JobStatus
  phase: JobPhase
  done: number
  total: number
  counts: string | null
  error: string | null
  live: string | null
  created_at: string
  finished_at: string | null
  offline_checked_at: string | null
  file_name: string
  file_path: string
  format: SourceFormat
  sheet: string
  headers: string
  phone_columns: string
  country_column: number | null
  default_region: string
  warnings: string
  row_count: number
}

export function emptyCounts(): JobCounts {
  return {
    rows: 0,
    numbers: 0,
    unique: 0,
    emptyRows: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>
  }
}

const JOB_SELECT = `SELECT j.id, j.import_id, j.name, j.providers, j.status, j.phase, j.done, j.total, j.counts, j.error, j.live,
  j.created_at, j.finished_at, j.offline_checked_at, i.file_name, i.file_path, i.format, i.sheet, i.headers, i.phone_columns,
  i.country_column, i.default_region, i.warnings, i.row_count
  FROM jobs j JOIN imports i ON i.id = j.import_id`

/**
 * The provider of the offline check. Its verdicts carry neither provider nor time per number and per row (null):
 * every one of a job's was made at its offline check, whose time the job keeps (offline_checked_at).
 */
const OFFLINE = 'offline'

/**
 * A row's result: its first record (ordinal 0) holds its status, the rest comes from the number that decides it
 * (lead, else its own); a row without a number is invalid with reason no_number.
 */
const ROW = {
  status: 'r.status',
  // The row's own reason where its reading differs from the number's (the same number written another way).
  reason: "IIF(r.number_id IS NULL, 'no_number', IIF(r.reason IS NULL, n.reason, NULLIF(r.reason, '')))",
  e164: 'COALESCE(r.e164s, n.e164)',
  lineType: 'n.line_type',
  country: 'n.country'
} as const
const ROW_FROM = 'job_rows r LEFT JOIN numbers n ON n.id = COALESCE(r.lead, r.number_id)'
const ROW_SELECT = `SELECT r.row_index, r.status, ${ROW.reason} AS reason, ${ROW.e164} AS e164,
  n.line_type, n.country, n.carrier, n.provider, n.checked_at FROM ${ROW_FROM}`

/** Result rows per page when a job's results are streamed for export. */
const EXPORT_PAGE_ROWS = 1000

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

/** Every SQL statement of the job store; statements are prepared once per connection. */
export class JobStore {
  private readonly statements
  /** The live check's statements, on the same connection. */
  readonly live: LiveStore
  /** The imports' source rows, in compressed blocks. */
  readonly sourceBlocks: SourceBlocks
  /** Jobs' integer keys. */
  readonly keys: JobKeys
  private readonly notes: NotePhrases
  /** The next free number id of each job whose numbers this connection writes. */
  private readonly nextNumberId = new Map<string, number>()

  constructor(readonly db: Db) {
    this.keys = new JobKeys(db)
    this.notes = new NotePhrases(db)
    this.live = new LiveStore(db, this.keys)
    this.sourceBlocks = new SourceBlocks(db)
    this.statements = {
      insertImport:
        db.prepare(`INSERT INTO imports (id, file_path, file_name, file_size, file_hash, format, sheet,
        header_row, headers, phone_columns, country_column, default_region, encoding, delimiter, warnings, created_at)
        VALUES (@id, @filePath, @fileName, @fileSize, @fileHash, @format, @sheet, @headerRow, @headers, @phoneColumns,
        @countryColumn, @defaultRegion, @encoding, @delimiter, @warnings, @createdAt)`),
      finishImport: db.prepare(
        'UPDATE imports SET headers = ?, row_count = ?, complete = 1, warnings = ? WHERE id = ?'
      ),
      insertJob:
        db.prepare(`INSERT INTO jobs (id, import_id, name, providers, status, phase, created_at, started_at,
        updated_at, owner_pid, heartbeat_at, seq)
        VALUES (@id, @importId, @name, @providers, 'running', 'importing', @now, @now, @now, @pid, @now,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs))`),
      heartbeat: db.prepare(`UPDATE jobs SET heartbeat_at = ? WHERE status = 'running' AND owner_pid = ?`),
      updateJobProgress: db.prepare(
        'UPDATE jobs SET phase = ?, done = ?, total = ?, counts = ?, updated_at = ? WHERE id = ?'
      ),
      finishJob: db.prepare(`UPDATE jobs SET status = ?, phase = ?, counts = COALESCE(?, counts), error = ?,
        finished_at = ?, updated_at = ? WHERE id = ?`),
      // A job being deleted (deleting_at set) is gone for every reader at once; its rows are swept in chunks.
      getJob: db.prepare(`${JOB_SELECT} WHERE j.id = ? AND j.deleting_at IS NULL`),
      jobExists: db.prepare('SELECT 1 FROM jobs WHERE id = ? AND deleting_at IS NULL').pluck(),
      listJobs: db.prepare(
        `${JOB_SELECT} WHERE j.deleting_at IS NULL ORDER BY j.created_at DESC, j.rowid DESC`
      ),
      runningJobs: db.prepare(
        `SELECT id, phase, owner_pid, heartbeat_at FROM jobs WHERE status = 'running' AND deleting_at IS NULL`
      ),
      markDeleting: db.prepare('UPDATE jobs SET deleting_at = ? WHERE id = ? AND deleting_at IS NULL'),
      deletingJobs: db
        .prepare('SELECT id FROM jobs WHERE deleting_at IS NOT NULL ORDER BY deleting_at')
        .pluck(),
      deletingImportOf: db
        .prepare('SELECT import_id FROM jobs WHERE id = ? AND deleting_at IS NOT NULL')
        .pluck(),
      deleteJob: db.prepare('DELETE FROM jobs WHERE id = ?'),
      importUsedByOthers: db.prepare('SELECT 1 FROM jobs WHERE import_id = ? AND id <> ? LIMIT 1').pluck(),
      deleteImport: db.prepare('DELETE FROM imports WHERE id = ?'),
      getImport: db.prepare('SELECT * FROM imports WHERE id = ?'),
      insertNumber:
        db.prepare(`INSERT INTO numbers (id, dedupe_key, e164, raw, status, reason, line_type, country,
        provider, checked_at, alternatives, first_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      lastNumberId: db.prepare('SELECT MAX(id) FROM numbers WHERE id BETWEEN ? AND ?').pluck(),
      insertRow:
        db.prepare(`INSERT INTO job_rows (job, row_index, ordinal, number_id, column_index, raw, extension, note,
        status, reason, lead, e164s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      numberReason: db.prepare('SELECT reason FROM numbers WHERE id = ?').pluck(),
      insertNumberRow: db.prepare('INSERT OR IGNORE INTO number_rows (number_id, row_index) VALUES (?, ?)'),
      insertCheck:
        db.prepare(`INSERT INTO checks (provider, e164, state, reason, fields, raw, cost, currency, job_id,
        checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      statusCounts: db.prepare(
        'SELECT status, COUNT(*) AS n FROM job_rows WHERE job = ? AND ordinal = 0 GROUP BY status'
      ),
      numberCounts: db.prepare(
        `SELECT (SELECT COUNT(*) FROM job_rows WHERE job = @seq AND number_id IS NOT NULL) AS numbers,
        (SELECT COUNT(*) FROM numbers WHERE id BETWEEN @lo AND @hi) AS uniq,
        (SELECT COUNT(*) FROM job_rows WHERE job = @seq AND ordinal = 0 AND number_id IS NULL) AS empty`
      ),
      // Formats are computed when shown (phone/format.ts); the columns stay in the answer for its readers.
      rowNumbers:
        db.prepare(`SELECT rn.raw AS cell_raw, rn.column_index, rn.extension, rn.note, n.e164, n.status,
        n.reason, n.line_type, n.country, NULL AS national_format, NULL AS international_format,
        COALESCE(n.provider, '${OFFLINE}') AS provider, COALESCE(n.checked_at, j.offline_checked_at) AS checked_at,
        n.offline_status, n.offline_reason FROM job_rows rn JOIN numbers n ON n.id = rn.number_id
        JOIN jobs j ON j.seq = rn.job WHERE rn.job = ? AND rn.row_index = ? ORDER BY rn.ordinal`),
      setOfflineCheckedAt: db.prepare('UPDATE jobs SET offline_checked_at = ? WHERE id = ?'),
      checksFor: db.prepare(
        'SELECT provider, state, reason, raw, cost, checked_at, fields FROM checks WHERE e164 = ? AND (job_id = ? OR job_id IS NULL) ORDER BY checked_at DESC'
      )
    }
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** A transaction of import or offline-check writes, which a rerun redoes from the source file (see database.ts). */
  redoableTransaction<T>(fn: () => T): T {
    return redoableTransaction(this.db, fn)
  }

  /** One bounded step of giving deleted rows' pages back to the file system; true when none is left. */
  returnFreePages(pages?: number): boolean {
    return returnFreePages(this.db, pages)
  }

  insertImport(record: NewImport): void {
    this.statements.insertImport.run({
      ...record,
      headers: JSON.stringify(record.headers),
      phoneColumns: JSON.stringify(record.phoneColumns),
      warnings: JSON.stringify(record.warnings),
      createdAt: new Date().toISOString()
    })
  }

  finishImport(importId: string, headers: string[], rowCount: number, warnings: string[]): void {
    this.statements.finishImport.run(JSON.stringify(headers), rowCount, JSON.stringify(warnings), importId)
  }

  getImport(importId: string): ImportRecord | null {
    const row = this.statements.getImport.get(importId) as Record<string, unknown> | undefined
    if (!row) return null
    return {
      id: row.id as string,
      filePath: row.file_path as string,
      fileName: row.file_name as string,
      fileSize: row.file_size as number,
      fileHash: row.file_hash as string,
      format: row.format as SourceFormat,
      sheet: row.sheet as string,
      headerRow: row.header_row as number | null,
      headers: JSON.parse(row.headers as string),
      phoneColumns: JSON.parse(row.phone_columns as string),
      countryColumn: row.country_column as number | null,
      defaultRegion: row.default_region as string,
      encoding: row.encoding as string | null,
      delimiter: row.delimiter as string | null,
      warnings: JSON.parse(row.warnings as string),
      rowCount: row.row_count as number,
      complete: row.complete === 1,
      createdAt: row.created_at as string
    }
  }

  /** Stores consecutive source rows in one transaction. */
  insertSourceRows(importId: string, firstRowIndex: number, rows: CellValue[][]): void {
    this.transaction(() => this.sourceBlocks.insert(importId, firstRowIndex, rows))
  }

  /** Source rows in order, keyset-paged so a million rows never sit in memory at once. */
  sourceRows(
    importId: string,
    fromRowIndex: number,
    limit: number
  ): { rowIndex: number; cells: CellValue[] }[] {
    return this.sourceBlocks.rowsFrom(importId, fromRowIndex, limit)
  }

  insertJob(job: NewJob): void {
    this.statements.insertJob.run({
      ...job,
      providers: JSON.stringify(job.providers),
      now: new Date().toISOString(),
      pid: process.pid
    })
  }

  updateProgress(jobId: string, phase: JobPhase, done: number, total: number, counts: JobCounts): void {
    this.statements.updateJobProgress.run(
      phase,
      done,
      total,
      JSON.stringify(counts),
      new Date().toISOString(),
      jobId
    )
  }

  finishJob(jobId: string, status: JobStatus, counts: JobCounts | null, error: string | null): void {
    const now = new Date().toISOString()
    const phase: JobPhase = status === 'done' ? 'finished' : (this.getJobRow(jobId)?.phase ?? 'finished')
    this.statements.finishJob.run(
      status,
      phase,
      counts ? JSON.stringify(counts) : null,
      error,
      now,
      now,
      jobId
    )
  }

  /** Jobs marked 'running', with the process that runs them and when it last said so. */
  runningJobs(): { id: string; phase: JobPhase; ownerPid: number | null; heartbeatAt: string | null }[] {
    return (
      this.statements.runningJobs.all() as {
        id: string
        phase: JobPhase
        owner_pid: number | null
        heartbeat_at: string | null
      }[]
    ).map((r) => ({ id: r.id, phase: r.phase, ownerPid: r.owner_pid, heartbeatAt: r.heartbeat_at }))
  }

  /** This process is still running its jobs. */
  heartbeat(pid = process.pid): void {
    this.statements.heartbeat.run(new Date().toISOString(), pid)
  }

  /** When the job's offline check runs (the time of each of its verdicts); set before its first verdict is stored. */
  setOfflineCheckedAt(jobId: string, at: string): void {
    this.statements.setOfflineCheckedAt.run(at, jobId)
    this.offlineCheckedAt.set(jobId, at)
  }

  private readonly offlineCheckedAt = new Map<string, string>()

  /** A verdict of the job's offline check, whose provider and time the job holds. */
  private byOfflineCheck(jobId: string, provider: string | null, checkedAt: string | null): boolean {
    return provider === OFFLINE && checkedAt !== null && this.offlineCheckedAt.get(jobId) === checkedAt
  }

  /** Stores a distinct number of the job and returns its id (the next of the job's range). */
  insertNumber(jobId: string, record: NumberRecord): number {
    const offline = this.byOfflineCheck(jobId, record.provider, record.checkedAt)
    let id = this.nextNumberId.get(jobId)
    if (id === undefined) {
      const [lo, hi] = this.keys.numberRange(jobId)
      const last = this.statements.lastNumberId.get(lo, hi) as number | null
      id = last === null ? lo : last + 1
    }
    const alternatives = record.alternatives?.length ? JSON.stringify(record.alternatives) : null
    // Positional binding: this runs once per distinct number, a million times on a big list.
    this.statements.insertNumber.run(
      id,
      record.dedupeKey === record.e164 ? null : record.dedupeKey,
      record.e164,
      alternatives === null ? null : record.raw,
      record.status,
      record.reason,
      record.lineType,
      record.country,
      offline ? null : record.provider,
      offline ? null : record.checkedAt,
      alternatives,
      record.firstRow
    )
    this.nextNumberId.set(jobId, id + 1)
    return id
  }

  /**
   * Stores one checked row in one record per number (one record without a number for a row that holds none);
   * the first also stands for the row (see migration 9). `repeated` are the numbers first linked from an earlier
   * row, whose other rows number_rows lists.
   */
  insertRow(jobId: string, rowIndex: number, links: RowLink[], e164: string[], repeated: number[]): void {
    const seq = this.keys.seqOf(jobId)
    const insert = this.statements.insertRow
    if (links.length === 0) {
      insert.run(seq, rowIndex, 0, null, null, null, null, null, 'invalid', null, null, null)
      return
    }
    let lead = links[0]
    for (const link of links) {
      if (STATUS_PRECEDENCE.indexOf(link.status) < STATUS_PRECEDENCE.indexOf(lead.status)) lead = link
    }
    // The row's reason is its own reading's; the number keeps its first reading's, read back for a repeat.
    const own = lead.reason ?? null
    const numberReason = lead.created
      ? own
      : ((this.statements.numberReason.get(lead.numberId) as string | null | undefined) ?? null)
    const reason = numberReason === own ? null : (own ?? '')
    for (let i = 0; i < links.length; i++) {
      const link = links[i]
      const first = i === 0
      insert.run(
        seq,
        rowIndex,
        i,
        link.numberId,
        link.columnIndex,
        link.raw,
        link.extension,
        this.notes.encode(seq, link.note),
        first ? lead.status : null,
        first ? reason : null,
        first && lead.numberId !== link.numberId ? lead.numberId : null,
        first && links.length > 1 && e164.length ? e164.join('; ') : null
      )
    }
    for (const numberId of repeated) this.statements.insertNumberRow.run(numberId, rowIndex)
  }

  insertCheck(check: {
    provider: string
    e164: string
    state: Status
    reason: string | null
    fields: unknown
    raw: unknown
    cost: number
    currency: string | null
    jobId: string
    checkedAt: string
  }): void {
    this.statements.insertCheck.run(
      check.provider,
      check.e164,
      check.state,
      check.reason,
      JSON.stringify(check.fields ?? {}),
      check.raw === undefined ? null : JSON.stringify(check.raw),
      check.cost,
      check.currency,
      check.jobId,
      check.checkedAt
    )
  }

  /** Counts recomputed from the stored results, so they are always what the table shows. */
  computeCounts(jobId: string, rows: number): JobCounts {
    const counts = emptyCounts()
    counts.rows = rows
    for (const r of this.statements.statusCounts.all(this.keys.seqOf(jobId)) as {
      status: Status
      n: number
    }[]) {
      counts.byStatus[r.status] = r.n
    }
    const [lo, hi] = this.keys.numberRange(jobId)
    const n = this.statements.numberCounts.get({ seq: this.keys.seqOf(jobId), lo, hi }) as {
      numbers: number
      uniq: number
      empty: number
    }
    counts.numbers = n.numbers
    counts.unique = n.uniq
    counts.emptyRows = n.empty
    return counts
  }

  private getJobRow(jobId: string): JobRow | undefined {
    return this.statements.getJob.get(jobId) as JobRow | undefined
  }

  jobExists(jobId: string): boolean {
    return this.statements.jobExists.get(jobId) !== undefined
  }

  getJob(jobId: string): JobDetail | null {
    const row = this.getJobRow(jobId)
    return row ? { ...toDetail(row), live: this.liveOf(row) } : null
  }

  listJobs(): JobSummary[] {
    return (this.statements.listJobs.all() as JobRow[]).map((row) => ({
      ...toSummary(row),
      live: this.liveOf(row)
    }))
  }

  private liveOf(row: JobRow): JobSummary['live'] {
    return row.live ? this.live.summary(row.id, JSON.parse(row.live) as PersistedLive) : null
  }

  /**
   * Forgets what an interrupted offline check wrote for a job (its numbers, row links and row results), and with
   * `importId` the import's stored rows too, so the offline check (and import) can run again from the start.
   */
  resetOfflineCheck(jobId: string, importId: string | null): void {
    const seq = this.keys.seqOf(jobId)
    const [lo, hi] = this.keys.numberRange(jobId)
    this.nextNumberId.delete(jobId)
    this.transaction(() => {
      this.db.prepare('DELETE FROM job_rows WHERE job = ?').run(seq)
      this.db.prepare('DELETE FROM number_rows WHERE number_id BETWEEN ? AND ?').run(lo, hi)
      this.db.prepare('DELETE FROM numbers WHERE id BETWEEN ? AND ?').run(lo, hi)
      this.notes.clear(seq)
      if (importId !== null) {
        this.sourceBlocks.clear(importId)
        this.db.prepare('UPDATE imports SET row_count = 0, complete = 0 WHERE id = ?').run(importId)
      }
    })
  }

  /**
   * Remembers a job's paid-check state (the job row and its numbers' work state) before a change the user may
   * still refuse (a re-check without consent), and returns what puts it back exactly as it was.
   */
  snapshotLive(jobId: string): () => void {
    const job = this.db
      .prepare(
        'SELECT status, phase, error, finished_at, live, owner_pid, heartbeat_at FROM jobs WHERE id = ?'
      )
      .get(jobId) as Record<string, unknown> | undefined
    this.transaction(() => {
      this.db.exec(
        'CREATE TEMP TABLE IF NOT EXISTS undo_numbers (id INTEGER PRIMARY KEY, live TEXT, force INTEGER, live_provider TEXT)'
      )
      this.db.exec('DELETE FROM temp.undo_numbers')
      this.db
        .prepare(
          'INSERT INTO temp.undo_numbers SELECT id, live, force, live_provider FROM numbers WHERE id BETWEEN ? AND ?'
        )
        .run(...this.keys.numberRange(jobId))
    })
    return () => {
      if (!job) return
      this.transaction(() => {
        this.db
          .prepare(
            `UPDATE numbers SET live = u.live, force = u.force, live_provider = u.live_provider
             FROM temp.undo_numbers u WHERE numbers.id = u.id AND (numbers.live IS NOT u.live
             OR numbers.force IS NOT u.force OR numbers.live_provider IS NOT u.live_provider)`
          )
          .run()
        this.db
          .prepare(
            `UPDATE jobs SET status = @status, phase = @phase, error = @error, finished_at = @finished_at,
             live = @live, owner_pid = @owner_pid, heartbeat_at = @heartbeat_at WHERE id = @id`
          )
          .run({ ...job, id: jobId })
        this.db.exec('DELETE FROM temp.undo_numbers')
      })
    }
  }

  /**
   * Hides a job from every reader at once (one tiny write); its rows are then removed by sweepDeleted() in
   * short transactions. Returns false when there is no such visible job.
   */
  markDeleted(jobId: string): boolean {
    return this.statements.markDeleting.run(new Date().toISOString(), jobId).changes > 0
  }

  /** Jobs hidden for deletion whose rows are not all removed yet (a sweep that Ringtrue stopped during). */
  deletingJobs(): string[] {
    return this.statements.deletingJobs.all() as string[]
  }

  /**
   * One bounded step of deleting a hidden job: at most `chunkRows` rows of one table, in one short IMMEDIATE
   * transaction, so other connections read (WAL) and write (busy timeout) between steps. The last step
   * removes the job and, when no other job uses it, its import. Returns true once the job is entirely gone.
   */
  sweepDeleted(jobId: string, chunkRows = this.deleteChunkRows): boolean {
    const sweep = this.sweep
    const importId = this.statements.deletingImportOf.get(jobId) as string | undefined
    if (importId === undefined) return true
    // The chunks run children first (row links, row results), then the job's numbers once nothing links to
    // them, then the source rows, which nothing references: the foreign-key lookups SQLite would make for each
    // deleted row can find nothing, so they are switched off for the chunk (a pragma outside a transaction, on
    // this connection only, and this step is synchronous: no other statement runs on it meanwhile).
    const seq = this.keys.seqOf(jobId)
    const range = this.keys.numberRange(jobId)
    const chunk = this.db.transaction((): boolean => {
      if (this.statements.deletingImportOf.get(jobId) === undefined) return false
      if (sweep.chunk(sweep.job_rows, [seq], chunkRows)) return true
      if (sweep.chunk(sweep.number_rows, range, chunkRows)) return true
      if (sweep.chunk(sweep.numbers, range, chunkRows)) return true
      if (sweep.bulkTasks.run(jobId).changes > 0) return true
      if (this.statements.importUsedByOthers.get(importId, jobId) !== undefined) return false
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
        this.statements.deleteJob.run(jobId)
        if (this.statements.importUsedByOthers.get(importId, jobId) === undefined)
          this.statements.deleteImport.run(importId)
        return true
      })
      .immediate()
  }

  /** Rows per deletion step (tests lower it to see several steps on a small job). */
  deleteChunkRows = DELETE_CHUNK_ROWS
  private _sweep: SweepStatements | null = null
  private get sweep(): SweepStatements {
    this._sweep ??= sweepStatements(this.db)
    return this._sweep
  }

  /** Builds the WHERE clause for a result filter; only values, never SQL text, come from the caller. */
  private filterClause(
    jobId: string,
    importId: string,
    filter: ResultFilter
  ): { sql: string; params: unknown[] } {
    const parts = ['r.job = ? AND r.ordinal = 0']
    const params: unknown[] = [this.keys.seqOf(jobId)]
    const inList = (column: string, values: readonly string[] | undefined, nullable = false): void => {
      if (!values || values.length === 0) return
      const named = values.filter((v) => v !== '')
      const clauses: string[] = []
      if (named.length) {
        clauses.push(`${column} IN (${named.map(() => '?').join(', ')})`)
        params.push(...named)
      }
      if (nullable && named.length !== values.length) clauses.push(`${column} IS NULL`)
      parts.push(`(${clauses.join(' OR ')})`)
    }
    inList(ROW.status, filter.statuses)
    inList(ROW.reason, filter.reasons, true)
    inList(ROW.lineType, filter.lineTypes, true)
    inList(ROW.country, filter.countries, true)
    const search = filter.search?.trim()
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      // The cells are compressed: the rows whose text holds the search are found in the blocks, once per search.
      parts.push(`(${ROW.e164} LIKE ? ESCAPE '\\' OR r.row_index IN (SELECT value FROM json_each(?)))`)
      params.push(like, JSON.stringify(this.sourceBlocks.rowsContaining(importId, search)))
    }
    return { sql: parts.join(' AND '), params }
  }

  /** The job's import and the time of its offline check (what its rows' null provider and time stand for). */
  private refsOf(jobId: string): JobRefs {
    const row = this.getJobRow(jobId)
    if (!row) throw new Error(`job ${jobId} not found`)
    return { importId: row.import_id, offlineCheckedAt: row.offline_checked_at }
  }

  queryResults(
    jobId: string,
    filter: ResultFilter,
    offset: number,
    limit: number
  ): { total: number; rows: ResultRow[] } {
    const refs = this.refsOf(jobId)
    const where = this.filterClause(jobId, refs.importId, filter)
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM ${ROW_FROM} WHERE ${where.sql}`).get(...where.params) as {
        n: number
      }
    ).n
    // Page the results first, then read the source cells of that page only (one or two blocks).
    const rows = this.db
      .prepare(`${ROW_SELECT} WHERE ${where.sql} ORDER BY r.row_index LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as ResultDbRow[]
    return { total, rows: this.withCells(refs, rows) }
  }

  /** Rows for export, streamed in original order. */
  *iterateResults(jobId: string, statuses: readonly Status[]): Generator<ResultRow> {
    const refs = this.refsOf(jobId)
    if (statuses.length === 0) return
    // Keyset pages, each with its cells read block by block (no statement stays open between yields).
    const page = this.db.prepare(
      `${ROW_SELECT} WHERE r.job = ? AND r.row_index > ? AND r.ordinal = 0
       AND r.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY r.row_index LIMIT ${EXPORT_PAGE_ROWS}`
    )
    const seq = this.keys.seqOf(jobId)
    for (let after = -1; ;) {
      const rows = page.all(seq, after, ...statuses) as ResultDbRow[]
      if (rows.length === 0) return
      yield* this.withCells(refs, rows)
      after = rows[rows.length - 1].row_index
    }
  }

  facets(jobId: string, filter: ResultFilter): Facets {
    const { importId } = this.refsOf(jobId)
    // Each facet is counted with every other filter applied but its own, so the user sees what selecting it would add.
    const facet = (column: string, omit: keyof ResultFilter): FacetCount[] => {
      const where = this.filterClause(jobId, importId, { ...filter, [omit]: undefined })
      const rows = this.db
        .prepare(
          `SELECT COALESCE(${column}, '') AS value, COUNT(*) AS count FROM ${ROW_FROM} WHERE ${where.sql}
           GROUP BY 1 ORDER BY count DESC, value LIMIT 300`
        )
        .all(...where.params) as FacetCount[]
      return rows
    }
    const where = this.filterClause(jobId, importId, filter)
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM ${ROW_FROM} WHERE ${where.sql}`).get(...where.params) as {
        n: number
      }
    ).n
    return {
      statuses: facet(ROW.status, 'statuses'),
      reasons: facet(ROW.reason, 'reasons'),
      lineTypes: facet(ROW.lineType, 'lineTypes'),
      countries: facet(ROW.country, 'countries'),
      total
    }
  }

  resultRow(jobId: string, rowIndex: number): ResultRow | null {
    const refs = this.refsOf(jobId)
    const row = this.db
      .prepare(`${ROW_SELECT} WHERE r.job = ? AND r.row_index = ? AND r.ordinal = 0`)
      .get(this.keys.seqOf(jobId), rowIndex) as ResultDbRow | undefined
    return row ? (this.withCells(refs, [row])[0] ?? null) : null
  }

  /** Result rows with their source cells; a row whose source row is not stored is left out, as a join would. */
  private withCells(refs: JobRefs, rows: ResultDbRow[]): ResultRow[] {
    const cells = this.sourceBlocks.cellsOf(
      refs.importId,
      rows.map((r) => r.row_index)
    )
    const out: ResultRow[] = []
    for (const row of rows) {
      const source = cells.get(row.row_index)
      if (source) out.push(toResultRow(row, source, refs.offlineCheckedAt))
    }
    return out
  }

  rowNumbers(jobId: string, rowIndex: number): RowNumberDbRow[] {
    const seq = this.keys.seqOf(jobId)
    return (this.statements.rowNumbers.all(seq, rowIndex) as RowNumberDbRow[]).map((n) => ({
      ...n,
      note: this.notes.decode(seq, n.note)
    }))
  }

  checksFor(jobId: string, e164: string): CheckRecord[] {
    return (this.statements.checksFor.all(e164, jobId) as Record<string, unknown>[]).map((c) => ({
      provider: c.provider as string,
      state: c.state as Status,
      reason: c.reason as string | null,
      checkedAt: c.checked_at as string,
      cost: c.cost as number,
      // Set by the live check when the provider does not document what it bills (shown as "≈").
      costEstimated: costEstimatedOf(c.fields),
      raw: c.raw === null ? null : JSON.parse(c.raw as string)
    }))
  }
}

export interface RowNumberDbRow {
  cell_raw: string
  column_index: number
  extension: string | null
  note: string | null
  e164: string | null
  status: Status
  reason: string | null
  line_type: LineType | null
  country: string | null
  national_format: string | null
  international_format: string | null
  provider: string | null
  checked_at: string | null
  /** The offline verdict, kept once a paid answer replaced status/reason (null before that). */
  offline_status: Status | null
  offline_reason: string | null
}

interface ResultDbRow {
  row_index: number
  status: Status
  reason: string | null
  e164: string | null
  line_type: LineType | null
  country: string | null
  carrier: string | null
  provider: string | null
  checked_at: string | null
}

interface JobRefs {
  importId: string
  offlineCheckedAt: string | null
}

function toResultRow(row: ResultDbRow, cells: CellValue[], offlineCheckedAt: string | null): ResultRow {
  return {
    rowIndex: row.row_index,
    cells,
    status: row.status,
    reason: row.reason,
    e164: row.e164 ? row.e164.split('; ') : [],
    lineType: row.line_type,
    country: row.country,
    carrier: row.carrier,
    provider: row.provider ?? OFFLINE,
    checkedAt: row.checked_at ?? offlineCheckedAt
  }
}

function toSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    name: row.name,
    fileName: row.file_name,
    format: row.format,
    sheet: row.sheet,
    providers: JSON.parse(row.providers),
    status: row.status,
    phase: row.phase,
    counts: row.counts ? (JSON.parse(row.counts) as JobCounts) : { ...emptyCounts(), rows: row.row_count },
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    live: null
  }
}

function toDetail(row: JobRow): JobDetail {
  return {
    ...toSummary(row),
    importId: row.import_id,
    filePath: row.file_path,
    headers: JSON.parse(row.headers),
    phoneColumns: JSON.parse(row.phone_columns),
    countryColumn: row.country_column,
    defaultRegion: row.default_region,
    warnings: JSON.parse(row.warnings)
  }
}

function costEstimatedOf(fields: unknown): boolean {
  if (typeof fields !== 'string') return false
  try {
    return (JSON.parse(fields) as { costEstimated?: unknown }).costEstimated === true
  } catch {
    return false
  }
}
