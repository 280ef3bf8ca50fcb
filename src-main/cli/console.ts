// What a command may print on stderr besides errors: notes and warnings, and progress. Set once from the
// command's --quiet, --json and --progress before its action runs (program.ts), read wherever a note is written.
import type { ProgressMode } from './commands/define'

interface ConsoleSettings {
  /** --quiet: no notes, warnings or progress; errors still go to stderr. */
  quiet: boolean
  /** --json: stdout carries JSON documents only. */
  json: boolean
  progress: ProgressMode
}

const settings: ConsoleSettings = { quiet: false, json: false, progress: 'auto' }

export function configureConsole(options: { quiet?: boolean; json?: boolean; progress?: string }): void {
  settings.quiet = options.quiet === true
  settings.json = options.json === true
  settings.progress = (options.progress as ProgressMode | undefined) ?? 'auto'
}

export function consoleSettings(): Readonly<ConsoleSettings> {
  return settings
}

/** A note or warning for the person at the terminal: on stderr, unless --quiet or --json. */
export function note(text: string): void {
  if (!settings.quiet && !settings.json) process.stderr.write(`${text}\n`)
}

/**
 * What the person who pressed Ctrl-C needs to know while the command winds down ("Pausing…"): on stderr with or
 * without --json, which keeps stdout alone clean, but not with --quiet.
 */
export function notice(text: string): void {
  if (!settings.quiet) process.stderr.write(`${text}\n`)
}
