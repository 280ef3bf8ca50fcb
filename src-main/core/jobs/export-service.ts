import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { ExportRequest, ExportResult, Status } from '../domain'
import { STATUSES } from '../domain'
import { splitPartPaths, writeExport, type ExportSource } from '../export'
import type { JobStore } from '../store/job-store'
import type { JobRunner } from './job-runner'
import { ServiceError } from './service-error'
import { startJobsWorker, type JobsWorkerOptions } from './worker-runner'

/** Writes a job's rows from the store to the requested file(s). Runs inside the export worker or in-process. */
export async function writeJobExport(
  store: JobStore,
  request: ExportRequest,
  onProgress?: (rowsWritten: number) => void
): Promise<ExportResult> {
  const job = store.jobs.get(request.jobId)
  if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
  const importRecord = store.imports.get(job.importId)
  const source: ExportSource = {
    headers: job.headers,
    hasHeaderRow: importRecord?.headerRow !== null,
    phoneColumns: job.phoneColumns,
    sheetName: job.sheet,
    rows: (statuses: Status[]) => store.results.iterateResults(job.id, statuses)
  }
  return writeExport(source, {
    mode: request.mode,
    format: request.format,
    keepUnknown: request.keepUnknown,
    outPath: request.outPath,
    onProgress
  })
}

/** Exports a finished job, refusing to overwrite anything without explicit consent. */
export class ExportService {
  constructor(
    private readonly store: JobStore,
    private readonly worker?: JobsWorkerOptions,
    /** When given, an export runs as the job's 'export' phase: never beside another phase of the same job. */
    private readonly runner?: JobRunner
  ) {}

  plannedPaths(request: ExportRequest): string[] {
    if (request.mode === 'split' && request.format === 'csv') {
      return [...splitPartPaths(request.outPath, [...STATUSES]).values()]
    }
    return [request.outPath]
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
        `"${job.name}" has not finished (${job.status}); export it once it is done.`
      )
    }
    const targets = this.plannedPaths(request).map((p) => resolve(p))
    if (!request.overwrite) {
      if (targets.includes(resolve(job.filePath))) {
        throw new ServiceError(
          'would_overwrite_source',
          `This would overwrite the imported file ${basename(job.filePath)}. Confirm to replace the original.`
        )
      }
      const existing = targets.find((p) => existsSync(p))
      if (existing) throw new ServiceError('file_exists', `${basename(existing)} already exists.`)
    }
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
