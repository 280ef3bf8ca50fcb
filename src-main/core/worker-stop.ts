// Ending a worker thread safely. Terminating a thread while it is inside a zlib call (the import worker deflates
// the blocks it sends, check workers inflate them) can abort the whole process (Node 20: "close before init"),
// so a worker is asked first and ends between two steps of its work; terminate() is only the fallback.
import type { Worker } from 'node:worker_threads'

/** A thread that has not ended this long after being asked to is terminated. */
const STOP_GRACE_MS = 2000

/** Posts `request` (the worker's own "please end" message) and terminates the thread if it has not ended soon. */
export function askToStop(worker: Worker, request: unknown): void {
  worker.postMessage(request)
  const fallback = setTimeout(() => void worker.terminate(), STOP_GRACE_MS)
  fallback.unref()
  worker.once('exit', () => clearTimeout(fallback))
}
