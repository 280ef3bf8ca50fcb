import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONFIGURABLE_PROVIDER_IDS } from '../../../src-preload/contract/types'
import {
  LIVE_PROVIDERS,
  liveProvider,
  OFFLINE_PROVIDER,
  PROVIDER_IDS
} from '../../../src-main/core/provider-registry'
import { LIVE_PROVIDER_IDS } from '../../../src-main/core/providers/types'
import { SettingsError, SettingsStore, adapterSettings } from '../../../src-main/core/settings/settings-store'
import { openDatabase, type Db } from '../../../src-main/core/store/database'
import { MIGRATIONS } from '../../../src-main/core/store/migrations'

describe('provider registry', () => {
  it('registers one adapter per live provider id, in the contract’s order, plus the offline check', () => {
    expect(LIVE_PROVIDERS.map((p) => p.info.id)).toEqual([...LIVE_PROVIDER_IDS])
    expect([...CONFIGURABLE_PROVIDER_IDS]).toEqual([...LIVE_PROVIDER_IDS])
    expect(PROVIDER_IDS).toEqual(['offline', ...LIVE_PROVIDER_IDS])
    expect(OFFLINE_PROVIDER.keyFields).toEqual([])
    expect([...liveProvider('telesign').info.keyFields].sort()).toEqual(['apiKey', 'customerId'])
  })
})

describe('SettingsStore', () => {
  let db: Db
  let env: Record<string, string | undefined>
  let store: SettingsStore
  const ace = liveProvider('acedata').info

  beforeEach(() => {
    db = openDatabase(':memory:')
    env = {}
    store = new SettingsStore(db, env)
  })
  afterEach(() => db.close())

  it('is created by migration 2', () => {
    expect(MIGRATIONS[1]).toContain('CREATE TABLE provider_settings')
    const columns = db.prepare("SELECT name FROM pragma_table_info('provider_settings')").pluck().all()
    expect(columns).toEqual([
      'provider',
      'enabled',
      'base_url',
      'concurrency',
      'rate_per_second',
      'timeout_ms',
      'price_per_lookup',
      'currency',
      'auth_mode',
      'use_case',
      'lookup',
      'updated_at'
    ])
  })

  it('falls back to the adapter’s defaults when nothing is saved', () => {
    const effective = store.effective(ace)
    expect(effective).toMatchObject({
      baseUrl: ace.defaults.baseUrl,
      baseUrlSource: 'default',
      baseUrlEnvVar: 'RINGTRUE_ACEDATA_BASE_URL',
      savedBaseUrl: null,
      concurrency: ace.defaults.concurrency,
      ratePerSecond: ace.defaults.ratePerSecond,
      timeoutMs: ace.defaults.timeoutMs,
      pricePerLookup: ace.defaults.pricePerLookup,
      currency: ace.defaults.currency,
      authMode: null,
      useCase: null,
      lookup: null
    })
    expect(store.saved('acedata').enabled).toBe(false)
  })

  it('merges patches, trims a trailing slash and keeps what a patch does not mention', () => {
    store.save('acedata', { baseUrl: 'https://proxy.example.com/ace/', concurrency: 3 })
    store.save('acedata', { enabled: true, pricePerLookup: 0.05, currency: 'EUR' })
    const effective = store.effective(ace)
    expect(effective).toMatchObject({
      baseUrl: 'https://proxy.example.com/ace',
      baseUrlSource: 'saved',
      concurrency: 3,
      pricePerLookup: 0.05,
      currency: 'EUR'
    })
    expect(store.saved('acedata').enabled).toBe(true)
    store.save('acedata', { baseUrl: null })
    expect(store.effective(ace)).toMatchObject({ baseUrl: ace.defaults.baseUrl, baseUrlSource: 'default' })
    expect(store.effective(ace).concurrency).toBe(3)
  })

  it('puts the environment before the saved URL and the saved URL before the default', () => {
    store.save('acedata', { baseUrl: 'https://saved.example.com' })
    env.RINGTRUE_ACEDATA_BASE_URL = 'http://127.0.0.1:9999/'
    expect(store.effective(ace)).toMatchObject({
      baseUrl: 'http://127.0.0.1:9999',
      baseUrlSource: 'environment',
      savedBaseUrl: 'https://saved.example.com'
    })
    env.RINGTRUE_ACEDATA_BASE_URL = '  '
    expect(store.effective(ace).baseUrlSource).toBe('saved')
    env.RINGTRUE_ACEDATA_BASE_URL = 'file:///etc/passwd'
    expect(() => store.effective(ace)).toThrow(/RINGTRUE_ACEDATA_BASE_URL is not an http/)
  })

  it.each([
    [{ baseUrl: 'ftp://example.com' }, /baseUrl/],
    [{ baseUrl: 'javascript:alert(1)' }, /baseUrl/],
    [{ baseUrl: 'https://user:pw@example.com' }, /baseUrl/],
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ concurrency: 0 }, /concurrency/],
    [{ concurrency: 65 }, /concurrency/],
    [{ concurrency: 2.5 }, /concurrency/],
    [{ ratePerSecond: 0 }, /ratePerSecond/],
    [{ timeoutMs: 10 }, /timeoutMs/],
    [{ timeoutMs: 3_600_000 }, /timeoutMs/],
    [{ pricePerLookup: -1 }, /pricePerLookup/],
    [{ currency: 'usd' }, /currency/],
    [{ concurrency: Number.NaN }, /concurrency/],
    [{ unknown: 1 } as never, /unknown|Unrecognized/i]
  ])('refuses %j and writes nothing', (patch, message) => {
    expect(() => store.save('acedata', patch)).toThrow(SettingsError)
    expect(() => store.save('acedata', patch)).toThrow(message)
    expect(store.saved('acedata')).toEqual(new SettingsStore(db, {}).saved('acedata'))
    expect(db.prepare('SELECT count(*) FROM provider_settings').pluck().get()).toBe(0)
  })

  it('accepts the Telesign and CheckMobi fields only for their provider', () => {
    expect(() => store.save('acedata', { authMode: 'basic' })).toThrow(/Only Telesign/)
    expect(() => store.save('toolkk', { lookup: 'mnp' })).toThrow(/Only CheckMobi/)
    expect(() => store.save('telesign', { useCase: 'otherwise' })).toThrow(/use case/)
    store.save('telesign', { authMode: 'basic', useCase: 'ATCK' })
    store.save('checkmobi', { lookup: 'mnp' })
    const telesign = store.effective(liveProvider('telesign').info)
    expect(telesign).toMatchObject({ authMode: 'basic', useCase: 'ATCK', lookup: null })
    expect(store.effective(liveProvider('checkmobi').info)).toMatchObject({ lookup: 'mnp', authMode: null })
    expect(adapterSettings(telesign)).toMatchObject({ authMode: 'basic', useCase: 'ATCK' })
  })

  it('defaults Telesign to HMAC with use case OTHR and CheckMobi to HLR', () => {
    expect(store.effective(liveProvider('telesign').info)).toMatchObject({
      authMode: 'hmac',
      useCase: 'OTHR'
    })
    expect(store.effective(liveProvider('checkmobi').info).lookup).toBe('hlr')
  })
})
