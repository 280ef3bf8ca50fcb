// ProviderService and the providers:* handlers on real services (SQLite), with keys in an in-memory keychain and,
// where one is reachable, in a test service of the real OS keychain; connection tests go to the simulators.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Channels } from '../../../src-preload/contract/channels'
import type { ProvidersOverview } from '../../../src-preload/contract/types'
import { createDispatch, type Dispatch } from '../../../src-main/api/dispatch'
import { createHandlers } from '../../../src-main/api/handlers'
import { KeytarSecretStore, SECRET_ACCOUNTS } from '../../../src-main/core/secrets'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../../fakes/acedata-simulator'
import {
  CHECKMOBI_SIM_KEY,
  startCheckmobiSimulator,
  type CheckmobiSimulator
} from '../../fakes/checkmobi-simulator'
import {
  startTelesignSimulator,
  TELESIGN_SIM_API_KEY,
  TELESIGN_SIM_CUSTOMER_ID,
  type TelesignSimulator
} from '../../fakes/telesign-simulator'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { tempServices, type TempServices } from '../../helpers/services'

const WRONG_KEY = 'ace-wrong-token-0f9e8d7c'
let ace: AcedataSimulator
let checkmobi: CheckmobiSimulator
let telesign: TelesignSimulator

beforeAll(async () => {
  ace = await startAcedataSimulator({ echoKeyInErrors: true })
  checkmobi = await startCheckmobiSimulator()
  telesign = await startTelesignSimulator()
})
afterAll(async () => {
  await ace.close()
  await checkmobi.close()
  await telesign.close()
})

function acedataView(overview: ProvidersOverview) {
  const view = overview.providers.find((p) => p.id === 'acedata')
  if (!view) throw new Error('acedata missing from the overview')
  return view
}

describe('ProviderService', () => {
  let t: TempServices
  let keychain: MemorySecretStore
  const env: Record<string, string | undefined> = {}

  function start(): void {
    keychain = new MemorySecretStore()
    for (const name of Object.keys(env)) delete env[name]
    t = tempServices({ secrets: keychain, env })
  }
  afterEach(() => t?.cleanup())

  it('lists the offline check first and every live provider with defaults and no key', async () => {
    start()
    const overview = await t.services.providers.list()
    expect(overview.keychain).toEqual({ available: true, reason: null, hint: null })
    expect(overview.providers.map((p) => p.id)).toEqual([
      'offline',
      'acedata',
      'toolkk',
      'checknumber',
      'telesign',
      'checkmobi'
    ])
    const offline = overview.providers[0]
    expect(offline).toMatchObject({ live: false, enabled: true, settings: null, keys: [] })
    const view = acedataView(overview)
    expect(view).toMatchObject({ live: true, bulk: false, enabled: false, confidence: 'carrier_db' })
    expect(view.keys).toEqual([
      { field: 'apiKey', set: false, maskedTail: null, source: null, envVar: 'RINGTRUE_ACEDATA_KEY' }
    ])
    expect(overview.providers.find((p) => p.id === 'checknumber')?.bulk).toBe(true)
    expect(overview.providers.find((p) => p.id === 'telesign')?.keys.map((k) => k.field)).toEqual([
      'apiKey',
      'customerId'
    ])
  })

  it('sets, describes and deletes a key in the keychain only, reporting the source', async () => {
    start()
    await t.services.providers.setKey('acedata', 'apiKey', `  ${ACEDATA_SIM_KEY}\n`)
    // Kept with the origin it was entered for (the default address here), never in the settings table.
    expect(await keychain.entry('acedata')).toEqual({
      secret: ACEDATA_SIM_KEY,
      origin: 'https://api.acedata.cloud'
    })
    let key = acedataView(await t.services.providers.list()).keys[0]
    expect(key).toMatchObject({
      set: true,
      source: 'keychain',
      maskedTail: `••••${ACEDATA_SIM_KEY.slice(-4)}`
    })

    env.RINGTRUE_ACEDATA_KEY = 'env-key-for-automation-1234'
    key = acedataView(await t.services.providers.list()).keys[0]
    expect(key).toMatchObject({ set: true, source: 'environment', maskedTail: '••••1234' })
    delete env.RINGTRUE_ACEDATA_KEY

    await t.services.providers.deleteKey('acedata', 'apiKey')
    expect(keychain.values.has('acedata')).toBe(false)
    await expect(t.services.providers.setKey('acedata', 'customerId', 'x'.repeat(20))).rejects.toThrow(
      /acedata has no customer id/
    )
    await t.services.providers.setKey('telesign', 'customerId', TELESIGN_SIM_CUSTOMER_ID)
    expect(await keychain.get('telesign:customer-id')).toBe(TELESIGN_SIM_CUSTOMER_ID)
  })

  it('tests a connection against the simulator with the effective base URL', async () => {
    start()
    const providers = t.services.providers
    const missing = await providers.testConnection('acedata')
    expect(missing.ok).toBe(false)
    expect(missing.message).toMatch(/no API key; save it in Settings or set RINGTRUE_ACEDATA_KEY/)
    expect(ace.requests).toHaveLength(0)

    providers.saveSettings('acedata', { baseUrl: ace.url })
    await providers.setKey('acedata', 'apiKey', ACEDATA_SIM_KEY)
    const ok = await providers.testConnection('acedata')
    expect(ok).toMatchObject({ ok: true })
    expect(ok.message).toMatch(/token works/)
    expect(ace.requests.length).toBeGreaterThan(0)

    // This simulator echoes the presented token in its error: the answer must still not carry it.
    await providers.setKey('acedata', 'apiKey', WRONG_KEY)
    const wrong = await providers.testConnection('acedata')
    expect(wrong.ok).toBe(false)
    expect(wrong.message).toMatch(/rejected the API token/)
    expect(wrong.message).not.toContain(WRONG_KEY)

    // The environment's base URL wins over the saved one; the key entered for the simulator is not sent there
    // until it is entered again with that base URL in effect.
    env.RINGTRUE_ACEDATA_BASE_URL = 'http://127.0.0.1:9'
    const elsewhere = await providers.testConnection('acedata')
    expect(elsewhere.ok).toBe(false)
    expect(elsewhere.message).toContain(`entered for ${ace.url}, not for http://127.0.0.1:9`)
    expect(acedataView(await providers.list()).settings?.baseUrlSource).toBe('environment')
    await providers.setKey('acedata', 'apiKey', ACEDATA_SIM_KEY)
    const unreachable = await providers.testConnection('acedata')
    expect(unreachable.ok).toBe(false)
    expect(unreachable.message).toMatch(/Cannot reach the provider \(ECONNREFUSED\)/)
  })

  it('reports the balance where the provider has one, and Telesign’s pair of credentials', async () => {
    start()
    const providers = t.services.providers
    providers.saveSettings('checkmobi', { baseUrl: checkmobi.url })
    await providers.setKey('checkmobi', 'apiKey', CHECKMOBI_SIM_KEY)
    const result = await providers.testConnection('checkmobi')
    expect(result).toMatchObject({ ok: true, balance: 10, currency: 'USD' })

    providers.saveSettings('telesign', { baseUrl: telesign.url, authMode: 'hmac' })
    await providers.setKey('telesign', 'apiKey', TELESIGN_SIM_API_KEY)
    const half = await providers.testConnection('telesign')
    expect(half.ok).toBe(false)
    expect(half.message).toMatch(/customer id/)
    await providers.setKey('telesign', 'customerId', TELESIGN_SIM_CUSTOMER_ID)
    expect((await providers.testConnection('telesign')).ok).toBe(true)
    providers.saveSettings('telesign', { authMode: 'basic' })
    expect((await providers.testConnection('telesign')).ok).toBe(true)
  })

  it('says clearly when the keychain is unavailable, and still works from the environment', async () => {
    start()
    keychain.unavailable = { reason: 'No Secret Service is running.', hint: 'Set RINGTRUE_<ID>_KEY instead.' }
    const overview = await t.services.providers.list()
    expect(overview.keychain).toEqual({
      available: false,
      reason: 'No Secret Service is running.',
      hint: 'Set RINGTRUE_<ID>_KEY instead.'
    })
    expect(acedataView(overview).keys[0]).toMatchObject({ set: false, source: null })
    const test = await t.services.providers.testConnection('acedata')
    expect(test).toMatchObject({ ok: false })
    expect(test.message).toMatch(
      /keychain cannot be used\. No Secret Service is running\. Set RINGTRUE_<ID>_KEY/
    )
    await expect(t.services.providers.setKey('acedata', 'apiKey', ACEDATA_SIM_KEY)).rejects.toMatchObject({
      code: 'keychain_unavailable'
    })

    env.RINGTRUE_ACEDATA_KEY = ACEDATA_SIM_KEY
    env.RINGTRUE_ACEDATA_BASE_URL = ace.url
    expect((await t.services.providers.testConnection('acedata')).ok).toBe(true)
  })
})

describe('providers:* handlers', () => {
  let t: TempServices
  let dispatch: Dispatch
  const unexpected: unknown[] = []
  const answers: string[] = []
  const SECRET = 'handler-secret-value-5b6c7d8e'

  beforeAll(() => {
    t = tempServices()
    const platform = {
      pickSpreadsheet: async () => null,
      pickSavePath: async () => null,
      reveal: async () => {}
    }
    const handlers = createHandlers({ services: t.services, platform, version: 't', locale: 'en-US' })
    const inner = createDispatch(handlers, (e) => unexpected.push(e))
    // Every answer is recorded, so the last test can check that none of them carried the key.
    dispatch = async (channel, payload) => {
      const envelope = await inner(channel, payload)
      answers.push(JSON.stringify(envelope))
      return envelope
    }
  })
  afterAll(() => t.cleanup())

  it.each([
    [Channels.listProviders, { anything: 1 }],
    [Channels.setProviderKey, { id: 'offline', field: 'apiKey', secret: 'abc' }],
    [Channels.setProviderKey, { id: 'twilio', field: 'apiKey', secret: 'abc' }],
    [Channels.setProviderKey, { id: 'acedata', field: 'password', secret: 'abc' }],
    [Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: '' }],
    [Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: 'two\nlines' }],
    [Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: 'x'.repeat(4097) }],
    [Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: 42 }],
    [Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: 'abc', extra: true }],
    [Channels.deleteProviderKey, { id: 'acedata' }],
    [Channels.saveProviderSettings, { id: 'acedata', patch: { baseUrl: 'ftp://x.example' } }],
    [Channels.saveProviderSettings, { id: 'acedata', patch: { concurrency: 1000 } }],
    [Channels.saveProviderSettings, { id: 'acedata', patch: { timeoutMs: '5000' } }],
    [Channels.saveProviderSettings, { id: 'acedata', patch: { apiKey: 'sneaky' } }],
    [Channels.saveProviderSettings, { id: 'acedata' }],
    [Channels.testProvider, { id: 'acedata' }],
    [Channels.testProvider, 'offline']
  ])('%s refuses %j', async (channel, payload) => {
    const result = await dispatch(channel, payload)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid_request')
  })

  it('answers every change with the fresh overview and never with the key', async () => {
    const set = await dispatch(Channels.setProviderKey, { id: 'acedata', field: 'apiKey', secret: SECRET })
    expect(set.ok).toBe(true)
    if (set.ok) expect(acedataView(set.value as ProvidersOverview).keys[0].set).toBe(true)
    const saved = await dispatch(Channels.saveProviderSettings, {
      id: 'acedata',
      patch: { baseUrl: ace.url, enabled: true }
    })
    expect(saved.ok && acedataView(saved.value as ProvidersOverview).enabled).toBe(true)
    expect((await dispatch(Channels.listProviders, undefined)).ok).toBe(true)
    const test = await dispatch(Channels.testProvider, 'acedata')
    expect(test.ok && (test.value as { ok: boolean }).ok).toBe(false)
    const refused = await dispatch(Channels.setProviderKey, {
      id: 'toolkk',
      field: 'customerId',
      secret: SECRET
    })
    expect(refused.ok).toBe(false)
    const removed = await dispatch(Channels.deleteProviderKey, { id: 'acedata', field: 'apiKey' })
    expect(removed.ok && acedataView(removed.value as ProvidersOverview).keys[0].set).toBe(false)
    expect(answers.length).toBeGreaterThan(20)
    for (const answer of answers) expect(answer).not.toContain(SECRET)
    expect(unexpected).toEqual([])
  })
})

// The same round trip through the real OS keychain (gnome-keyring under scripts/with-keyring.sh), in a service
// of its own; skipped with the reason where no keychain answers.
describe('ProviderService on the OS keychain', async () => {
  const store = new KeytarSecretStore({ service: `Ringtrue-test-providers-${process.pid}` })
  const availability = await store.availability()
  const required = process.env.RINGTRUE_REQUIRE_KEYCHAIN === '1'
  let t: TempServices

  afterAll(async () => {
    t?.cleanup()
    if (availability.available) for (const account of SECRET_ACCOUNTS) await store.delete(account)
  })

  it.runIf(availability.available || required)('saves, tests and removes a key', async () => {
    expect(availability).toEqual({ available: true })
    t = tempServices({ secrets: store })
    const providers = t.services.providers
    providers.saveSettings('acedata', { baseUrl: ace.url })
    await providers.setKey('acedata', 'apiKey', ACEDATA_SIM_KEY)
    expect(await store.get('acedata')).toBe(ACEDATA_SIM_KEY)
    expect(acedataView(await providers.list()).keys[0]).toMatchObject({ set: true, source: 'keychain' })
    expect((await providers.testConnection('acedata')).ok).toBe(true)
    await providers.deleteKey('acedata', 'apiKey')
    expect(await store.get('acedata')).toBeNull()
  })
})
