import type { WorkerScript } from './import'
import { databasePath } from './paths'
import { openDatabase, type Db } from './store/database'
import { JobStore } from './store/job-store'
import { ExportService } from './jobs/export-service'
import { JobService } from './jobs/job-service'

export interface ServicesOptions {
  dataDir: string
  importWorker: WorkerScript
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
  const db = openDatabase(databasePath(options.dataDir), { nativeBinding: options.nativeBinding })
  const store = new JobStore(db)
  const jobs = new JobService(store, options.importWorker)
  jobs.recoverInterrupted()
  return {
    dataDir: options.dataDir,
    db,
    store,
    jobs,
    exports: new ExportService(store),
    close: () => db.close()
  }
}
