// The `jobs` table: the only code that inserts, updates or deletes its rows (an architecture test holds this),
// and the reads of a job as the UI and the CLI show it. Whoever holds the store reads jobs through JobStore.jobs
// (JobsReader); writing takes jobsWriter(), which only the job runner and the service that creates and deletes
// jobs import. The paid check's state (jobs.live) is written through LiveStore, which calls this repository.
import type {
  JobCounts,
  JobDetail,
  JobPhase,
  JobStatus,
  JobSummary,
  LiveSummary,
  SourceFormat
} from '../domain'
import { redoableTransaction, type Db } from './database'
import type { PersistedLive } from './live-store'
import { emptyCounts, type JobRefs } from './results-repo'

export interface NewJob {
  id: string
  importId: string
  name: string
  providers: string[]
}

export interface RunningJob {
  id: string
  phase: JobPhase
  ownerPid: number | null
  heartbeatAt: string | null
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

const JOB_SELECT = `SELECT j.id, j.import_id, j.name, j.providers, j.status, j.phase, j.done, j.total, j.counts, j.error, j.live,
  j.created_at, j.finished_at, j.offline_checked_at, i.file_name, i.file_path, i.format, i.sheet, i.headers, i.phone_columns,
  i.country_column, i.default_region, i.warnings, i.row_count
  FROM jobs j JOIN imports i ON i.id = j.import_id`

/** The paid-check summary of a job from its persisted live state (LiveStore counts the numbers). */
export type LiveSummarizer = (jobId: string, persisted: PersistedLive) => LiveSummary | null

export class JobsRepo {
  private readonly s

  constructor(
    private readonly db: Db,
    private readonly summarizeLive: LiveSummarizer
  ) {
    this.s = {
      insert:
        db.prepare(`INSERT INTO jobs (id, import_id, name, providers, status, phase, created_at, started_at,
        updated_at, owner_pid, heartbeat_at, seq)
        VALUES (@id, @importId, @name, @providers, 'running', 'importing', @now, @now, @now, @pid, @now,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs))`),
      heartbeat: db.prepare(`UPDATE jobs SET heartbeat_at = ? WHERE status = 'running' AND owner_pid = ?`),
      progress: db.prepare(
        'UPDATE jobs SET phase = ?, done = ?, total = ?, counts = ?, updated_at = ? WHERE id = ?'
      ),
      finish: db.prepare(`UPDATE jobs SET status = ?, phase = ?, counts = COALESCE(?, counts), error = ?,
        finished_at = ?, updated_at = ? WHERE id = ?`),
      setState: db.prepare(
        `UPDATE jobs SET status = ?, phase = ?, error = ?, updated_at = ?,
         finished_at = CASE WHEN ? THEN ? ELSE NULL END, owner_pid = ?, heartbeat_at = ? WHERE id = ?`
      ),
      setCounts: db.prepare('UPDATE jobs SET counts = ?, done = ?, total = ?, updated_at = ? WHERE id = ?'),
      getLive: db.prepare('SELECT live FROM jobs WHERE id = ?'),
      setLive: db.prepare('UPDATE jobs SET live = ?, updated_at = ? WHERE id = ?'),
      setOfflineCheckedAt: db.prepare('UPDATE jobs SET offline_checked_at = ? WHERE id = ?'),
      // A job being deleted (deleting_at set) is gone for every reader at once; its rows are swept in chunks.
      get: db.prepare(`${JOB_SELECT} WHERE j.id = ? AND j.deleting_at IS NULL`),
      exists: db.prepare('SELECT 1 FROM jobs WHERE id = ? AND deleting_at IS NULL').pluck(),
      list: db.prepare(`${JOB_SELECT} WHERE j.deleting_at IS NULL ORDER BY j.created_at DESC, j.rowid DESC`),
      running: db.prepare(
        `SELECT id, phase, owner_pid, heartbeat_at FROM jobs WHERE status = 'running' AND deleting_at IS NULL`
      ),
      markDeleting: db.prepare('UPDATE jobs SET deleting_at = ? WHERE id = ? AND deleting_at IS NULL'),
      deleting: db.prepare('SELECT id FROM jobs WHERE deleting_at IS NOT NULL ORDER BY deleting_at').pluck(),
      deletingImportOf: db
        .prepare('SELECT import_id FROM jobs WHERE id = ? AND deleting_at IS NOT NULL')
        .pluck(),
      remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
      importUsedByOthers: db.prepare('SELECT 1 FROM jobs WHERE import_id = ? AND id <> ? LIMIT 1').pluck(),
      snapshot: db.prepare(
        'SELECT status, phase, error, finished_at, live, owner_pid, heartbeat_at FROM jobs WHERE id = ?'
      ),
      restore: db.prepare(`UPDATE jobs SET status = @status, phase = @phase, error = @error,
        finished_at = @finished_at, live = @live, owner_pid = @owner_pid, heartbeat_at = @heartbeat_at
        WHERE id = @id`)
    }
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────────────

  exists(jobId: string): boolean {
    return this.s.exists.get(jobId) !== undefined
  }

  get(jobId: string): JobDetail | null {
    const row = this.s.get.get(jobId) as JobRow | undefined
    return row ? { ...toDetail(row), live: this.liveOf(row) } : null
  }

  list(): JobSummary[] {
    return (this.s.list.all() as JobRow[]).map((row) => ({ ...toSummary(row), live: this.liveOf(row) }))
  }

  /** The job's import and offline-check time; null for no visible job. */
  refs(jobId: string): JobRefs | null {
    const row = this.s.get.get(jobId) as JobRow | undefined
    return row ? { importId: row.import_id, offlineCheckedAt: row.offline_checked_at } : null
  }

  /** Jobs marked 'running', with the process that runs them and when it last said so. */
  running(): RunningJob[] {
    return (
      this.s.running.all() as {
        id: string
        phase: JobPhase
        owner_pid: number | null
        heartbeat_at: string | null
      }[]
    ).map((r) => ({ id: r.id, phase: r.phase, ownerPid: r.owner_pid, heartbeatAt: r.heartbeat_at }))
  }

  /** Jobs hidden for deletion whose rows are not all removed yet (a sweep that Ringtrue stopped during). */
  deleting(): string[] {
    return this.s.deleting.all() as string[]
  }

  /** The import of a job hidden for deletion; undefined once the job is gone (or was never hidden). */
  deletingImportOf(jobId: string): string | undefined {
    return this.s.deletingImportOf.get(jobId) as string | undefined
  }

  /** Another job (hidden or not) still reads this import. */
  importUsedByOthers(importId: string, jobId: string): boolean {
    return this.s.importUsedByOthers.get(importId, jobId) !== undefined
  }

  /** The paid-check state kept in jobs.live, or null for an offline-only job. */
  loadLive(jobId: string): PersistedLive | null {
    const row = this.s.getLive.get(jobId) as { live: string | null } | undefined
    return row?.live ? (JSON.parse(row.live) as PersistedLive) : null
  }

  private liveOf(row: JobRow): JobSummary['live'] {
    return row.live ? this.summarizeLive(row.id, JSON.parse(row.live) as PersistedLive) : null
  }

  // ── writes ─────────────────────────────────────────────────────────────────────────────────────────────

  /** A new job, running its import in this process. */
  insert(job: NewJob): void {
    this.s.insert.run({
      ...job,
      providers: JSON.stringify(job.providers),
      now: new Date().toISOString(),
      pid: process.pid
    })
  }

  updateProgress(jobId: string, phase: JobPhase, done: number, total: number, counts: JobCounts): void {
    // Progress is redone by the run it reports on: not worth a flush of the write-ahead log (ten a second, each
    // flushing whatever the bulk load wrote since).
    redoableTransaction(this.db, () =>
      this.s.progress.run(phase, done, total, JSON.stringify(counts), new Date().toISOString(), jobId)
    )
  }

  /** Ends the job's offline phases: status, counts (kept when null) and its message. */
  finish(jobId: string, status: JobStatus, counts: JobCounts | null, error: string | null): void {
    const now = new Date().toISOString()
    const current = this.s.get.get(jobId) as JobRow | undefined
    const phase: JobPhase = status === 'done' ? 'finished' : (current?.phase ?? 'finished')
    this.s.finish.run(status, phase, counts ? JSON.stringify(counts) : null, error, now, now, jobId)
  }

  /** Status and phase of the job; `finished` sets finished_at (done, cancelled, failed). */
  setState(jobId: string, status: string, phase: string, error: string | null, finished: boolean): void {
    const now = new Date().toISOString()
    // A running job belongs to this process; the heartbeat tells other processes it is alive.
    const running = status === 'running'
    this.s.setState.run(
      status,
      phase,
      error,
      now,
      finished ? 1 : 0,
      now,
      running ? process.pid : null,
      running ? now : null,
      jobId
    )
  }

  saveCounts(jobId: string, counts: unknown, done: number, total: number): void {
    this.s.setCounts.run(JSON.stringify(counts), done, total, new Date().toISOString(), jobId)
  }

  /** This process is still running its jobs. */
  heartbeat(pid = process.pid): void {
    this.s.heartbeat.run(new Date().toISOString(), pid)
  }

  saveLive(jobId: string, live: PersistedLive): void {
    this.s.setLive.run(JSON.stringify(live), new Date().toISOString(), jobId)
  }

  /** When the job's offline check runs (the time of each of its verdicts); set before its first verdict is stored. */
  setOfflineCheckedAt(jobId: string, at: string): void {
    this.s.setOfflineCheckedAt.run(at, jobId)
  }

  /**
   * Hides a job from every reader at once (one tiny write); its rows are then removed by the deletion sweep in
   * short transactions. Returns false when there is no such visible job.
   */
  markDeleted(jobId: string): boolean {
    return this.s.markDeleting.run(new Date().toISOString(), jobId).changes > 0
  }

  /** Removes the job's row, once the deletion sweep has removed every row that referenced it. */
  remove(jobId: string): void {
    this.s.remove.run(jobId)
  }

  /** Remembers the job row's paid-check columns and returns what writes them back exactly as they were. */
  snapshot(jobId: string): () => void {
    const job = this.s.snapshot.get(jobId) as Record<string, unknown> | undefined
    return () => {
      if (job) this.s.restore.run({ ...job, id: jobId })
    }
  }
}

/**
 * The writer of the `jobs` rows behind a store's reader. Importing this (or JobsRepo) is what lets a file write
 * jobs; the architecture test allows it to the job runner and the job service only.
 */
export function jobsWriter(store: { jobs: JobsReader }): JobsRepo {
  if (!(store.jobs instanceof JobsRepo)) throw new Error('not a job store')
  return store.jobs
}

/** What every holder of the store may do with jobs: read them. */
export type JobsReader = Pick<
  JobsRepo,
  'exists' | 'get' | 'list' | 'refs' | 'running' | 'deleting' | 'loadLive'
>

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
