// Worker-thread entry for the heavy parts of a job that must not block the main process: the offline check of
// stored rows (normalization is CPU-bound; several of these workers share it, see startCheckPool) and exports
// (SheetJS writes synchronously). Each worker reads the store through its own read-only SQLite connection; only
// the main thread writes.
import { parentPort, workerData } from 'node:worker_threads'
import type { CellValue } from '../domain'
import { openDatabase, type Db } from '../store/database'
import { JobStore } from '../store/job-store'
import { RegionStore } from '../store/region-store'
import { profileOfRows } from './country-split'
import { exportCancelled, writeJobExport } from './export-service'
import { followReader } from './follow'
import type {
  CheckRequest,
  ExportWorkerRequest,
  JobsWorkerData,
  JobsWorkerMessage
} from './jobs-worker-protocol'
import type { ErrorParams } from './service-error'
import { RowChecker, type CheckedRow, type RowCheckSettings } from './row-check'
import { NumberMemo } from '../phone'
import { SAMPLE_WINDOW_ROWS, sampleWindowStarts } from '../import/sample'

const port = parentPort
if (!port) throw new Error('jobs-worker must run in a worker thread')

function post(message: JobsWorkerMessage): void {
  port?.postMessage(message)
}

/**
 * One worker of the offline check pool: answers the main thread's requests until it says stop. The memo lives
 * as long as the worker (one job), so a number text seen on an earlier page, or by the profile, is not parsed
 * again. The worker may start before its job exists (a reserve, worker-runner.ts): 'init' names the job.
 */
function serveCheck(db: Db): Promise<void> {
  const store = new JobStore(db)
  const memo = new NumberMemo()
  let job: { importId: string; settings: RowCheckSettings } | null = null
  let checker: RowChecker | null = null
  return new Promise((resolve, reject) => {
    const onRequest = (request: CheckRequest): void => {
      try {
        if (request.type === 'init') {
          job = { importId: request.importId, settings: request.settings }
        } else if (request.type === 'stop') {
          port?.off('message', onRequest)
          resolve()
        } else if (!job) {
          throw new Error(`A ${request.type} request arrived before the check was named.`)
        } else if (request.type === 'profile') {
          const { importId, settings } = job
          post({
            type: 'profile',
            profile: profileOfRows(request.rows ?? sampleRows(db, store, importId), settings, memo.check)
          })
        } else if (request.type === 'setup') {
          checker = new RowChecker({ ...job.settings, profile: request.profile }, memo.check)
        } else {
          if (!checker) throw new Error('A page arrived before the check was set up.')
          const rows: CheckedRow[] = []
          for (const { rowIndex, cells } of store.imports.sourceRows(
            job.importId,
            request.from,
            request.to - request.from
          )) {
            if (rowIndex >= request.to) break
            rows.push(checker.check(rowIndex, cells))
          }
          post({ type: 'page', page: request.page, rows })
        }
      } catch (error) {
        port?.off('message', onRequest)
        reject(error)
      }
    }
    port?.on('message', onRequest)
  })
}

/** The stored rows the profile reads, by the rule the import's sample follows (import/sample.ts). */
function* sampleRows(db: Db, store: JobStore, importId: string): Generator<CellValue[]> {
  const span = new RegionStore(db).sourceRowSpan(importId)
  if (!span) return
  for (const from of sampleWindowStarts(span.first, span.last)) {
    for (const row of store.imports.sourceRows(importId, from, SAMPLE_WINDOW_ROWS)) yield row.cells
  }
}

async function run(): Promise<void> {
  const data = workerData as JobsWorkerData
  const db = openDatabase(data.databaseFile, { readonly: true, nativeBinding: data.nativeBinding })
  try {
    if (data.task === 'check') {
      await serveCheck(db)
    } else {
      // A cancel aborts the writer at its next checkpoint; it removes its temporary files before answering.
      const controller = new AbortController()
      const onRequest = (request: ExportWorkerRequest): void => {
        if (request.type === 'cancel') controller.abort(exportCancelled())
      }
      port?.on('message', onRequest)
      try {
        const result = await writeJobExport(
          new JobStore(db),
          data.request,
          (rowsWritten, total) => post({ type: 'progress', rowsWritten, total }),
          data.follow ? followReader(data.follow) : undefined,
          controller.signal
        )
        post({ type: 'done', result })
      } finally {
        // A listening port keeps the thread alive.
        port?.off('message', onRequest)
      }
    }
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'worker_failed'
    const params = (error as { params?: ErrorParams }).params
    post({ type: 'error', code, message: error instanceof Error ? error.message : String(error), params })
  } finally {
    db.close()
  }
}

void run()
