// How a CLI command ends when it does not simply succeed: the exit codes and the errors that carry them.

/** Exit codes (documented in README.md, "The CLI"). */
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
