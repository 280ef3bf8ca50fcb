import { setImmediate as nextTurn } from 'node:timers/promises'

export const PROGRESS_EVERY = 5000

/** Counts written rows across all parts of one export and reports them every PROGRESS_EVERY rows. */
export class Progress {
  rows = 0
  private reported = 0

  constructor(
    private readonly onProgress: ((rowsWritten: number) => void) | undefined,
    private readonly signal: AbortSignal | undefined
  ) {}

  /** Counts one row; true when the caller should await `checkpoint()` (kept synchronous for the hot loop). */
  count(): boolean {
    return ++this.rows % PROGRESS_EVERY === 0
  }

  /**
   * The row source is synchronous, so without yielding here a cancel request (an IPC message, a timer) could not
   * even be delivered until the whole export was built.
   */
  async checkpoint(): Promise<void> {
    this.report()
    await nextTurn()
    this.checkAbort()
  }

  checkAbort(): void {
    this.signal?.throwIfAborted()
  }

  finish(): void {
    if (this.rows !== this.reported || this.rows === 0) this.report()
  }

  private report(): void {
    this.reported = this.rows
    this.onProgress?.(this.rows)
  }
}
