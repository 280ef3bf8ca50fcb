// A job's results: its distinct numbers (numbers), one record per number of each row (job_rows), the counts
// recomputed from them, and the queries the results table, its facets, the row drawer and export read.
import type {
  CellValue,
  CheckRecord,
  Facets,
  JobCounts,
  LineType,
  ProviderSpend,
  ResultFilter,
  ResultRow,
  ResultSort,
  RowResult,
  Status
} from '../domain'
import { STATUS_PRECEDENCE, STATUSES } from '../domain'
import type { Db } from './database'
import type { JobKeys } from './job-keys'
import type { NotePhrases } from './note-phrases'
import { REVIEW_ROW_SQL, ReviewIndex, type ReviewStamp } from './review-index'
import type { SourceBlocks } from './source-blocks'

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

export function emptyCounts(): JobCounts {
  return {
    rows: 0,
    numbers: 0,
    unique: 0,
    emptyRows: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>
  }
}

/**
 * The provider of the offline check. Its verdicts carry neither provider nor time per number and per row (null):
 * every one of a job's was made at its offline check, whose time the job keeps (offline_checked_at).
 */
const OFFLINE = 'offline'

/**
 * A row's result: its first record (ordinal 0) holds its status, the rest comes from the number that decides it
 * (lead, else its own); a row without a number is invalid with reason no_number. The row's own reason stands
 * where its reading differs from the number's (the same number written another way).
 */
const ROW_SELECT = REVIEW_ROW_SQL

/** Review indexes kept in memory: the job on screen and the one compared with it. */
const REVIEW_INDEXES = 2
/** While a job runs, its index is read again at most this often (the page's rows are always read fresh). */
const RUNNING_REVIEW_MS = 1500

/** Result rows per page when a job's results are streamed for export. */
const EXPORT_PAGE_ROWS = 1000

/** A reader's view of a writer still adding a job's rows (jobs/follow.ts, across threads). */
export interface RowsFollow {
  /** A token for what was written so far; take it before querying. */
  mark(): number
  /** Blocks until rows were written after `mark` (true) or the writer is done (false); throws if it failed. */
  waitPast(mark: number): boolean
}

/** A job's import and the time of its offline check (what its rows' null provider and time stand for). */
export interface JobRefs {
  importId: string
  offlineCheckedAt: string | null
}

export class ResultsRepo {
  private readonly s
  /** The next free number id of each job whose numbers this connection writes. */
  private readonly nextNumberId = new Map<string, number>()
  private readonly offlineCheckedAt = new Map<string, string>()
  private readonly reviews = new Map<string, ReviewIndex>()

  /** `refs` reads the job's row (jobs-repo.ts); a job's numbers are its id range (job-keys.ts). */
  constructor(
    private readonly db: Db,
    private readonly keys: JobKeys,
    private readonly notes: NotePhrases,
    private readonly sourceBlocks: SourceBlocks,
    private readonly refs: (jobId: string) => JobRefs | null
  ) {
    this.s = {
      insertNumber:
        db.prepare(`INSERT INTO numbers (id, dedupe_key, e164, raw, status, reason, line_type, country,
        provider, checked_at, alternatives, first_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      lastNumberId: db.prepare('SELECT MAX(id) FROM numbers WHERE id BETWEEN ? AND ?').pluck(),
      insertRow:
        db.prepare(`INSERT INTO job_rows (job, row_index, ordinal, number_id, column_index, raw, extension, note,
        status, reason, lead, e164s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      numberReason: db.prepare('SELECT reason FROM numbers WHERE id = ?').pluck(),
      insertNumberRow: db.prepare('INSERT OR IGNORE INTO number_rows (number_id, row_index) VALUES (?, ?)'),
      reviewStamp: db.prepare(
        `SELECT j.status, j.done, j.offline_checked_at AS offlineCheckedAt,
        COALESCE((SELECT version FROM result_versions v WHERE v.job = j.seq), 0) AS version FROM jobs j WHERE j.id = ?`
      ),
      tallies: db.prepare('SELECT name, n FROM job_tallies WHERE job = ?'),
      spend: db.prepare(
        `SELECT provider, currency, SUM(cost) AS amount, COUNT(*) AS lookups FROM checks WHERE job_id = ?
         GROUP BY provider, currency ORDER BY amount DESC, provider`
      ),
      saveTally: db.prepare('INSERT OR REPLACE INTO job_tallies (job, name, n) VALUES (?, ?, ?)'),
      dropTallies: db.prepare('DELETE FROM job_tallies WHERE job = ?'),
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
      checksFor: db.prepare(
        'SELECT provider, state, reason, raw, cost, checked_at, fields FROM checks WHERE e164 = ? AND (job_id = ? OR job_id IS NULL) ORDER BY checked_at DESC'
      )
    }
  }

  /** The offline check of the job starts at `at` (jobs.offline_checked_at): its verdicts are stored without time. */
  beginOfflineCheck(jobId: string, at: string): void {
    this.offlineCheckedAt.set(jobId, at)
    // The rows stored from here on fire no trigger: the counts are taken again when the check is done.
    this.s.dropTallies.run(this.keys.seqOf(jobId))
  }

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
      const last = this.s.lastNumberId.get(lo, hi) as number | null
      id = last === null ? lo : last + 1
    }
    const alternatives = record.alternatives?.length ? JSON.stringify(record.alternatives) : null
    // Positional binding: this runs once per distinct number, a million times on a big list.
    this.s.insertNumber.run(
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
    const insert = this.s.insertRow
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
      : ((this.s.numberReason.get(lead.numberId) as string | null | undefined) ?? null)
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
    for (const numberId of repeated) this.s.insertNumberRow.run(numberId, rowIndex)
  }

  /**
   * The job's counts, always what the table shows: counted from the stored results once the offline check is
   * done, then kept in job_tallies, which every later status change adjusts (migration 11), so a recount after a
   * paid batch reads a few rows instead of the whole job.
   */
  computeCounts(jobId: string, rows: number): JobCounts {
    const seq = this.keys.seqOf(jobId)
    const kept = this.s.tallies.all(seq) as { name: string; n: number }[]
    const counts = emptyCounts()
    counts.rows = rows
    if (kept.length > 0) {
      for (const { name, n } of kept) {
        if (name === '#numbers') counts.numbers = n
        else if (name === '#unique') counts.unique = n
        else if (name === '#empty') counts.emptyRows = n
        else counts.byStatus[name as Status] = n
      }
      return counts
    }
    for (const r of this.s.statusCounts.all(seq) as { status: Status; n: number }[]) {
      counts.byStatus[r.status] = r.n
    }
    const [lo, hi] = this.keys.numberRange(jobId)
    const n = this.s.numberCounts.get({ seq, lo, hi }) as { numbers: number; uniq: number; empty: number }
    counts.numbers = n.numbers
    counts.unique = n.uniq
    counts.emptyRows = n.empty
    if (!this.db.readonly && !this.checking(jobId)) {
      this.db.transaction(() => {
        for (const [status, count] of Object.entries(counts.byStatus))
          this.s.saveTally.run(seq, status, count)
        this.s.saveTally.run(seq, '#numbers', counts.numbers)
        this.s.saveTally.run(seq, '#unique', counts.unique)
        this.s.saveTally.run(seq, '#empty', counts.emptyRows)
      })()
    }
    return counts
  }

  /** Counts taken again from the stored results on the next computeCounts (numbers were merged or removed). */
  forgetCounts(jobId: string): void {
    this.s.dropTallies.run(this.keys.seqOf(jobId))
  }

  /** Whether the job's offline check may still be adding rows (its counts would be out of date at once). */
  private checking(jobId: string): boolean {
    const stamp = this.s.reviewStamp.get(jobId) as ReviewStamp | undefined
    return stamp?.status === 'running' || stamp?.status === 'paused'
  }

  /**
   * Forgets what an interrupted offline check wrote for a job (its numbers, row links and row results), so the
   * offline check can run again from the start.
   */
  clear(jobId: string): void {
    const seq = this.keys.seqOf(jobId)
    const [lo, hi] = this.keys.numberRange(jobId)
    this.nextNumberId.delete(jobId)
    this.reviews.delete(jobId)
    this.db.transaction(() => {
      this.s.dropTallies.run(seq)
      this.db.prepare('DELETE FROM job_rows WHERE job = ?').run(seq)
      this.db.prepare('DELETE FROM number_rows WHERE number_id BETWEEN ? AND ?').run(lo, hi)
      this.db.prepare('DELETE FROM numbers WHERE id BETWEEN ? AND ?').run(lo, hi)
      this.notes.clear(seq)
    })()
  }

  /** The job's import and the time of its offline check (what its rows' null provider and time stand for). */
  private refsOf(jobId: string): JobRefs {
    const refs = this.refs(jobId)
    if (!refs) throw new Error(`job ${jobId} not found`)
    return refs
  }

  /** A page of the rows the filter keeps, in the sort's order (row order by default), and how many it keeps. */
  queryResults(
    jobId: string,
    filter: ResultFilter,
    offset: number,
    limit: number,
    sort?: ResultSort
  ): { total: number; rows: ResultRow[] } {
    const refs = this.refsOf(jobId)
    const review = this.review(jobId)
    const total = review.matching(filter).length
    const wanted = review.page(filter, sort, offset, limit)
    if (wanted.length === 0) return { total, rows: [] }
    // The page's results are read fresh (a running paid check may have answered them since the index was read).
    const found = new Map(
      (
        this.db
          .prepare(
            `${ROW_SELECT} WHERE r.job = ? AND r.ordinal = 0 AND r.row_index IN (SELECT value FROM json_each(?))`
          )
          .all(this.keys.seqOf(jobId), JSON.stringify(wanted)) as ResultDbRow[]
      ).map((row) => [row.row_index, row])
    )
    const rows = wanted.map((r) => found.get(r)).filter((r): r is ResultDbRow => r !== undefined)
    return { total, rows: this.withCells(refs, rows) }
  }

  /**
   * The rows of a view (filters and sort, as the results screen shows them) whose status is one of `statuses`,
   * streamed in the view's order for an export, a page of rows at a time.
   */
  *iterateView(
    jobId: string,
    view: { filter: ResultFilter; sort?: ResultSort },
    statuses: readonly Status[]
  ): Generator<ResultRow> {
    const refs = this.refsOf(jobId)
    const wanted = new Set(statuses)
    const page = this.db.prepare(
      `${ROW_SELECT} WHERE r.job = ? AND r.ordinal = 0 AND r.row_index IN (SELECT value FROM json_each(?))`
    )
    const seq = this.keys.seqOf(jobId)
    const order = this.review(jobId).page(view.filter, view.sort, 0, Number.MAX_SAFE_INTEGER)
    for (let at = 0; at < order.length; at += EXPORT_PAGE_ROWS) {
      const slice = order.slice(at, at + EXPORT_PAGE_ROWS)
      const found = new Map(
        (page.all(seq, JSON.stringify(slice)) as ResultDbRow[]).map((row) => [row.row_index, row])
      )
      const rows = slice
        .map((r) => found.get(r))
        .filter((r): r is ResultDbRow => r !== undefined && wanted.has(r.status))
      yield* this.withCells(refs, rows)
    }
  }

  /** The job's review index, read when first asked for and again when its results changed (see ReviewIndex). */
  private review(jobId: string): ReviewIndex {
    const stamp = this.s.reviewStamp.get(jobId) as ReviewStamp | undefined
    if (!stamp) throw new Error(`job ${jobId} not found`)
    let index = this.reviews.get(jobId)
    if (index) {
      const was = index.stamp
      const changed =
        was.version !== stamp.version ||
        was.offlineCheckedAt !== stamp.offlineCheckedAt ||
        (was.status !== stamp.status && stamp.status !== 'running')
      if (changed) {
        // A running job changes all the time: its counts may lag a moment behind, its rows never do.
        const fresh = stamp.status === 'running' && Date.now() - index.builtAt < RUNNING_REVIEW_MS
        if (!fresh) index = undefined
      } else if (was.done !== stamp.done || was.status !== stamp.status) {
        index.extend(stamp)
      }
    }
    if (!index) {
      const { importId } = this.refsOf(jobId)
      index = new ReviewIndex(
        this.db,
        this.keys.seqOf(jobId),
        this.keys.numberRange(jobId)[0],
        stamp,
        (first, last) => this.sourceBlocks.rowsBetween(importId, first, last)
      )
    }
    this.reviews.delete(jobId)
    this.reviews.set(jobId, index)
    while (this.reviews.size > REVIEW_INDEXES) this.reviews.delete(this.reviews.keys().next().value as string)
    return index
  }

  /**
   * Rows for export, streamed in original order. With `follow`, the job's rows are still being written by the
   * offline check: a short page waits for the next committed one instead of ending the stream.
   */
  *iterateResults(jobId: string, statuses: readonly Status[], follow?: RowsFollow): Generator<ResultRow> {
    const refs = this.refsOf(jobId)
    if (statuses.length === 0) return
    // Keyset pages, each with its cells read block by block (no statement stays open between yields).
    const page = this.db.prepare(
      `${ROW_SELECT} WHERE r.job = ? AND r.row_index > ? AND r.ordinal = 0
       AND r.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY r.row_index LIMIT ${EXPORT_PAGE_ROWS}`
    )
    const seq = this.keys.seqOf(jobId)
    let writerDone = !follow
    for (let after = -1; ;) {
      // Taken before the query: a page committed between the query and the wait is not missed.
      const mark = follow?.mark() ?? 0
      const rows = page.all(seq, after, ...statuses) as ResultDbRow[]
      if (rows.length > 0) {
        yield* this.withCells(refs, rows)
        after = rows[rows.length - 1].row_index
      }
      if (rows.length === EXPORT_PAGE_ROWS) continue
      if (writerDone) return
      // Once the writer is done, one more pass reads what it committed last.
      if (!follow!.waitPast(mark)) writerDone = true
    }
  }

  /** What the job's paid answers cost, per provider and currency (the ledger's own figures). */
  spendByProvider(jobId: string): ProviderSpend[] {
    return this.s.spend.all(jobId) as ProviderSpend[]
  }

  /** Each field's values with their counts under every other filter, and the total the filter keeps. */
  facets(jobId: string, filter: ResultFilter): Facets {
    return this.review(jobId).facets(filter)
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
    return (this.s.rowNumbers.all(seq, rowIndex) as RowNumberDbRow[]).map((n) => ({
      ...n,
      note: this.notes.decode(seq, n.note)
    }))
  }

  checksFor(jobId: string, e164: string): CheckRecord[] {
    return (this.s.checksFor.all(e164, jobId) as Record<string, unknown>[]).map((c) => ({
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

function costEstimatedOf(fields: unknown): boolean {
  if (typeof fields !== 'string') return false
  try {
    return (JSON.parse(fields) as { costEstimated?: unknown }).costEstimated === true
  } catch {
    return false
  }
}
