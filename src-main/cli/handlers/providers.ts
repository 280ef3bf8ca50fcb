// `providers list`: the providers, their settings and whether their keys are set. It reads the settings from
// the store and asks the keychain, nothing else: the job service (import, phone metadata, export) is loaded only
// when the store holds work that start-up must recover, as for `jobs list`.
import { join } from 'node:path'
import type { ProvidersOverview } from '../../core/domain'
import { EnvSecretStore } from '../../core/secrets'
import { ProviderService, ProviderServiceError } from '../../core/settings/provider-service'
import { SettingsStore } from '../../core/settings/settings-store'
import { registerUsageError } from '../failure'
import { keychainStore } from '../keychain'
import { lazyModule } from '../lazy'
import { openForReading } from './jobs-read'
import { providersJson } from '../json'
import { printJson } from '../output'

registerUsageError(ProviderServiceError)

const cliServices = lazyModule(() => import('../services'), join(__dirname, '..', 'services'))

async function overview(dataDir: string | undefined): Promise<ProvidersOverview> {
  const { opened, recover } = openForReading(dataDir)
  try {
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
  const { withServices } = await cliServices()
  return withServices({ dataDir }, 'read', (services) => services.providers.list())
}

export const providersList = async (options: { json?: boolean; dataDir?: string }) => {
  const listed = await overview(options.dataDir)
  if (options.json) {
    printJson('providers.list', providersJson(listed))
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
