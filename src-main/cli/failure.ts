// How a failed command ends: one line on stderr and an exit code (2 for usage or a refused file, else 1), never a
// stack trace. Loaded only when a command fails, so a command that succeeds never pays for these classes.
import { ImportError } from '../core/import/errors'
import { ServiceError } from '../core/jobs/service-error'
import { KeychainUnavailableError, SecretStoreError } from '../core/secrets'
import { StoreError, storeErrorFrom } from '../core/store/database'
import { CliExit, EXIT, UsageError } from './errors'

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

const USAGE_SERVICE_CODES = [
  'file_not_found',
  'not_a_file',
  'bad_mapping',
  'job_not_found',
  'file_exists',
  'would_overwrite_source',
  'bad_plan',
  'no_live_check',
  'only_uncertain',
  'job_cancelled',
  'job_running',
  'job_not_running'
]

export function failureExit(error: unknown): { code: number; message: string; plain?: boolean } {
  if (error instanceof CliExit) return { code: error.code, message: error.message, plain: error.plain }
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message }
  if (error instanceof ImportError) return { code: EXIT.usage, message: error.message }
  if (error instanceof ServiceError) {
    const hint =
      error.code === 'file_exists' || error.code === 'would_overwrite_source'
        ? ' Add --force to overwrite it.'
        : error.code === 'only_uncertain'
          ? ' Add --recheck-uncertain (with --yes or --max-cost) to re-send them.'
          : ''
    return {
      code: USAGE_SERVICE_CODES.includes(error.code) ? EXIT.usage : 1,
      message: `${error.message}${hint}`
    }
  }
  if (error instanceof StoreError) return { code: 1, message: error.message }
  const store = openedDatabase ? storeErrorFrom(error, openedDatabase) : null
  if (store) return { code: 1, message: store.message }
  if (error instanceof KeychainUnavailableError) return { code: 1, message: `${error.reason} ${error.hint}` }
  if (error instanceof SecretStoreError || usageErrorClasses.some((c) => error instanceof c)) {
    return { code: EXIT.usage, message: (error as Error).message }
  }
  return { code: 1, message: error instanceof Error ? error.message : String(error) }
}
