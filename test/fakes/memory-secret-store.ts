// An in-memory SecretStore for tests that need a writable keychain but not the OS one, or a keychain that is
// "unavailable" on demand. Same validation and masking as the real stores.
import {
  assertAccount,
  decodeStoredSecret,
  encodeStoredSecret,
  KeychainUnavailableError,
  maskTail,
  normalizeSecret,
  type Availability,
  type SecretAccount,
  type SecretDescription,
  type SecretStore,
  type StoredSecret
} from '../../src-main/core/secrets'

export class MemorySecretStore implements SecretStore {
  readonly source = 'keychain' as const
  readonly writable = true
  readonly values = new Map<SecretAccount, string>()
  /** When set, every call fails as a keychain without a Secret Service would. */
  unavailable: { reason: string; hint: string } | null = null

  async get(account: SecretAccount): Promise<string | null> {
    return (await this.entry(account))?.secret ?? null
  }

  /** `values` holds what the keychain would: a plain (legacy) secret or the JSON of a bound one. */
  async entry(account: SecretAccount): Promise<StoredSecret | null> {
    this.check()
    const raw = this.values.get(assertAccount(account))
    return raw === undefined ? null : decodeStoredSecret(raw)
  }

  /** Binds to the origin of `boundTo` as the real keychain store does; without it, a plain legacy entry. */
  async set(account: SecretAccount, secret: string, boundTo?: string): Promise<void> {
    const value = normalizeSecret(secret)
    this.check()
    this.values.set(assertAccount(account), encodeStoredSecret(value, boundTo ?? null))
  }

  async delete(account: SecretAccount): Promise<boolean> {
    this.check()
    return this.values.delete(assertAccount(account))
  }

  async has(account: SecretAccount): Promise<boolean> {
    return (await this.get(account)) !== null
  }

  async describe(account: SecretAccount): Promise<SecretDescription> {
    const value = await this.get(account)
    return { set: value !== null, maskedTail: value === null ? null : maskTail(value) }
  }

  async availability(): Promise<Availability> {
    return this.unavailable ? { available: false, ...this.unavailable } : { available: true }
  }

  private check(): void {
    if (this.unavailable) {
      const { reason, hint } = this.unavailable
      throw new KeychainUnavailableError('no_secret_service', reason, hint, reason)
    }
  }
}
