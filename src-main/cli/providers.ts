// `providers list`: the providers, their settings and whether their keys are set. It reads the settings from
// the store and asks the keychain, nothing else: the job service (import, phone metadata, export) is loaded only
// when the store holds work that start-up must recover, as for `jobs list`.
import { join, resolve } from 'node:path'
import type { ProvidersOverview } from '../core/domain'
import { databasePath, defaultDataDir } from '../core/paths'
import { EnvSecretStore } from '../core/secrets'
import { ProviderService, ProviderServiceError } from '../core/settings/provider-service'
import { SettingsStore } from '../core/settings/settings-store'
import { openStore } from '../core/store/database'
import { JobStore } from '../core/store/job-store'
import { noteDatabase, registerUsageError } from './failure'
import { keychainStore } from './keychain'
import { lazyModule } from './lazy'

registerUsageError(ProviderServiceError)

const commands = lazyModule(() => import('./commands'), join(__dirname, 'commands'))

async function overview(dataDir: string | undefined): Promise<ProvidersOverview> {
  const dir = dataDir ? resolve(dataDir) : defaultDataDir()
  const file = databasePath(dir)
  noteDatabase(file)
  const opened = openStore(file, 'read')
  let recover: boolean
  try {
    const store = new JobStore(opened.db)
    // The same test createServices acts on: a job left running or a deletion to finish needs the job service.
    recover =
      opened.state === 'ready' && (store.jobs.running().length > 0 || store.jobs.deleting().length > 0)
    if (!recover) {
      const providers = new ProviderService({
        settings: new SettingsStore(opened.db, process.env),
        keychain: keychainStore(),
        env: new EnvSecretStore(process.env)
      })
      return await providers.list()
    }
  } finally {
    opened.close()
  }
  const services = (await commands()).openServices(dataDir, 'read')
  try {
    return await services.providers.list()
  } finally {
    services.close()
  }
}

export const providersList = async (options: { json?: boolean; dataDir?: string }) => {
  const listed = await overview(options.dataDir)
  if (options.json) {
    process.stdout.write(`${JSON.stringify(listed)}\n`)
    return
  }
  const { providers, keychain } = listed
  for (const provider of providers) {
    const keys = provider.keys.length
      ? provider.keys
          .map(
            (k) =>
              `${k.field} ${k.set ? `set (${k.source}${k.boundOrigin ? ` for ${k.boundOrigin}` : ''})` : `not set — ringtrue keys set ${provider.id}${k.field === 'apiKey' ? '' : ' --field ' + k.field} or ${k.envVar}`}`
          )
          .join('; ')
      : 'no key needed'
    process.stdout.write(`${provider.id.padEnd(12)} ${provider.name} — ${provider.coverage} — ${keys}\n`)
    // Keys entered for another origin than the base URL in effect are not sent: say so where it is listed.
    if (provider.keyMismatch) {
      process.stdout.write(
        `${''.padEnd(12)} not sent: ${provider.keyMismatch.message} (ringtrue keys set ${provider.id})\n`
      )
    }
  }
  if (!keychain.available) {
    process.stdout.write(`Keychain unavailable: ${keychain.reason} ${keychain.hint ?? ''}\n`)
  }
}
