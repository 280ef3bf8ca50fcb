import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type {
  ComparisonExportRequest,
  ExportProgress,
  ExportRequest,
  ExportResult,
  JobDetail,
  ResultFilter,
  ResultRow,
  Status
} from '../domain'
import { STATUSES } from '../domain'
import { exportStatuses, splitPartPaths, writeExport, type ExportSource } from '../export'
import { writeComparison } from '../export/comparison'
import type { JobStore } from '../store/job-store'
import type { RowsFollow } from '../store/results-repo'
import { FollowSignal } from './follow'
import type { JobRunner } from './job-runner'
import { ServiceError } from './service-error'
import type { ExportWorkerRequest } from './jobs-worker-protocol'
import { startJobsWorker, type JobsWorkerOptions } from './worker-runner'

/** The error a cancelled export ends with; its files are removed by then. */
export function exportCancelled(): ServiceError {
  return new ServiceError('export_cancelled', 'The export was cancelled; no file was written or changed.')
}

/**
 * The view's filter narrowed to the statuses the export keeps, or null when none of them is in the view. The
 * filter may name statuses to keep, or (exclude) to leave out.
 */
function viewWithStatuses(filter: ResultFilter, statuses: Status[]): ResultFilter | null {
  const named = filter.statuses?.length ? filter.statuses : null
  const leftOut = filter.exclude?.includes('statuses') ?? false
  const keep = named ? statuses.filter((s) => named.includes(s) !== leftOut) : statuses
  if (keep.length === 0) return null
  const exclude = filter.exclude?.filter((field) => field !== 'statuses')
  const narrowed: ResultFilter = { ...filter, statuses: keep }
  if (exclude?.length) narrowed.exclude = exclude
  else delete narrowed.exclude
  return narrowed
}

/** How many rows the export reads (the progress bar's whole); a dedupe may then write fewer. */
function rowsToRead(store: JobStore, job: JobDetail, request: ExportRequest): number {
  const statuses = exportStatuses(request.mode, request.keepUnknown)
  if (!request.view) return statuses.reduce((sum, status) => sum + (job.counts.byStatus[status] ?? 0), 0)
  const filter = viewWithStatuses(request.view.filter, statuses)
  return filter ? store.results.queryResults(job.id, filter, 0, 0).total : 0
}

/** Writes a job's rows from the store to the requested file(s). Runs inside the export worker or in-process. */
export async function writeJobExport(
  store: JobStore,
  request: ExportRequest,
  onProgress?: (rowsWritten: number, total: number) => void,
  follow?: RowsFollow,
  signal?: AbortSignal
): Promise<ExportResult> {
  const job = store.jobs.get(request.jobId)
  if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
  // Only counted for a listener: an export that follows a running check has no final counts yet.
  const total = onProgress ? rowsToRead(store, job, request) : 0
  const importRecord = store.imports.get(job.importId)
  const source: ExportSource = {
    headers: job.headers,
    hasHeaderRow: importRecord?.headerRow !== null,
    phoneColumns: job.phoneColumns,
    sheetName: job.sheet,
    rows: (statuses: Status[]) => {
      const rows = request.view
        ? store.results.iterateView(job.id, request.view, statuses)
        : store.results.iterateResults(job.id, statuses, follow)
      return request.dedupe ? firstOfEachNumber(rows) : rows
    }
  }
  return writeExport(source, {
    mode: request.mode,
    format: request.format,
    keepUnknown: request.keepUnknown,
    outPath: request.outPath,
    languages: { labels: request.labelsLanguage ?? 'en', file: request.fileLanguage ?? 'en' },
    onProgress: onProgress && ((rowsWritten) => onProgress(rowsWritten, total)),
    signal,
    bom: request.bom
  })
}

/**
 * The rows, without a row whose numbers all appeared in an earlier row: the first row of each number stays (a
 * row without a valid number has nothing to repeat and stays too).
 */
export function* firstOfEachNumber(rows: Iterable<ResultRow>): Generator<ResultRow> {
  const seen = new Set<string>()
  for (const row of rows) {
    if (row.e164.length > 0 && row.e164.every((e164) => seen.has(e164))) continue
    for (const e164 of row.e164) seen.add(e164)
    yield row
  }
}

/** The files an export writes: one, or one per status for a split CSV. */
export function plannedExportPaths(request: Pick<ExportRequest, 'mode' | 'format' | 'outPath'>): string[] {
  if (request.mode === 'split' && request.format === 'csv') {
    return [...splitPartPaths(request.outPath, [...STATUSES]).values()]
  }
  return [request.outPath]
}

/** Refuses, without explicit consent, an export that would replace the imported file or any existing file. */
export function assertExportTargets(
  request: Pick<ExportRequest, 'mode' | 'format' | 'outPath' | 'overwrite'>,
  sourcePath: string
): void {
  if (request.overwrite) return
  const targets = plannedExportPaths(request).map((p) => resolve(p))
  if (targets.includes(resolve(sourcePath))) {
    throw new ServiceError(
      'would_overwrite_source',
      `This would overwrite the imported file ${basename(sourcePath)}. Confirm to replace the original.`,
      { name: basename(sourcePath) }
    )
  }
  const existing = targets.find((p) => existsSync(p))
  if (existing) {
    throw new ServiceError('file_exists', `${basename(existing)} already exists.`, {
      name: basename(existing)
    })
  }
}

/** An export written while the job's offline check still stores rows; the check drives `signal`. */
export interface FollowingExport {
  readonly signal: FollowSignal
  readonly result: Promise<ExportResult>
  /** Resolves once the export worker has exited. */
  readonly exited: Promise<void>
}

/**
 * Starts the export of a job whose offline check is storing its rows: the export worker writes each page as soon
 * as it is committed, so the file is ready moments after the check. Only for a job without a paid check, whose
 * stored offline results are final. Its files appear only once the whole job is written (staged, then renamed).
 */
export function startFollowingExport(worker: JobsWorkerOptions, request: ExportRequest): FollowingExport {
  const signal = new FollowSignal()
  const normalized = { ...request, outPath: resolve(request.outPath) }
  const { result, exited } = startJobsWorker<ExportResult>(
    worker,
    { task: 'export', request: normalized, follow: signal.buffer },
    () => undefined
  )
  return { signal, result, exited }
}

type ExportProgressListener = (progress: ExportProgress) => void

/** Exports a finished job, refusing to overwrite anything without explicit consent. */
export class ExportService {
  private readonly listeners = new Set<ExportProgressListener>()
  /** Exports that named themselves (exportId) and are still writing: how to cancel each. */
  private readonly cancels = new Map<string, () => void>()

  constructor(
    private readonly store: JobStore,
    private readonly worker?: JobsWorkerOptions,
    /** When given, an export runs as the job's 'export' phase: never beside another phase of the same job. */
    private readonly runner?: JobRunner
  ) {}

  /** Writes the numbers that changed between two checks of a list; refuses to replace a file without consent. */
  async runComparison(request: ComparisonExportRequest): Promise<ExportResult> {
    const older = this.store.jobs.get(request.olderId)
    const newer = this.store.jobs.get(request.newerId)
    if (!older || !newer) throw new ServiceError('job_not_found', 'That job no longer exists.')
    if (older.id === newer.id)
      throw new ServiceError('bad_comparison', 'Choose another check of the list to compare with.')
    const outPath = resolve(request.outPath)
    assertExportTargets(
      { mode: 'full', format: request.format, outPath, overwrite: request.overwrite },
      newer.filePath
    )
    const rowsWritten = await writeComparison(
      this.store.compare.iterateRows(older.id, newer.id, request.changes),
      {
        format: request.format,
        outPath,
        languages: { labels: request.labelsLanguage, file: request.fileLanguage }
      }
    )
    return { files: [outPath], rowsWritten }
  }

  plannedPaths(request: ExportRequest): string[] {
    return plannedExportPaths(request)
  }

  /** Hears the progress of every export that has an exportId. Returns the unsubscribe. */
  onProgress(listener: ExportProgressListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Stops the export named `exportId`: it ends with export_cancelled once its temporary files are removed, and
   * a file it was to replace keeps its contents. False when no such export is writing (it may have just ended).
   */
  cancel(exportId: string): boolean {
    const cancel = this.cancels.get(exportId)
    cancel?.()
    return cancel !== undefined
  }

  async run(request: ExportRequest): Promise<ExportResult> {
    const job = this.store.jobs.get(request.jobId)
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    // A paused or cancelled paid check exports what is stored: rows without a paid answer keep their offline
    // status. Only a job whose offline check has not finished (or that failed) has nothing whole to export.
    const offlineDone = job.phase === 'live' || job.phase === 'finished'
    const exportable =
      job.status === 'done' || ((job.status === 'paused' || job.status === 'cancelled') && offlineDone)
    if (!exportable) {
      throw new ServiceError(
        'job_not_finished',
        `"${job.name}" has not finished (${job.status}); export it once it is done.`,
        { name: job.name, status: job.status }
      )
    }
    assertExportTargets(request, job.filePath)
    const { exportId } = request
    if (exportId !== undefined && this.cancels.has(exportId)) {
      throw new ServiceError('export_running', 'This export is already being written.')
    }
    const normalized = { ...request, outPath: resolve(request.outPath) }
    const controller = new AbortController()
    const report =
      exportId === undefined
        ? undefined
        : (rowsWritten: number, total: number) => this.emit({ exportId, rowsWritten, total })
    const write = (): Promise<ExportResult> =>
      this.worker
        ? this.runInWorker(this.worker, normalized, report, controller.signal)
        : writeJobExport(this.store, normalized, report, undefined, controller.signal)
    if (exportId !== undefined) this.cancels.set(exportId, () => controller.abort(exportCancelled()))
    try {
      if (!this.runner) return await write()
      let result: ExportResult | undefined
      await this.runner.start(job.id, 'export', async () => {
        result = await write()
      })
      return result as ExportResult
    } finally {
      if (exportId !== undefined) this.cancels.delete(exportId)
    }
  }

  private emit(progress: ExportProgress): void {
    for (const listener of this.listeners) listener(progress)
  }

  private async runInWorker(
    options: JobsWorkerOptions,
    request: ExportRequest,
    report: ((rowsWritten: number, total: number) => void) | undefined,
    signal: AbortSignal
  ): Promise<ExportResult> {
    const running = startJobsWorker<ExportResult>(options, { task: 'export', request }, (message) => {
      if (message.type === 'progress') report?.(message.rowsWritten, message.total)
    })
    // The worker stops at its next checkpoint and removes its files; terminating it could leave a temporary file.
    const cancel = (): void => running.post({ type: 'cancel' } satisfies ExportWorkerRequest)
    signal.addEventListener('abort', cancel, { once: true })
    try {
      return await running.result
    } finally {
      signal.removeEventListener('abort', cancel)
      // Settles once the thread (and its store connection) is gone, so a next export never overlaps it.
      await running.exited
    }
  }
}
