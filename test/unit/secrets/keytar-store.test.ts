import { describe, expect, it, vi } from 'vitest'
import {
  InvalidAccountError,
  InvalidSecretError,
  KeychainError,
  KeychainUnavailableError,
  KeytarSecretStore,
  keytarError,
  type KeytarModule,
  type SecretAccount
} from '../../../src-main/core/secrets'

/** An in-memory keytar; `failWith` makes every call reject with that message, the way the native module does. */
function fakeKeytar(options: { failWith?: string; echoPassword?: boolean } = {}) {
  const entries = new Map<string, string>()
  const key = (service: string, account: string) => `${service}\u0000${account}`
  const fail = (password?: string) => {
    if (options.failWith === undefined) return
    throw new Error(options.echoPassword ? `${options.failWith} (${password})` : options.failWith)
  }
  const module = {
    entries,
    getPassword: vi.fn(async (service: string, account: string) => {
      fail()
      return entries.get(key(service, account)) ?? null
    }),
    setPassword: vi.fn(async (service: string, account: string, password: string) => {
      fail(password)
      entries.set(key(service, account), password)
    }),
    deletePassword: vi.fn(async (service: string, account: string) => {
      fail()
      return entries.delete(key(service, account))
    })
  } satisfies KeytarModule & { entries: Map<string, string> }
  return module
}

function storeWith(keytar: KeytarModule, service = 'Ringtrue') {
  return new KeytarSecretStore({ service, loadKeytar: () => keytar, platform: 'linux' })
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('KeytarSecretStore with a fake keytar', () => {
  it('stores under service Ringtrue and account = provider id, trimmed', async () => {
    const keytar = fakeKeytar()
    const store = storeWith(keytar)
    expect(store.service).toBe('Ringtrue')
    await store.set('acedata', '  ace-0123456789ab\n')
    expect(keytar.setPassword).toHaveBeenCalledWith('Ringtrue', 'acedata', 'ace-0123456789ab')
    await store.set('telesign:customer-id', 'CUST-1')
    expect(keytar.setPassword).toHaveBeenLastCalledWith('Ringtrue', 'telesign:customer-id', 'CUST-1')
    expect(await store.get('acedata')).toBe('ace-0123456789ab')
    expect(await store.describe('acedata')).toEqual({ set: true, maskedTail: '••••89ab' })
    expect(await store.describe('telesign:customer-id')).toEqual({ set: true, maskedTail: null })
    expect(await store.describe('toolkk')).toEqual({ set: false, maskedTail: null })
    expect(await store.delete('acedata')).toBe(true)
    expect(await store.delete('acedata')).toBe(false)
    expect(await store.has('acedata')).toBe(false)
  })

  it('uses the service name it is given', async () => {
    const keytar = fakeKeytar()
    await storeWith(keytar, 'Ringtrue-test-1').set('checkmobi', 'cm-key')
    expect(keytar.setPassword).toHaveBeenCalledWith('Ringtrue-test-1', 'checkmobi', 'cm-key')
    expect(await storeWith(keytar).get('checkmobi')).toBeNull()
    expect(() => new KeytarSecretStore({ service: ' ' })).toThrow(TypeError)
  })

  it('validates before touching the keychain', async () => {
    const keytar = fakeKeytar()
    const store = storeWith(keytar)
    expect(await rejection(store.set('acedata', ''))).toBeInstanceOf(InvalidSecretError)
    expect(await rejection(store.set('acedata', 'a\nb'))).toBeInstanceOf(InvalidSecretError)
    expect(await rejection(store.set('acedata', 'k'.repeat(4097)))).toBeInstanceOf(InvalidSecretError)
    expect(await rejection(store.set('offline' as SecretAccount, 'key'))).toBeInstanceOf(InvalidAccountError)
    expect(await rejection(store.get('../etc' as SecretAccount))).toBeInstanceOf(InvalidAccountError)
    expect(await rejection(store.delete('' as SecretAccount))).toBeInstanceOf(InvalidAccountError)
    expect(keytar.setPassword).not.toHaveBeenCalled()
    expect(keytar.getPassword).not.toHaveBeenCalled()
    expect(keytar.deletePassword).not.toHaveBeenCalled()
  })

  it('treats an empty stored value as unset', async () => {
    const keytar = fakeKeytar()
    keytar.entries.set('Ringtrue\u0000toolkk', '')
    expect(await storeWith(keytar).describe('toolkk')).toEqual({ set: false, maskedTail: null })
  })

  it('loads keytar on first use only, and once', async () => {
    const keytar = fakeKeytar()
    const load = vi.fn(() => keytar)
    const store = new KeytarSecretStore({ loadKeytar: load })
    expect(load).not.toHaveBeenCalled()
    await store.has('acedata')
    await store.has('toolkk')
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('turns a failed load into KeychainUnavailableError, remembered, with the env hint for the account', async () => {
    const load = vi.fn(() => {
      throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory')
    })
    const store = new KeytarSecretStore({ loadKeytar: load, platform: 'linux' })
    const error = await rejection(store.set('toolkk', 'tk-secret-value'))
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    const unavailable = error as KeychainUnavailableError
    expect(unavailable.kind).toBe('module_unavailable')
    expect(unavailable.reason).toMatch(/libsecret.*not installed/)
    expect(unavailable.hint).toMatch(
      /^Install libsecret .*, or set RINGTRUE_TOOLKK_KEY in the environment instead\.$/
    )
    expect(unavailable.message).not.toContain('tk-secret-value')
    expect(await store.availability()).toMatchObject({ available: false, reason: unavailable.reason })
    expect(await rejection(store.get('acedata'))).toMatchObject({
      hint: expect.stringContaining('RINGTRUE_ACEDATA_KEY')
    })
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('says the native build is missing when keytar itself cannot be found', async () => {
    const store = new KeytarSecretStore({
      platform: 'darwin',
      loadKeytar: () => {
        throw new Error("Cannot find module '../build/Release/keytar.node'")
      }
    })
    expect(await store.availability()).toEqual({
      available: false,
      reason: expect.stringContaining('keytar) could not be loaded'),
      hint: expect.stringMatching(
        /^Reinstall Ringtrue, or set the key in an environment variable instead: .*RINGTRUE_ACEDATA_KEY/
      )
    })
  })
})

describe('availability', () => {
  it('writes and removes a probe entry, leaving nothing behind', async () => {
    const keytar = fakeKeytar()
    expect(await storeWith(keytar).availability()).toEqual({ available: true })
    expect(keytar.setPassword).toHaveBeenCalledTimes(1)
    expect(keytar.deletePassword).toHaveBeenCalledTimes(1)
    expect(keytar.entries.size).toBe(0)
  })

  it('reports a locked collection, which reads alone would not reveal', async () => {
    const keytar = fakeKeytar()
    // What gnome-keyring does when locked with no prompter: reads answer "nothing", writes fail.
    keytar.setPassword.mockRejectedValue(new Error('Cannot create an item in a locked collection'))
    const availability = await storeWith(keytar).availability()
    expect(availability).toEqual({
      available: false,
      reason: 'The keychain is locked, and no unlock prompt can be shown here.',
      hint: expect.stringContaining('Unlock it')
    })
  })

  it('reports an unrecognised failure as unavailable too', async () => {
    const availability = await storeWith(fakeKeytar({ failWith: 'Something new went wrong' })).availability()
    expect(availability).toEqual({
      available: false,
      reason: 'The system keychain reported an error: Something new went wrong',
      hint: expect.stringContaining('RINGTRUE_<PROVIDER>_KEY')
    })
  })
})

describe('error mapping', () => {
  const cases: [string, KeychainUnavailableError['kind'], RegExp][] = [
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no_session_bus', /No desktop session bus \(D-Bus\)/],
    ['Could not connect: No such file or directory', 'no_session_bus', /D-Bus/],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no_secret_service',
      /No keychain service \(such as GNOME Keyring or KWallet\)/
    ],
    [
      'Error calling StartServiceByName for org.freedesktop.secrets: Timeout was reached',
      'no_secret_service',
      /No keychain service/
    ],
    [
      'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
      'no_collection',
      /no default \(login\) keyring/
    ],
    ['Cannot create an item in a locked collection', 'locked', /The keychain is locked/],
    ['User interaction is not allowed.', 'locked', /locked/],
    ['Secret Service: unlock prompt was dismissed', 'prompt_dismissed', /dismissed or denied/],
    ['User canceled the operation.', 'prompt_dismissed', /dismissed or denied/],
    ['Timeout was reached', 'unresponsive', /did not answer in time/],
    [
      'A specified logon session does not exist. It may already have been terminated.',
      'no_session_bus',
      /D-Bus/
    ]
  ]

  it.each(cases)('%s → %s', (message, kind, reason) => {
    const error = keytarError(new Error(message), { account: 'checknumber' })
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    const unavailable = error as KeychainUnavailableError
    expect(unavailable.code).toBe('keychain_unavailable')
    expect(unavailable.kind).toBe(kind)
    expect(unavailable.reason).toMatch(reason)
    expect(unavailable.hint).toMatch(/, or set RINGTRUE_CHECKNUMBER_KEY in the environment instead\.$/)
    expect(unavailable.detail).toBe(message)
    expect(unavailable.message).toBe(`${unavailable.reason} ${unavailable.hint}`)
  })

  it('offers the customer-id variable for the customer-id account', () => {
    const error = keytarError(new Error('Cannot create an item in a locked collection'), {
      account: 'telesign:customer-id'
    }) as KeychainUnavailableError
    expect(error.hint).toContain('RINGTRUE_TELESIGN_CUSTOMER_ID')
  })

  it('passes an unknown failure through as KeychainError', () => {
    const error = keytarError(new Error('Something new went wrong'))
    expect(error).toBeInstanceOf(KeychainError)
    expect(error.message).toBe('The system keychain reported an error: Something new went wrong')
  })

  it('maps what a failing store call throws, for every operation', async () => {
    const store = storeWith(fakeKeytar({ failWith: 'Cannot autolaunch D-Bus without X11 $DISPLAY' }))
    for (const call of [
      store.get('acedata'),
      store.has('acedata'),
      store.describe('acedata'),
      store.delete('acedata')
    ]) {
      expect(await rejection(call)).toMatchObject({ kind: 'no_session_bus' })
    }
    expect(await rejection(store.set('acedata', 'ace-key-value'))).toMatchObject({
      name: 'KeychainUnavailableError',
      hint: 'Run Ringtrue from a desktop session, or set RINGTRUE_ACEDATA_KEY in the environment instead.'
    })
  })

  it('never lets the secret into an error, even when the backend echoes it', async () => {
    const secret = 'sk_live_DO_NOT_LEAK_0123456789'
    for (const failWith of ['Cannot create an item in a locked collection', 'Unexpected failure']) {
      const store = storeWith(fakeKeytar({ failWith, echoPassword: true }))
      const error = await rejection(store.set('acedata', secret))
      expect(error).toBeInstanceOf(failWith.startsWith('Cannot') ? KeychainUnavailableError : KeychainError)
      const everything = [
        error.message,
        error.stack,
        String(error),
        JSON.stringify(error),
        JSON.stringify({ ...error })
      ]
      for (const text of everything) expect(text).not.toContain(secret)
      expect((error as KeychainError).detail).toContain('[redacted]')
    }
  })
})

describe('KeytarSecretStore entries bound to an origin', () => {
  it('keeps the origin with the secret; get, has and describe see the secret alone', async () => {
    const keytar = fakeKeytar()
    const store = storeWith(keytar)
    await store.set('acedata', ' ace-0123456789ab ', 'https://proxy.example.com/ace/')
    expect(keytar.setPassword).toHaveBeenCalledWith(
      'Ringtrue',
      'acedata',
      JSON.stringify({ secret: 'ace-0123456789ab', origin: 'https://proxy.example.com' })
    )
    expect(await store.entry('acedata')).toEqual({
      secret: 'ace-0123456789ab',
      origin: 'https://proxy.example.com'
    })
    expect(await store.get('acedata')).toBe('ace-0123456789ab')
    expect(await store.describe('acedata')).toEqual({ set: true, maskedTail: '••••89ab' })
    // A plain value (written before keys were bound) has no origin of its own.
    await store.set('toolkk', 'tk-plain-value-0001')
    expect(await store.entry('toolkk')).toEqual({ secret: 'tk-plain-value-0001', origin: null })
    expect(await store.entry('checknumber')).toBeNull()
  })

  it('refuses an origin that is not http(s) before writing anything', async () => {
    const keytar = fakeKeytar()
    await expect(storeWith(keytar).set('acedata', 'ace-0123456789ab', 'file:///etc')).rejects.toThrow(
      /http:\/\/ or https:\/\//
    )
    expect(keytar.setPassword).not.toHaveBeenCalled()
  })

  it('an error that echoes the stored value carries neither the key nor its JSON form', async () => {
    const secret = 'sk-"quoted"-0123456789'
    const keytar = fakeKeytar({ failWith: 'write failed', echoPassword: true })
    const error = await rejection(storeWith(keytar).set('acedata', secret, 'https://api.acedata.cloud'))
    expect(error).toBeInstanceOf(KeychainError)
    expect(error.message).not.toContain(secret)
    expect(error.message).not.toContain(JSON.stringify(secret).slice(1, -1))
  })
})
