import type { EngineTuning } from './engine/live-run'
import type { WorkerScript } from './import'
import { databasePath } from './paths'
import { openDatabase, type Db } from './store/database'
import { JobStore } from './store/job-store'
import { ExportService } from './jobs/export-service'
import { JobService } from './jobs/job-service'
import type { JobsWorkerOptions, WorkerEntry } from './jobs/worker-runner'
import { EnvSecretStore, KeytarSecretStore, type EnvLike, type SecretStore } from './secrets'
import { ProviderService } from './settings/provider-service'
import { SettingsStore } from './settings/settings-store'

export interface ServicesOptions {
  dataDir: string
  /** Entry of the file-reading worker (built JS in the app, TypeScript through tsx in tests). */
  importWorker: WorkerScript
  /** Entry of the worker that checks stored rows and writes exports. */
  jobsWorker: WorkerEntry
  nativeBinding?: string
  /** Where keys are saved; defaults to the OS keychain under the 'Ringtrue' service. Tests pass their own. */
  secrets?: SecretStore
  /** Environment for RINGTRUE_<ID>_KEY / _BASE_URL overrides; defaults to process.env. */
  env?: EnvLike
  /** Engine timings (poll interval, backoff…); tests shorten them. */
  tuning?: Partial<EngineTuning>
}

/** The composition root shared by the desktop app, the CLI and the UI test host. */
export interface Services {
  dataDir: string
  db: Db
  store: JobStore
  jobs: JobService
  exports: ExportService
  settings: SettingsStore
  providers: ProviderService
  close(): void
}

export function createServices(options: ServicesOptions): Services {
  const databaseFile = databasePath(options.dataDir)
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding })
  const store = new JobStore(db)
  const worker: JobsWorkerOptions = {
    script: options.jobsWorker,
    databaseFile,
    nativeBinding: options.nativeBinding
  }
  const env = options.env ?? process.env
  const settings = new SettingsStore(db, env)
  const providers = new ProviderService({
    settings,
    keychain: options.secrets ?? new KeytarSecretStore(),
    env: new EnvSecretStore(env)
  })
  const jobs = new JobService(store, options.importWorker, worker, providers, options.tuning)
  jobs.recoverInterrupted()
  return {
    dataDir: options.dataDir,
    db,
    store,
    jobs,
    exports: new ExportService(store, worker),
    settings,
    providers,
    close: () => db.close()
  }
}
