import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sourceWorkerScriptForTests, type WorkerScript } from '../../src-main/core/import'
import { createServices, type Services } from '../../src-main/core/services'
import type { EngineTuning } from '../../src-main/core/engine/live-run'
import type { LivePlan } from '../../src-main/core/domain'
import type { CreateOptions } from '../../src-main/core/jobs/job-service'
import type { EnvLike, SecretStore } from '../../src-main/core/secrets'
import { MemorySecretStore } from '../fakes/memory-secret-store'

/** Both worker entries from source, through tsx (Node 20 applies only --require hooks inside workers). */
export function sourceWorkers(): {
  importWorker: WorkerScript
  jobsWorker: { path: string; execArgv: string[] }
} {
  return {
    importWorker: sourceWorkerScriptForTests(),
    jobsWorker: {
      path: join(__dirname, '../../src-main/core/jobs/jobs-worker.ts'),
      execArgv: ['--require', require.resolve('tsx/cjs')]
    }
  }
}

export interface TempServices {
  services: Services
  dir: string
  cleanup(): void
}

/**
 * Real services (SQLite, import worker) in a throwaway data folder. Keys go to an in-memory store unless a test
 * passes its own, and the environment is empty unless given: a developer's real keychain and exported
 * RINGTRUE_* variables never leak into a test.
 */
export function tempServices(
  options: {
    secrets?: SecretStore
    env?: EnvLike
    tuning?: Partial<EngineTuning>
    /** Workers of the offline check pool (default: one per core). */
    checkWorkers?: number
    /** Another jobs worker entry (TypeScript, through tsx), e.g. one of test/fakes. */
    jobsWorker?: string
  } = {}
): TempServices {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-test-'))
  const workers = sourceWorkers()
  if (options.jobsWorker) workers.jobsWorker = { ...workers.jobsWorker, path: options.jobsWorker }
  const services = createServices({
    dataDir: join(dir, 'data'),
    ...workers,
    checkWorkers: options.checkWorkers,
    secrets: options.secrets ?? new MemorySecretStore(),
    env: options.env ?? {},
    // Short waits so retry and polling paths run in milliseconds; the logic is the same as in the app.
    tuning: {
      backoff: { baseMs: 5, capMs: 200, maxAttempts: 6 },
      bulkPollMs: 10,
      ...options.tuning
    }
  })
  return {
    services,
    dir,
    cleanup() {
      services.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Previews a list whose numbers are in its second column (header on the first row) and starts its job. */
export async function startListJob(
  t: TempServices,
  filePath: string,
  defaultRegion: string,
  live?: LivePlan,
  options?: CreateOptions
): Promise<string> {
  const preview = await t.services.jobs.preview({ filePath })
  const { jobId } = await t.services.jobs.create(
    {
      filePath,
      mapping: { sheet: preview.sheet, headerRow: 0, phoneColumns: [1], countryColumn: null, defaultRegion },
      ...(live ? { live } : {})
    },
    options
  )
  return jobId
}
