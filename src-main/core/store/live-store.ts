// SQL of the live (paid) check: per-number work state, the attempts ledger, the answer cache and bulk tasks. The
// job's persisted live state (jobs.live) is read and written through the jobs repository (jobs-repo.ts), the only
// writer of the jobs table. Every method is a prepared statement; callers group them in transactions.
import type {
  FreshnessState,
  LivePlan,
  LiveSummary,
  PauseReason,
  SampleOutcome,
  SpendLine,
  Status
} from '../domain'
import { STATUS_PRECEDENCE } from '../domain'
import type { LiveProviderId, LiveResult } from '../providers/types'
import type { Db } from './database'
import type { JobKeys } from './job-keys'

/** Where one distinct number of a job stands in the live check (numbers.live). */
export type LiveNumberState = 'pending' | 'sent' | 'done' | 'uncertain' | 'failed' | 'skipped'
export type AttemptState = 'sent' | 'answered' | 'failed' | 'uncertain'

/** What is kept in jobs.live: the plan and what cannot be recomputed from the numbers. */
export interface PersistedLive {
  plan: LivePlan
  pauseReason: PauseReason | null
  pauseMessage: string | null
  /** The provider the pause is about, and what happened without the app's advice (the CLI adds its own). */
  pauseProvider?: LiveProviderId | null
  pauseDetail?: string | null
  spend: SpendLine[]
  errors: number
  lastError: string | null
  sample: SampleOutcome | null
}

/** The paid-check state of a job that has not sent anything yet: its plan, no pause, no spend. */
export function newLive(plan: LivePlan): PersistedLive {
  return {
    plan,
    pauseReason: null,
    pauseMessage: null,
    spend: [],
    errors: 0,
    lastError: null,
    sample: null
  }
}

export interface WorkItem {
  numberId: number
  e164: string
  country: string | null
  provider: LiveProviderId
  tries: number
  force: boolean
}

export interface CachedCheck {
  id: number
  state: FreshnessState
  reason: string | null
  carrier: string | null
  raw: unknown
  fields: Record<string, unknown>
  checkedAt: string
}

export interface BulkTaskRecord {
  id: number
  jobId: string
  provider: LiveProviderId
  taskId: string | null
  state: 'creating' | 'submitted' | 'downloaded' | 'applied' | 'failed' | 'uncertain'
  numberIds: number[]
  result: Buffer | null
  error: string | null
}

interface RowNumberState {
  number_id: number
  status: Status
}

export type StatusDelta = Map<Status, number>

/** Where the job's live state is kept: its row in `jobs`, which JobsRepo alone writes. */
export interface LiveStateColumn {
  loadLive(jobId: string): PersistedLive | null
  saveLive(jobId: string, live: PersistedLive): void
}

export interface LiveCounters {
  total: number
  pending: number
  sent: number
  answered: number
  cached: number
  failed: number
  uncertain: number
  skipped: number
}

export class LiveStore {
  private readonly s

  /** A job's numbers are the range of ids of its seq (store/job-keys.ts); every job filter below is that range. */
  constructor(
    readonly db: Db,
    private readonly keys: JobKeys,
    private readonly jobs: LiveStateColumn
  ) {
    this.s = {
      eligible: db.prepare(
        `SELECT id, e164, country, line_type FROM numbers WHERE id BETWEEN ? AND ? AND live IS NULL
         AND status = 'unchecked' AND e164 IS NOT NULL AND id > ? ORDER BY id LIMIT ?`
      ),
      route: db.prepare(
        `UPDATE numbers SET live = ?, live_provider = ?, live_error = ?,
         offline_status = COALESCE(offline_status, status),
         offline_reason = CASE WHEN offline_status IS NULL THEN reason ELSE offline_reason END,
         reason = CASE WHEN ? IS NULL THEN reason ELSE ? END WHERE id = ?`
      ),
      pending: db.prepare(
        `SELECT id, e164, country, live_tries, force FROM numbers WHERE id BETWEEN ? AND ? AND live = 'pending'
         AND live_provider = ? AND id > ? ORDER BY id LIMIT ?`
      ),
      pendingProviders: db.prepare(
        `SELECT DISTINCT live_provider AS provider FROM numbers WHERE id BETWEEN ? AND ? AND live = 'pending'`
      ),
      pendingSample: db.prepare(
        `SELECT id FROM numbers WHERE id BETWEEN ? AND ? AND live = 'pending' ORDER BY random() LIMIT ?`
      ),
      liveCounts: db.prepare(
        'SELECT live, COUNT(*) AS n FROM numbers WHERE id BETWEEN ? AND ? AND live IS NOT NULL GROUP BY live'
      ),
      cachedCount: db.prepare(
        `SELECT COUNT(*) AS n FROM numbers n JOIN checks c ON c.id = n.check_id
         WHERE n.id BETWEEN ? AND ? AND n.live = 'done' AND c.cached_from IS NOT NULL`
      ),
      insertAttempt: db.prepare(
        `INSERT INTO attempts (job_id, provider, e164, state, request_ref, created_at, number_id)
         VALUES (?, ?, ?, 'sent', ?, ?, ?)`
      ),
      markSent: db.prepare(`UPDATE numbers SET live = 'sent', live_tries = live_tries + 1 WHERE id = ?`),
      completeAttempt: db.prepare(
        'UPDATE attempts SET state = ?, error = ?, cost = ?, currency = ?, completed_at = ? WHERE id = ?'
      ),
      attemptsOfRef: db.prepare(
        `UPDATE attempts SET state = ?, error = ?, completed_at = ? WHERE request_ref = ? AND state = 'sent'`
      ),
      attemptOfRefNumber: db.prepare(
        `UPDATE attempts SET state = ?, error = ?, completed_at = ? WHERE request_ref = ? AND number_id = ?
         AND state = 'sent'`
      ),
      setAttemptRef: db.prepare(`UPDATE attempts SET request_ref = ? WHERE request_ref = ?`),
      insertCheck: db.prepare(
        `INSERT INTO checks (provider, e164, state, reason, fields, raw, cost, currency, job_id, checked_at,
         cached_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      latestCheck: db.prepare(
        `SELECT id, state, reason, fields, raw, checked_at FROM checks WHERE provider = ? AND e164 = ?
         AND cached_from IS NULL ORDER BY checked_at DESC, id DESC LIMIT 1`
      ),
      answer: db.prepare(
        `UPDATE numbers SET offline_status = COALESCE(offline_status, status),
         offline_reason = CASE WHEN offline_status IS NULL THEN reason ELSE offline_reason END,
         status = ?, reason = ?, carrier = COALESCE(?, carrier), provider = ?, checked_at = ?, check_id = ?,
         live = ?, live_provider = ?, live_error = NULL, force = 0 WHERE id = ?`
      ),
      setLiveState: db.prepare(
        `UPDATE numbers SET offline_status = COALESCE(offline_status, status),
         offline_reason = CASE WHEN offline_status IS NULL THEN reason ELSE offline_reason END,
         reason = CASE WHEN check_id IS NULL AND ? IS NOT NULL THEN ? ELSE reason END,
         live = ?, live_error = ?, live_provider = COALESCE(?, live_provider) WHERE id = ?`
      ),
      sentNumbers: db.prepare(`SELECT id FROM numbers WHERE id BETWEEN ? AND ? AND live = 'sent'`),
      uncertainAttempts: db.prepare(
        `SELECT a.provider, a.e164, a.created_at, a.error FROM attempts a JOIN numbers n ON n.id = a.number_id
         WHERE a.job_id = ? AND a.state = 'uncertain' AND n.live = 'uncertain' ORDER BY a.id`
      ),
      // A number's rows: the one of its first link, and number_rows for the others.
      firstRowOf: db.prepare('SELECT first_row FROM numbers WHERE id = ?').pluck(),
      moreRowsOf: db.prepare('SELECT row_index FROM number_rows WHERE number_id = ?').pluck(),
      rowState: db.prepare(
        `SELECT rn.number_id, n.status FROM job_rows rn JOIN numbers n ON n.id = rn.number_id
         WHERE rn.job = ? AND rn.row_index = ? ORDER BY rn.ordinal`
      ),
      rowHead: db.prepare(
        'SELECT status, reason, number_id, lead FROM job_rows WHERE job = ? AND row_index = ? AND ordinal = 0'
      ),
      // The row's other fields follow its lead number (see job-store.ts ROW), its reason too once refreshed.
      updateRow: db.prepare(
        'UPDATE job_rows SET status = ?, reason = NULL, lead = ? WHERE job = ? AND row_index = ? AND ordinal = 0'
      ),
      insertTask: db.prepare(
        `INSERT INTO bulk_tasks (job_id, provider, task_id, state, number_ids, created_at, updated_at)
         VALUES (?, ?, NULL, 'creating', ?, ?, ?)`
      ),
      updateTask: db.prepare(
        `UPDATE bulk_tasks SET task_id = COALESCE(?, task_id), state = ?, error = ?, updated_at = ? WHERE id = ?`
      ),
      storeTaskResult: db.prepare(
        `UPDATE bulk_tasks SET result = ?, state = 'downloaded', updated_at = ? WHERE id = ?`
      ),
      tasksIn: db.prepare(`SELECT * FROM bulk_tasks WHERE job_id = ? ORDER BY id`),
      e164Of: db.prepare('SELECT e164 FROM numbers WHERE id = ?'),
      recheckRows: db.prepare(
        `SELECT DISTINCT n.id FROM job_rows r JOIN job_rows rn ON rn.job = r.job AND rn.row_index = r.row_index
         JOIN numbers n ON n.id = rn.number_id WHERE r.job = ? AND r.ordinal = 0 AND r.status = ?
         AND n.e164 IS NOT NULL AND COALESCE(n.offline_status, n.status) = 'unchecked' AND n.live IS NOT 'sent'`
      ),
      uncertainNumbers: db.prepare(`SELECT id FROM numbers WHERE id BETWEEN ? AND ? AND live = 'uncertain'`),
      forcePending: db.prepare(
        `UPDATE numbers SET live = 'pending', force = 1, live_provider = ? WHERE id = ?`
      ),
      numberForRoute: db.prepare('SELECT id, e164, country, line_type, live FROM numbers WHERE id = ?'),
      preflightPending: db.prepare(
        `SELECT n.live_provider AS provider, n.country, n.force, (SELECT c.state || '|' || c.checked_at FROM checks c
         WHERE c.provider = n.live_provider AND c.e164 = n.e164 AND c.cached_from IS NULL
         ORDER BY c.checked_at DESC, c.id DESC LIMIT 1) AS latest
         FROM numbers n WHERE n.id BETWEEN ? AND ? AND n.live = 'pending'`
      ),
      preflightStates: db.prepare(
        `SELECT SUM(COALESCE(offline_status, status) = 'invalid') AS invalid,
         SUM(live IS NULL AND COALESCE(offline_status, status) = 'unchecked') AS not_sent,
         SUM(live = 'skipped') AS no_coverage, SUM(live = 'done') AS answered, SUM(live = 'uncertain') AS uncertain,
         SUM(live = 'pending' AND COALESCE(offline_reason, reason) = 'region_inferred') AS inferred,
         SUM(COALESCE(offline_reason, reason) = 'ambiguous_region') AS ambiguous
         FROM numbers WHERE id BETWEEN ? AND ?`
      ),
      pendingByProvider: db.prepare(
        `SELECT live_provider AS provider, COUNT(*) AS n FROM numbers WHERE id BETWEEN ? AND ? AND live = 'pending'
         GROUP BY 1`
      ),
      answeredState: db.prepare(`SELECT status FROM numbers WHERE id = ? AND live = 'done'`),
      attemptsOfNumberUncertain: db.prepare(
        `UPDATE attempts SET state = 'uncertain', error = ?, completed_at = ? WHERE number_id = ? AND state = 'sent'`
      )
    }
  }

  /** The smallest task size each bulk provider stated when it refused a task (kept across jobs). */
  learnedMinimum(provider: LiveProviderId): { minimum: number; message: string | null } | null {
    const row = this.db
      .prepare('SELECT min_task_size, message FROM provider_limits WHERE provider = ?')
      .get(provider) as { min_task_size: number; message: string | null } | undefined
    return row ? { minimum: row.min_task_size, message: row.message } : null
  }

  rememberMinimum(provider: LiveProviderId, minimum: number, message: string): void {
    this.db
      .prepare(
        `INSERT INTO provider_limits (provider, min_task_size, message, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (provider) DO UPDATE SET min_task_size = excluded.min_task_size, message = excluded.message,
         updated_at = excluded.updated_at`
      )
      .run(provider, minimum, message, new Date().toISOString())
  }

  /** Ends the ledger entry of one number of a bulk task (a row the provider could not process). */
  completeAttemptOfNumber(
    requestRef: string,
    numberId: number,
    state: AttemptState,
    error: string | null
  ): void {
    this.s.attemptOfRefNumber.run(state, error, new Date().toISOString(), requestRef, numberId)
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Folds the WAL back into the database at the end of a run (research §6.1); skipped if readers hold it. */
  checkpoint(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // A busy checkpoint is retried by SQLite's own auto-checkpoint later; nothing is at stake.
    }
  }

  loadLive(jobId: string): PersistedLive | null {
    return this.jobs.loadLive(jobId)
  }

  saveLive(jobId: string, live: PersistedLive): void {
    this.jobs.saveLive(jobId, live)
  }

  /**
   * Remembers the work state of the job's numbers before a change the user may still refuse (a re-check without
   * consent), and returns what puts it back exactly as it was (the job's row is JobsRepo.snapshot's).
   */
  snapshotNumbers(jobId: string): () => void {
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
      this.db
        .prepare(
          `UPDATE numbers SET live = u.live, force = u.force, live_provider = u.live_provider
           FROM temp.undo_numbers u WHERE numbers.id = u.id AND (numbers.live IS NOT u.live
           OR numbers.force IS NOT u.force OR numbers.live_provider IS NOT u.live_provider)`
        )
        .run()
      this.db.exec('DELETE FROM temp.undo_numbers')
    }
  }

  /** Numbers the offline check found valid and that no earlier routing has looked at, page by page. */
  eligiblePage(
    jobId: string,
    afterId: number,
    limit: number
  ): { id: number; e164: string; country: string | null; line_type: string | null }[] {
    return this.s.eligible.all(...this.keys.numberRange(jobId), afterId, limit) as {
      id: number
      e164: string
      country: string | null
      line_type: string | null
    }[]
  }

  numberForRoute(numberId: number): RoutableNumber | undefined {
    return this.s.numberForRoute.get(numberId) as RoutableNumber | undefined
  }

  /** Marks a number for the live check (pending with its provider) or out of it (skipped with a reason). */
  route(numberId: number, state: LiveNumberState, provider: string | null, reason: string | null): void {
    this.s.route.run(state, provider, null, reason, reason, numberId)
  }

  pendingPage(jobId: string, provider: LiveProviderId, afterId: number, limit: number): WorkItem[] {
    const rows = this.s.pending.all(...this.keys.numberRange(jobId), provider, afterId, limit) as {
      id: number
      e164: string
      country: string | null
      live_tries: number
      force: number
    }[]
    return rows.map((r) => ({
      numberId: r.id,
      e164: r.e164,
      country: r.country,
      provider,
      tries: r.live_tries,
      force: r.force === 1
    }))
  }

  pendingProviders(jobId: string): LiveProviderId[] {
    return (
      this.s.pendingProviders.all(...this.keys.numberRange(jobId)) as { provider: LiveProviderId }[]
    ).map((r) => r.provider)
  }

  randomPending(jobId: string, size: number): number[] {
    return (this.s.pendingSample.all(...this.keys.numberRange(jobId), size) as { id: number }[]).map(
      (r) => r.id
    )
  }

  liveCounts(jobId: string): Record<LiveNumberState, number> & { cached: number } {
    const counts = { pending: 0, sent: 0, done: 0, uncertain: 0, failed: 0, skipped: 0, cached: 0 }
    const range = this.keys.numberRange(jobId)
    for (const r of this.s.liveCounts.all(...range) as { live: LiveNumberState; n: number }[])
      counts[r.live] = r.n
    counts.cached = (this.s.cachedCount.get(...range) as { n: number }).n
    return counts
  }

  /** The ledger entry written (and committed) before a paid request leaves. Returns the attempt id. */
  claim(jobId: string, item: WorkItem, requestRef: string | null, at: string): number {
    const info = this.s.insertAttempt.run(jobId, item.provider, item.e164, requestRef, at, item.numberId)
    this.s.markSent.run(item.numberId)
    return Number(info.lastInsertRowid)
  }

  completeAttempt(
    attemptId: number,
    state: AttemptState,
    error: string | null,
    cost: number,
    currency: string | null
  ): void {
    this.s.completeAttempt.run(state, error, cost, currency, new Date().toISOString(), attemptId)
  }

  completeAttemptsOf(requestRef: string, state: AttemptState, error: string | null): void {
    this.s.attemptsOfRef.run(state, error, new Date().toISOString(), requestRef)
  }

  renameAttemptRef(from: string, to: string): void {
    this.s.setAttemptRef.run(to, from)
  }

  /** The newest paid answer for this provider and number, if it is still fresh for its state. */
  freshCheck(
    provider: LiveProviderId,
    e164: string,
    freshnessDays: Record<FreshnessState, number>,
    now = Date.now()
  ): CachedCheck | null {
    const row = this.s.latestCheck.get(provider, e164) as
      | {
          id: number
          state: FreshnessState
          reason: string | null
          fields: string
          raw: string | null
          checked_at: string
        }
      | undefined
    if (!row) return null
    const days = freshnessDays[row.state] ?? 0
    if (now - Date.parse(row.checked_at) > days * 86_400_000) return null
    const fields = JSON.parse(row.fields) as Record<string, unknown>
    return {
      id: row.id,
      state: row.state,
      reason: row.reason,
      carrier: typeof fields.carrier === 'string' ? fields.carrier : null,
      raw: row.raw === null ? null : JSON.parse(row.raw),
      fields,
      checkedAt: row.checked_at
    }
  }

  /** Keeps one answer (paid, or reused from the cache with cachedFrom set) and returns its id. */
  insertCheck(jobId: string, result: LiveResult, cachedFrom: number | null): number {
    const fields = {
      reachability: result.reachability,
      ported: result.ported,
      roaming: result.roaming,
      carrier: result.carrier,
      lineType: result.lineType,
      confidence: result.confidence,
      billed: result.billed,
      retryable: result.retryable,
      costEstimated: result.costEstimated
    }
    const info = this.s.insertCheck.run(
      result.provider,
      result.e164,
      result.state,
      result.reason,
      JSON.stringify(fields),
      result.raw === undefined ? null : JSON.stringify(result.raw),
      result.cost,
      result.currency,
      jobId,
      result.checkedAt,
      cachedFrom
    )
    return Number(info.lastInsertRowid)
  }

  /** The number takes the answer as its status; its offline verdict is kept beside it. */
  applyAnswer(
    numberId: number,
    result: LiveResult,
    checkId: number,
    live: LiveNumberState,
    nextProvider: string | null
  ): void {
    this.s.answer.run(
      result.state,
      result.reason,
      result.carrier,
      result.provider,
      result.checkedAt,
      checkId,
      live,
      nextProvider ?? result.provider,
      numberId
    )
  }

  /** A state without an answer: pending again, failed, uncertain or skipped, with a reason for the table. */
  setNumberState(
    numberId: number,
    live: LiveNumberState,
    reason: string | null,
    error: string | null,
    provider: string | null = null
  ): void {
    this.s.setLiveState.run(reason, reason, live, error, provider, numberId)
  }

  /**
   * After a crash: every request that had left without its answer being stored may have been charged. Numbers
   * inside a bulk task that has its task id stay in flight (resume polls the task); everything else becomes
   * "possibly charged". Returns how many.
   */
  recoverInFlight(jobId: string, note: string): number {
    const delta: StatusDelta = new Map()
    let uncertain = 0
    this.transaction(() => {
      const waiting = new Set<number>()
      for (const task of this.tasks(jobId)) {
        if (task.state === 'creating') {
          this.completeAttemptsOf(`bulk:${task.id}`, 'uncertain', note)
          this.updateTask(task.id, 'uncertain', null, note)
        } else if (task.state === 'submitted' || task.state === 'downloaded') {
          for (const id of task.numberIds) waiting.add(id)
        }
      }
      const touched: number[] = []
      const at = new Date().toISOString()
      for (const id of this.numbersInFlight(jobId)) {
        if (waiting.has(id)) continue
        this.s.attemptsOfNumberUncertain.run(note, at, id)
        this.setNumberState(id, 'uncertain', 'possibly_charged', note)
        touched.push(id)
        uncertain++
      }
      this.refreshRows(jobId, touched, delta)
    })
    return uncertain
  }

  /** Everything the pre-flight shows that SQL can count; cache freshness is judged here per answer state. */
  preflightFigures(
    jobId: string,
    freshnessDays: Record<FreshnessState, number>,
    now = Date.now()
  ): {
    invalid: number
    notSent: number
    noCoverage: number
    answered: number
    uncertain: number
    inferred: number
    ambiguous: number
    byProvider: Map<LiveProviderId, { routed: number; cached: number; byCountry: Map<string, number> }>
  } {
    const range = this.keys.numberRange(jobId)
    const states = this.s.preflightStates.get(...range) as Record<string, number | null>
    const byProvider = new Map<
      LiveProviderId,
      { routed: number; cached: number; byCountry: Map<string, number> }
    >()
    for (const row of this.s.preflightPending.iterate(...range) as Iterable<{
      provider: LiveProviderId
      country: string | null
      force: number
      latest: string | null
    }>) {
      let line = byProvider.get(row.provider)
      if (!line) {
        line = { routed: 0, cached: 0, byCountry: new Map() }
        byProvider.set(row.provider, line)
      }
      line.routed++
      let fresh = false
      if (row.latest && row.force === 0) {
        const [state, checkedAt] = row.latest.split('|') as [FreshnessState, string]
        fresh = now - Date.parse(checkedAt) <= (freshnessDays[state] ?? 0) * 86_400_000
      }
      if (fresh) line.cached++
      else {
        const country = row.country ?? '??'
        line.byCountry.set(country, (line.byCountry.get(country) ?? 0) + 1)
      }
    }
    return {
      invalid: states.invalid ?? 0,
      notSent: states.not_sent ?? 0,
      noCoverage: states.no_coverage ?? 0,
      answered: states.answered ?? 0,
      uncertain: states.uncertain ?? 0,
      inferred: states.inferred ?? 0,
      ambiguous: states.ambiguous ?? 0,
      byProvider
    }
  }

  pendingByProvider(jobId: string): Map<LiveProviderId, number> {
    const rows = this.s.pendingByProvider.all(...this.keys.numberRange(jobId)) as {
      provider: LiveProviderId
      n: number
    }[]
    return new Map(rows.map((r) => [r.provider, r.n]))
  }

  /** The answered statuses of these numbers (a sample's findings). */
  statesOf(numberIds: number[]): Status[] {
    const states: Status[] = []
    for (const id of numberIds) {
      const row = this.s.answeredState.get(id) as { status: Status } | undefined
      if (row) states.push(row.status)
    }
    return states
  }

  /** The job's live state as the UI and the CLI show it, or null for an offline-only job. */
  summary(jobId: string, persisted = this.loadLive(jobId)): LiveSummary | null {
    return persisted ? toSummary(persisted, countersOf(this.liveCounts(jobId))) : null
  }

  numbersInFlight(jobId: string): number[] {
    return (this.s.sentNumbers.all(...this.keys.numberRange(jobId)) as { id: number }[]).map((r) => r.id)
  }

  uncertainAttempts(
    jobId: string
  ): { provider: string; e164: string; sentAt: string; error: string | null }[] {
    return (
      this.s.uncertainAttempts.all(jobId) as {
        provider: string
        e164: string
        created_at: string
        error: string | null
      }[]
    ).map((r) => ({ provider: r.provider, e164: r.e164, sentAt: r.created_at, error: r.error }))
  }

  /**
   * Recomputes the summary of every row that holds one of these numbers (best number wins) and returns how
   * the per-status row counts moved.
   */
  refreshRows(jobId: string, numberIds: Iterable<number>, delta: StatusDelta): void {
    const seq = this.keys.seqOf(jobId)
    const rows = new Set<number>()
    for (const id of numberIds) {
      const first = this.s.firstRowOf.get(id) as number | null | undefined
      if (first !== undefined && first !== null) rows.add(first)
      for (const rowIndex of this.s.moreRowsOf.all(id) as number[]) rows.add(rowIndex)
    }
    for (const rowIndex of rows) {
      const numbers = this.s.rowState.all(seq, rowIndex) as RowNumberState[]
      if (numbers.length === 0) continue
      let best = numbers[0]
      for (const n of numbers) {
        if (STATUS_PRECEDENCE.indexOf(n.status) < STATUS_PRECEDENCE.indexOf(best.status)) best = n
      }
      const head = this.s.rowHead.get(seq, rowIndex) as
        { status: Status; reason: string | null; number_id: number | null; lead: number | null } | undefined
      if (!head) continue
      const lead = best.number_id === head.number_id ? null : best.number_id
      if (head.status !== best.status || head.lead !== lead || head.reason !== null)
        this.s.updateRow.run(best.status, lead, seq, rowIndex)
      if (head.status !== best.status) {
        delta.set(head.status, (delta.get(head.status) ?? 0) - 1)
        delta.set(best.status, (delta.get(best.status) ?? 0) + 1)
      }
    }
  }

  createTask(jobId: string, provider: LiveProviderId, numberIds: number[]): number {
    const now = new Date().toISOString()
    const info = this.s.insertTask.run(jobId, provider, JSON.stringify(numberIds), now, now)
    return Number(info.lastInsertRowid)
  }

  updateTask(id: number, state: BulkTaskRecord['state'], taskId: string | null, error: string | null): void {
    this.s.updateTask.run(taskId, state, error, new Date().toISOString(), id)
  }

  storeTaskResult(id: number, archive: Buffer): void {
    this.s.storeTaskResult.run(archive, new Date().toISOString(), id)
  }

  tasks(jobId: string): BulkTaskRecord[] {
    return (this.s.tasksIn.all(jobId) as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      jobId: r.job_id as string,
      provider: r.provider as LiveProviderId,
      taskId: r.task_id as string | null,
      state: r.state as BulkTaskRecord['state'],
      numberIds: JSON.parse(r.number_ids as string) as number[],
      result: (r.result as Buffer | null) ?? null,
      error: r.error as string | null
    }))
  }

  e164Of(numberId: number): string | null {
    return (this.s.e164Of.get(numberId) as { e164: string | null } | undefined)?.e164 ?? null
  }

  /** Numbers behind rows of a status that can be asked again (valid offline, not in flight). */
  numbersOfRowsWithStatus(jobId: string, status: Status): number[] {
    return (this.s.recheckRows.all(this.keys.seqOf(jobId), status) as { id: number }[]).map((r) => r.id)
  }

  uncertainNumbers(jobId: string): number[] {
    return (this.s.uncertainNumbers.all(...this.keys.numberRange(jobId)) as { id: number }[]).map((r) => r.id)
  }

  /** Queues a number again and lets it skip the cache: the user asked for a fresh answer. */
  forcePending(numberId: number, provider: string): void {
    this.s.forcePending.run(provider, numberId)
  }
}

export interface RoutableNumber {
  id: number
  e164: string | null
  country: string | null
  line_type: string | null
  live: string | null
}

export function countersOf(counts: ReturnType<LiveStore['liveCounts']>): LiveCounters {
  return {
    // Numbers outside every coverage are not part of the paid check's progress; they are counted as skipped.
    total: counts.pending + counts.sent + counts.done + counts.uncertain + counts.failed,
    pending: counts.pending,
    sent: counts.sent,
    answered: counts.done - counts.cached,
    cached: counts.cached,
    failed: counts.failed,
    uncertain: counts.uncertain,
    skipped: counts.skipped
  }
}

export function toSummary(persisted: PersistedLive, counters: LiveCounters): LiveSummary {
  return {
    plan: persisted.plan,
    pauseReason: persisted.pauseReason,
    pauseMessage: persisted.pauseMessage,
    pauseProvider: persisted.pauseProvider ?? null,
    pauseDetail: persisted.pauseDetail ?? persisted.pauseMessage,
    spend: persisted.spend.map((s: SpendLine) => ({ ...s })),
    total: counters.total,
    pending: counters.pending,
    inFlight: counters.sent,
    answered: counters.answered,
    cached: counters.cached,
    failed: counters.failed,
    uncertain: counters.uncertain,
    skipped: counters.skipped,
    errors: persisted.errors,
    lastError: persisted.lastError,
    sample: persisted.sample
  }
}
