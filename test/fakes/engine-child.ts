// A separate process that opens a data folder and runs (resumes) one job's paid check, so the fault-injection
// suite can kill it with SIGKILL at chosen points. Run from source through tsx:
//   node --require tsx/cjs test/fakes/engine-child.ts '<json ChildConfig>'
// It prints one line per event on stdout: `OPEN <status> <pauseReason>`, `STARTED`, `PROGRESS <answered>
// <inFlight>`, `DONE <status> <pauseReason>`, or `ERROR <message>`.
//
// `killAfter` makes the process SIGKILL itself right after the given LiveStore call has been committed to disk
// (the end of the outermost transaction holding it, or at once outside one): exact kill points that no
// outside timing could hit, such as "the result archive is stored but not applied yet".
import { createServices } from '../../src-main/core/services'
import type { EngineTuning } from '../../src-main/core/engine/live-run'
import type { LiveStore } from '../../src-main/core/store/live-store'
import type { LiveProviderId } from '../../src-main/core/providers/types'
import { sourceWorkers } from '../helpers/services'
import { MemorySecretStore } from './memory-secret-store'

export interface ChildConfig {
  dataDir: string
  jobId: string
  /** Provider id → API key, put into an in-memory keychain. */
  keys: Record<string, string>
  tuning?: Partial<EngineTuning>
  recheckUncertain?: boolean
  killAfter?: { method: keyof LiveStore; call: number }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

function killSelfAfter(store: LiveStore, method: keyof LiveStore, call: number): void {
  let calls = 0
  let depth = 0
  let armed = false
  const die = (): void => {
    process.kill(process.pid, 'SIGKILL')
  }
  const target = store as unknown as Record<string, (...args: unknown[]) => unknown>
  const original = target[method].bind(store)
  target[method] = (...args: unknown[]) => {
    const result = original(...args)
    if (++calls === call) {
      if (depth === 0) die()
      armed = true
    }
    return result
  }
  const transaction = store.transaction.bind(store)
  store.transaction = <T>(fn: () => T): T => {
    depth++
    let result: T
    try {
      result = transaction(fn)
    } finally {
      depth--
    }
    // Committed: the outermost transaction has returned.
    if (depth === 0 && armed) die()
    return result
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as ChildConfig
  const secrets = new MemorySecretStore()
  const services = createServices({
    dataDir: config.dataDir,
    ...sourceWorkers(),
    secrets,
    env: {},
    tuning: { backoff: { baseMs: 5, capMs: 200, maxAttempts: 6 }, bulkPollMs: 10, ...config.tuning }
  })
  // Entered as a user would, for the base URL saved in the data folder (a key is bound to that origin).
  for (const [id, key] of Object.entries(config.keys)) {
    await services.providers.setKey(id as LiveProviderId, 'apiKey', key)
  }
  const opened = services.jobs.get(config.jobId)
  say(`OPEN ${opened.status} ${opened.live?.pauseReason ?? '-'}`)
  if (config.killAfter) {
    killSelfAfter(services.store.live, config.killAfter.method, config.killAfter.call)
  }
  services.jobs.onProgress((p) => {
    if (p.jobId === config.jobId && p.live) say(`PROGRESS ${p.live.answered} ${p.live.inFlight}`)
  })
  await services.jobs.startLive({ jobId: config.jobId, recheckUncertain: config.recheckUncertain })
  say('STARTED')
  const job = await services.jobs.waitFor(config.jobId)
  say(`DONE ${job.status} ${job.live?.pauseReason ?? '-'}`)
  services.close()
}

main().catch((error: unknown) => {
  say(`ERROR ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
