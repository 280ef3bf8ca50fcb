// `keys set` and `keys delete`: provider API keys in the OS keychain. A key is read from stdin or typed at a
// hidden prompt, never taken from an argument.
import type { KeyField } from '@contract/types'
import { LIVE_PROVIDERS } from '../../core/provider-registry'
import type { LiveProviderId } from '../../core/providers/types'
import { envVarFor } from '../../core/secrets'
import { ProviderServiceError } from '../../core/settings/provider-service'
import { CliExit, EXIT, UsageError } from '../errors'
import { registerUsageError } from '../failure'
import { keychainStore } from '../keychain'
import { readHidden } from '../prompt'
import { withServices } from '../services'

registerUsageError(ProviderServiceError)

function liveProviderId(id: string): LiveProviderId {
  const known = LIVE_PROVIDERS.map((p) => p.info.id)
  if ((known as string[]).includes(id)) return id as LiveProviderId
  throw new UsageError(`Unknown provider "${id}". Providers with keys: ${known.join(', ')}`)
}

function keyField(field: string): KeyField {
  if (field === 'apiKey' || field === 'customerId') return field
  throw new UsageError(`--field must be apiKey or customerId (got "${field}")`)
}

/**
 * A key comes from stdin, or is typed at a hidden prompt on the terminal when stdin is one; never from an
 * argument (arguments end up in shell history and process lists).
 */
async function readSecret(prompt: string, provider: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of input) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8').trim()
  }
  return readHidden(
    prompt,
    `No terminal to type the key on; pipe it on stdin instead: printf %s "$KEY" | ringtrue keys set ${provider}`
  )
}

export const keysSet = async (id: string, options: { field: string; dataDir?: string }) => {
  const provider = liveProviderId(id)
  const field = keyField(options.field)
  // Ask for the secret only when it can be stored: no prompt and no read of stdin without a keychain.
  const availability = await keychainStore().availability()
  if (!availability.available) {
    throw new CliExit(
      EXIT.failure,
      `${availability.reason} ${availability.hint} Nothing was read and no key was stored; ` +
        `for this provider set ${envVarFor(provider, field)} in the environment instead.`
    )
  }
  const secret = await readSecret(
    `${field === 'apiKey' ? 'API key' : 'Customer id'} for ${provider} (not shown): `,
    provider
  )
  if (!secret)
    throw new UsageError(
      'No key on stdin. Pipe it in, e.g. `printf %s "$KEY" | ringtrue keys set ' + provider + '`'
    )
  await withServices(options, 'write', async (services) => {
    await services.providers.setKey(provider, field, secret)
    const bound = (await services.providers.list()).providers
      .find((p) => p.id === provider)
      ?.keys.find((k) => k.field === field)?.boundOrigin
    process.stdout.write(
      `Saved the ${field === 'apiKey' ? 'API key' : 'customer id'} for ${provider} in the keychain` +
        (bound ? `; it is only sent to ${bound}.\n` : '.\n')
    )
  })
}

export const keysDelete = async (id: string, options: { field: string; dataDir?: string }) => {
  const provider = liveProviderId(id)
  const field = keyField(options.field)
  await withServices(options, 'write', async (services) => {
    await services.providers.deleteKey(provider, field)
    process.stdout.write(
      `Removed the ${field === 'apiKey' ? 'API key' : 'customer id'} for ${provider} from the keychain.\n`
    )
  })
}
