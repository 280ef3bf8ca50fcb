import type { WorkerScript } from './import'
import { databasePath } from './paths'
import { openDatabase, type Db } from './store/database'
import { JobStore } from './store/job-store'
import { ExportService, type WorkerEntry } from './jobs/export-service'
import { JobService } from './jobs/job-service'

export interface ServicesOptions {
  dataDir: string
  importWorker: WorkerScript
  /** Without it exports run in-process (fine for the CLI, which has no UI to keep responsive). */
  exportWorker?: WorkerEntry
  nativeBinding?: string
}

/** The composition root shared by the desktop app, the CLI and the UI test host. */
export interface Services {
  dataDir: string
  db: Db
  store: JobStore
  jobs: JobService
  exports: ExportService
  close(): void
}

export function createServices(options: ServicesOptions): Services {
  const databaseFile = databasePath(options.dataDir)
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding })
  const store = new JobStore(db)
  const jobs = new JobService(store, options.importWorker)
  jobs.recoverInterrupted()
  return {
    dataDir: options.dataDir,
    db,
    store,
    jobs,
    exports: new ExportService(
      store,
      options.exportWorker
        ? { script: options.exportWorker, databaseFile, nativeBinding: options.nativeBinding }
        : undefined
    ),
    close: () => db.close()
  }
}
