// Worker-thread entry for the heavy parts of a job that must not block the main process: the offline check of
// stored rows (normalization is CPU-bound) and exports (SheetJS writes synchronously). Each task reads the
// store through its own read-only SQLite connection; only the main thread writes.
import { parentPort, workerData } from 'node:worker_threads'
import type { CellValue, ExportRequest } from '@contract/types'
import { openDatabase, type Db } from '../store/database'
import { JobStore } from '../store/job-store'
import { RegionStore } from '../store/region-store'
import { profileOfRows } from './country-split'
import { writeJobExport } from './export-service'
import { RowChecker, type CheckedRow, type RowCheckSettings } from './row-check'

export type JobsWorkerTask =
  | { task: 'export'; request: ExportRequest }
  | { task: 'check'; importId: string; settings: RowCheckSettings; pageRows: number }

export type JobsWorkerData = JobsWorkerTask & { databaseFile: string; nativeBinding?: string }

export type JobsWorkerMessage =
  | { type: 'page'; rows: CheckedRow[] }
  | { type: 'progress'; rowsWritten: number }
  | { type: 'done'; result?: unknown }
  | { type: 'error'; code: string; message: string }

const port = parentPort
if (!port) throw new Error('jobs-worker must run in a worker thread')

function post(message: JobsWorkerMessage): void {
  port?.postMessage(message)
}

/** Resolves when the main thread has stored the previous page, so at most one page waits in memory. */
function nextAck(): Promise<void> {
  return new Promise((resolve) => port?.once('message', () => resolve()))
}

async function runCheck(
  db: Db,
  importId: string,
  settings: RowCheckSettings,
  pageRows: number
): Promise<void> {
  const store = new JobStore(db)
  const profile =
    settings.profile === undefined
      ? profileOfRows(sampleRows(db, store, importId), settings)
      : settings.profile
  const checker = new RowChecker({ ...settings, profile })
  let from = 0
  let pending: Promise<void> | null = null
  for (;;) {
    const source = store.sourceRows(importId, from, pageRows)
    if (source.length === 0) break
    // Checking this page overlaps with the main thread storing the previous one.
    const rows = source.map(({ rowIndex, cells }) => checker.check(rowIndex, cells))
    if (pending) await pending
    pending = nextAck()
    post({ type: 'page', rows })
    from = source[source.length - 1].rowIndex + 1
  }
  if (pending) await pending
  post({ type: 'done' })
}

/** Evidence windows spread over the whole list, so a list sorted by country still shows all its countries. */
const SAMPLE_WINDOWS = 20
const SAMPLE_WINDOW_ROWS = 500

function* sampleRows(db: Db, store: JobStore, importId: string): Generator<CellValue[]> {
  const span = new RegionStore(db).sourceRowSpan(importId)
  if (!span) return
  const stride = Math.max(SAMPLE_WINDOW_ROWS, Math.ceil((span.last - span.first + 1) / SAMPLE_WINDOWS))
  for (let from = span.first; from <= span.last; from += stride) {
    for (const row of store.sourceRows(importId, from, SAMPLE_WINDOW_ROWS)) yield row.cells
  }
}

async function run(): Promise<void> {
  const data = workerData as JobsWorkerData
  const db = openDatabase(data.databaseFile, { readonly: true, nativeBinding: data.nativeBinding })
  try {
    if (data.task === 'check') {
      await runCheck(db, data.importId, data.settings, data.pageRows)
    } else {
      const result = await writeJobExport(new JobStore(db), data.request, (rowsWritten) =>
        post({ type: 'progress', rowsWritten })
      )
      post({ type: 'done', result })
    }
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'worker_failed'
    post({ type: 'error', code, message: error instanceof Error ? error.message : String(error) })
  } finally {
    db.close()
  }
}

void run()
