// Per-provider settings saved from the Settings screen (or the CLI), and the effective values a call uses.
// Keys are not settings: they live in the keychain (core/secrets) and never in this table.
import { settingsPatchSchema } from '../domain/settings-schema'
import type {
  AuthMode,
  EffectiveProviderSettings,
  LookupKind,
  ProviderSettingsPatch,
  SettingSource
} from '../domain'
import type { EnvLike } from '../secrets'
import type { LiveProviderId, ProviderInfo, ProviderSettings } from '../providers/types'
import type { Db } from '../store/database'
import type { ErrorParams } from '../jobs/service-error'

export class SettingsError extends Error {
  readonly code = 'invalid_settings'
  constructor(
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'SettingsError'
  }
}

interface Row {
  provider: string
  enabled: number
  base_url: string | null
  concurrency: number | null
  rate_per_second: number | null
  timeout_ms: number | null
  price_per_lookup: number | null
  currency: string | null
  auth_mode: string | null
  use_case: string | null
  lookup: string | null
  updated_at: string
}

export interface SavedSettings {
  enabled: boolean
  baseUrl: string | null
  concurrency: number | null
  ratePerSecond: number | null
  timeoutMs: number | null
  pricePerLookup: number | null
  currency: string | null
  authMode: AuthMode | null
  useCase: string | null
  lookup: LookupKind | null
}

const EMPTY: SavedSettings = {
  enabled: false,
  baseUrl: null,
  concurrency: null,
  ratePerSecond: null,
  timeoutMs: null,
  pricePerLookup: null,
  currency: null,
  authMode: null,
  useCase: null,
  lookup: null
}

export function baseUrlEnvVar(provider: LiveProviderId): string {
  return `RINGTRUE_${provider.toUpperCase()}_BASE_URL`
}

/** Same rules as a saved URL; returns null when the value is unusable so the caller can say so. */
function validUrl(value: string): string | null {
  const parsed = settingsPatchSchema.shape.baseUrl.safeParse(value)
  return parsed.success && typeof parsed.data === 'string' ? parsed.data.replace(/\/+$/, '') : null
}

export class SettingsStore {
  private readonly selectOne
  private readonly upsert

  constructor(
    db: Db,
    /** Read on every call so a changed environment (tests, a long-lived process) is seen. */
    private readonly env: EnvLike = process.env
  ) {
    this.selectOne = db.prepare<[string], Row>('SELECT * FROM provider_settings WHERE provider = ?')
    this.upsert = db.prepare(
      `INSERT INTO provider_settings (provider, enabled, base_url, concurrency, rate_per_second, timeout_ms,
         price_per_lookup, currency, auth_mode, use_case, lookup, updated_at)
       VALUES (@provider, @enabled, @base_url, @concurrency, @rate_per_second, @timeout_ms,
         @price_per_lookup, @currency, @auth_mode, @use_case, @lookup, @updated_at)
       ON CONFLICT (provider) DO UPDATE SET enabled = excluded.enabled, base_url = excluded.base_url,
         concurrency = excluded.concurrency, rate_per_second = excluded.rate_per_second,
         timeout_ms = excluded.timeout_ms, price_per_lookup = excluded.price_per_lookup,
         currency = excluded.currency, auth_mode = excluded.auth_mode, use_case = excluded.use_case,
         lookup = excluded.lookup, updated_at = excluded.updated_at`
    )
  }

  saved(provider: LiveProviderId): SavedSettings {
    const row = this.selectOne.get(provider)
    if (!row) return { ...EMPTY }
    return {
      enabled: row.enabled === 1,
      baseUrl: row.base_url,
      concurrency: row.concurrency,
      ratePerSecond: row.rate_per_second,
      timeoutMs: row.timeout_ms,
      pricePerLookup: row.price_per_lookup,
      currency: row.currency,
      authMode: row.auth_mode === 'basic' || row.auth_mode === 'hmac' ? row.auth_mode : null,
      useCase: row.use_case,
      lookup: row.lookup === 'hlr' || row.lookup === 'mnp' ? row.lookup : null
    }
  }

  /**
   * Validates the whole patch before writing anything (the CLI calls this directly, without the IPC schema),
   * then merges it into what is saved. Fields that do not apply to the provider are refused, not ignored.
   */
  save(provider: LiveProviderId, patch: ProviderSettingsPatch): SavedSettings {
    const parsed = settingsPatchSchema.safeParse(patch)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
      throw new SettingsError(`Invalid setting for ${provider}: ${where}${issue?.message ?? 'not valid'}`, {
        variant: 'field',
        provider,
        field: issue?.path.join('.') ?? ''
      })
    }
    const valid = parsed.data
    if (provider !== 'telesign' && (valid.authMode !== undefined || valid.useCase !== undefined)) {
      throw new SettingsError(`Only Telesign has an authentication mode and a use case, not ${provider}.`, {
        variant: 'telesignOnly',
        provider
      })
    }
    if (provider !== 'checkmobi' && valid.lookup !== undefined) {
      throw new SettingsError(`Only CheckMobi has a lookup kind, not ${provider}.`, {
        variant: 'checkmobiOnly',
        provider
      })
    }
    const next: SavedSettings = { ...this.saved(provider) }
    for (const [name, value] of Object.entries(valid) as [keyof SavedSettings, unknown][]) {
      if (value === undefined) continue
      ;(next as unknown as Record<string, unknown>)[name] =
        name === 'baseUrl' && typeof value === 'string' ? value.replace(/\/+$/, '') : value
    }
    this.upsert.run({
      provider,
      enabled: next.enabled ? 1 : 0,
      base_url: next.baseUrl,
      concurrency: next.concurrency,
      rate_per_second: next.ratePerSecond,
      timeout_ms: next.timeoutMs,
      price_per_lookup: next.pricePerLookup,
      currency: next.currency,
      auth_mode: next.authMode,
      use_case: next.useCase,
      lookup: next.lookup,
      updated_at: new Date().toISOString()
    })
    return next
  }

  /** The values a call uses: environment base URL > saved > adapter default, with where the URL came from. */
  effective(info: ProviderInfo): EffectiveProviderSettings {
    const saved = this.saved(info.id)
    const envVar = baseUrlEnvVar(info.id)
    const fromEnv = this.env[envVar]?.trim()
    let baseUrl = info.defaults.baseUrl
    let baseUrlSource: SettingSource = 'default'
    if (fromEnv) {
      // A malformed override is an error to fix where it is set, not a reason to quietly call the real service.
      const url = validUrl(fromEnv)
      if (!url)
        throw new SettingsError(`${envVar} is not an http:// or https:// address; fix it where it is set.`, {
          variant: 'envUrl',
          envVar
        })
      baseUrl = url
      baseUrlSource = 'environment'
    } else if (saved.baseUrl) {
      baseUrl = saved.baseUrl
      baseUrlSource = 'saved'
    }
    const d = info.defaults
    return {
      baseUrl,
      baseUrlSource,
      baseUrlEnvVar: envVar,
      savedBaseUrl: saved.baseUrl,
      defaultBaseUrl: d.baseUrl,
      concurrency: saved.concurrency ?? d.concurrency,
      ratePerSecond: saved.ratePerSecond ?? d.ratePerSecond,
      timeoutMs: saved.timeoutMs ?? d.timeoutMs,
      pricePerLookup: saved.pricePerLookup ?? d.pricePerLookup,
      currency: saved.currency ?? d.currency,
      authMode: info.id === 'telesign' ? (saved.authMode ?? 'hmac') : null,
      useCase: info.id === 'telesign' ? (saved.useCase ?? 'OTHR') : null,
      lookup: info.id === 'checkmobi' ? (saved.lookup ?? 'hlr') : null
    }
  }
}

/** What an adapter call receives from the effective settings. */
export function adapterSettings(effective: EffectiveProviderSettings): ProviderSettings {
  const settings: ProviderSettings = {
    baseUrl: effective.baseUrl,
    timeoutMs: effective.timeoutMs,
    pricePerLookup: effective.pricePerLookup,
    currency: effective.currency
  }
  if (effective.authMode) settings.authMode = effective.authMode
  if (effective.useCase) settings.useCase = effective.useCase
  if (effective.lookup) settings.lookup = effective.lookup
  return settings
}
