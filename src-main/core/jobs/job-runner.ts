// The life of a job in this process, for every phase it runs (import and offline check, paid check, export): which job
// runs what, how to stop it, its throttled progress, the heartbeat that tells other processes it is alive, and
// every write of the job's lifecycle columns (status, phase, progress, counts). JobService and LiveService run
// their phases through it, so neither keeps its own running map, reporter or heartbeat.
import type { JobCounts, JobPhase, JobProgress, JobStatus } from '../domain'
import type { JobsRepo } from '../store/jobs-repo'
import { ServiceError } from './service-error'

/** What a job is running: its import and offline check ('offline'), its paid check ('live'), or an export. */
export type RunPhase = 'offline' | 'live' | 'export'

/** Why a run is asked to stop: the user cancels or pauses it, or the process interrupts it (Ctrl-C, quit). */
export type StopReason = 'cancel' | 'pause' | 'interrupt'

/** The writes of a job's lifecycle columns (jobs-repo.ts); only the runner calls them. */
export type JobLifecycleWriter = Pick<
  JobsRepo,
  'updateProgress' | 'finish' | 'heartbeat' | 'setState' | 'saveCounts'
>

export interface JobRunnerOptions {
  jobs: JobLifecycleWriter
  /** Milliseconds; injectable so the throttle can be tested without waiting. */
  now?: () => number
  /** At most one running progress event per job in this many ms. */
  progressIntervalMs?: number
  /** How often this process says it still runs its jobs. */
  heartbeatMs?: number
}

export interface RunHandle {
  readonly jobId: string
  readonly phase: RunPhase
  /** Aborts with the StopReason when the run is asked to stop. */
  readonly signal: AbortSignal
  readonly progress: ProgressReporter
}

export interface StartOptions {
  /** Called (after the signal aborts) when the run is asked to stop, for runs that stop their own way. */
  onStop?(reason: StopReason): void
}

type ProgressListener = (progress: JobProgress) => void

interface Running {
  phase: RunPhase
  controller: AbortController
  onStop?: (reason: StopReason) => void
  finished: Promise<void>
}

const PROGRESS_INTERVAL_MS = 100
const HEARTBEAT_MS = 10_000

export class JobRunner {
  private readonly running = new Map<string, Running>()
  private readonly listeners = new Set<ProgressListener>()
  private heartbeat: NodeJS.Timeout | null = null
  private readonly jobs: JobLifecycleWriter
  private readonly now: () => number
  private readonly progressIntervalMs: number
  private readonly heartbeatMs: number

  constructor(options: JobRunnerOptions) {
    this.jobs = options.jobs
    // Looked up at each call, so a test that mocks Date.now is heard.
    this.now = options.now ?? (() => Date.now())
    this.progressIntervalMs = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS
  }

  /**
   * Runs one phase of a job. A job runs one phase at a time: starting another while one runs throws
   * job_running. The job is registered before `work` starts, so a stop asked right away reaches it.
   */
  start(
    jobId: string,
    phase: RunPhase,
    work: (run: RunHandle) => Promise<void>,
    options: StartOptions = {}
  ): Promise<void> {
    const current = this.running.get(jobId)
    if (current) throw runningError(current.phase)
    const controller = new AbortController()
    const handle: RunHandle = {
      jobId,
      phase,
      signal: controller.signal,
      progress: new ProgressReporter(jobId, (p) => this.emit(p), this.now, this.progressIntervalMs)
    }
    const entry: Running = { phase, controller, onStop: options.onStop, finished: Promise.resolve() }
    this.running.set(jobId, entry)
    let work$: Promise<void>
    try {
      // Started at once (not on a later tick): the work's first steps run before start() returns.
      work$ = work(handle)
    } catch (error) {
      work$ = Promise.reject(error)
    }
    entry.finished = work$.finally(() => {
      if (this.running.get(jobId) === entry) this.running.delete(jobId)
    })
    this.beat()
    return entry.finished
  }

  /** Throws job_running when the job runs a phase here (the message names what it is doing). */
  assertIdle(jobId: string, message?: string): void {
    const current = this.running.get(jobId)
    if (current) throw message ? new ServiceError('job_running', message) : runningError(current.phase)
  }

  /** The phase the job runs here, or null. */
  phaseOf(jobId: string): RunPhase | null {
    return this.running.get(jobId)?.phase ?? null
  }

  isRunning(jobId: string, phase?: RunPhase): boolean {
    const current = this.running.get(jobId)
    return current !== undefined && (phase === undefined || current.phase === phase)
  }

  runningJobIds(phase?: RunPhase): string[] {
    return [...this.running].filter(([, r]) => phase === undefined || r.phase === phase).map(([id]) => id)
  }

  /** Asks the job's run to stop; false when it runs nothing here. The run decides what the job becomes. */
  stop(jobId: string, reason: StopReason): boolean {
    const current = this.running.get(jobId)
    if (!current) return false
    current.controller.abort(reason)
    current.onStop?.(reason)
    return true
  }

  /** Resolves when the job's current run ends (at once when it runs nothing). */
  async waitFor(jobId: string): Promise<void> {
    await this.running.get(jobId)?.finished
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Sends a progress event to the listeners; a running one is also saved, so a reopened window shows it. */
  emit(progress: JobProgress): void {
    // Final states are persisted by finish()/setState(); running ones here.
    if (progress.status === 'running') {
      this.jobs.updateProgress(progress.jobId, progress.phase, progress.done, progress.total, progress.counts)
    }
    for (const listener of this.listeners) listener(progress)
  }

  // ── the job's lifecycle columns: every write goes through here ──────────────────────────────────────────

  saveProgress(jobId: string, phase: JobPhase, done: number, total: number, counts: JobCounts): void {
    this.jobs.updateProgress(jobId, phase, done, total, counts)
  }

  /** Ends the job's offline phases: status, counts (kept when null) and its message. */
  finish(jobId: string, status: JobStatus, counts: JobCounts | null, error: string | null): void {
    this.jobs.finish(jobId, status, counts, error)
  }

  setState(jobId: string, status: JobStatus, phase: JobPhase, error: string | null, finished: boolean): void {
    this.jobs.setState(jobId, status, phase, error, finished)
  }

  saveCounts(jobId: string, counts: JobCounts, done: number, total: number): void {
    this.jobs.saveCounts(jobId, counts, done, total)
  }

  /** Keeps this process's running jobs visibly alive to other processes while anything runs here. */
  private beat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => {
      if (this.running.size === 0) {
        clearInterval(this.heartbeat ?? undefined)
        this.heartbeat = null
        return
      }
      try {
        this.jobs.heartbeat()
      } catch {
        // The store is closing or failing; the run itself reports that.
      }
    }, this.heartbeatMs)
    this.heartbeat.unref()
  }
}

function runningError(phase: RunPhase): ServiceError {
  const variant = phase === 'offline' ? 'offline' : phase === 'export' ? 'export' : 'already'
  const message =
    phase === 'offline'
      ? 'The job is still importing or checking offline.'
      : phase === 'export'
        ? 'The job is being exported; try again when the export is written.'
        : 'The job is already running.'
  return new ServiceError('job_running', message, { variant })
}

/** The fields of a running job's progress the phase knows; the reporter adds the rest. */
export interface RunningUpdate {
  done: number
  total: number
  counts: JobCounts
  /** Measured by the caller (answers of a paid check), shown to a tenth; else rows per second since the phase began. */
  rate?: number
  live?: JobProgress['live']
  totalEstimated?: boolean
}

/** One job's progress events: running ones at most once per interval (always on a new phase), final ones always. */
export class ProgressReporter {
  private lastEmit = Number.NEGATIVE_INFINITY
  private readonly startedAt: number
  private phaseStartedAt: number
  private phase: JobPhase | null = null

  constructor(
    readonly jobId: string,
    private readonly emit: (progress: JobProgress) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly intervalMs = PROGRESS_INTERVAL_MS
  ) {
    this.startedAt = now()
    this.phaseStartedAt = this.startedAt
  }

  /** `build` runs only when an event goes out, so a skipped update costs nothing. */
  report(phase: JobPhase, build: () => RunningUpdate, force = false): void {
    const now = this.now()
    if (phase !== this.phase) {
      this.phase = phase
      this.phaseStartedAt = now
      force = true
    }
    if (!force && now - this.lastEmit < this.intervalMs) return
    this.lastEmit = now
    this.emit(this.running(phase, build(), now))
  }

  /** The running event for an update, without sending it. */
  running(phase: JobPhase, update: RunningUpdate, now = this.now()): JobProgress {
    const { done, total } = update
    let rate: number
    let shown: number
    if (update.rate !== undefined) {
      rate = update.rate
      shown = Math.round(rate * 10) / 10
    } else {
      const elapsed = (now - this.phaseStartedAt) / 1000
      rate = elapsed > 0 ? done / elapsed : 0
      shown = Math.round(rate)
    }
    return {
      jobId: this.jobId,
      status: 'running',
      phase,
      done,
      total,
      counts: structuredClone(update.counts),
      ratePerSecond: shown,
      etaSeconds: rate > 0 && total > done ? Math.ceil((total - done) / rate) : null,
      message: null,
      live: update.live ?? null,
      ...(update.totalEstimated ? { totalEstimated: true } : {})
    }
  }

  final(
    status: JobStatus,
    phase: JobPhase,
    done: number,
    total: number,
    counts: JobCounts,
    message: string | null,
    live: JobProgress['live'] = null
  ): void {
    const elapsed = (this.now() - this.startedAt) / 1000
    this.emit({
      jobId: this.jobId,
      status,
      phase,
      done,
      total,
      counts,
      ratePerSecond: elapsed > 0 ? Math.round(done / elapsed) : 0,
      etaSeconds: null,
      message,
      live
    })
  }
}
