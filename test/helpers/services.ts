import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sourceWorkerScriptForTests } from '../../src-main/core/import'
import { createServices, type Services } from '../../src-main/core/services'

/** The export worker from source, through tsx, as the import worker runs in tests. */
export function exportWorkerForTests(): { path: string; execArgv: string[] } {
  return {
    path: join(__dirname, '../../src-main/core/jobs/export-worker.ts'),
    execArgv: ['--require', require.resolve('tsx/cjs')]
  }
}

export interface TempServices {
  services: Services
  dir: string
  cleanup(): void
}

/** Real services (SQLite, import worker) in a throwaway data folder. */
export function tempServices(): TempServices {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-test-'))
  const services = createServices({
    dataDir: join(dir, 'data'),
    importWorker: sourceWorkerScriptForTests(),
    exportWorker: exportWorkerForTests()
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
