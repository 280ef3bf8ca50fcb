import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ImportPreview } from '@contract/types'
import { ImportError, importError, isImportErrorCode } from './errors'
import { resolveLimits, watchdogMs, type ImportLimits } from './limits'
import type { PreviewOptions } from './preview'
import type { ReadOptions, ReadResult } from './read-table'
import type { WorkerMessage, WorkerRequest } from './worker-protocol'

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

interface RunHandlers {
  signal?: AbortSignal
  onBatch?: ReadOptions['onBatch']
  onProgress?: ReadOptions['onProgress']
  onTotal?: ReadOptions['onTotal']
}

function runWorker(
  script: WorkerScript,
  request: WorkerRequest,
  limits: ImportLimits,
  handlers: RunHandlers
): Promise<WorkerMessage & { type: 'preview' | 'read' }> {
  const { filePath } = request
  return new Promise((resolvePromise, reject) => {
    if (handlers.signal?.aborted) {
      reject(importError('cancelled', filePath))
      return
    }
    let settled = false
    let watchdog: NodeJS.Timeout | null = null
    const worker = new Worker(script.path, {
      execArgv: script.execArgv,
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb },
      stdout: false,
      stderr: false
    })
    const clearWatchdog = () => {
      if (watchdog) clearTimeout(watchdog)
      watchdog = null
    }
    const finish = (error: Error | null, value?: WorkerMessage & { type: 'preview' | 'read' }) => {
      if (settled) return
      settled = true
      clearWatchdog()
      handlers.signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (error) reject(error)
      else resolvePromise(value!)
    }
    const onAbort = () => finish(importError('cancelled', filePath))
    handlers.signal?.addEventListener('abort', onAbort, { once: true })

    // Batches are handled one at a time, in order; the worker keeps at most two unacknowledged.
    let queue: Promise<void> = Promise.resolve()
    worker.on('message', (message: WorkerMessage) => {
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
          queue = queue.then(async () => {
            if (settled) return
            try {
              await handlers.onBatch?.(message.rows, message.firstRowIndex)
              if (!settled) worker.postMessage({ type: 'ack' })
            } catch (e) {
              finish(e instanceof Error ? e : new Error(String(e)))
            }
          })
          break
        case 'total':
          // Sent before the first batch, so it reaches the caller before any batch does.
          handlers.onTotal?.({ rows: message.rows, exact: message.exact })
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
            ? new ImportError(message.code, message.message)
            : Object.assign(new Error(message.message), { stack: message.stack })
          finish(error)
          break
        }
      }
    })
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(
          importError('too_large', filePath, {
            reason: `reading it needs more than the ${limits.workerHeapMb} MB of memory Ringtrue allows for one file; save it as CSV or split it`
          })
        )
      } else finish(e)
    })
    worker.on('exit', (code) => {
      // The worker's last messages ('read' after its batches) may still wait in the queue behind a slow batch:
      // only when they have run does an exit mean the worker stopped early.
      queue = queue.then(() => {
        if (!settled)
          finish(
            new Error(`The import worker stopped unexpectedly (exit code ${code}) while reading ${filePath}`)
          )
      })
    })
  })
}

/** previewFile in a worker thread, with the parse watchdog and the memory limit. */
export async function previewFileInWorker(
  script: WorkerScript,
  filePath: string,
  options: PreviewOptions & { signal?: AbortSignal } = {}
): Promise<ImportPreview> {
  const { signal, limits: overrides, ...rest } = options
  const limits = resolveLimits(overrides)
  const message = await runWorker(script, { type: 'preview', filePath, options: rest, limits }, limits, {
    signal
  })
  if (message.type !== 'preview') throw new Error('unexpected worker reply')
  return message.preview
}

/** readTable in a worker thread; each batch is acknowledged after onBatch resolves, so memory stays bounded. */
export async function readTableInWorker(
  script: WorkerScript,
  filePath: string,
  options: ReadOptions
): Promise<ReadResult> {
  const limits = resolveLimits(options.limits)
  const request: WorkerRequest = {
    type: 'read',
    filePath,
    options: { sheet: options.sheet, headerRow: options.headerRow, batchSize: options.batchSize },
    limits
  }
  const message = await runWorker(script, request, limits, {
    signal: options.signal,
    onBatch: options.onBatch,
    onProgress: options.onProgress,
    onTotal: options.onTotal
  })
  if (message.type !== 'read') throw new Error('unexpected worker reply')
  return { headers: message.headers, rowCount: message.rowCount, blankRows: message.blankRows }
}
