import { Worker } from 'node:worker_threads'
import type { JobsWorkerData, JobsWorkerMessage, JobsWorkerTask } from './jobs-worker'
import { ServiceError } from './service-error'

export interface WorkerEntry {
  path: string
  execArgv?: string[]
}

export interface JobsWorkerOptions {
  script: WorkerEntry
  databaseFile: string
  nativeBinding?: string
}

export interface RunningWorker<T> {
  result: Promise<T>
  /** Tells the worker the last page was stored (check task). */
  ack(): void
  terminate(): void
}

/** Starts one task in the jobs worker; messages other than done/error go to onMessage. */
export function startJobsWorker<T>(
  options: JobsWorkerOptions,
  task: JobsWorkerTask,
  onMessage: (message: JobsWorkerMessage) => void | Promise<void>
): RunningWorker<T> {
  const data: JobsWorkerData = {
    ...task,
    databaseFile: options.databaseFile,
    nativeBinding: options.nativeBinding
  }
  const worker = new Worker(options.script.path, { execArgv: options.script.execArgv, workerData: data })
  const result = new Promise<T>((resolve, reject) => {
    let settled = false
    const settle = (fn: () => void): void => {
      if (settled) return
      settled = true
      fn()
    }
    worker.on('message', (message: JobsWorkerMessage) => {
      if (message.type === 'done') settle(() => resolve(message.result as T))
      else if (message.type === 'error') settle(() => reject(new ServiceError(message.code, message.message)))
      else {
        Promise.resolve(onMessage(message)).catch((error: unknown) => {
          settle(() => reject(error))
          void worker.terminate()
        })
      }
    })
    worker.on('error', (error) =>
      settle(() => reject(new ServiceError('worker_failed', `A background task failed: ${error.message}`)))
    )
    worker.on('exit', (code) =>
      settle(() =>
        reject(new ServiceError('worker_failed', `A background task stopped unexpectedly (exit ${code}).`))
      )
    )
  })
  return {
    result,
    ack: () => worker.postMessage('ack'),
    terminate: () => void worker.terminate()
  }
}
