// The provider form as text, its checks and the patch it becomes. Kept apart from the component so the rules can be
// tested without a window. The limits are main's own (SETTING_LIMITS, the patch schema), so the field refuses
// exactly what main would refuse, and says so in the UI's language before anything is sent.
import { SETTING_LIMITS, baseUrlSchema, settingsPatchSchema } from '@contract/schemas'
import type { EffectiveProviderSettings, ProviderSettingsPatch } from '@contract/types'
import { translate } from '../../i18n'

/** The editable fields as text, so a half-typed number does not jump back while the user edits it. */
export interface Draft {
  baseUrl: string
  concurrency: string
  ratePerSecond: string
  timeoutSeconds: string
  pricePerLookup: string
  currency: string
  authMode: string
  useCase: string
  lookup: string
}

export type DraftField = keyof Draft
export type FieldErrors = Partial<Record<DraftField, string>>

export function draftOf(settings: EffectiveProviderSettings): Draft {
  return {
    baseUrl: settings.savedBaseUrl ?? '',
    concurrency: String(settings.concurrency),
    ratePerSecond: String(settings.ratePerSecond),
    timeoutSeconds: String(settings.timeoutMs / 1000),
    pricePerLookup: String(settings.pricePerLookup),
    currency: settings.currency,
    authMode: settings.authMode ?? '',
    useCase: settings.useCase ?? '',
    lookup: settings.lookup ?? ''
  }
}

type NumberSetting = keyof typeof SETTING_LIMITS

/** Each numeric field, the setting it feeds and the factor from what is typed to what is stored. */
const NUMBER_FIELDS: readonly { field: DraftField; setting: NumberSetting; scale: number; whole: boolean }[] =
  [
    { field: 'concurrency', setting: 'concurrency', scale: 1, whole: true },
    { field: 'ratePerSecond', setting: 'ratePerSecond', scale: 1, whole: false },
    // Typed in seconds, kept in milliseconds; any number of seconds rounds to whole milliseconds.
    { field: 'timeoutSeconds', setting: 'timeoutMs', scale: 1000, whole: false },
    { field: 'pricePerLookup', setting: 'pricePerLookup', scale: 1, whole: false }
  ]

/** The value a number field stores, rounded the way it is saved; null when the text is not a number. */
function storedNumber(text: string, scale: number, setting: NumberSetting): number | null {
  const trimmed = text.trim()
  const value = Number(trimmed)
  if (trimmed === '' || !Number.isFinite(value)) return null
  const scaled = Math.round(value * scale * 1000) / 1000
  return setting === 'timeoutMs' ? Math.round(scaled) : scaled
}

/**
 * What is wrong with each field, as a short sentence in the UI's language; empty when the form can be saved.
 * `provider` settings say which optional fields the provider has (a use case for Telesign only).
 */
export function fieldErrors(draft: Draft, settings: EffectiveProviderSettings): FieldErrors {
  const errors: FieldErrors = {}
  const url = draft.baseUrl.trim()
  if (url !== '' && !baseUrlSchema.safeParse(url).success)
    errors.baseUrl = translate('settings:invalid.baseUrl')

  for (const { field, setting, scale, whole } of NUMBER_FIELDS) {
    const value = storedNumber(draft[field], scale, setting)
    const { min, max } = SETTING_LIMITS[setting]
    if (value === null) {
      errors[field] = translate('settings:invalid.notNumber')
    } else if (value < min || value > max || (whole && !Number.isInteger(value))) {
      // Limits are shown in the unit of the field (seconds for the timeout).
      errors[field] = translate(whole ? 'settings:invalid.wholeRange' : 'settings:invalid.range', {
        min: min / scale,
        max: max / scale
      })
    }
  }

  const currency = draft.currency.trim().toUpperCase()
  if (!settingsPatchSchema.shape.currency.safeParse(currency).success) {
    errors.currency = translate('settings:invalid.currency')
  }
  if (settings.useCase !== null) {
    const useCase = draft.useCase.trim().toUpperCase()
    if (!settingsPatchSchema.shape.useCase.safeParse(useCase).success) {
      errors.useCase = translate('settings:invalid.useCase')
    }
  }
  return errors
}

/** Only what changed goes to main; main validates it again and answers with the saved state. */
export function patchOf(draft: Draft, settings: EffectiveProviderSettings): ProviderSettingsPatch {
  const patch: ProviderSettingsPatch = {}
  const url = draft.baseUrl.trim()
  if (url !== (settings.savedBaseUrl ?? '')) patch.baseUrl = url === '' ? null : url
  for (const { field, setting, scale } of NUMBER_FIELDS) {
    const value = storedNumber(draft[field], scale, setting)
    if (value !== null && value !== settings[setting]) patch[setting] = value
  }
  const currency = draft.currency.trim().toUpperCase()
  if (currency !== settings.currency) patch.currency = currency
  if (settings.authMode && draft.authMode !== settings.authMode) {
    patch.authMode = draft.authMode === 'basic' ? 'basic' : 'hmac'
  }
  const useCase = draft.useCase.trim().toUpperCase()
  if (settings.useCase !== null && useCase !== settings.useCase) patch.useCase = useCase
  if (settings.lookup && draft.lookup !== settings.lookup)
    patch.lookup = draft.lookup === 'mnp' ? 'mnp' : 'hlr'
  return patch
}
