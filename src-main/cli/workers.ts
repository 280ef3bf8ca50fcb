// Where the CLI's worker threads start. Only the entry file knows where it sits (beside the built workers in
// out/main, or in the source tree under tsx); the commands live in a chunk of their own, so the entry says.
import { dirname, join } from 'node:path'
import type { WorkerScript } from '../core/import/worker-client'

let entryFile: string | null = null

export function setEntryFile(file: string): void {
  entryFile = file
}

export function workerScripts(): { importWorker: WorkerScript; jobsWorker: WorkerScript } {
  if (entryFile === null) throw new Error('The CLI entry did not name its file.')
  const dir = dirname(entryFile)
  // Under tsx (development, tests) the workers are the TypeScript sources; in the build they sit beside cli.js.
  if (entryFile.endsWith('.ts')) {
    const core = join(dir, '..', 'core')
    const execArgv = ['--require', require.resolve('tsx/cjs')]
    return {
      importWorker: { path: join(core, 'import', 'worker.ts'), execArgv },
      jobsWorker: { path: join(core, 'jobs', 'jobs-worker.ts'), execArgv }
    }
  }
  return {
    importWorker: { path: join(dir, 'import-worker.js') },
    jobsWorker: { path: join(dir, 'jobs-worker.js') }
  }
}
