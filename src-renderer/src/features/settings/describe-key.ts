import type { KeyOriginMismatch, KeyState, ProviderView } from '@contract/types'
import { translate } from '../../i18n'

// Kept apart from the component so it can be tested without a window.api.
/** "Key set ••••1a2b (keychain)", "Key set ••••1a2b from RINGTRUE_X_KEY (environment)" or "Not set". */
export function describeKey(key: KeyState): string {
  if (!key.set) return translate('settings:key.state.notSet')
  const values = { kind: key.field, tail: key.maskedTail ? ` ${key.maskedTail}` : '', envVar: key.envVar }
  return key.source === 'environment'
    ? translate('settings:key.state.environment', values)
    : translate('settings:key.state.keychain', values)
}

/** Main's note about a key bound to another origin, said again in the UI's language from its parts. */
export function describeKeyOrigin(mismatch: KeyOriginMismatch): string {
  return translate('settings:keyOrigin', {
    keyOrigin: mismatch.keyOrigin,
    baseUrlOrigin: mismatch.baseUrlOrigin
  })
}

export type KeySummary = 'none-needed' | 'saved' | 'environment' | 'missing' | 'other-address'

/** The one-word key state of a provider in the settings list. */
export function keySummary(provider: ProviderView): KeySummary {
  if (!provider.live) return 'none-needed'
  if (provider.keyMismatch) return 'other-address'
  if (provider.keys.length === 0 || provider.keys.some((key) => !key.set)) return 'missing'
  return provider.keys.some((key) => key.source === 'environment') ? 'environment' : 'saved'
}
