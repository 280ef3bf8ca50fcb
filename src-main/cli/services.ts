// The job store and its services for one command: opened on the data folder the command names, and closed
// however the command ends.
import { existsSync } from 'node:fs'
import { databasePath } from '../core/paths'
import { KeytarSecretStore } from '../core/secrets'
import { createServices, type Services } from '../core/services'
import type { StoreAccess } from '../core/store/database'
import { dataFolder } from './data-dir'
import { noteDatabase } from './failure'
import { jobIdIn } from './job-id'
import { workerScripts } from './workers'

/**
 * 'read' for commands that only read the store: they never create the data folder and work on a folder they
 * cannot write (opened read-only).
 */
export function openServices(dataDir: string | undefined, access: StoreAccess = 'write'): Services {
  const service = process.env.RINGTRUE_KEYCHAIN_SERVICE
  const dir = dataFolder(dataDir)
  noteDatabase(databasePath(dir))
  return createServices({
    dataDir: dir,
    ...workerScripts(),
    secrets: service ? new KeytarSecretStore({ service }) : undefined,
    access
  })
}

/** Runs `body` with the services open on the command's data folder and closes them afterwards, however it ends. */
export async function withServices<T>(
  options: { dataDir?: string },
  access: StoreAccess,
  body: (services: Services) => Promise<T> | T
): Promise<T> {
  const services = openServices(options.dataDir, access)
  try {
    return await body(services)
  } finally {
    services.close()
  }
}

/**
 * withServices for a command about one stored job, named by its id or any unique start of it: the id is resolved
 * before `body` runs, which gets the full id. A data folder without a store holds no job, so even a command that
 * writes leaves it uncreated and says so.
 */
export async function withJob<T>(
  options: { dataDir?: string },
  access: StoreAccess,
  given: string,
  body: (services: Services, id: string) => Promise<T> | T
): Promise<T> {
  const stored = existsSync(databasePath(dataFolder(options.dataDir)))
  return withServices(options, stored ? access : 'read', (services) =>
    body(services, jobIdIn(services, given))
  )
}
