import { KeytarSecretStore } from '../core/secrets'

/** The OS keychain the CLI keeps keys in. */
export function keychainStore(): KeytarSecretStore {
  // RINGTRUE_KEYCHAIN_SERVICE isolates keys in a separate keychain namespace (tests, side-by-side installs).
  const service = process.env.RINGTRUE_KEYCHAIN_SERVICE
  return service ? new KeytarSecretStore({ service }) : new KeytarSecretStore()
}
