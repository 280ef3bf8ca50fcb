// `ringtrue keys …` and `ringtrue providers list`: provider API keys and the providers' state.
import { join } from 'node:path'
import type { Command } from 'commander'
// The vocabulary module, not providers/types: that one loads zod, which --help does not need.
import { CONFIGURABLE_PROVIDER_IDS as LIVE_PROVIDER_IDS } from '../../core/domain/vocabulary'
import { dataDirOption, examples, jsonOption, lazyAction } from './define'

const keyHandler = (name: 'keysSet' | 'keysDelete') =>
  lazyAction(() => import('../handlers/keys'), join(__dirname, '..', 'handlers', 'keys'), name)

const FIELD_HELP = 'apiKey, or customerId for Telesign'

export function defineKeys(program: Command): void {
  const keys = program
    .command('keys')
    .summary('store or remove provider API keys in the OS keychain')
    .description(
      'Store or remove provider API keys in the OS keychain. A key is read from stdin or typed at a hidden\n' +
        'prompt, never given as an argument. RINGTRUE_<PROVIDER>_KEY in the environment overrides it.'
    )
  examples(keys, [
    ['type a key at a hidden prompt', 'ringtrue keys set acedata'],
    ['from a secret manager', 'printf %s "$ACEDATA_KEY" | ringtrue keys set acedata']
  ])

  const set = keys
    .command('set')
    .summary('store a provider’s key in the keychain')
    .description(
      'Store a provider’s API key (or Telesign’s customer id) in the OS keychain, read from stdin.'
    )
    .argument('<provider>', `one of ${LIVE_PROVIDER_IDS.join(', ')}`)
    .option('--field <field>', FIELD_HELP, 'apiKey')
    .addOption(dataDirOption())
    .action(keyHandler('keysSet'))
  examples(set, [
    ['type the key at a hidden prompt', 'ringtrue keys set acedata'],
    ['from an environment variable', 'printf %s "$KEY" | ringtrue keys set checknumber'],
    ['Telesign’s customer id', 'ringtrue keys set telesign --field customerId']
  ])

  const remove = keys
    .command('delete')
    .summary('remove a provider’s key from the keychain')
    .description('Remove a provider’s API key (or Telesign’s customer id) from the OS keychain.')
    .argument('<provider>', `one of ${LIVE_PROVIDER_IDS.join(', ')}`)
    .option('--field <field>', FIELD_HELP, 'apiKey')
    .addOption(dataDirOption())
    .action(keyHandler('keysDelete'))
  examples(remove, [
    ['forget the AceData key', 'ringtrue keys delete acedata'],
    ['forget Telesign’s customer id', 'ringtrue keys delete telesign --field customerId']
  ])
}

export function defineProviders(program: Command): void {
  const providers = program
    .command('providers')
    .summary('status providers and their keys')
    .description('The paid status providers: what they cover and whether their keys are set.')
  examples(providers, [
    ['which providers have keys', 'ringtrue providers list'],
    ['store the missing one', 'ringtrue keys set acedata']
  ])
  const list = providers
    .command('list')
    .summary('every provider, its coverage and key state')
    .description(
      'Every provider: its coverage, and for each key whether it is set and where (keychain or environment).'
    )
  jsonOption(list, 'providers.list')
    .addOption(dataDirOption())
    .action(
      lazyAction(
        () => import('../handlers/providers'),
        join(__dirname, '..', 'handlers', 'providers'),
        'providersList'
      )
    )
  examples(list, [
    ['the providers and their keys', 'ringtrue providers list'],
    [
      'the providers with a key, for a script',
      "ringtrue providers list --json | jq -r '.providers[] | select(.keys[0].set) | .id'"
    ]
  ])
}
