import type { KeyState } from '@contract/types'

// Kept apart from the component so it can be tested without a window.api.
/** "Key set ••••1a2b (keychain)", "Key set ••••1a2b from RINGTRUE_X_KEY (environment)" or "Not set". */
export function describeKey(key: KeyState): string {
  if (!key.set) return 'Not set'
  const noun = key.field === 'apiKey' ? 'Key set' : 'Set'
  const tail = key.maskedTail ? ` ${key.maskedTail}` : ''
  return key.source === 'environment'
    ? `${noun}${tail} from ${key.envVar} (environment)`
    : `${noun}${tail} (keychain)`
}
