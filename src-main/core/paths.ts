import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Ringtrue'

/**
 * The data folder shared by the desktop app and the CLI. It mirrors Electron's userData location for the
 * product name, and the app pins userData to it so both always open the same database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RINGTRUE_DATA_DIR) return env.RINGTRUE_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'ringtrue.db')
}
