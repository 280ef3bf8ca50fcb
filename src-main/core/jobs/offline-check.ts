// The offline check of one job's rows, on the pool of check workers (worker-runner.ts). It starts while the import
// still stores rows when the reader hands over its sample of the list (so the profile is known up front), else
// once the import is whole; either way the checked pages are stored here, strictly in row order.
import type { CellValue, ExportRequest, JobCounts, Status } from '../domain'
import { STATUS_PRECEDENCE } from '../domain'
import type { NumberResult } from '../phone'
import type { ImportRecord } from '../store/imports-repo'
import type { JobStore } from '../store/job-store'
import type { RegionStore } from '../store/region-store'
import { emptyCounts, type RowLink, type RowResultRecord } from '../store/results-repo'
import { placeColumnsOf } from './country-split'
import { startFollowingExport, type FollowingExport } from './export-service'
import type { ProgressReporter } from './job-runner'
import type { CheckedRow } from './row-check'
import { ServiceError } from './service-error'
import { startCheckPool, type CheckPool, type JobsWorkerOptions } from './worker-runner'

export const OFFLINE_PROVIDER = 'offline'
const CHECK_PAGE_ROWS = 2000

/** An export asked for with the job (the CLI's `check --out`), written while the offline check stores rows. */
export type ExportWhenChecked = Omit<ExportRequest, 'jobId'>

type Span = { first: number; last: number } | null

export interface OfflineCheckOptions {
  store: JobStore
  /** Where the job's offline check time is written (the job service's jobs writer). */
  jobs: { setOfflineCheckedAt(jobId: string, at: string): void }
  regions: Pick<RegionStore, 'sourceRowSpan'>
  worker: JobsWorkerOptions
  jobId: string
  record: ImportRecord
  signal: AbortSignal
  progress: ProgressReporter
}

export class OfflineCheck {
  readonly counts: JobCounts = emptyCounts()
  private readonly numberIds = new Map<string, number>()
  private pool: CheckPool | null = null
  private following: FollowingExport | null = null
  private checkedAt = ''
  private importing = true
  private done = 0
  private rowCount = 0
  private readonly abort = (): void => this.pool?.terminate()

  constructor(private readonly o: OfflineCheckOptions) {}

  /**
   * Starts the check while the import stores rows, reading the list's profile from the import's sample; report
   * the stored rows with stored() and the end with importDone().
   */
  startDuringImport(sample: CellValue[][]): void {
    this.start('growing', sample)
  }

  /** Rows from `first` (the first data row so far, or null before any) through row `through` are stored. */
  stored(first: number | null, through: number): void {
    this.pool?.stored(first, through)
  }

  /**
   * The import is whole with `rowCount` rows (or was, for a resumed check): the check starts now unless it did
   * during the import, and the export asked for with the job follows it from here (the headers are final).
   */
  importDone(rowCount: number, exportAsked: ExportWhenChecked | null): void {
    this.rowCount = rowCount
    this.counts.rows = rowCount
    this.importing = false
    const span = this.spanOf()
    if (this.pool) this.pool.importDone(span)
    else this.start(span)
    if (this.o.signal.aborted)
      throw new ServiceError('cancelled', 'Cancelled by the user.', { variant: 'user' })
    this.following = exportAsked
      ? startFollowingExport(this.o.worker, { ...exportAsked, jobId: this.o.jobId })
      : null
    this.o.progress.report(
      'checking',
      () => ({ done: this.done, total: rowCount, counts: this.counts }),
      true
    )
  }

  /** Waits for every page to be stored; the followed export, if any, then gets its last rows. */
  async finish(): Promise<FollowingExport | null> {
    try {
      await this.pool?.result
    } finally {
      this.o.signal.removeEventListener('abort', this.abort)
    }
    if (this.o.signal.aborted)
      throw new ServiceError('cancelled', 'Cancelled by the user.', { variant: 'user' })
    this.following?.signal.finish()
    return this.following
  }

  /** The job failed or stopped: the workers end and the followed export discards its staged file. */
  async abandon(): Promise<void> {
    this.o.signal.removeEventListener('abort', this.abort)
    if (this.pool) {
      this.pool.terminate()
      await this.pool.result.catch(() => undefined)
    }
    const following = this.following
    if (following) {
      following.signal.fail()
      await following.result.catch(() => undefined)
      await following.exited
    }
  }

  private spanOf(): Span {
    return this.o.regions.sourceRowSpan(this.o.record.id)
  }

  private start(span: Span | 'growing', sample?: CellValue[][]): void {
    const { store, record, signal, jobId } = this.o
    this.checkedAt = new Date().toISOString()
    this.o.jobs.setOfflineCheckedAt(jobId, this.checkedAt)
    store.results.beginOfflineCheck(jobId, this.checkedAt)
    if (signal.aborted) throw new ServiceError('cancelled', 'Cancelled by the user.', { variant: 'user' })
    this.pool = startCheckPool(
      this.o.worker,
      {
        importId: record.id,
        settings: {
          phoneColumns: record.phoneColumns,
          countryColumn: record.countryColumn,
          defaultRegion: record.defaultRegion,
          placeColumns: placeColumnsOf(record.headers, record),
          // A resumed check reads with the profile its first run read (kept with the import).
          ...(span !== 'growing' && record.profile ? { profile: record.profile } : {})
        },
        pageRows: CHECK_PAGE_ROWS,
        span,
        sample,
        onProfile: (profile) => store.imports.saveProfile(record.id, profile)
      },
      (rows) => this.storePage(rows)
    )
    signal.addEventListener('abort', this.abort, { once: true })
  }

  private storePage(rows: CheckedRow[]): void {
    const { store, signal, progress } = this.o
    if (signal.aborted) throw new ServiceError('cancelled', 'Cancelled by the user.', { variant: 'user' })
    store.redoableTransaction(() => {
      for (const row of rows) this.storeRow(row)
    })
    this.following?.signal.wrote()
    this.done += rows.length
    // While the import runs, its own progress is what the job shows.
    if (!this.importing) {
      progress.report('checking', () => ({ done: this.done, total: this.rowCount, counts: this.counts }))
    }
  }

  /** Writes one checked row: its new distinct numbers, then the row itself (one record per number it holds). */
  private storeRow(row: CheckedRow): void {
    const { store, jobId } = this.o
    const { counts, numberIds, checkedAt } = this
    const links: RowLink[] = []
    // Numbers first linked from an earlier row: the row is listed among their other rows.
    const repeated: number[] = []
    for (const found of row.numbers) {
      let numberId = numberIds.get(found.dedupeKey)
      const created = numberId === undefined
      if (numberId === undefined) {
        numberId = store.results.insertNumber(jobId, {
          dedupeKey: found.dedupeKey,
          e164: found.e164,
          raw: found.raw,
          status: found.status,
          reason: found.reason,
          lineType: found.lineType,
          country: found.country,
          provider: OFFLINE_PROVIDER,
          checkedAt,
          alternatives: found.alternatives ?? null,
          firstRow: row.rowIndex
        })
        numberIds.set(found.dedupeKey, numberId)
        counts.unique++
      } else if (!links.some((l) => l.numberId === numberId)) {
        repeated.push(numberId)
      }
      links.push({
        numberId,
        columnIndex: found.column,
        raw: found.raw,
        extension: found.extension,
        note: found.note,
        status: found.status,
        reason: found.reason,
        created
      })
      counts.numbers++
    }
    const result = summarizeRow(row.rowIndex, row.numbers, checkedAt)
    if (row.numbers.length === 0) counts.emptyRows++
    counts.byStatus[result.status]++
    store.results.insertRow(jobId, row.rowIndex, links, result.e164, repeated)
  }
}

/** A row takes its best number's status; a row without numbers is invalid with reason no_number. */
export function summarizeRow(rowIndex: number, numbers: NumberResult[], checkedAt: string): RowResultRecord {
  if (numbers.length === 0) {
    return {
      rowIndex,
      status: 'invalid',
      reason: 'no_number',
      e164: [],
      lineType: null,
      country: null,
      carrier: null,
      provider: OFFLINE_PROVIDER,
      checkedAt
    }
  }
  let best = numbers[0]
  let e164: string[]
  if (numbers.length === 1) {
    // Most rows hold one number: no set, no intermediate arrays (this runs for every row of a million).
    e164 = best.e164 === null ? [] : [best.e164]
  } else {
    for (const n of numbers) {
      if (rank(n.status) < rank(best.status)) best = n
    }
    e164 = [...new Set(numbers.map((n) => n.e164).filter((e): e is string => e !== null))]
  }
  return {
    rowIndex,
    status: best.status,
    reason: best.reason,
    e164,
    lineType: best.lineType,
    country: best.country,
    carrier: null,
    provider: OFFLINE_PROVIDER,
    checkedAt
  }
}

function rank(status: Status): number {
  return STATUS_PRECEDENCE.indexOf(status)
}
