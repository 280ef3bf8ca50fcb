// Progress of a foreground run on stderr (stdout stays clean for --json and pipes).
import { SingleBar } from 'cli-progress'
import type { JobProgress } from '@contract/types'
import { duration, spent } from './format'

let cursorGuarded = false

/**
 * cli-progress hides the cursor while a bar runs; whatever way the process ends (a second Ctrl-C, an error, an
 * exit from anywhere), the cursor is shown again.
 */
function guardCursor(): void {
  if (cursorGuarded || process.stderr.isTTY !== true) return
  cursorGuarded = true
  process.on('exit', () => {
    try {
      process.stderr.write('\x1b[?25h')
    } catch {
      // The terminal is gone.
    }
  })
}

/** A progress bar on stderr (stdout stays clean for --json and pipes). */
export function terminalBar(format: string): SingleBar {
  guardCursor()
  return new SingleBar({
    format,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    barCompleteChar: '█',
    barIncompleteChar: '░'
  })
}

export function liveProgress(enabled: boolean): { update(p: JobProgress): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined }
  const bar = terminalBar(
    ' Paid check [{bar}] {value}/{total} | {rate}/s | ETA {left} | spent {spend} | {errors} errors'
  )
  let started = false
  let stopped = false
  return {
    update(p) {
      if (stopped) return
      const payload = {
        rate: p.ratePerSecond,
        left: duration(p.etaSeconds),
        spend: spent(p.live?.spend ?? []),
        errors: p.live?.errors ?? 0
      }
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, payload)
        started = true
      }
      bar.setTotal(Math.max(p.total, 1))
      bar.update(p.done, payload)
    },
    stop() {
      if (started && !stopped) bar.stop()
      stopped = true
    }
  }
}

export function offlineProgress(enabled: boolean): { update(p: JobProgress): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined }
  const bar = terminalBar(' {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s')
  let started = false
  return {
    update(p) {
      const payload = { phase: p.phase === 'importing' ? 'Importing' : 'Checking ', rate: p.ratePerSecond }
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, payload)
        started = true
      }
      bar.setTotal(Math.max(p.total, 1))
      bar.update(p.done, payload)
    },
    stop() {
      if (started) bar.stop()
    }
  }
}
