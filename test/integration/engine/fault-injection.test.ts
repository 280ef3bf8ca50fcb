// Fault injection for the paid check: a real process running a job is killed with SIGKILL at many points
// (between answers, with requests in flight, right after the ledger write, at each step of a checknumber.ai
// bulk task), then the data folder is reopened here and the job resumed. Then in-process faults: provider
// error bursts (429, 5xx, timeouts, resets, malformed bodies) and a store that stops taking writes (locked,
// read-only, full). After each: nothing committed is lost, no number reached the simulator twice unless the
// ledger marked it "possibly charged", and the ledger and the job's spend match what the simulator charged.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { JobProgress, LivePlan } from '../../../src-preload/contract/types'
import type { Db } from '../../../src-main/core/store/database'
import { databasePath } from '../../../src-main/core/paths'
import { liveProvider } from '../../../src-main/core/provider-registry'
import type { LiveProviderId } from '../../../src-main/core/providers/types'
import { createServices, type Services } from '../../../src-main/core/services'
import {
  ACEDATA_SIM_KEY,
  acedataAnswer,
  startAcedataSimulator,
  type AcedataMode,
  type AcedataSimulator
} from '../../fakes/acedata-simulator'
import { startChecknumberSimulator } from '../../fakes/checknumber-simulator'
import type { ChildConfig } from '../../fakes/engine-child'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { createPaidJob, paidPlan } from '../../helpers/paid-job'
import { sourceWorkers, tempServices, type TempServices } from '../../helpers/services'

const ROOT = resolve(__dirname, '../../..')
const CHILD = join(ROOT, 'test', 'fakes', 'engine-child.ts')
const TSX = require.resolve('tsx/cjs')
const PRICE = 0.01
const CHECKNUMBER_KEY = 'sim-checknumber-key'
const KEYS = { acedata: ACEDATA_SIM_KEY, checknumber: CHECKNUMBER_KEY }
const TUNING = { backoff: { baseMs: 5, capMs: 200, maxAttempts: 6 }, bulkPollMs: 10 }

// ── shared helpers ────────────────────────────────────────────────────────────────────────────────────────

/** A +86 mobile whose last digit picks the Ace simulator's answer (0–5 charged, 6–9 free). */
function cn(i: number): string {
  return `+86138${String(i).padStart(6, '0')}${Math.floor(i / 10) % 10}${i % 10}`
}

function billable(e164: string): boolean {
  return String(acedataAnswer(e164.replace(/^\+86/, '')).result) === '0'
}

/** Polls a condition (simulator counters, database rows, child output) until it holds. */
async function until<T>(
  what: string,
  probe: () => T | false | undefined | null,
  timeoutMs = 20_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** A CSV with one column of numbers per job to come: the file is previewed once, and no job finds another's
 * answers in the cache. */
function writeColumns(dir: string, columns: string[][]): string {
  const file = join(dir, `numbers-${columns.length}x${columns[0].length}.csv`)
  const rows = [columns.map((_, c) => `Phone ${c}`)]
  for (let r = 0; r < columns[0].length; r++) rows.push(columns.map((column) => column[r]))
  writeFileSync(file, rows.map((row) => row.join(',')).join('\n'))
  return file
}

async function createJob(
  services: Services,
  file: string,
  column: number,
  region: string,
  livePlan: LivePlan
): Promise<string> {
  const jobId = await createPaidJob(services, file, livePlan, { column, region })
  expect(services.jobs.get(jobId).live?.pauseReason).toBe('confirm')
  return jobId
}

/** How many times each E.164 number reached the Ace simulator with its body read (the simulator charged then). */
function sendsPerNumber(sim: AcedataSimulator): Map<string, number> {
  const sends = new Map<string, number>()
  for (const r of sim.requests) {
    if (!r.body) continue
    const e164 = `+86${(JSON.parse(r.body) as { mobile: string }).mobile}`
    sends.set(e164, (sends.get(e164) ?? 0) + 1)
  }
  return sends
}

function spendOf(services: Services, jobId: string): number {
  return services.jobs.get(jobId).live?.spend.find((s) => s.currency === 'USD')?.amount ?? 0
}

/** Answers committed for a job: number id → check id. */
function committedAnswers(db: Db | Database.Database, jobId: string): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT id, check_id FROM numbers WHERE id >> 32 = (SELECT seq FROM jobs WHERE id = ?) AND live = 'done'`
    )
    .all(jobId) as { id: number; check_id: number }[]
  return new Map(rows.map((r) => [r.id, r.check_id]))
}

function expectKept(now: Map<number, number>, before: Map<number, number>): void {
  for (const [id, checkId] of before) expect(now.get(id), `answer of number ${id}`).toBe(checkId)
}

/**
 * The ledger against the Ace simulator, number by number: every request that reached it has an attempt row; a
 * number answered once has one answered attempt; a second send only follows an attempt marked uncertain (or a
 * refused, never-processed one); the spend is what the answered attempts cost; whatever the simulator charged
 * beyond the answers is covered by "possibly charged" rows.
 */
function expectLedgerMatches(
  services: Services,
  jobId: string,
  sim: AcedataSimulator,
  /** `everySendCharged`: the simulator bills every billable number whose body it read (false for modes that
   * answer with an error before the lookup). */
  options: { resent?: boolean; everySendCharged?: boolean } = {}
): { uncertain: Set<string>; answered: number } {
  const sends = sendsPerNumber(sim)
  const attempts = services.db
    .prepare('SELECT e164, state, cost FROM attempts WHERE job_id = ?')
    .all(jobId) as { e164: string; state: string; cost: number }[]
  const numbers = services.db
    .prepare(
      `SELECT e164, live FROM numbers WHERE id >> 32 = (SELECT seq FROM jobs WHERE id = ?) AND live IS NOT NULL AND live != 'skipped'`
    )
    .all(jobId) as { e164: string; live: string }[]
  const byNumber = new Map<string, Record<string, number>>()
  for (const a of attempts) {
    const line = byNumber.get(a.e164) ?? { sent: 0, answered: 0, failed: 0, uncertain: 0 }
    line[a.state]++
    byNumber.set(a.e164, line)
  }
  expect(
    attempts.filter((a) => a.state === 'sent'),
    'attempts left in flight'
  ).toEqual([])
  let answeredBillable = 0
  let uncertainBillable = 0
  let chargedBySends = 0
  const uncertain = new Set<string>()
  for (const n of numbers) {
    const line = byNumber.get(n.e164) ?? { sent: 0, answered: 0, failed: 0, uncertain: 0 }
    const sent = sends.get(n.e164) ?? 0
    const where = `${n.e164} (${n.live}, ${sent} sends, ${JSON.stringify(line)})`
    expect(line.answered, where).toBeLessThanOrEqual(1)
    expect(sent, where).toBeGreaterThanOrEqual(line.answered)
    expect(sent, where).toBeLessThanOrEqual(line.answered + line.uncertain + line.failed)
    if (!options.resent) expect(sent - line.failed, where).toBeLessThanOrEqual(1)
    if (sent - line.failed >= 2) expect(line.uncertain, where).toBeGreaterThanOrEqual(sent - line.failed - 1)
    expect(n.live === 'done', where).toBe(line.answered === 1)
    if (n.live === 'uncertain') {
      expect(line.uncertain, where).toBeGreaterThanOrEqual(1)
      uncertain.add(n.e164)
    }
    if (billable(n.e164)) {
      answeredBillable += line.answered
      uncertainBillable += line.uncertain
      chargedBySends += sent - line.failed
    }
  }
  const cost = attempts.reduce((sum, a) => sum + a.cost, 0)
  expect(cost).toBeCloseTo(answeredBillable * PRICE, 6)
  expect(spendOf(services, jobId)).toBeCloseTo(answeredBillable * PRICE, 6)
  if (options.everySendCharged ?? true) expect(sim.charged).toBe(chargedBySends)
  else expect(sim.charged).toBeLessThanOrEqual(chargedBySends)
  expect(sim.charged - answeredBillable).toBeGreaterThanOrEqual(0)
  expect(sim.charged - answeredBillable).toBeLessThanOrEqual(uncertainBillable)
  return { uncertain, answered: attempts.filter((a) => a.state === 'answered').length }
}

// ── the child process ─────────────────────────────────────────────────────────────────────────────────────

interface Child {
  lines: string[]
  proc: ChildProcess
  exited: Promise<void>
  gone: boolean
  output(): string
}

function startChild(config: ChildConfig): Child {
  const proc = spawn(process.execPath, ['--require', TSX, CHILD, JSON.stringify(config)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  let buffered = ''
  const child: Child = {
    lines: [],
    proc,
    gone: false,
    exited: new Promise((done) => proc.once('exit', () => done())),
    output: () => `${child.lines.join('\n')}\n${stderr}`
  }
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    child.lines.push(...parts)
  })
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  void child.exited.then(() => (child.gone = true))
  return child
}

/** Waits for a child started with `killAfter` to reach its kill point. */
async function killedItself(child: Child): Promise<void> {
  await until('the child to reach its kill point', () => child.gone)
  expect(child.proc.signalCode, child.output()).toBe('SIGKILL')
}

async function sigkill(child: Child): Promise<void> {
  if (!child.gone) child.proc.kill('SIGKILL')
  await child.exited
  expect(child.proc.signalCode, child.output()).toBe('SIGKILL')
}

/** Waits for a condition while the child runs; fails at once (with its output) if it ends on its own. */
function whileRunning<T>(child: Child, what: string, probe: () => T | false | undefined | null): Promise<T> {
  return until(what, () => {
    const value = probe()
    if (value) return value
    if (child.gone) throw new Error(`The child ended before ${what}:\n${child.output()}`)
    return false
  })
}

function openServices(dataDir: string): Services {
  const secrets = new MemorySecretStore()
  const services = createServices({ dataDir, ...sourceWorkers(), secrets, env: {}, tuning: TUNING })
  // Entered for the base URL saved in this data folder: a key is only sent to the origin it was entered for.
  for (const [id, key] of Object.entries(KEYS) as [LiveProviderId, string][]) {
    void secrets.set(id, key, services.settings.effective(liveProvider(id).info).baseUrl)
  }
  return services
}

/** A plain connection to peek at what is on disk, without the recovery that opening the services runs. */
function peek<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(databasePath(dataDir))
  try {
    return read(db)
  } finally {
    db.close()
  }
}

function count(db: Db | Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n
}

/** After a kill: the reopened job says it was interrupted, and every committed answer is still there. */
function reopenAfterKill(dataDir: string, jobId: string, committed: Map<number, number>): Services {
  const services = openServices(dataDir)
  const job = services.jobs.get(jobId)
  expect(job.status).toBe('paused')
  expect(job.live?.pauseReason).toBe('interrupted')
  expect(job.live?.pauseMessage).toMatch(/stopped while this job was running/)
  expectKept(committedAnswers(services.db, jobId), committed)
  return services
}

// ── kill -9 ───────────────────────────────────────────────────────────────────────────────────────────────

describe('SIGKILL of the process running a paid check', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ringtrue-kill-'))
    dirs.push(dir)
    return dir
  }

  it('Ace Data Cloud: killed after N answers, with requests in flight and right after the ledger write; each resume goes on without paying twice', async () => {
    const sim = await startAcedataSimulator({ rateLimit: { max: 100_000, windowMs: 1000 } })
    let services: Services | undefined
    try {
      const dir = tempDir()
      const dataDir = join(dir, 'data')
      services = openServices(dataDir)
      services.providers.saveSettings('acedata', {
        baseUrl: sim.url,
        pricePerLookup: PRICE,
        currency: 'USD',
        concurrency: 4,
        ratePerSecond: 1000
      })
      const numbers = Array.from({ length: 200 }, (_, i) => cn(i))
      const jobId = await createJob(services, writeColumns(dir, [numbers]), 0, 'CN', paidPlan('acedata'))
      services.close()
      services = undefined

      const answeredOnDisk = (db: Database.Database): number =>
        count(db, `SELECT COUNT(*) AS n FROM attempts WHERE job_id = ? AND state = 'answered'`, jobId)
      let everCommitted = new Map<number, number>()
      const kills: { name: string; mode: [AcedataMode, number?]; killAfter?: ChildConfig['killAfter'] }[] = [
        { name: 'after 10 more answers', mode: ['slow', 25] },
        { name: 'after 40 more answers', mode: ['slow', 25] },
        { name: 'after 25 more answers', mode: ['slow', 10] },
        { name: 'while 4 requests wait for their answer', mode: ['slow', 60_000] },
        {
          name: 'right after the first ledger row is committed, before its request is sent',
          mode: ['normal'],
          killAfter: { method: 'claim', call: 1 }
        }
      ]
      for (const kill of kills) {
        sim.setMode(...kill.mode)
        const sentBefore = sim.requests.length
        const committedBefore = peek(dataDir, answeredOnDisk)
        const uncertainAtStart = peek(dataDir, (db) =>
          count(
            db,
            `SELECT COUNT(*) AS n FROM numbers WHERE id >> 32 = (SELECT seq FROM jobs WHERE id = ?) AND live = 'uncertain'`,
            jobId
          )
        )
        const child = startChild({ dataDir, jobId, keys: KEYS, tuning: TUNING, killAfter: kill.killAfter })
        const watcher = new Database(databasePath(dataDir))
        try {
          if (kill.killAfter) {
            await killedItself(child)
          } else if (kill.mode[0] === 'slow' && (kill.mode[1] ?? 0) > 10_000) {
            // Four requests (the concurrency) read by the simulator, none answered: all in flight.
            await whileRunning(
              child,
              kill.name,
              () => sim.requests.slice(sentBefore).filter((r) => r.body).length >= 4
            )
          } else {
            const more = Number(/after (\d+)/.exec(kill.name)?.[1])
            await whileRunning(child, kill.name, () => answeredOnDisk(watcher) >= committedBefore + more)
          }
        } finally {
          watcher.close()
        }
        await sigkill(child)
        const onDisk = peek(dataDir, (db) => committedAnswers(db, jobId))
        expectKept(onDisk, everCommitted)
        everCommitted = onDisk
        const sentThisRun = sim.requests.slice(sentBefore).filter((r) => r.body).length
        services = reopenAfterKill(dataDir, jobId, everCommitted)
        const { uncertain } = expectLedgerMatches(services, jobId, sim)
        const job = services.jobs.get(jobId)
        expect(job.live?.inFlight).toBe(0)
        if (kill.killAfter) {
          // Claimed on disk, never sent: possibly charged as far as the ledger can tell, but nothing reached
          // the simulator.
          expect(sentThisRun).toBe(0)
          expect(uncertain.size).toBeGreaterThan(uncertainAtStart)
        }
        if ((kill.mode[1] ?? 0) > 10_000) {
          const inFlight = new Set(
            sim.requests
              .slice(sentBefore)
              .filter((r) => r.body)
              .map((r) => `+86${(JSON.parse(r.body) as { mobile: string }).mobile}`)
          )
          for (const e164 of inFlight) expect(uncertain.has(e164), e164).toBe(true)
        }
        services.close()
        services = undefined
      }

      // The last resume in this process finishes the job; the possibly charged numbers are left alone.
      sim.setMode('normal')
      services = openServices(dataDir)
      const uncertainBefore = expectLedgerMatches(services, jobId, sim).uncertain
      expect(uncertainBefore.size).toBeGreaterThanOrEqual(5)
      await services.jobs.startLive({ jobId })
      let job = await services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live?.uncertain).toBe(uncertainBefore.size)
      expect(job.live?.answered).toBe(200 - uncertainBefore.size)
      expectKept(committedAnswers(services.db, jobId), everCommitted)
      expectLedgerMatches(services, jobId, sim)
      // Only when asked are they sent again; then every number has exactly one answer.
      await services.jobs.startLive({ jobId, recheckUncertain: true })
      job = await services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live?.answered).toBe(200)
      expect(job.live?.uncertain).toBe(0)
      const { answered } = expectLedgerMatches(services, jobId, sim, { resent: true })
      expect(answered).toBe(200)
      for (const [e164, sends] of sendsPerNumber(sim)) {
        if (sends > 1) expect(uncertainBefore.has(e164), e164).toBe(true)
      }
    } finally {
      services?.close()
      await sim.close()
    }
  })

  it('checknumber.ai: killed after the task is created, while polling and after the archive is stored; never uploaded or downloaded twice', async () => {
    const sim = await startChecknumberSimulator({ balance: 50, advance: 'manual' })
    let services: Services | undefined
    try {
      const dir = tempDir()
      const dataDir = join(dir, 'data')
      services = openServices(dataDir)
      services.providers.saveSettings('checknumber', { baseUrl: sim.url })
      const numbers = Array.from({ length: 520 }, (_, i) => `+1201${2_000_000 + i}`)
      const jobId = await createJob(services, writeColumns(dir, [numbers]), 0, 'US', paidPlan('checknumber'))
      services.close()
      services = undefined

      const expectTaskWaiting = (s: Services, state: string): void => {
        const task = s.db
          .prepare('SELECT task_id, state, length(result) AS bytes FROM bulk_tasks WHERE job_id = ?')
          .all(jobId) as { task_id: string; state: string; bytes: number | null }[]
        expect(task).toHaveLength(1)
        expect(task[0].state).toBe(state)
        expect(task[0].task_id).toBe([...sim.tasks.keys()][0])
        // Inside a known task the numbers stay in flight: resume polls the task instead of paying again.
        expect(s.jobs.get(jobId).live).toMatchObject({ inFlight: 520, uncertain: 0, pending: 0 })
        expect(
          count(
            s.db,
            `SELECT COUNT(*) AS n FROM attempts WHERE job_id = ? AND state = 'sent' AND request_ref = ?`,
            jobId,
            `checknumber:task:${task[0].task_id}`
          )
        ).toBe(520)
        expect(sim.uploads).toHaveLength(1)
        expect(sim.charged).toBe(520)
      }

      // 1. Right after the task id is committed (before the first poll).
      let child = startChild({
        dataDir,
        jobId,
        keys: KEYS,
        killAfter: { method: 'renameAttemptRef', call: 1 }
      })
      await killedItself(child)
      services = reopenAfterKill(dataDir, jobId, new Map())
      expectTaskWaiting(services, 'submitted')
      services.close()

      // 2. While polling a task that is still pending.
      const task = [...sim.tasks.values()][0]
      const polled = task.polls
      child = startChild({ dataDir, jobId, keys: KEYS })
      await whileRunning(child, 'three polls', () => task.polls >= polled + 3)
      await sigkill(child)
      services = reopenAfterKill(dataDir, jobId, new Map())
      expectTaskWaiting(services, 'submitted')
      services.close()

      // 3. The task finishes; killed right after its archive is stored, before it is applied.
      sim.advance()
      sim.advance()
      sim.advance()
      expect(task.status).toBe('exported')
      child = startChild({ dataDir, jobId, keys: KEYS, killAfter: { method: 'storeTaskResult', call: 1 } })
      await killedItself(child)
      expect(sim.downloads).toHaveLength(1)
      services = reopenAfterKill(dataDir, jobId, new Map())
      expectTaskWaiting(services, 'downloaded')

      // The resume applies the stored archive: no upload, no download, no poll.
      const requests = sim.requests.length
      await services.jobs.startLive({ jobId })
      const job = await services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      // 104 of the 520 (numbers ending in 8 or 9) are rows the task could not process: failed, not answered,
      // and not costed as answers.
      expect(job.live).toMatchObject({ answered: 416, failed: 104, inFlight: 0, uncertain: 0 })
      expect(sim.requests.length).toBe(requests)
      expect(sim.uploads).toHaveLength(1)
      expect(sim.downloads).toHaveLength(1)
      expect(
        services.db
          .prepare(`SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state ORDER BY state`)
          .all(jobId)
      ).toEqual([
        { state: 'answered', n: 416 },
        { state: 'failed', n: 104 }
      ])
      expect(spendOf(services, jobId)).toBeCloseTo(416 * 0.002, 6)
    } finally {
      services?.close()
      await sim.close()
    }
  })

  it('checknumber.ai: killed while the upload is in flight; the task is possibly charged and re-sent only on request', async () => {
    const sim = await startChecknumberSimulator({ balance: 50 })
    let services: Services | undefined
    try {
      const dir = tempDir()
      const dataDir = join(dir, 'data')
      services = openServices(dataDir)
      services.providers.saveSettings('checknumber', { baseUrl: sim.url })
      const numbers = Array.from({ length: 520 }, (_, i) => `+1201${3_000_000 + i}`)
      const jobId = await createJob(services, writeColumns(dir, [numbers]), 0, 'US', paidPlan('checknumber'))
      services.close()
      services = undefined

      sim.setMode('slow', { only: ['tasks'], delayMs: 300, times: 1 })
      const child = startChild({ dataDir, jobId, keys: KEYS })
      await whileRunning(child, 'the upload', () => sim.requests.includes('POST /v1/tasks'))
      await sigkill(child)
      services = reopenAfterKill(dataDir, jobId, new Map())
      let job = services.jobs.get(jobId)
      expect(job.live).toMatchObject({ uncertain: 520, inFlight: 0, pending: 0 })
      expect(job.live?.pauseMessage).toMatch(/520 requests were in flight and may have been charged/)
      expect(
        services.db
          .prepare(`SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state`)
          .all(jobId)
      ).toEqual([{ state: 'uncertain', n: 520 }])
      await expect(services.jobs.startLive({ jobId })).rejects.toThrow(/possibly charged/)
      expect(sim.requests.filter((r) => r === 'POST /v1/tasks')).toHaveLength(1)

      await services.jobs.startLive({ jobId, recheckUncertain: true })
      job = await services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live).toMatchObject({ answered: 416, failed: 104, uncertain: 0 })
      // The first upload may or may not have been charged (the simulator finishes it after the client died);
      // the ledger keeps its 520 rows as possibly charged and the spend counts only the answers of the second
      // task (its 104 unprocessed rows are failed, not costed).
      expect([520, 1040]).toContain(sim.charged)
      const states = services.db
        .prepare(`SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state ORDER BY state`)
        .all(jobId)
      expect(states).toEqual([
        { state: 'answered', n: 416 },
        { state: 'failed', n: 104 },
        { state: 'uncertain', n: 520 }
      ])
      expect(spendOf(services, jobId)).toBeCloseTo(416 * 0.002, 6)
    } finally {
      services?.close()
      await sim.close()
    }
  })
})

// ── provider faults in process ────────────────────────────────────────────────────────────────────────────

describe('provider error bursts during a run', () => {
  let sim: AcedataSimulator
  let t: TempServices
  let file: string
  let column = 0
  const secrets = new MemorySecretStore()
  beforeAll(async () => {
    t = tempServices({ secrets })
    // Column k: 40 fresh numbers whose last digits run 0–9 four times (24 of them charged).
    file = writeColumns(
      t.dir,
      Array.from({ length: 10 }, (_, c) => Array.from({ length: 40 }, (_, i) => cn(1000 * (c + 1) + i)))
    )
  })
  afterAll(() => t.cleanup())
  beforeEach(async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 100_000, windowMs: 1000 } })
  })
  afterEach(() => sim.close())

  /** A job of 40 numbers nobody has asked about yet, sent to `target`. */
  async function setup(target: AcedataSimulator): Promise<string> {
    t.services.providers.saveSettings('acedata', {
      baseUrl: target.url,
      pricePerLookup: PRICE,
      currency: 'USD',
      concurrency: 4,
      ratePerSecond: 1000,
      timeoutMs: 1000
    })
    await secrets.set('acedata', ACEDATA_SIM_KEY, target.url) // entered for the target's origin
    return createJob(t.services, file, column++, 'CN', paidPlan('acedata'))
  }

  function attemptStates(jobId: string): Record<string, number> {
    const rows = t.services.db
      .prepare('SELECT state, COUNT(*) AS n FROM attempts WHERE job_id = ? GROUP BY state')
      .all(jobId) as { state: string; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.state, r.n]))
  }

  it.each([
    ['500 with the provider’s error envelope', 'server_error'],
    ['503 from the gateway', 'service_unavailable']
  ] as const)('%s: never processed, retried until each number is answered once', async (_, mode) => {
    const jobId = await setup(sim)
    sim.setMode(mode, undefined, 5)
    await t.services.jobs.startLive({ jobId })
    const job = await t.services.jobs.waitFor(jobId)
    expect(job.status).toBe('done')
    expect(job.live).toMatchObject({ answered: 40, uncertain: 0, failed: 0 })
    expect(attemptStates(jobId)).toEqual({ answered: 40, failed: 5 })
    expect(sim.requests).toHaveLength(45)
    expect(sim.charged).toBe(24) // 0–5 of every ten
    expectLedgerMatches(t.services, jobId, sim)
  })

  it('429 bursts: refused requests are retried (never charged) until each number is answered once', async () => {
    const limited = await startAcedataSimulator({
      rateLimit: { max: 10, windowMs: 100 },
      retryAfterHeader: false
    })
    try {
      const jobId = await setup(limited)
      await t.services.jobs.startLive({ jobId })
      const job = await t.services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live).toMatchObject({ answered: 40, uncertain: 0 })
      const refused = limited.requests.length - 40
      expect(refused).toBeGreaterThan(0)
      expect(attemptStates(jobId)).toEqual({ answered: 40, failed: refused })
      expectLedgerMatches(t.services, jobId, limited)
    } finally {
      await limited.close()
    }
  })

  it.each([
    ['502 page from a proxy', 'bad_gateway', 5, undefined],
    ['malformed body', 'malformed', 5, undefined],
    ['connection reset before the body was read', 'drop_before_body', 5, undefined],
    ['connection reset after the lookup ran', 'drop_after_body', 5, undefined],
    ['timeout (answer held past the 1 s client timeout)', 'slow', 3, 1500]
  ] as const)(
    '%s: possibly processed, so marked uncertain and re-sent only on request',
    async (_, mode, times, delayMs) => {
      const jobId = await setup(sim)
      sim.setMode(mode, delayMs, times)
      await t.services.jobs.startLive({ jobId })
      let job = await t.services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live).toMatchObject({ answered: 40 - times, uncertain: times, failed: 0 })
      expect(attemptStates(jobId)).toEqual({ answered: 40 - times, uncertain: times })
      // One ledger row per request that reached the simulator, none without.
      expect(sim.requests).toHaveLength(40)
      const uncertain = t.services.jobs.uncertain(jobId).map((u) => u.e164)
      expect(uncertain).toHaveLength(times)
      // Charged beyond the answers only where the lookup really ran (after the body was read, or held past the
      // client's timeout); the 24 numbers ending in 0–5 are the billable ones.
      const answeredBillable = 24 - uncertain.filter(billable).length
      expect(sim.charged - answeredBillable).toBe(
        mode === 'drop_after_body' || mode === 'slow' ? uncertain.filter(billable).length : 0
      )
      await t.services.jobs.startLive({ jobId, recheckUncertain: true })
      job = await t.services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expect(job.live).toMatchObject({ answered: 40, uncertain: 0 })
      expect(sim.requests).toHaveLength(40 + times)
      for (const r of sim.requests.slice(40)) {
        expect(uncertain).toContain(`+86${(JSON.parse(r.body) as { mobile: string }).mobile}`)
      }
      expect(attemptStates(jobId)).toEqual({ answered: 40, uncertain: times })
      expectLedgerMatches(t.services, jobId, sim, {
        resent: true,
        everySendCharged: mode === 'drop_after_body' || mode === 'slow'
      })
    }
  )
})

// ── store faults in process ───────────────────────────────────────────────────────────────────────────────

describe('the store stops taking writes during a run', () => {
  let sim: AcedataSimulator
  let t: TempServices
  let file: string
  let column = 0
  const secrets = new MemorySecretStore()
  beforeAll(async () => {
    t = tempServices({ secrets })
    file = writeColumns(
      t.dir,
      Array.from({ length: 3 }, (_, c) => Array.from({ length: 300 }, (_, i) => cn(1000 * (c + 1) + i)))
    )
  })
  afterAll(() => t.cleanup())
  beforeEach(async () => {
    sim = await startAcedataSimulator({ rateLimit: { max: 100_000, windowMs: 1000 } })
  })
  afterEach(() => sim.close())

  const faults: {
    name: string
    message: RegExp
    /** A full disk still takes writes that need no new page (the recovery's updates), so not that one. */
    refusesEveryWrite: boolean
    apply(t: TempServices): () => void
  }[] = [
    {
      name: 'locked by another connection for longer than busy_timeout',
      message: /locked/,
      refusesEveryWrite: true,
      apply(t) {
        // The wait for a lock blocks the thread; keep it short so the test does not sit through 5 s.
        t.services.db.pragma('busy_timeout = 100')
        const other = new Database(databasePath(join(t.dir, 'data')))
        other.exec('BEGIN IMMEDIATE')
        return () => {
          other.exec('ROLLBACK')
          other.close()
          t.services.db.pragma('busy_timeout = 5000')
        }
      }
    },
    {
      name: 'read-only',
      message: /read-only|readonly/,
      refusesEveryWrite: true,
      apply(t) {
        // Running as root, file permissions would not stop the writes; query_only refuses them as SQLite does
        // for a read-only file (SQLITE_READONLY).
        t.services.db.pragma('query_only = 1')
        return () => t.services.db.pragma('query_only = 0')
      }
    },
    {
      name: 'full (no page can be added)',
      message: /full/,
      refusesEveryWrite: false,
      apply(t) {
        const pages = t.services.db.pragma('page_count', { simple: true }) as number
        t.services.db.pragma(`max_page_count = ${pages}`)
        return () => t.services.db.pragma('max_page_count = 1073741823')
      }
    }
  ]

  it.each(faults)(
    '$name: the run stops with a clear message, nothing stored is lost, a later resume completes',
    async (fault) => {
      t.services.providers.saveSettings('acedata', {
        baseUrl: sim.url,
        pricePerLookup: PRICE,
        currency: 'USD',
        concurrency: 4,
        ratePerSecond: 1000
      })
      await secrets.set('acedata', ACEDATA_SIM_KEY, sim.url) // entered for this simulator's origin
      const jobId = await createJob(t.services, file, column++, 'CN', paidPlan('acedata'))
      sim.setMode('slow', 10)
      const events: JobProgress[] = []
      t.services.jobs.onProgress((p) => p.jobId === jobId && events.push(p))
      await t.services.jobs.startLive({ jobId })
      const db = t.services.db
      await until(
        '30 answers',
        () =>
          count(db, `SELECT COUNT(*) AS n FROM attempts WHERE job_id = ? AND state = 'answered'`, jobId) >= 30
      )
      const committed = committedAnswers(db, jobId)
      const undo = fault.apply(t)
      let job
      try {
        job = await t.services.jobs.waitFor(jobId)
        const last = events[events.length - 1]
        expect(last.status).toBe('paused')
        expect(last.message).toMatch(fault.message)
        expect(last.message).toMatch(/resume/i)
        expectKept(committedAnswers(db, jobId), committed)
        if (fault.refusesEveryWrite) {
          // A resume while the store still refuses writes fails with the same cause and changes nothing.
          await expect(t.services.jobs.startLive({ jobId })).rejects.toThrow(fault.message)
        }
      } finally {
        undo()
      }
      sim.setMode('normal')
      await t.services.jobs.startLive({ jobId })
      job = await t.services.jobs.waitFor(jobId)
      expect(job.status).toBe('done')
      expectKept(committedAnswers(db, jobId), committed)
      const { uncertain } = expectLedgerMatches(t.services, jobId, sim)
      expect(job.live?.answered).toBe(300 - uncertain.size)
      // Whatever was in flight when the store failed is possibly charged, never silently re-sent.
      expect(job.live?.uncertain).toBe(uncertain.size)
    }
  )
})
