// How a failed command ends: one line on stderr and an exit code (2 for usage or a refused file, else 1), never a
// stack trace. Loaded only when a command fails, so a command that succeeds never pays for these classes.
import { ImportError } from '../core/import/errors'
import { ServiceError } from '../core/jobs/service-error'
import { KeychainUnavailableError, SecretStoreError } from '../core/secrets'
import { StoreError, storeErrorFrom } from '../core/store/database'
import { CliExit, endingOf, EXIT, UsageError } from './errors'

/** The database the command opened, named when a store failure reaches the top level. */
let openedDatabase: string | null = null

export function noteDatabase(file: string): void {
  openedDatabase = file
}

/**
 * Errors that mean bad usage, from modules the CLI loads on demand (the provider settings pull in every adapter):
 * those modules register their class when they load, so this file does not load them itself.
 */
const usageErrorClasses: (abstract new (...args: never[]) => Error)[] = []

export function registerUsageError(errorClass: abstract new (...args: never[]) => Error): void {
  usageErrorClasses.push(errorClass)
}

/**
 * A core message in the CLI's words. The credential sentences the core shares with the app point at the app's
 * Settings screen; from the CLI the same step is `ringtrue keys set <provider>` (the provider id leads them).
 */
export function cliWording(message: string): string {
  return message
    .replace(/ \(in Settings or with (`ringtrue keys set [^`]+`(?: and `[^`]+`)*)\)/g, ' (with $1)')
    .replace(
      /\b([a-z]+): ([^]*?)\b(add|save) it in Settings or set /g,
      (_all, id: string, before: string, verb: string) =>
        `${id}: ${before}${verb} it with \`ringtrue keys set ${id}\` or set `
    )
}

export function failureExit(error: unknown): { code: number; message: string; plain?: boolean } {
  const ending = failureEnding(error)
  return { ...ending, message: cliWording(ending.message) }
}

function failureEnding(error: unknown): { code: number; message: string; plain?: boolean } {
  if (error instanceof CliExit) return { code: error.code, message: error.message, plain: error.plain }
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message }
  if (error instanceof ImportError) return { code: EXIT.usage, message: error.message }
  if (error instanceof ServiceError) {
    const ending = endingOf(error.code)
    return { code: ending.exit, message: ending.hint ? `${error.message} ${ending.hint}` : error.message }
  }
  if (error instanceof StoreError) return { code: EXIT.failure, message: error.message }
  const store = openedDatabase ? storeErrorFrom(error, openedDatabase) : null
  if (store) return { code: EXIT.failure, message: store.message }
  if (error instanceof KeychainUnavailableError)
    return { code: EXIT.failure, message: `${error.reason} ${error.hint}` }
  if (error instanceof SecretStoreError || usageErrorClasses.some((c) => error instanceof c)) {
    return { code: EXIT.usage, message: (error as Error).message }
  }
  return { code: EXIT.failure, message: error instanceof Error ? error.message : String(error) }
}
