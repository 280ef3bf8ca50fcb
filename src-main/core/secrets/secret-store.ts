// Where provider credentials live (DESIGN.md §5): the OS keychain for people, environment variables for
// automation. Both sit behind SecretStore so the keychain backend (keytar today) can be swapped, and so the
// renderer-facing code can only learn whether a key is set and its masked tail, never the key itself.

import { LIVE_PROVIDER_IDS, type LiveProviderId } from '../providers/types'
import type { ErrorParams } from '../jobs/service-error'

/** The keychain "service" every Ringtrue entry lives under. Tests pass their own so real keys are never touched. */
export const KEYCHAIN_SERVICE = 'Ringtrue'

export type CredentialField = 'apiKey' | 'customerId'

/**
 * Account naming: a provider's API key is stored under the bare provider id; any further field of the same
 * provider under `<provider id>:<field in kebab-case>`. A colon never occurs in a provider id, so the names
 * cannot collide, and a keychain browser sorts a provider's entries next to each other.
 */
export const TELESIGN_CUSTOMER_ID_ACCOUNT = 'telesign:customer-id'
export type SecretAccount = LiveProviderId | typeof TELESIGN_CUSTOMER_ID_ACCOUNT
export const SECRET_ACCOUNTS: readonly SecretAccount[] = [...LIVE_PROVIDER_IDS, TELESIGN_CUSTOMER_ID_ACCOUNT]

// Kept here rather than read from the provider registry so core/secrets has no dependency on the adapters.
const REQUIRED_FIELDS: Record<LiveProviderId, readonly CredentialField[]> = {
  acedata: ['apiKey'],
  toolkk: ['apiKey'],
  checknumber: ['apiKey'],
  telesign: ['apiKey', 'customerId'],
  checkmobi: ['apiKey']
}

/** Which credentials a provider needs, API key first. */
export function credentialFields(provider: LiveProviderId): readonly CredentialField[] {
  return REQUIRED_FIELDS[provider]
}

export function accountFor(provider: LiveProviderId, field: CredentialField): SecretAccount {
  if (field === 'apiKey') return provider
  if (provider === 'telesign') return TELESIGN_CUSTOMER_ID_ACCOUNT
  throw new InvalidAccountError(`${provider} has no ${field}.`)
}

/** RINGTRUE_<ID>_KEY for an API key; RINGTRUE_TELESIGN_CUSTOMER_ID for Telesign's customer id. */
export function envVarFor(provider: LiveProviderId, field: CredentialField): string {
  const id = provider.toUpperCase()
  return field === 'apiKey' ? `RINGTRUE_${id}_KEY` : `RINGTRUE_${id}_CUSTOMER_ID`
}

export function envVarForAccount(account: SecretAccount): string {
  return account === TELESIGN_CUSTOMER_ID_ACCOUNT
    ? envVarFor('telesign', 'customerId')
    : envVarFor(account, 'apiKey')
}

export function isSecretAccount(value: unknown): value is SecretAccount {
  return typeof value === 'string' && (SECRET_ACCOUNTS as readonly string[]).includes(value)
}

export function assertAccount(value: unknown): SecretAccount {
  // The rejected value is not echoed: a key pasted into the wrong argument would otherwise end up in a log.
  if (!isSecretAccount(value)) {
    throw new InvalidAccountError(`Unknown keychain account; expected one of: ${SECRET_ACCOUNTS.join(', ')}.`)
  }
  return value
}

export const MAX_SECRET_LENGTH = 4096
const MASK_MIN_LENGTH = 12
const MASK_TAIL = 4

/**
 * Trims a pasted key (copies often carry a trailing newline or space) and rejects what cannot be a key.
 * Lengths count characters (code points), so a non-ASCII key is measured the way a person would count it.
 * `label` names the thing in messages; the value itself never appears in one.
 */
export function normalizeSecret(value: unknown, label = 'The key'): string {
  if (typeof value !== 'string') throw new InvalidSecretError(`${label} must be text.`)
  const secret = value.trim()
  if (secret === '') throw new InvalidSecretError(`${label} is empty.`)
  if (/[\r\n]/.test(secret))
    throw new InvalidSecretError(`${label} contains a line break; enter it on one line.`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(secret))
    throw new InvalidSecretError(`${label} contains a control character.`)
  if (Array.from(secret).length > MAX_SECRET_LENGTH) {
    throw new InvalidSecretError(`${label} is longer than ${MAX_SECRET_LENGTH} characters.`)
  }
  return secret
}

/**
 * '••••' and the last four characters, enough to tell two keys apart on the settings screen. Short values get
 * nothing: four characters of an eleven-character key would give away too much of it.
 */
export function maskTail(secret: string): string | null {
  const chars = Array.from(secret)
  if (chars.length < MASK_MIN_LENGTH) return null
  return '••••' + chars.slice(-MASK_TAIL).join('')
}

/**
 * The origin (scheme://host[:port], the port only when it is not the scheme's default) of an http(s) URL, as a
 * key is bound to it. Throws InvalidOriginError for anything else; the value is not echoed (it may be a key
 * pasted into the wrong field).
 */
export function originOf(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InvalidOriginError('The address a key is bound to is not a URL.')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidOriginError('A key can only be bound to an http:// or https:// address.')
  }
  return parsed.origin
}

/** A keychain entry: the secret and the origin it was entered for. */
export interface StoredSecret {
  secret: string
  /**
   * The origin the secret was entered for. Null for a value without one: a keychain entry written before keys
   * were bound (the caller reads it as bound to the provider's documented default origin), or a value from the
   * environment (the user's automation, not bound).
   */
  origin: string | null
}

/**
 * How an entry is kept in the keychain: `{"secret":…,"origin":…}` as JSON, so the binding lives with the secret
 * where only the keychain's owner can change it (not in the settings table the renderer can write).
 */
export function encodeStoredSecret(secret: string, origin: string | null): string {
  return origin === null ? secret : JSON.stringify({ secret, origin: originOf(origin) })
}

/** Reads what encodeStoredSecret wrote; anything else is a plain (legacy) secret without an origin. */
export function decodeStoredSecret(raw: string): StoredSecret {
  if (!raw.startsWith('{')) return { secret: raw, origin: null }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { secret: raw, origin: null } // not ours: a key that happens to start with a brace
  }
  const { secret, origin } = (value ?? {}) as { secret?: unknown; origin?: unknown }
  if (typeof secret !== 'string' || secret === '' || typeof origin !== 'string') {
    return { secret: raw, origin: null }
  }
  try {
    return { secret, origin: originOf(origin) }
  } catch {
    // Edited by hand into something that is not an origin: kept as it is, so it matches no base URL and the key
    // is refused with a message rather than sent anywhere.
    return { secret, origin }
  }
}

export interface SecretDescription {
  set: boolean
  maskedTail: string | null
}

export type Availability = { available: true } | { available: false; reason: string; hint: string }

export interface SecretStore {
  /** Where the values come from, so the CLI and the app can say which one is in use. */
  readonly source: 'keychain' | 'environment'
  readonly writable: boolean
  /** The secret alone (without the origin it is bound to). */
  get(account: SecretAccount): Promise<string | null>
  /** The secret and the origin it was entered for (null: see StoredSecret.origin). */
  entry(account: SecretAccount): Promise<StoredSecret | null>
  /**
   * Stores the trimmed secret, bound to the origin of `boundTo` (a URL or an origin) when given; throws
   * InvalidSecretError before touching the store when it cannot be a key.
   */
  set(account: SecretAccount, secret: string, boundTo?: string): Promise<void>
  /** True when something was deleted; a missing entry is not an error. */
  delete(account: SecretAccount): Promise<boolean>
  has(account: SecretAccount): Promise<boolean>
  /** What the renderer may know: whether a value is set and its masked tail. */
  describe(account: SecretAccount): Promise<SecretDescription>
  availability(): Promise<Availability>
}

export type SecretStoreErrorCode =
  | 'invalid_account'
  | 'invalid_secret'
  | 'invalid_origin'
  | 'read_only'
  | 'keychain_unavailable'
  | 'keychain_failed'

/** Every error from this module. Messages are for people and never contain a secret. */
export class SecretStoreError extends Error {
  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'SecretStoreError'
  }
}

export class InvalidAccountError extends SecretStoreError {
  constructor(message: string) {
    super('invalid_account', message)
    this.name = 'InvalidAccountError'
  }
}

export class InvalidSecretError extends SecretStoreError {
  constructor(message: string) {
    super('invalid_secret', message)
    this.name = 'InvalidSecretError'
  }
}

export class InvalidOriginError extends SecretStoreError {
  constructor(message: string) {
    super('invalid_origin', message)
    this.name = 'InvalidOriginError'
  }
}

export class ReadOnlyStoreError extends SecretStoreError {
  constructor(message: string) {
    super('read_only', message)
    this.name = 'ReadOnlyStoreError'
  }
}

export type KeychainUnavailableKind =
  | 'module_unavailable' // keytar or libsecret could not be loaded
  | 'no_session_bus' // Linux without a D-Bus session (ssh, CI, containers); Windows without a logon session
  | 'no_secret_service' // no gnome-keyring/KWallet installed or answering; macOS without a keychain
  | 'no_collection' // Secret Service runs but has no login keyring and cannot prompt to create one
  | 'locked' // the collection is locked and no unlock prompt can be shown
  | 'prompt_dismissed' // a permission or unlock prompt was dismissed or denied
  | 'unresponsive' // the service did not answer in time

/** The keychain cannot be used here. `reason` says why in plain words; `hint` offers a way out. */
export class KeychainUnavailableError extends SecretStoreError {
  constructor(
    readonly kind: KeychainUnavailableKind,
    readonly reason: string,
    readonly hint: string,
    /** The underlying message, with any secret of the failed call removed, for a diagnostics view. */
    readonly detail: string
  ) {
    super('keychain_unavailable', `${reason} ${hint}`, { kind, reason, hint })
    this.name = 'KeychainUnavailableError'
  }
}

/** A keychain failure we do not recognise; `detail` carries the underlying message, any secret removed. */
export class KeychainError extends SecretStoreError {
  constructor(readonly detail: string) {
    super('keychain_failed', `The system keychain reported an error: ${detail}`, { detail })
    this.name = 'KeychainError'
  }
}
