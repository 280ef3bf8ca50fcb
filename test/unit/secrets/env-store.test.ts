import { describe, expect, it } from 'vitest'
import {
  EnvSecretStore,
  InvalidAccountError,
  InvalidSecretError,
  ReadOnlyStoreError,
  type SecretAccount
} from '../../../src-main/core/secrets'

describe('EnvSecretStore', () => {
  it('reads RINGTRUE_<ID>_KEY and the Telesign customer id, trimmed', async () => {
    const store = new EnvSecretStore({
      RINGTRUE_ACEDATA_KEY: '  ace-0123456789ab \n',
      RINGTRUE_TELESIGN_KEY: 'ts-key',
      RINGTRUE_TELESIGN_CUSTOMER_ID: 'CUST-42'
    })
    expect(store.source).toBe('environment')
    expect(store.writable).toBe(false)
    expect(await store.get('acedata')).toBe('ace-0123456789ab')
    expect(await store.get('telesign')).toBe('ts-key')
    expect(await store.get('telesign:customer-id')).toBe('CUST-42')
    expect(await store.get('toolkk')).toBeNull()
    expect(await store.has('acedata')).toBe(true)
    expect(await store.has('checkmobi')).toBe(false)
  })

  it('describes with the masked tail only', async () => {
    const store = new EnvSecretStore({
      RINGTRUE_ACEDATA_KEY: 'ace-0123456789ab',
      RINGTRUE_TOOLKK_KEY: 'short'
    })
    expect(await store.describe('acedata')).toEqual({ set: true, maskedTail: '••••89ab' })
    expect(await store.describe('toolkk')).toEqual({ set: true, maskedTail: null })
    expect(await store.describe('checknumber')).toEqual({ set: false, maskedTail: null })
  })

  it('treats an empty or blank variable as unset', async () => {
    const store = new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: '', RINGTRUE_TOOLKK_KEY: '   ' })
    expect(await store.get('acedata')).toBeNull()
    expect(await store.get('toolkk')).toBeNull()
  })

  it('reports a malformed value by its variable name, never its content', async () => {
    const store = new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: 'first-half\nsecond-half' })
    const error: unknown = await store.get('acedata').then(
      () => null,
      (caught: unknown) => caught
    )
    expect(error).toBeInstanceOf(InvalidSecretError)
    const { message } = error as InvalidSecretError
    expect(message).toContain('RINGTRUE_ACEDATA_KEY')
    expect(message).toContain('line break')
    expect(message).not.toContain('half')
  })

  it('is read-only', async () => {
    const store = new EnvSecretStore({ RINGTRUE_ACEDATA_KEY: 'x' })
    await expect(store.set('acedata', 'new-key')).rejects.toThrow(ReadOnlyStoreError)
    await expect(store.set('acedata', 'new-key')).rejects.toThrow(
      'RINGTRUE_ACEDATA_KEY comes from the environment'
    )
    await expect(store.delete('telesign:customer-id')).rejects.toThrow('RINGTRUE_TELESIGN_CUSTOMER_ID')
    expect(await store.availability()).toEqual({ available: true })
  })

  it('rejects unknown accounts', async () => {
    const store = new EnvSecretStore({ RINGTRUE_OFFLINE_KEY: 'x' })
    await expect(store.get('offline' as SecretAccount)).rejects.toThrow(InvalidAccountError)
  })

  it('reads the object live, so later changes are seen', async () => {
    const env: Record<string, string | undefined> = {}
    const store = new EnvSecretStore(env)
    expect(await store.get('checkmobi')).toBeNull()
    env.RINGTRUE_CHECKMOBI_KEY = 'cm-key'
    expect(await store.get('checkmobi')).toBe('cm-key')
  })

  it('defaults to process.env', async () => {
    const before = process.env.RINGTRUE_CHECKNUMBER_KEY
    process.env.RINGTRUE_CHECKNUMBER_KEY = 'from-process-env'
    try {
      expect(await new EnvSecretStore().get('checknumber')).toBe('from-process-env')
    } finally {
      if (before === undefined) delete process.env.RINGTRUE_CHECKNUMBER_KEY
      else process.env.RINGTRUE_CHECKNUMBER_KEY = before
    }
  })
})
