import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { ComparisonExportRequest, ExportRequest, ExportResult, ResultRow, Status } from '../domain'
import { STATUSES } from '../domain'
import { splitPartPaths, writeExport, type ExportSource } from '../export'
import { writeComparison } from '../export/comparison'
import type { JobStore } from '../store/job-store'
import type { RowsFollow } from '../store/results-repo'
import { FollowSignal } from './follow'
import type { JobRunner } from './job-runner'
import { ServiceError } from './service-error'
import { startJobsWorker, type JobsWorkerOptions } from './worker-runner'

/** Writes a job's rows from the store to the requested file(s). Runs inside the export worker or in-process. */
export async function writeJobExport(
  store: JobStore,
  request: ExportRequest,
  onProgress?: (rowsWritten: number) => void,
  follow?: RowsFollow
): Promise<ExportResult> {
  const job = store.jobs.get(request.jobId)
  if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
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
    onProgress
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

/** Exports a finished job, refusing to overwrite anything without explicit consent. */
export class ExportService {
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
      { format: request.format, outPath }
    )
    return { files: [outPath], rowsWritten }
  }

  plannedPaths(request: ExportRequest): string[] {
    return plannedExportPaths(request)
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
    const normalized = { ...request, outPath: resolve(request.outPath) }
    const write = (): Promise<ExportResult> =>
      this.worker ? this.runInWorker(this.worker, normalized) : writeJobExport(this.store, normalized)
    if (!this.runner) return write()
    let result: ExportResult | undefined
    await this.runner.start(job.id, 'export', async () => {
      result = await write()
    })
    return result as ExportResult
  }

  private runInWorker(options: JobsWorkerOptions, request: ExportRequest): Promise<ExportResult> {
    return startJobsWorker<ExportResult>(options, { task: 'export', request }, () => undefined).result
  }
}
