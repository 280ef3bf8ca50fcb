import type { EngineTuning } from './engine/live-run'
import type { WorkerScript } from './import/worker-client'
import { databasePath } from './paths'
import { openStore, storeErrorFrom, type Db, type OpenedStore, type StoreAccess } from './store/database'
import { JobStore } from './store/job-store'
import { ExportService } from './jobs/export-service'
import { JobService } from './jobs/job-service'
import {
  CheckWorkerReserve,
  checkWorkersFromEnv,
  type JobsWorkerOptions,
  type WorkerEntry
} from './jobs/worker-runner'
import { EnvSecretStore, KeytarSecretStore, type EnvLike, type SecretStore } from './secrets'
import { ProviderService } from './settings/provider-service'
import { PreferencesStore } from './settings/preferences'
import { SettingsStore } from './settings/settings-store'

export interface ServicesOptions {
  dataDir: string
  /** Entry of the file-reading worker (built JS in the app, TypeScript through tsx in tests). */
  importWorker: WorkerScript
  /** Entry of the worker that checks stored rows and writes exports. */
  jobsWorker: WorkerEntry
  /** Workers of the offline check; default RINGTRUE_CHECK_WORKERS, else from the cores (tests compare sizes). */
  checkWorkers?: number
  nativeBinding?: string
  /** Where keys are saved; defaults to the OS keychain under the 'Ringtrue' service. Tests pass their own. */
  secrets?: SecretStore
  /** Environment for RINGTRUE_<ID>_KEY / _BASE_URL overrides; defaults to process.env. */
  env?: EnvLike
  /** Engine timings (poll interval, backoff…); tests shorten them. */
  tuning?: Partial<EngineTuning>
  /**
   * 'read' for a caller that only reads (jobs list/show/export, providers list): it never creates the data
   * folder, and opens read-only a store it cannot write. Default 'write'.
   */
  access?: StoreAccess
}

/** The composition root shared by the desktop app, the CLI and the UI test host. */
export interface Services {
  dataDir: string
  /** The database file, as named in messages. */
  databaseFile: string
  /** ready: writable; read-only: opened for reading only; missing: no data folder or database yet (read access). */
  storeState: OpenedStore['state']
  db: Db
  store: JobStore
  jobs: JobService
  exports: ExportService
  settings: SettingsStore
  providers: ProviderService
  /** The UI's language and theme choices (a JSON file beside the database). */
  preferences: PreferencesStore
  close(): void
}

export function createServices(options: ServicesOptions): Services {
  const databaseFile = databasePath(options.dataDir)
  const opened = openStore(databaseFile, options.access ?? 'write', { nativeBinding: options.nativeBinding })
  const db = opened.db
  const store = new JobStore(db)
  const env = options.env ?? process.env
  const worker: JobsWorkerOptions = {
    script: options.jobsWorker,
    databaseFile: opened.readFile,
    nativeBinding: options.nativeBinding,
    checkWorkers: options.checkWorkers ?? checkWorkersFromEnv(env)
  }
  const reserve = opened.state === 'ready' ? new CheckWorkerReserve(worker) : undefined
  worker.reserve = reserve
  const settings = new SettingsStore(db, env)
  const providers = new ProviderService({
    settings,
    keychain: options.secrets ?? new KeytarSecretStore(),
    env: new EnvSecretStore(env)
  })
  const jobs = new JobService(store, options.importWorker, worker, providers, options.tuning)
  if (opened.state === 'ready') {
    try {
      jobs.recoverInterrupted()
    } catch (error) {
      opened.close()
      throw storeErrorFrom(error, databaseFile) ?? error
    }
    void jobs.resumeDeletes()
  }
  return {
    dataDir: options.dataDir,
    databaseFile,
    storeState: opened.state,
    db,
    store,
    jobs,
    exports: new ExportService(store, worker, jobs.runner),
    settings,
    providers,
    preferences: new PreferencesStore(options.dataDir),
    close: () => {
      reserve?.close()
      opened.close()
    }
  }
}
