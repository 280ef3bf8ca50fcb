import { describe, expect, it, vi } from 'vitest'
import {
  EnvSecretStore,
  explainCredentials,
  forgetCredentials,
  InvalidSecretError,
  KeychainError,
  KeytarSecretStore,
  resolveCredentials,
  saveCredentials,
  type KeytarModule
} from '../../../src-main/core/secrets'
import { liveProvider } from '../../../src-main/core/provider-registry'
import type { LiveProviderId } from '../../../src-main/core/providers/types'

/** A call to the provider's documented address, where a key saved before keys were bound belongs. */
function at(id: LiveProviderId) {
  const { baseUrl } = liveProvider(id).info.defaults
  return { baseUrl, defaultBaseUrl: baseUrl }
}

function keychainWith(entries: Record<string, string>, failWith?: string) {
  const map = new Map(Object.entries(entries))
  const keytar = {
    getPassword: vi.fn(async (_service: string, account: string) => {
      if (failWith) throw new Error(failWith)
      return map.get(account) ?? null
    }),
    setPassword: vi.fn(async (_service: string, account: string, password: string) => {
      if (failWith) throw new Error(failWith)
      map.set(account, password)
    }),
    deletePassword: vi.fn(async (_service: string, account: string) => map.delete(account))
  } satisfies KeytarModule
  return { map, keytar, store: new KeytarSecretStore({ loadKeytar: () => keytar, platform: 'linux' }) }
}

const NO_BUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY'

describe('resolveCredentials', () => {
  it('uses the environment when it is set, without touching the keychain', async () => {
    const { keytar, store } = keychainWith({ acedata: 'from-keychain' })
    const env = new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: 'from-env' })
    const resolved = await resolveCredentials('acedata', { keychain: store, env }, at('acedata'))
    expect(resolved).toEqual({
      credentials: { apiKey: 'from-env' },
      source: 'environment',
      missing: [],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(keytar.getPassword).not.toHaveBeenCalled()
    expect(explainCredentials('acedata', resolved)).toBe(
      'acedata: using RINGTRUE_ACEDATA_KEY from the environment (it overrides the keychain).'
    )
  })

  it('needs no keychain at all when the environment has the key (CI without a session bus)', async () => {
    const { store } = keychainWith({}, NO_BUS)
    const env = new EnvSecretStore({ RINGTRUE_CHECKMOBI_KEY: 'cm' })
    expect(await resolveCredentials('checkmobi', { keychain: store, env }, at('checkmobi'))).toMatchObject({
      credentials: { apiKey: 'cm' },
      source: 'environment'
    })
  })

  it('falls back to the keychain when no variable is set', async () => {
    const { store } = keychainWith({ toolkk: 'from-keychain' })
    const resolved = await resolveCredentials(
      'toolkk',
      { keychain: store, env: new EnvSecretStore({}) },
      at('toolkk')
    )
    expect(resolved).toEqual({
      credentials: { apiKey: 'from-keychain' },
      source: 'keychain',
      missing: [],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(explainCredentials('toolkk', resolved)).toBe(
      'toolkk: using the API key saved in the system keychain.'
    )
  })

  it('treats an empty variable as unset', async () => {
    const { store } = keychainWith({ toolkk: 'from-keychain' })
    const env = new EnvSecretStore({ RINGTRUE_TOOLKK_KEY: '' })
    expect((await resolveCredentials('toolkk', { keychain: store, env }, at('toolkk'))).source).toBe(
      'keychain'
    )
  })

  it('returns Telesign key and customer id together from one source', async () => {
    const { store } = keychainWith({ telesign: 'ts-key', 'telesign:customer-id': 'CUST' })
    expect(
      await resolveCredentials('telesign', { keychain: store, env: new EnvSecretStore({}) }, at('telesign'))
    ).toMatchObject({
      credentials: { apiKey: 'ts-key', customerId: 'CUST' },
      source: 'keychain'
    })
    const env = new EnvSecretStore({
      RINGTRUE_TELESIGN_KEY: 'env-key',
      RINGTRUE_TELESIGN_CUSTOMER_ID: 'ENV-CUST'
    })
    expect(await resolveCredentials('telesign', { keychain: store, env }, at('telesign'))).toMatchObject({
      credentials: { apiKey: 'env-key', customerId: 'ENV-CUST' },
      source: 'environment'
    })
  })

  it('never mixes sources: half of Telesign in the environment is reported as incomplete', async () => {
    const { keytar, store } = keychainWith({ telesign: 'ts-key', 'telesign:customer-id': 'CUST' })
    const env = new EnvSecretStore({ RINGTRUE_TELESIGN_KEY: 'env-key' })
    const resolved = await resolveCredentials('telesign', { keychain: store, env }, at('telesign'))
    expect(resolved).toEqual({
      credentials: null,
      source: 'environment',
      missing: ['customerId'],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(keytar.getPassword).not.toHaveBeenCalled()
    expect(explainCredentials('telesign', resolved)).toBe(
      'telesign: RINGTRUE_TELESIGN_CUSTOMER_ID is not set while RINGTRUE_TELESIGN_KEY is; set both (the keychain is not used while either is set).'
    )
  })

  it('reports an incomplete keychain entry', async () => {
    const { store } = keychainWith({ 'telesign:customer-id': 'CUST' })
    const resolved = await resolveCredentials(
      'telesign',
      { keychain: store, env: new EnvSecretStore({}) },
      at('telesign')
    )
    expect(resolved).toMatchObject({ credentials: null, source: 'keychain', missing: ['apiKey'] })
    expect(explainCredentials('telesign', resolved)).toContain('the system keychain has no API key')
  })

  it('reports nothing found', async () => {
    const { store } = keychainWith({})
    const resolved = await resolveCredentials(
      'telesign',
      { keychain: store, env: new EnvSecretStore({}) },
      at('telesign')
    )
    expect(resolved).toEqual({
      credentials: null,
      source: null,
      missing: ['apiKey', 'customerId'],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(explainCredentials('telesign', resolved)).toBe(
      'telesign: no API key and customer id; save it in Settings or set RINGTRUE_TELESIGN_KEY and RINGTRUE_TELESIGN_CUSTOMER_ID.'
    )
    expect(
      await resolveCredentials('acedata', { keychain: null, env: new EnvSecretStore({}) }, at('acedata'))
    ).toMatchObject({
      source: null,
      missing: ['apiKey']
    })
  })

  it('explains an unavailable keychain instead of throwing', async () => {
    const { store } = keychainWith({}, NO_BUS)
    const resolved = await resolveCredentials(
      'checknumber',
      { keychain: store, env: new EnvSecretStore({}) },
      at('checknumber')
    )
    expect(resolved).toMatchObject({ credentials: null, source: null, missing: ['apiKey'] })
    expect(resolved.keychainUnavailable).toEqual({
      reason: 'No desktop session bus (D-Bus) is running, so Ringtrue cannot reach the system keychain.',
      hint: 'Run Ringtrue from a desktop session, or set RINGTRUE_CHECKNUMBER_KEY in the environment instead.'
    })
    expect(explainCredentials('checknumber', resolved)).toContain('set RINGTRUE_CHECKNUMBER_KEY')
  })

  it('lets an unrecognised keychain failure through', async () => {
    const { store } = keychainWith({}, 'Something new went wrong')
    await expect(
      resolveCredentials('acedata', { keychain: store, env: new EnvSecretStore({}) }, at('acedata'))
    ).rejects.toThrow(KeychainError)
  })

  it('reports a malformed environment value rather than quietly using the keychain', async () => {
    const { store } = keychainWith({ acedata: 'from-keychain' })
    const env = new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: 'a\nb' })
    await expect(resolveCredentials('acedata', { keychain: store, env }, at('acedata'))).rejects.toThrow(
      InvalidSecretError
    )
  })
})

describe('saveCredentials and forgetCredentials', () => {
  const PROXY = 'https://proxy.example.com/telesign'
  const bound = (secret: string, origin: string) => JSON.stringify({ secret, origin })

  it('validates every field before writing any', async () => {
    const { map, store } = keychainWith({ telesign: 'old-key', 'telesign:customer-id': 'OLD' })
    await expect(
      saveCredentials('telesign', { apiKey: 'new-key', customerId: ' \n' }, store, PROXY)
    ).rejects.toThrow('The customer id is empty.')
    await expect(saveCredentials('telesign', { apiKey: 'new-key' }, store, PROXY)).rejects.toThrow(
      InvalidSecretError
    )
    expect(Object.fromEntries(map)).toEqual({ telesign: 'old-key', 'telesign:customer-id': 'OLD' })
    await saveCredentials('telesign', { apiKey: ' new-key ', customerId: 'NEW' }, store, PROXY)
    expect(Object.fromEntries(map)).toEqual({
      telesign: bound('new-key', 'https://proxy.example.com'),
      'telesign:customer-id': bound('NEW', 'https://proxy.example.com')
    })
    expect(await store.entry('telesign')).toEqual({ secret: 'new-key', origin: 'https://proxy.example.com' })
  })

  it('ignores fields a provider does not use', async () => {
    const { map, store } = keychainWith({})
    await saveCredentials('acedata', { apiKey: 'ace', customerId: 'ignored' }, store, at('acedata').baseUrl)
    expect(Object.fromEntries(map)).toEqual({ acedata: bound('ace', 'https://api.acedata.cloud') })
  })

  it('forgets all of a provider’s entries', async () => {
    const { map, store } = keychainWith({ telesign: 'k', 'telesign:customer-id': 'C', acedata: 'a' })
    expect(await forgetCredentials('telesign', store)).toBe(true)
    expect(await forgetCredentials('telesign', store)).toBe(false)
    expect(Object.fromEntries(map)).toEqual({ acedata: 'a' })
  })
})

describe('keys bound to an origin', () => {
  const bound = (secret: string, origin: string) => JSON.stringify({ secret, origin })
  const PROXY = 'https://proxy.example.com'

  it('withholds a keychain key entered for another origin, and says which and where', async () => {
    const { store } = keychainWith({ acedata: bound('ace-key', 'https://api.acedata.cloud') })
    const resolved = await resolveCredentials(
      'acedata',
      { keychain: store, env: new EnvSecretStore({}) },
      { baseUrl: 'http://127.0.0.1:18809', defaultBaseUrl: 'https://api.acedata.cloud' }
    )
    expect(resolved).toEqual({
      credentials: null,
      source: 'keychain',
      missing: [],
      keychainUnavailable: null,
      originMismatch: {
        keyOrigin: 'https://api.acedata.cloud',
        targetOrigin: 'http://127.0.0.1:18809',
        fields: ['apiKey']
      }
    })
    const text = explainCredentials('acedata', resolved)
    expect(text).toBe(
      'acedata: the API key saved in the keychain was entered for https://api.acedata.cloud, not for ' +
        'http://127.0.0.1:18809 (the base URL now in use), so it was not sent. Enter it again (in Settings or ' +
        'with `ringtrue keys set acedata`) to use it with http://127.0.0.1:18809, or set the base URL back to ' +
        'https://api.acedata.cloud.'
    )
    expect(text).not.toContain('ace-key')
  })

  it('hands it out for any path on the same origin', async () => {
    const { store } = keychainWith({ checkmobi: bound('cm-key', PROXY) })
    const resolved = await resolveCredentials(
      'checkmobi',
      { keychain: store, env: new EnvSecretStore({}) },
      { baseUrl: `${PROXY}/checkmobi/v1`, defaultBaseUrl: 'https://api.checkmobi.com/v1' }
    )
    expect(resolved.credentials).toEqual({ apiKey: 'cm-key' })
  })

  it('reads a plain (legacy) value as entered for the documented default origin', async () => {
    const { store } = keychainWith({ toolkk: 'tk-legacy' })
    const sources = { keychain: store, env: new EnvSecretStore({}) }
    expect((await resolveCredentials('toolkk', sources, at('toolkk'))).credentials).toEqual({
      apiKey: 'tk-legacy'
    })
    const moved = await resolveCredentials('toolkk', sources, {
      baseUrl: PROXY,
      defaultBaseUrl: at('toolkk').baseUrl
    })
    expect(moved.credentials).toBeNull()
    expect(moved.originMismatch?.keyOrigin).toBe('https://openapi.toolkk.com')
  })

  it('needs every field of a pair entered for the target origin (Telesign’s key and customer id)', async () => {
    const { store } = keychainWith({
      telesign: bound('ts-key', PROXY),
      'telesign:customer-id': bound('CUST', 'https://rest-ww.telesign.com')
    })
    const resolved = await resolveCredentials(
      'telesign',
      { keychain: store, env: new EnvSecretStore({}) },
      { baseUrl: PROXY, defaultBaseUrl: 'https://rest-ww.telesign.com' }
    )
    expect(resolved.credentials).toBeNull()
    expect(resolved.originMismatch).toEqual({
      keyOrigin: 'https://rest-ww.telesign.com',
      targetOrigin: PROXY,
      fields: ['customerId']
    })
    expect(explainCredentials('telesign', resolved)).toContain(
      'the customer id saved in the keychain was entered for https://rest-ww.telesign.com'
    )
    expect(explainCredentials('telesign', resolved)).toContain(
      '`ringtrue keys set telesign --field customerId`'
    )
  })

  it('does not bind keys from the environment (the user’s automation)', async () => {
    const { store } = keychainWith({ acedata: bound('ace-key', 'https://api.acedata.cloud') })
    const resolved = await resolveCredentials(
      'acedata',
      { keychain: store, env: new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: 'from-env' }) },
      { baseUrl: 'http://127.0.0.1:18809', defaultBaseUrl: 'https://api.acedata.cloud' }
    )
    expect(resolved).toMatchObject({ credentials: { apiKey: 'from-env' }, originMismatch: null })
  })
})
