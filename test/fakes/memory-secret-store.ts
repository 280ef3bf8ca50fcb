// An in-memory SecretStore for tests that need a writable keychain but not the OS one, or a keychain that is
// "unavailable" on demand. Same validation and masking as the real stores.
import {
  assertAccount,
  KeychainUnavailableError,
  maskTail,
  normalizeSecret,
  type Availability,
  type SecretAccount,
  type SecretDescription,
  type SecretStore
} from '../../src-main/core/secrets'

export class MemorySecretStore implements SecretStore {
  readonly source = 'keychain' as const
  readonly writable = true
  readonly values = new Map<SecretAccount, string>()
  /** When set, every call fails as a keychain without a Secret Service would. */
  unavailable: { reason: string; hint: string } | null = null

  async get(account: SecretAccount): Promise<string | null> {
    this.check()
    return this.values.get(assertAccount(account)) ?? null
  }

  async set(account: SecretAccount, secret: string): Promise<void> {
    const value = normalizeSecret(secret)
    this.check()
    this.values.set(assertAccount(account), value)
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
