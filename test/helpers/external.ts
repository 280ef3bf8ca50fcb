import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** The shared folder of real third-party files sits beside the repository in CI; a user's clone may not have it. */
export const EXTERNAL_DIR = resolve(__dirname, '../../../shared/external')
export const hasExternal = existsSync(EXTERNAL_DIR)

/** CI sets RINGTRUE_REQUIRE_EXTERNAL=1 so a missing folder fails instead of skipping. */
export function externalSkipReason(): string | null {
  if (hasExternal) return null
  if (process.env.RINGTRUE_REQUIRE_EXTERNAL === '1') {
    throw new Error(`RINGTRUE_REQUIRE_EXTERNAL=1 but ${EXTERNAL_DIR} does not exist`)
  }
  return `skipped: ${EXTERNAL_DIR} is absent (it ships with CI, not with a clone of this repository)`
}
