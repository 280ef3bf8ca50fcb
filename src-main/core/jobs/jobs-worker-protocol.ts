// The messages between the main thread and a jobs worker (jobs-worker.ts). They live apart from the worker's
// entry so the main side (worker-runner.ts) can name them without importing the worker, which itself imports
// the export writer: that was an import circle export-service -> worker-runner -> jobs-worker -> export-service.
import type { CellValue, ExportRequest } from '../domain'
import type { ListProfile } from '../phone'
import type { CheckedRow, RowCheckSettings } from './row-check'
import type { ErrorParams } from './service-error'

export type JobsWorkerTask =
  | {
      task: 'export'
      request: ExportRequest
      /** Set when the export follows an offline check still storing rows (follow.ts). */
      follow?: SharedArrayBuffer
    }
  /** A check worker: told its job by the first request ('init'), so it can start before the job exists. */
  | { task: 'check' }

/** What the main thread may tell an export worker while it writes: stop, and remove what it wrote. */
export type ExportWorkerRequest = { type: 'cancel' }

export type JobsWorkerData = JobsWorkerTask & { databaseFile: string; nativeBinding?: string }

/** What the main thread asks of a check worker, in this order: init, (profile,) setup, pages, stop. */
export type CheckRequest =
  /** The stored rows to read and how to read them. */
  | { type: 'init'; importId: string; settings: RowCheckSettings }
  /**
   * Read the list's profile and send it back (one worker of the pool does): from `rows` (the import's sample)
   * when given, else from a sample of the stored rows.
   */
  | { type: 'profile'; rows?: CellValue[][] }
  /** The profile every worker reads its rows with. */
  | { type: 'setup'; profile: ListProfile | null }
  /** Check the stored rows with from <= row index < to. */
  | { type: 'page'; page: number; from: number; to: number }
  | { type: 'stop' }

export type JobsWorkerMessage =
  | { type: 'page'; page: number; rows: CheckedRow[] }
  | { type: 'profile'; profile: ListProfile }
  | { type: 'progress'; rowsWritten: number; total: number }
  | { type: 'done'; result?: unknown }
  | { type: 'error'; code: string; message: string; params?: ErrorParams }
