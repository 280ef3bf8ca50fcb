// Progress of a foreground run on stderr (stdout stays clean for --json and pipes), in the form --progress asks
// for: a bar on a terminal, plain lines for logs, NDJSON events for programs, or nothing.
import { SingleBar } from 'cli-progress'
import type { JobProgress, SpendLine } from '@contract/types'
import { consoleSettings } from './console'
import { duration, spent } from './format'
import { spendJson } from './json'
import { schemaId } from './output'

/** How progress is actually shown once --progress, --quiet, --json and the terminal are weighed. */
export type ProgressOutput = 'bar' | 'plain' | 'json' | 'none'

/** The phases a progress line or event names. */
export type ProgressPhase = 'import' | 'offline' | 'paid'

const DEFAULT_INTERVAL_MS = 5000

/** How often plain lines and json progress events are written: RINGTRUE_PROGRESS_INTERVAL_MS, else 5 s. */
export function progressIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.RINGTRUE_PROGRESS_INTERVAL_MS)
  return env.RINGTRUE_PROGRESS_INTERVAL_MS !== undefined && Number.isFinite(value) && value >= 0
    ? value
    : DEFAULT_INTERVAL_MS
}

/** Escape sequences (the bar, cursor hiding) only on a terminal that is not `dumb`, and never with NO_COLOR. */
export function escapesAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== ''
  return process.stderr.isTTY === true && env.TERM !== 'dumb' && !noColor
}

/**
 * --quiet silences progress. `auto` is the bar on a terminal and plain lines without one, and nothing with --json:
 * a script reading JSON asks for a log by name (--progress plain or json), and its stderr stays clean otherwise
 * (with `--out -` the JSON document itself goes there). A bar where escapes are not allowed becomes plain lines.
 */
export function progressOutput(): ProgressOutput {
  const { quiet, json, progress } = consoleSettings()
  if (quiet || progress === 'none') return 'none'
  if (progress === 'plain' || progress === 'json') return progress
  if (progress === 'auto' && json) return 'none'
  return escapesAllowed() ? 'bar' : 'plain'
}

let cursorGuarded = false

/**
 * cli-progress hides the cursor while a bar runs; whatever way the process ends (a second Ctrl-C, an error, an
 * exit from anywhere), the cursor is shown again.
 */
function guardCursor(): void {
  if (cursorGuarded || !escapesAllowed()) return
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

export interface ProgressView {
  update(p: JobProgress): void
  stop(): void
}

const SILENT: ProgressView = { update: () => undefined, stop: () => undefined }

/**
 * A terminal bar fed by the job's progress events: `shows` picks the events it follows, `payload` the fields its
 * format names besides the bar and the counts.
 */
function barView(
  format: string,
  shows: (p: JobProgress) => boolean,
  payload: (p: JobProgress) => Record<string, unknown>
): ProgressView {
  const bar = terminalBar(format)
  let started = false
  let stopped = false
  return {
    update(p) {
      if (stopped || p.status !== 'running' || !shows(p)) return
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, payload(p))
        started = true
      }
      bar.setTotal(Math.max(p.total, 1))
      bar.update(p.done, payload(p))
    },
    stop() {
      if (started && !stopped) bar.stop()
      stopped = true
    }
  }
}

/** The progress of the paid check (`live` events of the job), as --progress asks. */
export function liveProgress(): ProgressView {
  const output = progressOutput()
  if (output === 'none') return SILENT
  if (output !== 'bar') return phaseLog(output, 'paid')
  return barView(
    ' Paid check [{bar}] {value}/{total} | {rate}/s | ETA {left} | spent {spend} | {errors} errors',
    (p) => p.phase === 'live',
    (p) => ({
      rate: p.ratePerSecond,
      left: duration(p.etaSeconds),
      spend: spent(p.live?.spend ?? []),
      errors: p.live?.errors ?? 0
    })
  )
}

/** The progress of the import and offline check, as --progress asks. */
export function offlineProgress(): ProgressView {
  const output = progressOutput()
  if (output === 'none') return SILENT
  if (output !== 'bar') return phaseLog(output, 'offline')
  return barView(
    ' {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s',
    (p) => p.phase !== 'live',
    (p) => ({ phase: p.phase === 'importing' ? 'Importing' : 'Checking ', rate: p.ratePerSecond })
  )
}

function phaseOf(p: JobProgress): ProgressPhase | null {
  if (p.phase === 'importing') return 'import'
  if (p.phase === 'checking') return 'offline'
  if (p.phase === 'live') return 'paid'
  return null
}

/** One progress event of `--progress json` (resources/schemas/ringtrue.progress.schema.json). */
export interface ProgressEvent {
  schema: string
  event: 'start' | 'progress' | 'end'
  jobId: string
  phase: ProgressPhase
  done: number
  total: number
  rate: number
  etaSeconds: number | null
  spend: { currency: string; amount: number; estimated: boolean }[]
  errors: number
  /** The job's status when its phase ended (end events only). */
  status?: string
  at: string
}

const PHASE_WORDS: Record<ProgressPhase, string> = {
  import: 'import',
  offline: 'offline check',
  paid: 'paid check'
}

/** A plain line for a log: what a person reads back after a long CI run. */
export function plainLine(e: ProgressEvent): string {
  const what = PHASE_WORDS[e.phase]
  const unit = (n: number): string =>
    e.phase === 'paid' ? (n === 1 ? 'number' : 'numbers') : n === 1 ? 'row' : 'rows'
  const errors = `${e.errors} ${e.errors === 1 ? 'error' : 'errors'}`
  const spend = e.phase === 'paid' ? ` · spent ${spent(e.spend as SpendLine[])}` : ''
  if (e.event === 'start') return `ringtrue: ${what} started · job ${e.jobId} · ${e.total} ${unit(e.total)}`
  const percent = e.total > 0 ? Math.floor((e.done / e.total) * 100) : 100
  const counts = `${e.done}/${e.total} ${unit(e.total)} (${percent}%)`
  if (e.event === 'end') {
    // An offline check that read every row finished, even when the job then waits (paused) for its paid check.
    const whole = e.done >= e.total && e.status !== 'failed' && e.status !== 'cancelled'
    const how =
      e.status === 'running' || e.status === 'done' || whole
        ? 'finished'
        : `stopped (${e.status ?? 'unknown'})`
    return `ringtrue: ${what} ${how} · ${counts}${spend} · ${errors}`
  }
  return `ringtrue: ${what} ${counts} · ${e.rate}/s · ETA ${duration(e.etaSeconds)}${spend} · ${errors}`
}

/**
 * Plain lines or NDJSON events for the phases of `scope`: a start when a phase is first seen, its progress at most
 * once per interval (also while nothing moves, so a stalled run still shows it is alive), and an end when the
 * phase gives way to the next one, the job's run ends, or the command stops watching.
 */
function phaseLog(output: 'plain' | 'json', scope: 'offline' | 'paid'): ProgressView {
  const interval = progressIntervalMs()
  const write = (e: ProgressEvent): void => {
    process.stderr.write(`${output === 'json' ? JSON.stringify(e) : plainLine(e)}\n`)
  }
  let current: { phase: ProgressPhase; last: JobProgress } | null = null
  let timer: NodeJS.Timeout | undefined
  let lastWritten = 0
  let stopped = false

  const event = (kind: ProgressEvent['event'], phase: ProgressPhase, p: JobProgress): ProgressEvent => ({
    schema: schemaId('progress'),
    event: kind,
    jobId: p.jobId,
    phase,
    done: p.done,
    total: p.total,
    rate: p.ratePerSecond,
    etaSeconds: p.etaSeconds,
    spend: spendJson(p.live?.spend ?? []),
    errors: p.live?.errors ?? 0,
    at: new Date().toISOString()
  })
  const progress = (): void => {
    if (!current) return
    lastWritten = Date.now()
    write(event('progress', current.phase, current.last))
  }
  const end = (final: JobProgress | null, completed: boolean): void => {
    if (!current) return
    const { phase, last } = current
    current = null
    clearInterval(timer)
    // The core sends running events at most every 100 ms, so the last one seen may lag: a phase that gave way
    // to the next one finished every row it had, and a final event of the same phase has the real figures.
    const figures =
      final && (phaseOf(final) === phase || final.phase === 'finished')
        ? { done: final.done, total: final.total }
        : completed
          ? { done: Math.max(last.total, last.done), total: Math.max(last.total, last.done) }
          : { done: last.done, total: last.total }
    const source = final ?? last
    write({
      ...event('end', phase, { ...last, ...figures, live: source.live ?? last.live }),
      etaSeconds: null,
      status: final ? final.status : completed ? 'running' : last.status
    })
  }
  // Written between updates too: a paid check waiting on a slow provider still leaves a line every interval.
  const startTimer = (): void => {
    if (interval <= 0) return
    timer = setInterval(() => {
      if (Date.now() - lastWritten >= interval) progress()
    }, interval)
    timer.unref()
  }

  return {
    update(p) {
      if (stopped) return
      const phase = phaseOf(p)
      const inScope = phase !== null && (scope === 'paid' ? phase === 'paid' : phase !== 'paid')
      if (p.status !== 'running') {
        end(p, p.status === 'done' || (p.status === 'paused' && !inScope))
        return
      }
      if (!inScope || phase === null) return
      if (current && current.phase !== phase) end(null, true)
      if (!current) {
        current = { phase, last: p }
        lastWritten = Date.now()
        write(event('start', phase, p))
        startTimer()
        return
      }
      current.last = p
      if (Date.now() - lastWritten >= interval) progress()
    },
    stop() {
      end(null, false)
      stopped = true
    }
  }
}
