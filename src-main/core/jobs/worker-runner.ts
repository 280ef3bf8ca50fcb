import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { CellValue } from '../domain'
import type { ListProfile } from '../phone'
import type { CheckRequest, JobsWorkerData, JobsWorkerMessage, JobsWorkerTask } from './jobs-worker-protocol'
import type { CheckedRow, RowCheckSettings } from './row-check'
import { ServiceError } from './service-error'
import { askToStop } from '../worker-stop'

export interface WorkerEntry {
  path: string
  execArgv?: string[]
}

export interface JobsWorkerOptions {
  script: WorkerEntry
  databaseFile: string
  nativeBinding?: string
  /** Workers of the offline check; default: from the machine's cores (see checkPoolSize). */
  checkWorkers?: number
  /** Check workers started ahead of a job (CheckWorkerReserve); a pool takes them before starting its own. */
  reserve?: CheckWorkerReserve
}

export interface RunningWorker<T> {
  result: Promise<T>
  /** Sends the worker a message (an export's cancel). */
  post(message: unknown): void
  terminate(): void
  /** Resolves once the thread has exited. */
  exited: Promise<void>
}

/** More workers than this only add SQLite readers and memory: the main thread's writes set the pace by then. */
const MAX_CHECK_WORKERS = 8

/**
 * One check worker per core but one, which the main thread's writes of the checked pages keep busy (measured on
 * a 2-core machine: a second worker there costs the store its core and ends the check later); at least one, so
 * a 1- or 2-core machine runs a pool of one, and at most MAX_CHECK_WORKERS.
 */
export function checkPoolSize(cores: number = availableParallelism()): number {
  return Math.min(MAX_CHECK_WORKERS, Math.max(1, (Math.floor(cores) || 1) - 1))
}

/**
 * RINGTRUE_CHECK_WORKERS: how many check workers to run instead of checkPoolSize's choice (a shared machine, a
 * measurement). Anything but a whole number from 1 is ignored.
 */
export function checkWorkersFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = env.RINGTRUE_CHECK_WORKERS?.trim()
  if (!value || !/^\d+$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 ? Math.min(n, MAX_CHECK_WORKERS) : undefined
}

/** How many check workers a pool of these options runs. */
export function checkWorkerCount(options: Pick<JobsWorkerOptions, 'checkWorkers'>): number {
  return options.checkWorkers ?? checkPoolSize()
}

/** Ends a check worker between two pages (see worker-stop.ts). */
function stopCheckWorker(worker: Worker): void {
  askToStop(worker, { type: 'stop' } satisfies CheckRequest)
}

let liveWorkers = 0
let startedWorkers = 0

/** Jobs worker threads started and not yet exited, in this process (tests prove none is left behind). */
export function liveJobsWorkers(): number {
  return liveWorkers
}

/** Jobs worker threads started so far in this process (tests prove a pool took the reserve's). */
export function startedJobsWorkers(): number {
  return startedWorkers
}

interface SpawnedWorker {
  worker: Worker
  exited: Promise<void>
}

function spawn(options: JobsWorkerOptions, task: JobsWorkerTask): SpawnedWorker {
  const data: JobsWorkerData = {
    ...task,
    databaseFile: options.databaseFile,
    nativeBinding: options.nativeBinding
  }
  const worker = new Worker(options.script.path, { execArgv: options.script.execArgv, workerData: data })
  liveWorkers++
  startedWorkers++
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      liveWorkers--
      resolve()
    })
  )
  return { worker, exited }
}

/** Starts one task in the jobs worker; messages other than done/error go to onMessage. */
export function startJobsWorker<T>(
  options: JobsWorkerOptions,
  task: JobsWorkerTask,
  onMessage: (message: JobsWorkerMessage) => void | Promise<void>
): RunningWorker<T> {
  const { worker, exited } = spawn(options, task)
  const result = new Promise<T>((resolve, reject) => {
    let settled = false
    const settle = (fn: () => void): void => {
      if (settled) return
      settled = true
      fn()
    }
    worker.on('message', (message: JobsWorkerMessage) => {
      if (message.type === 'done') settle(() => resolve(message.result as T))
      else if (message.type === 'error')
        settle(() => reject(new ServiceError(message.code, message.message, message.params)))
      else {
        Promise.resolve(onMessage(message)).catch((error: unknown) => {
          settle(() => reject(error))
          void worker.terminate()
        })
      }
    })
    worker.on('error', (error) =>
      settle(() =>
        reject(
          new ServiceError('worker_failed', `A background task failed: ${error.message}`, {
            variant: 'failed',
            detail: error.message
          })
        )
      )
    )
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          new ServiceError('worker_failed', `A background task stopped unexpectedly (exit ${code}).`, {
            variant: 'exit',
            exitCode: code
          })
        )
      )
    )
  })
  return {
    result,
    post: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
    exited
  }
}

export interface CheckPoolTask {
  importId: string
  settings: RowCheckSettings
  /** At most this many stored rows per page: page k holds the rows first + k·pageRows up to the next page. */
  pageRows: number
  /**
   * The first and last stored row index; null when the import stored no rows; 'growing' while the import still
   * stores them (the caller reports them with CheckPool.stored and ends with CheckPool.importDone).
   */
  span: { first: number; last: number } | null | 'growing'
  /** Rows to read the profile from instead of a sample of the stored rows (the import's own sample). */
  sample?: CellValue[][]
  /** The profile the pool read (not called when settings.profile was given). */
  onProfile?: (profile: ListProfile) => void
}

export interface CheckPool {
  /** Resolves when every page is stored and every worker has exited; rejects once, after all have exited. */
  result: Promise<void>
  /** Stops every worker (cancel, interrupt); the result rejects with 'cancelled'. */
  terminate(): void
  /** Pages handed to a worker and not yet stored: never more than workers + 1. */
  outstanding(): number
  /**
   * A growing span: the rows through row index `through` are stored, the first of them at `first` (null while
   * none is).
   */
  stored(first: number | null, through: number): void
  /** A growing span is whole: its first and last stored row, or null when the import stored none. */
  importDone(span: { first: number; last: number } | null): void
}

/** An unused reserve is given up after this long (the user previewed a list and went elsewhere). */
const RESERVE_IDLE_MS = 60_000

/**
 * Check workers started before their job: a thread takes a few hundred milliseconds to load the phone metadata
 * and its code, so the CLI and the window start them while the list is previewed and read, and the check's
 * profile begins the moment the import hands over its sample. Waiting workers do not keep the process alive.
 */
export class CheckWorkerReserve {
  private idle: (SpawnedWorker & { drop: () => void })[] = []
  private timer: NodeJS.Timeout | null = null
  private closed = false

  constructor(private readonly options: JobsWorkerOptions) {}

  /** Starts workers until `count` wait (default: the pool's size). */
  fill(count: number = checkWorkerCount(this.options)): void {
    if (this.closed) return
    while (this.idle.length < count) {
      const { worker, exited } = spawn(this.options, { task: 'check' })
      worker.unref()
      // A waiting worker that fails (its store vanished) leaves the reserve; the pool then starts its own,
      // which reports the failure to the job.
      const drop = (): void => {
        this.idle = this.idle.filter((w) => w.worker !== worker)
      }
      worker.on('error', drop)
      worker.on('exit', drop)
      this.idle.push({ worker, exited, drop })
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.drain(), RESERVE_IDLE_MS)
    this.timer.unref()
  }

  /** A waiting worker, now the caller's (its listeners removed, holding the process alive again). */
  take(): SpawnedWorker | undefined {
    const waiting = this.idle.shift()
    if (!waiting) return undefined
    const { worker, exited, drop } = waiting
    worker.off('error', drop)
    worker.off('exit', drop)
    worker.ref()
    return { worker, exited }
  }

  /** Ends every waiting worker. */
  drain(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const idle = this.idle
    this.idle = []
    for (const { worker } of idle) stopCheckWorker(worker)
  }

  /** Ends the waiting workers and starts no more (the services close). */
  close(): void {
    this.closed = true
    this.drain()
  }
}

interface PoolWorker {
  worker: Worker
  exited: Promise<void>
  /** The page it is checking, or null when idle. */
  page: number | null
  ready: boolean
}

/**
 * The offline check on a pool of jobs workers. One worker reads the list's profile (a sample of its rows) once;
 * every worker then takes the next unassigned page, reads those rows from the store and checks them. Pages reach
 * `onPage` strictly in order, one at a time, so the caller stores them exactly as a single worker would have: the
 * first row holding a number decides its stored record and ids are given in row order, whatever worker finished
 * first. At most workers + 1 pages are out (being checked or waiting for their turn), so memory stays bounded
 * however far the fast workers get ahead of a slow one.
 */
export function startCheckPool(
  options: JobsWorkerOptions,
  task: CheckPoolTask,
  onPage: (rows: CheckedRow[]) => void | Promise<void>
): CheckPool {
  const workers = checkWorkerCount(options)
  // Known once the span is: how many pages there are, and where they start.
  let pages: number | null = null
  let first: number | null = null
  // Growing: the last stored row index so far.
  let through = -1
  const settle = (span: { first: number; last: number } | null): void => {
    first = span?.first ?? null
    pages = span ? Math.ceil((span.last - span.first + 1) / task.pageRows) : 0
  }
  if (task.span !== 'growing') settle(task.span)
  const size = pages === null ? workers : Math.min(pages, workers)
  const pool: PoolWorker[] = []
  const buffered = new Map<number, CheckedRow[]>()
  const maxAhead = size + 1
  let nextPage = 0
  let nextToStore = 0
  let storing = false
  let profile: ListProfile | null | undefined = task.settings.profile
  let failure: unknown = null
  let finishing = false
  let resolveResult!: () => void
  let rejectResult!: (error: unknown) => void
  const result = new Promise<void>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })

  const send = (member: PoolWorker, request: CheckRequest): void => member.worker.postMessage(request)

  /** Stops everything once; the result settles after the last worker exited. */
  const fail = (error: unknown): void => {
    if (finishing) return
    finishing = true
    failure = error
    for (const member of pool) stopCheckWorker(member.worker)
    void Promise.all(pool.map((m) => m.exited)).then(() => rejectResult(failure))
  }

  const finish = (): void => {
    if (finishing) return
    finishing = true
    for (const member of pool) send(member, { type: 'stop' })
    void Promise.all(pool.map((m) => m.exited)).then(() => resolveResult())
  }

  /** Whether page k may be checked: every row it covers is stored. */
  const ready = (k: number): boolean => {
    if (pages !== null) return k < pages
    return first !== null && first + (k + 1) * task.pageRows - 1 <= through
  }

  const dispatch = (): void => {
    if (finishing || profile === undefined || first === null) return
    for (const member of pool) {
      if (!ready(nextPage) || nextPage >= nextToStore + maxAhead) return
      if (member.page !== null || !member.ready) continue
      member.page = nextPage++
      const from = first + member.page * task.pageRows
      send(member, { type: 'page', page: member.page, from, to: from + task.pageRows })
    }
  }

  /** Hands the buffered pages that are next in order to onPage, one at a time. */
  const drain = async (): Promise<void> => {
    if (storing) return
    storing = true
    try {
      for (let rows = buffered.get(nextToStore); rows && !finishing; rows = buffered.get(nextToStore)) {
        buffered.delete(nextToStore)
        await onPage(rows)
        nextToStore++
        dispatch()
      }
    } catch (error) {
      fail(error)
    } finally {
      storing = false
    }
    if (nextToStore === pages) finish()
  }

  const onMessage = (member: PoolWorker, message: JobsWorkerMessage): void => {
    if (finishing) return
    switch (message.type) {
      case 'profile':
        profile = message.profile
        try {
          task.onProfile?.(message.profile)
        } catch (error) {
          fail(error)
          return
        }
        for (const m of pool) {
          send(m, { type: 'setup', profile })
          m.ready = true
        }
        dispatch()
        break
      case 'page':
        member.page = null
        buffered.set(message.page, message.rows)
        dispatch()
        void drain()
        break
      case 'error':
        fail(new ServiceError(message.code, message.message, message.params))
        break
      default:
        break
    }
  }

  const outstanding = (): number => nextPage - nextToStore
  const stored = (firstRow: number | null, lastRow: number): void => {
    if (pages !== null || finishing) return
    first ??= firstRow
    through = Math.max(through, lastRow)
    dispatch()
  }
  const importDone = (span: { first: number; last: number } | null): void => {
    if (pages !== null || finishing) return
    settle(span)
    // Every page may be stored already (the last one ended exactly at the import's last row).
    if (nextToStore >= (pages ?? 0) && !storing) finish()
    else dispatch()
  }
  if (pages === 0) {
    resolveResult()
    return { result, terminate: () => undefined, outstanding, stored, importDone }
  }
  for (let i = 0; i < size; i++) {
    const { worker, exited } = options.reserve?.take() ?? spawn(options, { task: 'check' })
    worker.postMessage({
      type: 'init',
      importId: task.importId,
      settings: task.settings
    } satisfies CheckRequest)
    const member: PoolWorker = { worker, exited, page: null, ready: false }
    pool.push(member)
    worker.on('message', (message: JobsWorkerMessage) => onMessage(member, message))
    worker.on('error', (error) =>
      fail(
        new ServiceError('worker_failed', `A background task failed: ${error.message}`, {
          variant: 'failed',
          detail: error.message
        })
      )
    )
    worker.on('exit', (code) =>
      fail(
        new ServiceError('worker_failed', `A background task stopped unexpectedly (exit ${code}).`, {
          variant: 'exit',
          exitCode: code
        })
      )
    )
  }
  // Workers this pool did not need are not kept waiting for a job that may never come.
  options.reserve?.drain()
  if (profile === undefined) send(pool[0], { type: 'profile', rows: task.sample })
  else {
    for (const member of pool) {
      send(member, { type: 'setup', profile })
      member.ready = true
    }
    dispatch()
  }
  return {
    result,
    terminate: () => fail(new ServiceError('cancelled', 'Cancelled by the user.', { variant: 'user' })),
    outstanding,
    stored,
    importDone
  }
}
