// The OS keychain through keytar (macOS Keychain, Windows Credential Vault, Secret Service on Linux).
// keytar is archived upstream (research/reliability-performance.md §3.1); it stays behind SecretStore so it can
// be replaced without touching callers. Nothing here writes a key anywhere but the keychain, and no error
// message carries one.

import {
  assertAccount,
  decodeStoredSecret,
  encodeStoredSecret,
  envVarForAccount,
  KEYCHAIN_SERVICE,
  KeychainError,
  KeychainUnavailableError,
  maskTail,
  normalizeSecret,
  SecretStoreError,
  type Availability,
  type KeychainUnavailableKind,
  type SecretAccount,
  type SecretDescription,
  type SecretStore,
  type StoredSecret
} from './secret-store'

/** The part of keytar this store uses; tests inject a fake with the same shape. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarStoreOptions {
  /** Keychain service name; defaults to 'Ringtrue'. Tests use their own so a developer's keys stay untouched. */
  service?: string
  /** Returns the keytar module; defaults to require('keytar'). Called on first use, not at construction. */
  loadKeytar?: () => KeytarModule
  /** For messages only (tests pretend to be another OS). */
  platform?: NodeJS.Platform
}

/**
 * Written and removed again by availability(): on Linux a read from a locked or missing collection quietly
 * answers "no such key", so only a write proves the keychain can hold one. A fixed name means a probe left
 * behind by a crash is overwritten and removed by the next one instead of piling up.
 */
const PROBE_ACCOUNT = 'ringtrue:availability-probe'
const PROBE_VALUE = 'probe'

function defaultLoadKeytar(): KeytarModule {
  // Loaded on first use so a missing libsecret or native build costs nothing until a key is needed, and
  // turns into a KeychainUnavailableError there rather than failing the whole app or CLI at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as KeytarModule
}

export class KeytarSecretStore implements SecretStore {
  readonly source = 'keychain' as const
  readonly writable = true
  readonly service: string
  private readonly loadKeytar: () => KeytarModule
  private readonly platform: NodeJS.Platform
  private keytar: KeytarModule | null = null
  private loadFailure: string | null = null

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE
    if (this.service.trim() === '') throw new TypeError('The keychain service name must not be empty.')
    this.loadKeytar = options.loadKeytar ?? defaultLoadKeytar
    this.platform = options.platform ?? process.platform
  }

  async get(account: SecretAccount): Promise<string | null> {
    return (await this.entry(account))?.secret ?? null
  }

  async entry(account: SecretAccount): Promise<StoredSecret | null> {
    const name = assertAccount(account)
    const value = await this.call(name, null, (keytar) => keytar.getPassword(this.service, name))
    return value === null || value === '' ? null : decodeStoredSecret(value)
  }

  async set(account: SecretAccount, secret: string, boundTo?: string): Promise<void> {
    const name = assertAccount(account)
    const value = normalizeSecret(secret)
    const stored = encodeStoredSecret(value, boundTo ?? null)
    // Both forms scrubbed from errors: JSON escapes a quote or a backslash in the key.
    await this.call(name, [stored, value], (keytar) => keytar.setPassword(this.service, name, stored))
  }

  async delete(account: SecretAccount): Promise<boolean> {
    const name = assertAccount(account)
    return this.call(name, null, (keytar) => keytar.deletePassword(this.service, name))
  }

  async has(account: SecretAccount): Promise<boolean> {
    return (await this.get(account)) !== null
  }

  async describe(account: SecretAccount): Promise<SecretDescription> {
    const value = await this.get(account)
    return { set: value !== null, maskedTail: value === null ? null : maskTail(value) }
  }

  /** Writes and deletes a probe entry: the only check that also catches a locked keyring (see PROBE_ACCOUNT). */
  async availability(): Promise<Availability> {
    try {
      await this.call(null, null, async (keytar) => {
        await keytar.setPassword(this.service, PROBE_ACCOUNT, PROBE_VALUE)
        await keytar.deletePassword(this.service, PROBE_ACCOUNT)
      })
      return { available: true }
    } catch (error) {
      if (error instanceof KeychainUnavailableError) {
        return { available: false, reason: error.reason, hint: error.hint }
      }
      // Any other failure still means a key cannot be stored; say so rather than claim the keychain works.
      const detail = error instanceof KeychainError ? error.detail : 'unknown error'
      return {
        available: false,
        reason: `The system keychain reported an error: ${detail}`,
        hint: `${capitalise(envHint(null))}.`
      }
    }
  }

  private module(account: SecretAccount | null): KeytarModule {
    if (this.keytar) return this.keytar
    if (this.loadFailure === null) {
      try {
        this.keytar = this.loadKeytar()
        return this.keytar
      } catch (error) {
        // Remembered: a native module that failed to load will not load on a second try in the same process.
        this.loadFailure = messageOf(error)
      }
    }
    throw keytarLoadError(this.loadFailure, { account, platform: this.platform })
  }

  private async call<T>(
    account: SecretAccount | null,
    secret: string | readonly string[] | null,
    run: (keytar: KeytarModule) => Promise<T>
  ): Promise<T> {
    const keytar = this.module(account)
    try {
      return await run(keytar)
    } catch (error) {
      throw keytarError(error, { account, secret, platform: this.platform })
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function envHint(account: SecretAccount | null): string {
  if (account) return `set ${envVarForAccount(account)} in the environment instead`
  return (
    'set the key in an environment variable instead: RINGTRUE_<PROVIDER>_KEY, for example RINGTRUE_ACEDATA_KEY ' +
    '(Telesign also needs RINGTRUE_TELESIGN_CUSTOMER_ID)'
  )
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : 'unknown error'
}

/** Removes every occurrence of the secret(s), in case a backend ever echoes its input into an error. */
function scrub(text: string, secret: string | readonly string[] | null): string {
  const secrets = secret === null ? [] : typeof secret === 'string' ? [secret] : secret
  return secrets.reduce((out, value) => (value ? out.split(value).join('[redacted]') : out), text)
}

interface Rule {
  kind: Exclude<KeychainUnavailableKind, 'module_unavailable'>
  pattern: RegExp
}

// Ordered: the first match wins. Linux messages come from libsecret/GDBus (measured with keytar 7.9.0, see
// research/reliability-performance.md §3.3); macOS ones from SecCopyErrorMessageString; Windows from
// FormatMessage. "Object does not exist at path /org/freedesktop/secrets/collection/login" (a fresh keyring
// with no prompter to create the login collection) must be tested before the Secret Service rule.
const RULES: Rule[] = [
  {
    kind: 'no_session_bus',
    pattern:
      /autolaunch d-bus|DBUS_SESSION_BUS_ADDRESS|could not connect:|failed to connect to socket|logon session does not exist/i
  },
  {
    kind: 'no_collection',
    pattern: /does not exist at path \S*\/collection\/|no such object path \S*collection/i
  },
  {
    kind: 'no_secret_service',
    pattern:
      /org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files|Spawn\.ChildExited|no keychain is available|default keychain could not be found/i
  },
  {
    kind: 'locked',
    pattern: /locked collection|collection is locked|keychain is locked|IsLocked|interaction is not allowed/i
  },
  { kind: 'prompt_dismissed', pattern: /dismissed|cancell?ed|passphrase you entered is not correct/i },
  { kind: 'unresponsive', pattern: /timeout was reached|timed out|did not receive a reply|NoReply/i }
]

const REASONS: Record<Rule['kind'], { reason: string; fix: string }> = {
  no_session_bus: {
    reason: 'No desktop session bus (D-Bus) is running, so Ringtrue cannot reach the system keychain.',
    fix: 'Run Ringtrue from a desktop session'
  },
  no_secret_service: {
    reason: 'No keychain service (such as GNOME Keyring or KWallet) is installed or running on this system.',
    fix: 'Install and start gnome-keyring or KWallet'
  },
  no_collection: {
    reason:
      'The keychain has no default (login) keyring, and one cannot be created because no password prompt can be shown here.',
    fix: "Create a login keyring in your desktop's Passwords and Keys app"
  },
  locked: {
    reason: 'The keychain is locked, and no unlock prompt can be shown here.',
    fix: 'Unlock it (log in to the desktop session or unlock the login keyring) and try again'
  },
  prompt_dismissed: {
    reason: 'The keychain asked for permission and the request was dismissed or denied.',
    fix: 'Try again and allow access'
  },
  unresponsive: {
    reason: 'The keychain service did not answer in time.',
    fix: 'Check that the keyring service is running and try again'
  }
}

/** Maps a failed keytar call to a KeychainUnavailableError when we know the cause, else a KeychainError. */
export function keytarError(
  error: unknown,
  context: {
    account?: SecretAccount | null
    secret?: string | readonly string[] | null
    platform?: NodeJS.Platform
  } = {}
): SecretStoreError {
  if (error instanceof SecretStoreError) return error
  const detail = scrub(messageOf(error), context.secret ?? null)
  const rule = RULES.find((candidate) => candidate.pattern.test(detail))
  if (!rule) return new KeychainError(detail)
  const { reason, fix } = REASONS[rule.kind]
  return new KeychainUnavailableError(
    rule.kind,
    reason,
    `${fix}, or ${envHint(context.account ?? null)}.`,
    detail
  )
}

/** Maps a failure to load keytar (missing native build, missing libsecret, wrong ABI). */
export function keytarLoadError(
  error: unknown,
  context: { account?: SecretAccount | null; platform?: NodeJS.Platform } = {}
): KeychainUnavailableError {
  const detail = messageOf(error)
  const platform = context.platform ?? process.platform
  const libsecret = /libsecret/i.test(detail)
  const reason = libsecret
    ? 'libsecret, the library Ringtrue uses to reach the Linux keychain, is not installed.'
    : 'The keychain module (keytar) could not be loaded: its native part is missing or was built for another system.'
  const fix = libsecret
    ? 'Install libsecret (the libsecret-1-0 package on Debian and Ubuntu)'
    : platform === 'linux'
      ? 'Reinstall Ringtrue (and make sure libsecret is installed)'
      : 'Reinstall Ringtrue'
  return new KeychainUnavailableError(
    'module_unavailable',
    reason,
    `${fix}, or ${envHint(context.account ?? null)}.`,
    detail
  )
}
