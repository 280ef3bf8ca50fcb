// Credentials from environment variables (RINGTRUE_<ID>_KEY, RINGTRUE_TELESIGN_CUSTOMER_ID), for automation
// and for machines without a keychain. Read-only: Ringtrue never writes a key into a file such as .env.

import {
  assertAccount,
  envVarForAccount,
  InvalidSecretError,
  maskTail,
  normalizeSecret,
  ReadOnlyStoreError,
  type Availability,
  type SecretAccount,
  type SecretDescription,
  type SecretStore,
  type StoredSecret
} from './secret-store'

export type EnvLike = Readonly<Record<string, string | undefined>>

export class EnvSecretStore implements SecretStore {
  readonly source = 'environment' as const
  readonly writable = false

  /** Reads the object on every call, so a test or a long-running process sees later changes to it. */
  constructor(private readonly env: EnvLike = process.env) {}

  async get(account: SecretAccount): Promise<string | null> {
    const name = envVarForAccount(assertAccount(account))
    const raw = this.env[name]
    // An empty variable counts as unset: CI templates often declare every variable and fill only some.
    if (raw === undefined || raw.trim() === '') return null
    try {
      return normalizeSecret(raw, name)
    } catch (error) {
      // A malformed value is reported, not skipped: falling back to the keychain would hide the mistake.
      if (error instanceof InvalidSecretError)
        throw new InvalidSecretError(`${error.message} Fix it where it is set.`)
      throw error
    }
  }

  /** Environment values are the user's automation and are not bound to an origin. */
  async entry(account: SecretAccount): Promise<StoredSecret | null> {
    const secret = await this.get(account)
    return secret === null ? null : { secret, origin: null }
  }

  async set(account: SecretAccount, _secret?: string, _boundTo?: string): Promise<void> {
    throw this.readOnly(account)
  }

  async delete(account: SecretAccount): Promise<boolean> {
    throw this.readOnly(account)
  }

  async has(account: SecretAccount): Promise<boolean> {
    return (await this.get(account)) !== null
  }

  async describe(account: SecretAccount): Promise<SecretDescription> {
    const value = await this.get(account)
    return { set: value !== null, maskedTail: value === null ? null : maskTail(value) }
  }

  async availability(): Promise<Availability> {
    return { available: true }
  }

  private readOnly(account: SecretAccount): ReadOnlyStoreError {
    const name = envVarForAccount(assertAccount(account))
    return new ReadOnlyStoreError(
      `${name} comes from the environment; change or unset it where it is defined.`
    )
  }
}
