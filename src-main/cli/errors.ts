// How a CLI command ends when it does not simply succeed: the exit codes, which error code ends with which, and
// the errors that carry them. Loaded by the entry, so it holds data only.

/** Exit codes (documented in README.md, "The CLI", and in `ringtrue --help`). */
export const EXIT = {
  ok: 0,
  /** The job failed, or a provider refused or could not serve it (key, credit, errors, coverage). */
  failure: 1,
  /** Bad usage, a refused file, or no consent to spend. */
  usage: 2,
  /** Paused by the user (Ctrl-C, or "no" at the prompt); `ringtrue jobs resume <id>` continues. */
  paused: 3,
  /** Stopped at the spending cap; resume with a higher --max-cost. */
  spendCap: 4,
  /** A second Ctrl-C: quit at once; the next start recovers the job as interrupted. */
  aborted: 130
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** What each exit code means, in the words of the help's exit-code list. */
export const EXIT_MEANING: Record<ExitCode, string> = {
  0: 'done',
  1: 'failed or a provider refused (key, credit, errors, coverage)',
  2: 'bad usage, a refused file or no consent to spend',
  3: 'paused by you',
  4: 'stopped at the spending cap',
  130: 'quit at once by a second Ctrl-C (the next start finds the job interrupted)'
}

/** The exit-code list at the end of the help texts, one code per line. */
export function exitCodeList(): string {
  const lines = Object.entries(EXIT_MEANING).map(([code, meaning]) => `  ${code.padEnd(4)} ${meaning}`)
  return `Exit codes:\n${lines.join('\n')}`
}

interface ErrorEnding {
  exit: ExitCode
  /** The next step the CLI adds to the error's own message. */
  hint?: string
}

/**
 * The exit code (and the CLI's next step) of every error code a command can end with (the core's ServiceError
 * codes and the CLI's id resolution). Handlers throw coded errors and never pick an exit code for them; a code
 * missing here ends with 1.
 */
export const ERROR_ENDINGS: Record<string, ErrorEnding> = {
  file_not_found: { exit: EXIT.usage },
  not_a_file: { exit: EXIT.usage },
  bad_mapping: { exit: EXIT.usage },
  job_not_found: { exit: EXIT.usage },
  job_id_ambiguous: { exit: EXIT.usage },
  file_exists: { exit: EXIT.usage, hint: 'Add --force to overwrite it.' },
  would_overwrite_source: { exit: EXIT.usage, hint: 'Add --force to overwrite it.' },
  bad_plan: { exit: EXIT.usage },
  no_live_check: { exit: EXIT.usage },
  only_uncertain: {
    exit: EXIT.usage,
    hint: 'Add --recheck-uncertain (with --yes or --max-cost) to re-send them.'
  },
  job_cancelled: { exit: EXIT.usage },
  job_running: { exit: EXIT.usage },
  job_not_running: { exit: EXIT.usage }
}

/**
 * What a `--json` error document calls the CLI's own endings (CliExit), which have an exit code but no error code:
 * a usage error, no consent to spend, a pause, the spending cap, a second Ctrl-C.
 */
export function endingName(error: unknown, exit: number): string {
  if (error instanceof UsageError) return 'usage'
  switch (exit) {
    case EXIT.usage:
      return 'no_consent'
    case EXIT.paused:
      return 'paused'
    case EXIT.spendCap:
      return 'spend_cap'
    case EXIT.aborted:
      return 'aborted'
    default:
      return 'failed'
  }
}

export function endingOf(code: string): ErrorEnding {
  return ERROR_ENDINGS[code] ?? { exit: EXIT.failure }
}

export class UsageError extends Error {}

/** A known end of a command: one line on stderr and an exit code. The job, if any, is kept. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Print the line as it is, without the "ringtrue: " prefix of an error. */
    readonly plain = false
  ) {
    super(message)
  }
}
