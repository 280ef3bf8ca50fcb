import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ImportError, importError, isImportErrorCode } from './errors'
import { resolveLimits, watchdogMs, type ImportLimits } from './limits'
import type { PreviewOptions, PreviewWithRows } from './preview'
import type { ReadOptions, ReadResult } from './read-table'
import type { EncodedBatch } from '../store/source-blocks'
import type { ParentMessage, WorkerMessage, WorkerRequest } from './worker-protocol'
import { askToStop } from '../worker-stop'

/** The worker entry: the built out/main/import-worker.js in the app, worker.ts through tsx in tests. */
export interface WorkerScript {
  path: string
  execArgv?: string[]
  /** Observes each read of a file from its start (tests count them to prove a job reads its file once). */
  onFileRead?: (filePath: string) => void
}

/**
 * The TypeScript worker entry for tests and scripts. Node 20 does not apply `--import tsx` inside worker threads,
 * so the CommonJS hook is used: it compiles worker.ts and everything it imports.
 */
export function sourceWorkerScriptForTests(): WorkerScript {
  return { path: resolve(__dirname, 'worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] }
}

/** A read through ImportSession: rows as read (onBatch), or in their stored form (onBlocks). */
export type SessionReadOptions = Omit<ReadOptions, 'onBatch'> & {
  onBatch?: ReadOptions['onBatch']
  onBlocks?: (batch: EncodedBatch) => void | Promise<void>
}

interface RunHandlers {
  signal?: AbortSignal
  onBatch?: ReadOptions['onBatch']
  onBlocks?: SessionReadOptions['onBlocks']
  onProgress?: ReadOptions['onProgress']
  onTotal?: ReadOptions['onTotal']
  onSample?: ReadOptions['onSample']
}

/** A worker thread that may answer several requests in turn (see ImportSession). */
function spawn(script: WorkerScript, limits: ImportLimits): Worker {
  const worker = new Worker(script.path, {
    execArgv: script.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb },
    stdout: false,
    stderr: false
  })
  // An idle worker that fails has nobody to tell; without a listener its 'error' would throw in this thread.
  worker.on('error', () => {})
  return worker
}

type Reply = WorkerMessage & { type: 'preview' | 'read' }

/** Ends an import worker between two steps of its read (see worker-stop.ts). */
export function stopWorker(worker: Worker): void {
  askToStop(worker, { type: 'exit' } satisfies ParentMessage)
}

/**
 * Runs one request on `worker`. On any failure, cancellation or timeout the worker is terminated (which also
 * frees whatever it kept); on success it is terminated too unless `keep` is set, and then left to the caller.
 */
function runOn(
  worker: Worker,
  script: WorkerScript,
  request: WorkerRequest,
  limits: ImportLimits,
  handlers: RunHandlers,
  keep = false
): Promise<Reply> {
  const { filePath } = request
  return new Promise((resolvePromise, reject) => {
    if (handlers.signal?.aborted) {
      stopWorker(worker)
      reject(importError('cancelled', filePath))
      return
    }
    let settled = false
    let watchdog: NodeJS.Timeout | null = null
    const clearWatchdog = () => {
      if (watchdog) clearTimeout(watchdog)
      watchdog = null
    }
    const finish = (error: Error | null, value?: Reply) => {
      if (settled) return
      settled = true
      clearWatchdog()
      handlers.signal?.removeEventListener('abort', onAbort)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      if (error || !keep) stopWorker(worker)
      if (error) reject(error)
      else resolvePromise(value!)
    }
    const onAbort = () => finish(importError('cancelled', filePath))
    handlers.signal?.addEventListener('abort', onAbort, { once: true })

    // Batches are handled one at a time, in order; the worker keeps at most two unacknowledged.
    let queue: Promise<void> = Promise.resolve()
    /** Hands one batch to the caller after the ones before it, then acknowledges it to the worker. */
    const inOrder = (handle: () => void | Promise<void>): void => {
      queue = queue.then(async () => {
        if (settled) return
        try {
          await handle()
          if (!settled) worker.postMessage({ type: 'ack' } satisfies ParentMessage)
        } catch (e) {
          finish(e instanceof Error ? e : new Error(String(e)))
        }
      })
    }
    const onMessage = (message: WorkerMessage) => {
      if (settled) return
      switch (message.type) {
        case 'parse-start': {
          clearWatchdog()
          const ms = watchdogMs(limits, message.bytes)
          watchdog = setTimeout(
            () => finish(importError('timeout', filePath, { seconds: Math.max(1, Math.round(ms / 1000)) })),
            ms
          )
          break
        }
        case 'parse-end':
          clearWatchdog()
          break
        case 'file-read':
          script.onFileRead?.(filePath)
          break
        case 'batch':
          inOrder(() => handlers.onBatch?.(message.rows, message.firstRowIndex))
          break
        case 'total':
          // Sent before the first batch, so it reaches the caller before any batch does.
          handlers.onTotal?.({ rows: message.rows, exact: message.exact })
          break
        case 'blocks':
          inOrder(() => handlers.onBlocks?.(message.batch))
          break
        case 'sample':
          // Sent before the first batch, like the total.
          void handlers.onSample?.(message.rows)
          break
        case 'progress':
          // Only refines the row estimate, so it may overtake a queued batch.
          handlers.onProgress?.({ rowsRead: message.rowsRead, fraction: message.fraction })
          break
        case 'preview':
        case 'read':
          queue = queue.then(() => finish(null, message))
          break
        case 'error': {
          const error = isImportErrorCode(message.code)
            ? new ImportError(message.code, message.message, message.params)
            : Object.assign(new Error(message.message), { stack: message.stack })
          finish(error)
          break
        }
      }
    }
    const onError = (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(
          importError('too_large', filePath, {
            reason: `reading it needs more than the ${limits.workerHeapMb} MB of memory Ringtrue allows for one file; save it as CSV or split it`
          })
        )
      } else finish(e)
    }
    const onExit = (code: number) => {
      // The worker's last messages ('read' after its batches) may still wait in the queue behind a slow batch:
      // only when they have run does an exit mean the worker stopped early.
      queue = queue.then(() => {
        if (!settled)
          finish(
            new Error(`The import worker stopped unexpectedly (exit code ${code}) while reading ${filePath}`)
          )
      })
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage({ type: 'run', request } satisfies ParentMessage)
  })
}

function previewRequest(
  filePath: string,
  options: PreviewOptions & { signal?: AbortSignal }
): { request: WorkerRequest; limits: ImportLimits; signal?: AbortSignal } {
  const { signal, limits: overrides, ...rest } = options
  const limits = resolveLimits(overrides)
  return { request: { type: 'preview', filePath, options: rest, limits }, limits, signal }
}

function readRequest(
  filePath: string,
  options: SessionReadOptions
): { request: WorkerRequest; limits: ImportLimits } {
  const limits = resolveLimits(options.limits)
  const request: WorkerRequest = {
    type: 'read',
    filePath,
    options: {
      sheet: options.sheet,
      headerRow: options.headerRow,
      batchSize: options.batchSize,
      sample: options.onSample !== undefined,
      encode: options.onBlocks !== undefined
    },
    limits
  }
  return { request, limits }
}

function readHandlers(options: SessionReadOptions): RunHandlers {
  return {
    signal: options.signal,
    onBatch: options.onBatch,
    onBlocks: options.onBlocks,
    onProgress: options.onProgress,
    onTotal: options.onTotal,
    onSample: options.onSample
  }
}

function readResult(message: Reply): ReadResult {
  if (message.type !== 'read') throw new Error('unexpected worker reply')
  return { headers: message.headers, rowCount: message.rowCount, blankRows: message.blankRows }
}

function previewResult(message: Reply): PreviewWithRows {
  if (message.type !== 'preview') throw new Error('unexpected worker reply')
  return message.preview
}

/** previewFile in a worker thread of its own, with the parse watchdog and the memory limit. */
export async function previewFileInWorker(
  script: WorkerScript,
  filePath: string,
  options: PreviewOptions & { signal?: AbortSignal } = {}
): Promise<PreviewWithRows> {
  const { request, limits, signal } = previewRequest(filePath, options)
  return previewResult(await runOn(spawn(script, limits), script, request, limits, { signal }))
}

/** readTable in a worker thread; each batch is acknowledged after onBatch resolves, so memory stays bounded. */
export async function readTableInWorker(
  script: WorkerScript,
  filePath: string,
  options: ReadOptions
): Promise<ReadResult> {
  const { request, limits } = readRequest(filePath, options)
  return readResult(await runOn(spawn(script, limits), script, request, limits, readHandlers(options)))
}

/** How long a worker keeps an unused preview's parse for the import that usually follows it. */
const KEEP_MS = 3 * 60_000

/**
 * Preview and read through one worker, so a job parses its file once: after a preview the worker stays alive
 * with that file's parse (one file at most), and a read of the same unchanged file starts from it. The worker
 * is let go after the read, when the next request needs a fresh one, after KEEP_MS unused, or on release().
 * Requests that arrive while it is busy get a worker of their own, as before.
 */
export class ImportSession {
  private idle: { worker: Worker; heapMb: number; timer: NodeJS.Timeout } | null = null

  constructor(
    private readonly script: WorkerScript,
    private readonly keepMs = KEEP_MS
  ) {}

  async preview(
    filePath: string,
    options: PreviewOptions & { signal?: AbortSignal } = {}
  ): Promise<PreviewWithRows> {
    const { request, limits, signal } = previewRequest(filePath, options)
    const worker = this.take(limits)
    const message = await runOn(worker, this.script, request, limits, { signal }, true)
    this.keep(worker, limits)
    return previewResult(message)
  }

  async read(filePath: string, options: SessionReadOptions): Promise<ReadResult> {
    const { request, limits } = readRequest(filePath, options)
    const worker = this.take(limits)
    return readResult(await runOn(worker, this.script, request, limits, readHandlers(options)))
  }

  /** Ends the idle worker and the parse it keeps. */
  release(): void {
    const idle = this.idle
    this.idle = null
    if (!idle) return
    clearTimeout(idle.timer)
    stopWorker(idle.worker)
  }

  /** The idle worker (it checks itself whether what it keeps still matches the file), or a new one. */
  private take(limits: ImportLimits): Worker {
    const idle = this.idle
    if (idle && idle.heapMb === limits.workerHeapMb) {
      this.idle = null
      clearTimeout(idle.timer)
      idle.worker.ref()
      return idle.worker
    }
    this.release()
    const worker = spawn(this.script, limits)
    // A kept worker that dies (it should not) is forgotten, so no request is ever sent to a dead thread.
    worker.once('exit', () => {
      if (this.idle?.worker !== worker) return
      clearTimeout(this.idle.timer)
      this.idle = null
    })
    return worker
  }

  private keep(worker: Worker, limits: ImportLimits): void {
    // The previous idle worker holds an older preview: only the newest is kept.
    if (this.idle?.worker !== worker) this.release()
    // An idle worker never keeps the process alive (the CLI exits when its command is done).
    worker.unref()
    const timer = setTimeout(() => {
      if (this.idle?.worker === worker) this.release()
    }, this.keepMs)
    timer.unref()
    this.idle = { worker, heapMb: limits.workerHeapMb, timer }
  }
}
