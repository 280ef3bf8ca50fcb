import { describe, expect, it } from 'vitest'
import {
  accountFor,
  assertAccount,
  credentialFields,
  decodeStoredSecret,
  encodeStoredSecret,
  envVarFor,
  envVarForAccount,
  InvalidAccountError,
  InvalidOriginError,
  InvalidSecretError,
  isSecretAccount,
  maskTail,
  MAX_SECRET_LENGTH,
  normalizeSecret,
  originOf,
  SECRET_ACCOUNTS
} from '../../../src-main/core/secrets'
import { LIVE_PROVIDER_IDS } from '../../../src-main/core/providers/types'

describe('masked tail', () => {
  it('shows the last four characters of a key of twelve or more', () => {
    expect(maskTail('abcdefgh1a2b')).toBe('••••1a2b')
    expect(maskTail('sk_live_0123456789abcdef')).toBe('••••cdef')
  })

  it('shows nothing of a shorter key', () => {
    expect(maskTail('abcdefg1a2b')).toBeNull()
    expect(maskTail('x')).toBeNull()
  })

  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    // Eleven code points but more UTF-16 units: still too short to show a tail.
    expect(maskTail('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBeNull()
    expect(maskTail('ключ-секрет-🔑ab')).toBe('••••-🔑ab')
  })
})

describe('secret validation', () => {
  it('trims what a paste carries around the key', () => {
    expect(normalizeSecret('  abc123\n')).toBe('abc123')
    expect(normalizeSecret('\tkey\r\n')).toBe('key')
  })

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['abc\ndef', 'line break'],
    ['abc\r\ndef', 'line break'],
    ['abc\u0000def', 'control character'],
    ['abc\u001bdef', 'control character']
  ])('rejects %j (%s)', (value, why) => {
    expect(() => normalizeSecret(value)).toThrow(InvalidSecretError)
    expect(() => normalizeSecret(value)).toThrow(why)
  })

  it('rejects anything but text', () => {
    expect(() => normalizeSecret(undefined)).toThrow(InvalidSecretError)
    expect(() => normalizeSecret(12345)).toThrow('must be text')
  })

  it(`allows ${MAX_SECRET_LENGTH} characters and no more, counting code points`, () => {
    expect(normalizeSecret('a'.repeat(MAX_SECRET_LENGTH))).toHaveLength(MAX_SECRET_LENGTH)
    expect(() => normalizeSecret('a'.repeat(MAX_SECRET_LENGTH + 1))).toThrow('longer than 4096')
    // 4096 emoji are 8192 UTF-16 units but 4096 characters.
    expect(Array.from(normalizeSecret('🔑'.repeat(MAX_SECRET_LENGTH)))).toHaveLength(MAX_SECRET_LENGTH)
  })

  it('keeps non-ASCII keys intact', () => {
    expect(normalizeSecret('ключ-秘密-🔑-ÄÖÜ')).toBe('ключ-秘密-🔑-ÄÖÜ')
  })

  it('never puts the rejected value into the message', () => {
    const secret = 'sk_live_SECRET\nSECOND_LINE'
    try {
      normalizeSecret(secret)
      expect.unreachable()
    } catch (error) {
      expect(String(error)).not.toContain('SECRET')
    }
  })
})

describe('accounts and environment names', () => {
  it('has one account per provider plus the Telesign customer id', () => {
    expect(SECRET_ACCOUNTS).toEqual([...LIVE_PROVIDER_IDS, 'telesign:customer-id'])
    expect(accountFor('telesign', 'customerId')).toBe('telesign:customer-id')
    expect(accountFor('acedata', 'apiKey')).toBe('acedata')
    expect(() => accountFor('acedata', 'customerId')).toThrow(InvalidAccountError)
  })

  it('names the environment variables RINGTRUE_<ID>_KEY', () => {
    expect(LIVE_PROVIDER_IDS.map((id) => envVarFor(id, 'apiKey'))).toEqual([
      'RINGTRUE_ACEDATA_KEY',
      'RINGTRUE_TOOLKK_KEY',
      'RINGTRUE_CHECKNUMBER_KEY',
      'RINGTRUE_TELESIGN_KEY',
      'RINGTRUE_CHECKMOBI_KEY'
    ])
    expect(envVarForAccount('telesign:customer-id')).toBe('RINGTRUE_TELESIGN_CUSTOMER_ID')
    expect(envVarForAccount('checkmobi')).toBe('RINGTRUE_CHECKMOBI_KEY')
  })

  it('requires a customer id for Telesign only', () => {
    expect(credentialFields('telesign')).toEqual(['apiKey', 'customerId'])
    for (const id of LIVE_PROVIDER_IDS.filter((id) => id !== 'telesign')) {
      expect(credentialFields(id)).toEqual(['apiKey'])
    }
  })

  it.each(['offline', 'Acedata', 'telesign:customerId', 'acedata:customer-id', '', 'sk_live_pasted_here'])(
    'rejects the account %j without echoing it',
    (account) => {
      expect(isSecretAccount(account)).toBe(false)
      const error = (() => {
        try {
          assertAccount(account)
        } catch (caught) {
          return caught as Error
        }
      })()
      expect(error).toBeInstanceOf(InvalidAccountError)
      // The exact text: nothing of the rejected value is in it.
      expect(error?.message).toBe(`Unknown keychain account; expected one of: ${SECRET_ACCOUNTS.join(', ')}.`)
    }
  )
})

describe('a keychain entry bound to an origin', () => {
  it('binds to scheme, host and port only; default ports and case are normalised', () => {
    expect(originOf('https://api.checkmobi.com/v1')).toBe('https://api.checkmobi.com')
    expect(originOf('https://API.Example.com:443/x?y=1')).toBe('https://api.example.com')
    expect(originOf('http://127.0.0.1:18809/')).toBe('http://127.0.0.1:18809')
    expect(originOf('http://[::1]:8080')).toBe('http://[::1]:8080')
    expect(() => originOf('ftp://example.com')).toThrow(InvalidOriginError)
    expect(() => originOf('sk-not-a-url')).toThrow(InvalidOriginError)
    // The rejected value is never echoed (a key pasted into the wrong place).
    expect(() => originOf('sk-not-a-url')).not.toThrow(/sk-not-a-url/)
  })

  it('round-trips {secret, origin} as JSON, and reads any other value as a plain key without an origin', () => {
    const stored = encodeStoredSecret('sk-"quoted"\\key', 'https://proxy.example.com/ace')
    expect(JSON.parse(stored)).toEqual({ secret: 'sk-"quoted"\\key', origin: 'https://proxy.example.com' })
    expect(decodeStoredSecret(stored)).toEqual({
      secret: 'sk-"quoted"\\key',
      origin: 'https://proxy.example.com'
    })
    expect(encodeStoredSecret('plain', null)).toBe('plain')
    expect(decodeStoredSecret('plain-legacy-key')).toEqual({ secret: 'plain-legacy-key', origin: null })
    // A key that merely starts with a brace, or JSON that is not an entry, is a plain key.
    expect(decodeStoredSecret('{abc')).toEqual({ secret: '{abc', origin: null })
    expect(decodeStoredSecret('{"a":1}')).toEqual({ secret: '{"a":1}', origin: null })
    // An origin edited into something else is kept as it is, so it matches no base URL.
    expect(decodeStoredSecret('{"secret":"k","origin":"nowhere"}')).toEqual({
      secret: 'k',
      origin: 'nowhere'
    })
  })
})
