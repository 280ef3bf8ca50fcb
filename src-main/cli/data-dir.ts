// The data folder a command works on: --data-dir (or RINGTRUE_DATA_DIR), else the desktop app's.
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { defaultDataDir } from '../core/paths'
import { UsageError } from './errors'

/**
 * The data folder's absolute path. A path that names a file is refused in one line before anything opens it
 * (SQLite would otherwise report a confusing failure, or a write command try to create a folder inside a file).
 */
export function dataFolder(dataDir: string | undefined): string {
  const dir = dataDir ? resolve(dataDir) : defaultDataDir()
  const named = dataDir ? `--data-dir ${dataDir}` : `The data folder ${dir}`
  let isFile: boolean
  try {
    isFile = statSync(dir, { throwIfNoEntry: false })?.isDirectory() === false
  } catch (error) {
    // A file somewhere on the way (ENOTDIR): no folder can exist there either.
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error
    throw new UsageError(`${named} is inside a file, not a folder.`)
  }
  if (isFile) throw new UsageError(`${named} is a file, not a folder.`)
  return dir
}
