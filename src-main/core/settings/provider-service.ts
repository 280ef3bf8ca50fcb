// What the Settings screen and the CLI can do with providers: list them with their effective settings and
// key state, save settings, set or remove a key, and test a connection. Nothing here returns or logs a key.
import type {
  ConnectionTestResult,
  EffectiveProviderSettings,
  KeyField,
  KeyOriginMismatch,
  KeyState,
  KeychainState,
  ProviderSettingsPatch,
  ProviderView,
  ProvidersOverview
} from '../domain'
import { LIVE_PROVIDERS, liveProvider, OFFLINE_PROVIDER } from '../provider-registry'
import { ProviderError, type LiveProvider, type LiveProviderId } from '../providers/types'
import {
  accountFor,
  credentialFields,
  envVarFor,
  explainCredentials,
  KeychainUnavailableError,
  maskTail,
  originOf,
  resolveCredentials,
  SecretStoreError,
  type ResolvedCredentials,
  type SecretStore
} from '../secrets'
import type { ProviderRuntime } from '../providers/runtime'
import { adapterSettings, SettingsError, type SettingsStore } from './settings-store'
import type { ErrorParams } from '../jobs/service-error'

export class ProviderServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'ProviderServiceError'
  }
}

export interface ProviderServiceOptions {
  settings: SettingsStore
  /** The OS keychain (or a test service in it). */
  keychain: SecretStore
  /** Environment variables as a read-only store; they win over the keychain. */
  env: SecretStore
  /** Upper bound for a connection test, whatever timeout the provider is configured with. */
  testTimeoutMs?: number
}

/** Removes any occurrence of the given secrets from a message, in case an upstream echoed one back. */
function scrub(message: string, secrets: readonly string[]): string {
  let text = message
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('••••')
  return text
}

export class ProviderService {
  private readonly settings: SettingsStore
  private readonly keychain: SecretStore
  private readonly env: SecretStore
  private readonly testTimeoutMs: number

  constructor(options: ProviderServiceOptions) {
    this.settings = options.settings
    this.keychain = options.keychain
    this.env = options.env
    this.testTimeoutMs = options.testTimeoutMs ?? 30_000
  }

  async list(): Promise<ProvidersOverview> {
    const keychain = await this.keychainState()
    const providers: ProviderView[] = [
      {
        ...OFFLINE_PROVIDER,
        live: false,
        docsUrl: null,
        // The offline check always runs first and cannot be switched off.
        enabled: true,
        settings: null,
        keys: []
      }
    ]
    for (const provider of LIVE_PROVIDERS) {
      const { info } = provider
      const settings = this.settings.effective(info)
      const keys: KeyState[] = []
      for (const field of credentialFields(info.id)) keys.push(await this.keyState(info.id, field, keychain))
      providers.push({
        id: info.id,
        name: info.name,
        measures: info.measures,
        coverage: info.coverage,
        confidence: info.confidence,
        bulk: info.bulk,
        live: true,
        docsUrl: info.docsUrl,
        enabled: this.settings.saved(info.id).enabled,
        settings,
        keys,
        keyMismatch: keyMismatchOf(keys, settings)
      })
    }
    return { providers, keychain }
  }

  saveSettings(id: LiveProviderId, patch: ProviderSettingsPatch): void {
    liveProvider(id)
    this.settings.save(id, patch)
  }

  /**
   * Writes to the keychain only; the environment is read-only and a file is never an option. The key is bound
   * to the origin of the base URL in effect now (environment, saved or default), so it is only ever sent there.
   */
  async setKey(id: LiveProviderId, field: KeyField, secret: string): Promise<void> {
    const account = this.account(id, field)
    const { baseUrl } = this.settings.effective(liveProvider(id).info)
    await this.keychain.set(account, secret, originOf(baseUrl))
  }

  async deleteKey(id: LiveProviderId, field: KeyField): Promise<void> {
    await this.keychain.delete(this.account(id, field))
  }

  async testConnection(id: LiveProviderId): Promise<ConnectionTestResult> {
    const provider = liveProvider(id)
    let secrets: string[] = []
    try {
      const { resolved, effective } = await this.credentials(provider)
      if (!resolved.credentials) return { ok: false, message: explainCredentials(id, resolved) }
      secrets = [resolved.credentials.apiKey, resolved.credentials.customerId ?? '']
      const settings = adapterSettings(effective)
      const signal = AbortSignal.timeout(Math.min(this.testTimeoutMs, effective.timeoutMs + 5_000))
      const result = await provider.testConnection(resolved.credentials, settings, signal)
      const answer: ConnectionTestResult = { ok: result.ok, message: scrub(result.message, secrets) }
      if (result.balance !== undefined) answer.balance = result.balance
      if (result.currency !== undefined) answer.currency = result.currency
      return answer
    } catch (error) {
      return { ok: false, message: scrub(this.explainFailure(provider.info.name, error), secrets) }
    }
  }

  /**
   * Everything a paid run needs of a provider: adapter, key, effective settings and limits. Throws a
   * ProviderServiceError naming the provider and what to do when the key is missing or unreadable.
   */
  async runtime(id: LiveProviderId): Promise<ProviderRuntime> {
    const provider = liveProvider(id)
    let resolved: ResolvedCredentials
    let effective: EffectiveProviderSettings
    try {
      ;({ resolved, effective } = await this.credentials(provider))
    } catch (error) {
      const detail = this.explainFailure(provider.info.name, error)
      throw new ProviderServiceError('no_key', `${provider.info.name}: ${detail}`, {
        provider: provider.info.name,
        detail
      })
    }
    if (!resolved.credentials) {
      const detail = explainCredentials(id, resolved)
      throw new ProviderServiceError(
        resolved.originMismatch ? 'key_origin_mismatch' : 'no_key',
        `${provider.info.name}: ${detail}`,
        { provider: provider.info.name, detail }
      )
    }
    return {
      provider,
      name: provider.info.name,
      credentials: resolved.credentials,
      settings: adapterSettings(effective),
      concurrency: effective.concurrency,
      ratePerSecond: effective.ratePerSecond,
      pricePerLookup: effective.pricePerLookup,
      currency: effective.currency,
      secrets: [resolved.credentials.apiKey, resolved.credentials.customerId ?? ''].filter(
        (s) => s.length > 0
      )
    }
  }

  /** The account balance where the provider has an API for it (null otherwise); errors are ProviderErrors. */
  async balance(id: LiveProviderId): Promise<{ amount: number; currency: string } | null> {
    const runtime = await this.runtime(id)
    const signal = AbortSignal.timeout(Math.min(this.testTimeoutMs, runtime.settings.timeoutMs + 5_000))
    try {
      return await runtime.provider.balance(runtime.credentials, runtime.settings, signal)
    } catch (error) {
      const detail = scrub(this.explainFailure(runtime.name, error), runtime.secrets)
      throw new ProviderServiceError('balance_failed', detail, { provider: runtime.name, detail })
    }
  }

  /**
   * The one way to a key: the effective settings and the credentials a call to their base URL may use, read
   * together so the key is checked against the very URL the call then goes to. A keychain key entered for
   * another origin comes back withheld (see resolveCredentials).
   */
  private async credentials(
    provider: LiveProvider
  ): Promise<{ resolved: ResolvedCredentials; effective: EffectiveProviderSettings }> {
    const effective = this.settings.effective(provider.info)
    const resolved = await resolveCredentials(
      provider.info.id,
      { keychain: this.keychain, env: this.env },
      { baseUrl: effective.baseUrl, defaultBaseUrl: provider.info.defaults.baseUrl }
    )
    return { resolved, effective }
  }

  private explainFailure(name: string, error: unknown): string {
    if (error instanceof ProviderError) return error.message
    if (error instanceof KeychainUnavailableError) return `${error.reason} ${error.hint}`
    if (error instanceof SecretStoreError || error instanceof SettingsError) return error.message
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `${name} did not answer in time; check the base URL and your connection.`
    }
    return `The test could not run: ${error instanceof Error ? error.message : String(error)}`
  }

  private account(id: LiveProviderId, field: KeyField) {
    liveProvider(id)
    if (!credentialFields(id).includes(field)) {
      throw new ProviderServiceError(
        'invalid_request',
        `${id} has no ${field === 'customerId' ? 'customer id' : field}.`
      )
    }
    return accountFor(id, field)
  }

  private async keyState(id: LiveProviderId, field: KeyField, keychain: KeychainState): Promise<KeyState> {
    const envVar = envVarFor(id, field)
    const account = accountFor(id, field)
    // Mirrors resolveCredentials: any of the provider's variables makes the environment the source.
    const envUsed = await this.envHasAny(id)
    if (envUsed) {
      const d = await this.env.describe(account).catch(() => ({ set: false, maskedTail: null }))
      return { field, envVar, set: d.set, maskedTail: d.maskedTail, source: d.set ? 'environment' : null }
    }
    if (!keychain.available) return { field, envVar, set: false, maskedTail: null, source: null }
    try {
      const entry = await this.keychain.entry(account)
      if (!entry) return { field, envVar, set: false, maskedTail: null, source: null }
      // A value saved before keys were bound counts as entered for the documented default address.
      const boundOrigin = entry.origin ?? originOf(liveProvider(id).info.defaults.baseUrl)
      const maskedTail = maskTail(entry.secret)
      return { field, envVar, set: true, maskedTail, source: 'keychain', boundOrigin }
    } catch {
      return { field, envVar, set: false, maskedTail: null, source: null }
    }
  }

  private async envHasAny(id: LiveProviderId): Promise<boolean> {
    for (const field of credentialFields(id)) {
      // A malformed variable still counts as "set": resolveCredentials reports it instead of using the keychain.
      const has = await this.env.has(accountFor(id, field)).catch(() => true)
      if (has) return true
    }
    return false
  }

  private async keychainState(): Promise<KeychainState> {
    try {
      const availability = await this.keychain.availability()
      if (availability.available) return { available: true, reason: null, hint: null }
      return { available: false, reason: availability.reason, hint: availability.hint }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        available: false,
        reason: message,
        hint: 'Set the RINGTRUE_<PROVIDER>_KEY environment variable.'
      }
    }
  }
}

const KEY_WORDS: Record<KeyField, string> = { apiKey: 'key', customerId: 'customer ID' }

/**
 * What the Settings card says when keychain credentials were entered for another origin than the base URL in
 * effect: they are not sent until entered again. Environment keys are not bound, so they never mismatch.
 */
function keyMismatchOf(keys: KeyState[], settings: EffectiveProviderSettings): KeyOriginMismatch | null {
  const baseUrlOrigin = originOf(settings.baseUrl)
  const stale = keys.filter(
    (k) => k.source === 'keychain' && k.boundOrigin != null && k.boundOrigin !== baseUrlOrigin
  )
  const first = stale[0]
  if (!first?.boundOrigin) return null
  const fields = stale.map((k) => k.field)
  const one = fields.length === 1
  const what = fields.map((f) => KEY_WORDS[f]).join(' and ')
  return {
    keyOrigin: first.boundOrigin,
    baseUrlOrigin,
    fields,
    message:
      `The ${what} ${one ? 'was' : 'were'} entered for ${first.boundOrigin}; enter ${one ? 'it' : 'them'} again ` +
      `to use ${one ? 'it' : 'them'} with ${baseUrlOrigin}. Until then Ringtrue does not send ${one ? 'it' : 'them'}.`
  }
}
