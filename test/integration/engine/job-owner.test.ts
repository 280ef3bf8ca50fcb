// A job marked running belongs to the process running it. Another process starting on the same data folder
// (the CLI beside the app) must not take it for dead; a process that really died is recovered.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createServices } from '../../../src-main/core/services'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { createPaidJob, paidPlan, writeNumbers } from '../../helpers/paid-job'
import { sourceWorkers, tempServices, type TempServices } from '../../helpers/services'

let t: TempServices | undefined
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  t?.cleanup()
})

/** A paid job waiting for confirmation, then marked as running in process `pid` with a heartbeat `ageMs` old. */
async function jobOwnedBy(pid: number, ageMs: number): Promise<string> {
  t = tempServices({ secrets: new MemorySecretStore() })
  const file = writeNumbers(t.dir, 'cn.csv', ['+8613800138000', '+8613800138001'])
  const jobId = await createPaidJob(t.services, file, paidPlan('acedata'))
  t.services.db
    .prepare(`UPDATE jobs SET status = 'running', owner_pid = ?, heartbeat_at = ? WHERE id = ?`)
    .run(pid, new Date(Date.now() - ageMs).toISOString(), jobId)
  return jobId
}

function openAgain() {
  return createServices({
    dataDir: join(t!.dir, 'data'),
    ...sourceWorkers(),
    secrets: new MemorySecretStore(),
    env: {}
  })
}

async function aliveProcess(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'])
  await new Promise((resolve) => proc.stdout!.once('data', resolve))
  return proc
}

it('leaves a job alone while its process is alive and says so', async () => {
  child = await aliveProcess()
  const jobId = await jobOwnedBy(child.pid!, 1000)
  const other = openAgain()
  try {
    expect(other.jobs.get(jobId).status).toBe('running')
  } finally {
    other.close()
  }
})

it('recovers the job once its process is gone', async () => {
  child = await aliveProcess()
  const jobId = await jobOwnedBy(child.pid!, 1000)
  const exited = new Promise((resolve) => child!.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  const other = openAgain()
  try {
    const job = other.jobs.get(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('interrupted')
  } finally {
    other.close()
  }
})

it('recovers a job whose owner has been silent too long (a reused process id)', async () => {
  child = await aliveProcess()
  const jobId = await jobOwnedBy(child.pid!, 5 * 60_000)
  const other = openAgain()
  try {
    expect(other.jobs.get(jobId).live?.pauseReason).toBe('interrupted')
  } finally {
    other.close()
  }
})
