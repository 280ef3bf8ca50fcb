// Worker-thread entry for exports: SheetJS writes synchronously, so a 100k-row workbook would otherwise freeze
// the main process for seconds. The worker reads the job from its own read-only SQLite connection.
import { parentPort, workerData } from 'node:worker_threads'
import type { ExportRequest } from '@contract/types'
import { openDatabase } from '../store/database'
import { JobStore } from '../store/job-store'
import { writeJobExport } from './export-service'

interface ExportWorkerData {
  databaseFile: string
  nativeBinding?: string
  request: ExportRequest
}

async function run(): Promise<void> {
  const data = workerData as ExportWorkerData
  const db = openDatabase(data.databaseFile, { readonly: true, nativeBinding: data.nativeBinding })
  try {
    const result = await writeJobExport(new JobStore(db), data.request, (rowsWritten) =>
      parentPort?.postMessage({ type: 'progress', rowsWritten })
    )
    parentPort?.postMessage({ type: 'done', result })
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'export_failed'
    parentPort?.postMessage({
      type: 'error',
      code,
      message: error instanceof Error ? error.message : String(error)
    })
  } finally {
    db.close()
  }
}

void run()
