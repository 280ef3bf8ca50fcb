// Which credentials a provider call uses, and from where.
//
// Precedence: the environment wins whenever any of the provider's variables is set, and then the keychain is
// not consulted at all. Automation sets variables precisely to say "use this", must not be overridden by a key
// somebody saved on the machine, and must not hang on (or fail because of) a keychain it never needed. The two
// sources are never mixed: half of Telesign's pair from the environment and half from the keychain could
// combine two different accounts, so an incomplete environment is reported as incomplete instead.
//
// A keychain key is bound to the origin (scheme, host and port) of the base URL it was entered for, and is only
// ever handed out for a call to that origin. The renderer can change the base URL (it is a setting) but not the
// binding (it lives with the secret in the keychain), so pointing a provider elsewhere cannot send the key there:
// the user has to enter the key again for the new origin. A keychain value saved before keys were bound counts
// as entered for the provider's documented default origin. Keys from the environment are the user's automation
// and are not bound.

import type { LiveProviderId, ProviderCredentials } from '../providers/types'
import {
  accountFor,
  credentialFields,
  envVarFor,
  KeychainUnavailableError,
  normalizeSecret,
  originOf,
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
  /**
   * Set when the keychain holds every field but some were entered for another origin than the call's base URL:
   * `credentials` is then null and nothing may be sent.
   */
  originMismatch: OriginMismatch | null
}

export interface OriginMismatch {
  /** The origin the (first) mismatching field was entered for. */
  keyOrigin: string
  /** The origin of the base URL the call would go to. */
  targetOrigin: string
  /** The fields to enter again for `targetOrigin`. */
  fields: CredentialField[]
}

/** Where a call would go: the key must have been entered for the origin of `baseUrl`. */
export interface CredentialTarget {
  /** The effective base URL of the call (environment, saved setting or default). */
  baseUrl: string
  /** The provider's documented default base URL: the origin of a keychain value saved before keys were bound. */
  defaultBaseUrl: string
}

export interface CredentialSources {
  /** Null where no keychain is wanted at all (for example a CLI run with --no-keychain). */
  keychain: SecretStore | null
  env: SecretStore
}

type Values = Partial<Record<CredentialField, string>>

type Origins = Partial<Record<CredentialField, string | null>>

async function read(
  store: SecretStore,
  provider: LiveProviderId
): Promise<{ values: Values; origins: Origins }> {
  const values: Values = {}
  const origins: Origins = {}
  for (const field of credentialFields(provider)) {
    const entry = await store.entry(accountFor(provider, field))
    if (entry !== null) {
      values[field] = entry.secret
      origins[field] = entry.origin
    }
  }
  return { values, origins }
}

function settle(provider: LiveProviderId, source: CredentialSource, values: Values): ResolvedCredentials {
  const missing = credentialFields(provider).filter((field) => values[field] === undefined)
  const { apiKey, customerId } = values
  let credentials: ProviderCredentials | null = null
  if (missing.length === 0 && apiKey !== undefined) {
    credentials = customerId === undefined ? { apiKey } : { apiKey, customerId }
  }
  return { credentials, source, missing, keychainUnavailable: null, originMismatch: null }
}

/** The fields of a complete keychain set that were entered for another origin than the target's. */
function mismatchOf(
  provider: LiveProviderId,
  origins: Origins,
  target: CredentialTarget
): OriginMismatch | null {
  const targetOrigin = originOf(target.baseUrl)
  const legacyOrigin = originOf(target.defaultBaseUrl)
  let keyOrigin: string | null = null
  const fields: CredentialField[] = []
  for (const field of credentialFields(provider)) {
    const origin = origins[field] ?? legacyOrigin
    if (origin === targetOrigin) continue
    keyOrigin ??= origin
    fields.push(field)
  }
  return keyOrigin === null ? null : { keyOrigin, targetOrigin, fields }
}

/**
 * The credentials a call to `target.baseUrl` may use. A keychain key entered for another origin is withheld
 * (`credentials` null, `originMismatch` set); this is the one place every key-sending path gets its key from.
 */
export async function resolveCredentials(
  provider: LiveProviderId,
  { keychain, env }: CredentialSources,
  target: CredentialTarget
): Promise<ResolvedCredentials> {
  const fromEnv = await read(env, provider)
  if (Object.keys(fromEnv.values).length > 0) return settle(provider, 'environment', fromEnv.values)

  const none: ResolvedCredentials = {
    credentials: null,
    source: null,
    missing: [...credentialFields(provider)],
    keychainUnavailable: null,
    originMismatch: null
  }
  if (!keychain) return none
  try {
    const fromKeychain = await read(keychain, provider)
    if (Object.keys(fromKeychain.values).length === 0) return none
    const resolved = settle(provider, 'keychain', fromKeychain.values)
    if (!resolved.credentials) return resolved
    const originMismatch = mismatchOf(provider, fromKeychain.origins, target)
    return originMismatch ? { ...resolved, credentials: null, originMismatch } : resolved
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
    if (resolved.originMismatch) {
      const { keyOrigin, targetOrigin, fields } = resolved.originMismatch
      const one = fields.length === 1
      const commands = fields.map(
        (field) => `\`ringtrue keys set ${provider}${field === 'apiKey' ? '' : ` --field ${field}`}\``
      )
      const how = `in Settings or with ${commands.join(' and ')}`
      return (
        `${provider}: the ${words(fields)} saved in the keychain ${one ? 'was' : 'were'} entered for ${keyOrigin}, ` +
        `not for ${targetOrigin} (the base URL now in use), so ${one ? 'it was' : 'they were'} not sent. ` +
        `Enter ${one ? 'it' : 'them'} again (${how}) to use ${one ? 'it' : 'them'} with ${targetOrigin}, ` +
        `or set the base URL back to ${keyOrigin}.`
      )
    }
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
  keychain: SecretStore,
  /** The base URL in effect now: the credentials are bound to its origin. */
  baseUrl: string
): Promise<void> {
  const origin = originOf(baseUrl)
  const values = credentialFields(provider).map((field) => {
    const label = `The ${FIELD_WORDS[field]}`
    return [accountFor(provider, field), normalizeSecret(credentials[field], label)] as const
  })
  for (const [account, value] of values) await keychain.set(account, value, origin)
}

/** Removes every keychain entry of a provider; true when anything was there. */
export async function forgetCredentials(provider: LiveProviderId, keychain: SecretStore): Promise<boolean> {
  let removed = false
  for (const field of credentialFields(provider)) {
    if (await keychain.delete(accountFor(provider, field))) removed = true
  }
  return removed
}
