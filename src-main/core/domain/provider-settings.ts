// Providers and their settings as the core reports them. Keys never appear in any of these: only whether one is set.
import type { AuthMode, KeyField, LookupKind, ProviderIdDto } from './vocabulary'

/** Where an effective setting came from: RINGTRUE_<ID>_BASE_URL, the Settings screen, or the adapter. */
export type SettingSource = 'environment' | 'saved' | 'default'

export interface EffectiveProviderSettings {
  baseUrl: string
  baseUrlSource: SettingSource
  /** The variable that overrides the base URL, so the screen can name it. */
  baseUrlEnvVar: string
  /** What the Settings screen saved, shown in the field while the environment overrides it. */
  savedBaseUrl: string | null
  defaultBaseUrl: string
  concurrency: number
  ratePerSecond: number
  timeoutMs: number
  pricePerLookup: number
  currency: string
  /** Telesign only. */
  authMode: AuthMode | null
  useCase: string | null
  /** CheckMobi only. */
  lookup: LookupKind | null
}

export interface KeyState {
  field: KeyField
  set: boolean
  /** '••••' and the last four characters, or null when unset or too short to show any of it. */
  maskedTail: string | null
  source: 'environment' | 'keychain' | null
  /** The variable that would override the keychain (RINGTRUE_<ID>_KEY …). */
  envVar: string
  /**
   * For a keychain value: the origin (scheme://host[:port]) it was entered for; it is only ever sent there.
   * Absent for environment keys, which are not bound.
   */
  boundOrigin?: string
}

/** Keychain credentials entered for another origin than the base URL in effect: they are not sent. */
export interface KeyOriginMismatch {
  /** The origin the credentials were entered for. */
  keyOrigin: string
  /** The origin of the base URL in effect now. */
  baseUrlOrigin: string
  /** The fields to enter again. */
  fields: KeyField[]
  /** "The key was entered for https://…; enter it again to use it with http://…" */
  message: string
}

export interface ProviderView {
  id: ProviderIdDto
  name: string
  measures: string
  coverage: string
  confidence: 'network' | 'carrier_db' | 'inferred'
  bulk: boolean
  live: boolean
  docsUrl: string | null
  enabled: boolean
  /** Null for the offline check, which has nothing to configure. */
  settings: EffectiveProviderSettings | null
  keys: KeyState[]
  /** Set when keychain credentials were entered for another origin than the base URL in effect. */
  keyMismatch?: KeyOriginMismatch | null
}

export interface KeychainState {
  available: boolean
  reason: string | null
  hint: string | null
}

export interface ProvidersOverview {
  providers: ProviderView[]
  keychain: KeychainState
}

/** A partial update; `baseUrl: null` goes back to the adapter's default. */
export interface ProviderSettingsPatch {
  enabled?: boolean
  baseUrl?: string | null
  concurrency?: number
  ratePerSecond?: number
  timeoutMs?: number
  pricePerLookup?: number
  currency?: string
  authMode?: AuthMode
  useCase?: string
  lookup?: LookupKind
}

export interface ConnectionTestResult {
  ok: boolean
  message: string
  balance?: number
  currency?: string
}
