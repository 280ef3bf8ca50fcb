// An export that follows the offline check: the writer (the main thread, storing checked pages) tells a reader in
// a worker thread that more rows were committed, that it is done, or that it failed. Shared memory and Atomics,
// because the export writers pull rows synchronously from a generator; the worker blocks only while it waits.
import type { RowsFollow } from '../store/results-repo'
import { ServiceError } from './service-error'

const STATE = 0
const WRITES = 1
/** 1 while the reader sleeps in Atomics.wait: the writer wakes it only then. */
const SLEEPING = 2
const WRITING = 0
const DONE = 1
const FAILED = 2
/** A wait wakes up this often, so a worker asked to stop (terminate) is never stuck in it for long. */
const WAIT_SLICE_MS = 250

/** The writer's side: one per followed job, in the thread that commits the rows. */
export class FollowSignal {
  readonly buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)
  private readonly view = new Int32Array(this.buffer)

  /** Rows were committed. */
  wrote(): void {
    Atomics.add(this.view, WRITES, 1)
    // Sequentially consistent: either the reader sees the new count before it sleeps, or this sees it asleep.
    if (Atomics.load(this.view, SLEEPING) === 1) Atomics.notify(this.view, WRITES)
  }

  /** Every row is committed. */
  finish(): void {
    this.end(DONE)
  }

  /** The writer stopped before writing every row: the reader must not present what it has as whole. */
  fail(): void {
    this.end(FAILED)
  }

  private end(state: number): void {
    Atomics.compareExchange(this.view, STATE, WRITING, state)
    Atomics.add(this.view, WRITES, 1)
    Atomics.notify(this.view, WRITES)
  }
}

/** The reader's side, in the worker that writes the export. */
export function followReader(buffer: SharedArrayBuffer): RowsFollow {
  const view = new Int32Array(buffer)
  return {
    mark: () => Atomics.load(view, WRITES),
    waitPast(mark: number): boolean {
      for (;;) {
        const state = Atomics.load(view, STATE)
        if (state === FAILED) {
          throw new ServiceError(
            'job_failed',
            'The check stopped before it finished, so nothing was exported.',
            { variant: 'stopped' }
          )
        }
        if (state === DONE) return false
        Atomics.store(view, SLEEPING, 1)
        if (Atomics.load(view, WRITES) !== mark) {
          Atomics.store(view, SLEEPING, 0)
          return true
        }
        Atomics.wait(view, WRITES, mark, WAIT_SLICE_MS)
        Atomics.store(view, SLEEPING, 0)
      }
    }
  }
}
