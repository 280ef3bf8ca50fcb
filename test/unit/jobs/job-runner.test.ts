import { afterEach, describe, expect, it, vi } from 'vitest'
import type { JobCounts, JobProgress } from '../../../src-main/core/domain'
import { JobRunner, type JobLifecycleWriter, type RunHandle } from '../../../src-main/core/jobs/job-runner'
import { emptyCounts } from '../../../src-main/core/store/results-repo'

/** Records every lifecycle write the runner makes, in order. */
function fakeStore(): JobLifecycleWriter & { writes: string[] } {
  const writes: string[] = []
  return {
    writes,
    updateProgress: (jobId, phase, done, total) =>
      void writes.push(`progress ${jobId} ${phase} ${done}/${total}`),
    finish: (jobId, status, _counts, error) => void writes.push(`finish ${jobId} ${status} ${error}`),
    heartbeat: () => void writes.push('heartbeat'),
    setState: (jobId, status, phase) => void writes.push(`state ${jobId} ${status} ${phase}`),
    saveCounts: (jobId, _counts, done, total) => void writes.push(`counts ${jobId} ${done}/${total}`)
  }
}

/** A run that stays until the test lets it end. */
function held(): { work: (run: RunHandle) => Promise<void>; release: () => void; handle: () => RunHandle } {
  let release = (): void => undefined
  let handle: RunHandle | null = null
  return {
    work: (run) => {
      handle = run
      return new Promise<void>((resolve) => (release = resolve))
    },
    release: () => release(),
    handle: () => {
      if (!handle) throw new Error('not started')
      return handle
    }
  }
}

const counts = (rows: number): JobCounts => ({ ...emptyCounts(), rows })

afterEach(() => {
  vi.useRealTimers()
})

describe('JobRunner', () => {
  it('runs one phase at a time per job, and other jobs alongside', async () => {
    const runner = new JobRunner({ jobs: fakeStore() })
    const a = held()
    const done = runner.start('a', 'offline', a.work)
    expect(runner.phaseOf('a')).toBe('offline')
    expect(() => runner.start('a', 'live', async () => undefined)).toThrow(
      expect.objectContaining({
        code: 'job_running',
        message: 'The job is still importing or checking offline.'
      })
    )
    const b = held()
    void runner.start('b', 'live', b.work)
    expect(runner.runningJobIds()).toEqual(['a', 'b'])
    expect(runner.runningJobIds('live')).toEqual(['b'])
    expect(() => runner.assertIdle('b')).toThrow('The job is already running.')
    a.release()
    await done
    expect(runner.isRunning('a')).toBe(false)
    // Its phase over, the job may run the next one.
    void runner.start('a', 'live', async () => undefined)
    b.release()
    await runner.waitFor('b')
    expect(runner.isRunning('b')).toBe(false)
  })

  it('starts the work before start() returns', () => {
    const runner = new JobRunner({ jobs: fakeStore() })
    const steps: string[] = []
    void runner.start('a', 'offline', async () => {
      steps.push('work')
    })
    steps.push('returned')
    expect(steps).toEqual(['work', 'returned'])
  })

  it('stops a run with the reason: the signal aborts and the run hears it its own way', async () => {
    const runner = new JobRunner({ jobs: fakeStore() })
    const run = held()
    const heard: string[] = []
    void runner.start('a', 'live', run.work, { onStop: (reason) => heard.push(reason) })
    expect(runner.stop('a', 'pause')).toBe(true)
    expect(run.handle().signal.aborted).toBe(true)
    expect(run.handle().signal.reason).toBe('pause')
    expect(heard).toEqual(['pause'])
    expect(runner.stop('nobody', 'cancel')).toBe(false)
    run.release()
    await runner.waitFor('a')
    expect(runner.stop('a', 'cancel')).toBe(false)
  })

  it('frees the job when its work throws', async () => {
    const runner = new JobRunner({ jobs: fakeStore() })
    await expect(
      runner.start('a', 'offline', () => {
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(runner.isRunning('a')).toBe(false)
  })

  it('throttles running progress with its clock; a new phase and final events always go out', () => {
    let now = 1_000
    const store = fakeStore()
    const runner = new JobRunner({ jobs: store, now: () => now, progressIntervalMs: 100 })
    const events: JobProgress[] = []
    runner.onProgress((p) => events.push(p))
    const run = held()
    void runner.start('a', 'offline', run.work)
    const { progress } = run.handle()
    let built = 0
    const update = (done: number) => () => {
      built++
      return { done, total: 1000, counts: counts(done) }
    }
    progress.report('importing', update(10))
    now += 50
    progress.report('importing', update(20))
    now += 49
    progress.report('importing', update(30))
    now += 1
    progress.report('importing', update(40))
    progress.report('checking', update(0))
    progress.report('checking', update(5), true)
    // Skipped updates are never built.
    expect(built).toBe(4)
    expect(events.map((e) => `${e.phase} ${e.done}`)).toEqual([
      'importing 10',
      'importing 40',
      'checking 0',
      'checking 5'
    ])
    // Running events are saved on the job; rate and ETA come from the phase's own clock.
    expect(store.writes).toEqual([
      'progress a importing 10/1000',
      'progress a importing 40/1000',
      'progress a checking 0/1000',
      'progress a checking 5/1000'
    ])
    expect(events[1]).toMatchObject({ status: 'running', ratePerSecond: 400, etaSeconds: 3 })
    now += 500
    progress.final('done', 'finished', 1000, 1000, counts(1000), null)
    expect(events.at(-1)).toMatchObject({ status: 'done', ratePerSecond: 1667, etaSeconds: null })
    // A final event is not a progress write: finish() records the outcome.
    expect(store.writes).toHaveLength(4)
  })

  it('shows a rate the run measured itself to a tenth', () => {
    const runner = new JobRunner({ jobs: fakeStore(), now: () => 0 })
    const run = held()
    void runner.start('a', 'live', run.work)
    const event = run
      .handle()
      .progress.running('live', { done: 3, total: 10, counts: counts(10), rate: 0.26 })
    expect(event).toMatchObject({ ratePerSecond: 0.3, etaSeconds: 27 })
  })

  it('beats while anything runs, and stops beating when nothing does', async () => {
    vi.useFakeTimers()
    const store = fakeStore()
    const runner = new JobRunner({ jobs: store, heartbeatMs: 1_000 })
    const a = held()
    const b = held()
    void runner.start('a', 'offline', a.work)
    void runner.start('b', 'live', b.work)
    vi.advanceTimersByTime(2_500)
    expect(store.writes).toEqual(['heartbeat', 'heartbeat'])
    a.release()
    await runner.waitFor('a')
    vi.advanceTimersByTime(1_000)
    expect(store.writes).toHaveLength(3)
    b.release()
    await runner.waitFor('b')
    vi.advanceTimersByTime(5_000)
    expect(store.writes).toHaveLength(3)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('writes the job lifecycle through the store methods', () => {
    const store = fakeStore()
    const runner = new JobRunner({ jobs: store })
    runner.setState('a', 'running', 'live', null, false)
    runner.saveProgress('a', 'checking', 5, 10, counts(10))
    runner.saveCounts('a', counts(10), 10, 10)
    runner.finish('a', 'failed', null, 'It broke.')
    expect(store.writes).toEqual([
      'state a running live',
      'progress a checking 5/10',
      'counts a 10/10',
      'finish a failed It broke.'
    ])
  })
})
