// Which credentials a provider call uses, and from where.
//
// Precedence: the environment wins whenever any of the provider's variables is set, and then the keychain is
// not consulted at all. Automation sets variables precisely to say "use this", must not be overridden by a key
// somebody saved on the machine, and must not hang on (or fail because of) a keychain it never needed. The two
// sources are never mixed: half of Telesign's pair from the environment and half from the keychain could
// combine two different accounts, so an incomplete environment is reported as incomplete instead.

import type { LiveProviderId, ProviderCredentials } from '../providers/types'
import {
  accountFor,
  credentialFields,
  envVarFor,
  KeychainUnavailableError,
  normalizeSecret,
  type CredentialField,
  type SecretStore
} from './secret-store'

export type CredentialSource = 'environment' | 'keychain'

export interface ResolvedCredentials {
  /** Complete credentials from `source`, or null when that source lacks something (see `missing`). */
  credentials: ProviderCredentials | null
  /** The source in use: the one that holds any of the provider's values. Null when neither holds any. */
  source: CredentialSource | null
  /** Fields the chosen source lacks; every required field when `source` is null. */
  missing: CredentialField[]
  /** Set when the keychain was needed but could not be read; the environment is then the way out. */
  keychainUnavailable: { reason: string; hint: string } | null
}

export interface CredentialSources {
  /** Null where no keychain is wanted at all (for example a CLI run with --no-keychain). */
  keychain: SecretStore | null
  env: SecretStore
}

type Values = Partial<Record<CredentialField, string>>

async function read(store: SecretStore, provider: LiveProviderId): Promise<Values> {
  const values: Values = {}
  for (const field of credentialFields(provider)) {
    const value = await store.get(accountFor(provider, field))
    if (value !== null) values[field] = value
  }
  return values
}

function settle(provider: LiveProviderId, source: CredentialSource, values: Values): ResolvedCredentials {
  const missing = credentialFields(provider).filter((field) => values[field] === undefined)
  const { apiKey, customerId } = values
  let credentials: ProviderCredentials | null = null
  if (missing.length === 0 && apiKey !== undefined) {
    credentials = customerId === undefined ? { apiKey } : { apiKey, customerId }
  }
  return { credentials, source, missing, keychainUnavailable: null }
}

export async function resolveCredentials(
  provider: LiveProviderId,
  { keychain, env }: CredentialSources
): Promise<ResolvedCredentials> {
  const fromEnv = await read(env, provider)
  if (Object.keys(fromEnv).length > 0) return settle(provider, 'environment', fromEnv)

  const none: ResolvedCredentials = {
    credentials: null,
    source: null,
    missing: [...credentialFields(provider)],
    keychainUnavailable: null
  }
  if (!keychain) return none
  try {
    const fromKeychain = await read(keychain, provider)
    if (Object.keys(fromKeychain).length > 0) return settle(provider, 'keychain', fromKeychain)
    return none
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      return { ...none, keychainUnavailable: { reason: error.reason, hint: error.hint } }
    }
    throw error
  }
}

const FIELD_WORDS: Record<CredentialField, string> = { apiKey: 'API key', customerId: 'customer id' }

/** One sentence for the CLI and the settings screen saying which source is used, or what to do. */
export function explainCredentials(provider: LiveProviderId, resolved: ResolvedCredentials): string {
  const vars = (fields: readonly CredentialField[]) =>
    fields.map((field) => envVarFor(provider, field)).join(' and ')
  const words = (fields: readonly CredentialField[]) =>
    fields.map((field) => FIELD_WORDS[field]).join(' and ')
  const all = credentialFields(provider)
  if (resolved.source === 'environment') {
    if (resolved.credentials)
      return `${provider}: using ${vars(all)} from the environment (it overrides the keychain).`
    return `${provider}: ${vars(resolved.missing)} is not set while ${vars(all.filter((f) => !resolved.missing.includes(f)))} is; set both (the keychain is not used while either is set).`
  }
  if (resolved.source === 'keychain') {
    if (resolved.credentials) return `${provider}: using the ${words(all)} saved in the system keychain.`
    return `${provider}: the system keychain has no ${words(resolved.missing)}; add it in Settings or set ${vars(all)}.`
  }
  if (resolved.keychainUnavailable) {
    const { reason, hint } = resolved.keychainUnavailable
    return `${provider}: no ${words(all)} in the environment, and the keychain cannot be used. ${reason} ${hint}`
  }
  return `${provider}: no ${words(all)}; save it in Settings or set ${vars(all)}.`
}

/**
 * Saves all of a provider's credentials, validating every field before writing any, so a bad customer id
 * does not leave a new key paired with an old id.
 */
export async function saveCredentials(
  provider: LiveProviderId,
  credentials: ProviderCredentials,
  keychain: SecretStore
): Promise<void> {
  const values = credentialFields(provider).map((field) => {
    const label = `The ${FIELD_WORDS[field]}`
    return [accountFor(provider, field), normalizeSecret(credentials[field], label)] as const
  })
  for (const [account, value] of values) await keychain.set(account, value)
}

/** Removes every keychain entry of a provider; true when anything was there. */
export async function forgetCredentials(provider: LiveProviderId, keychain: SecretStore): Promise<boolean> {
  let removed = false
  for (const field of credentialFields(provider)) {
    if (await keychain.delete(accountFor(provider, field))) removed = true
  }
  return removed
}
