import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 is built for Node on install (tests, CLI); the app loads a second copy built for Electron's
 * ABI by scripts/ensure-electron-native.mjs, so neither run needs a manual rebuild.
 */
export function electronSqliteBinding(appRoot: string): string | undefined {
  const candidate = join(
    appRoot,
    '.native',
    `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node'
  )
  return existsSync(candidate) ? candidate : undefined
}
