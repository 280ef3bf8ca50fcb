import { afterEach, describe, expect, it } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import { i18n } from '@renderer/i18n'
import { describeKey, describeKeyOrigin, keySummary } from '@renderer/features/settings/describe-key'
import type { KeyState, ProvidersOverview, ProviderView } from '@contract/types'
import { fakeApi } from './fake-api'

const SECRET = 'renderer-secret-9f8e7d6c'

describe('settings slice', () => {
  it('sends a key straight to main and keeps only main’s answer, never the key', async () => {
    const api = fakeApi()
    const overview: ProvidersOverview = {
      providers: [],
      keychain: { available: false, reason: 'No keychain.', hint: 'Use the environment.' }
    }
    api.providers.setKey.mockResolvedValueOnce(overview)
    const store = createAppStore(api)
    expect(await store.getState().setProviderKey('acedata', 'apiKey', SECRET)).toBe(true)
    expect(api.providers.setKey).toHaveBeenCalledWith({ id: 'acedata', field: 'apiKey', secret: SECRET })
    expect(store.getState().providers).toBe(overview)
    expect(JSON.stringify(store.getState())).not.toContain(SECRET)
  })

  it('shows a refused action on the card and a test result per provider', async () => {
    const api = fakeApi()
    api.providers.saveSettings.mockRejectedValueOnce({
      code: 'keychain_failed',
      message: 'The keychain is locked.'
    })
    api.providers.testConnection.mockResolvedValueOnce({ ok: false, message: 'Rejected the key.' })
    const store = createAppStore(api)
    expect(await store.getState().saveProviderSettings('toolkk', { concurrency: 2 })).toBe(false)
    expect(store.getState().providerErrors.toolkk).toBe('The keychain is locked.')
    expect(store.getState().providerBusy.toolkk).toBeUndefined()
    await store.getState().testProvider('acedata')
    expect(store.getState().testResults.acedata).toEqual({ ok: false, message: 'Rejected the key.' })
  })

  it('puts main’s refusal of a patch in a sentence, never its validation text', async () => {
    const api = fakeApi()
    const raw =
      'Invalid request for providers:save-settings (patch.concurrency): Too small: expected number to be >=1'
    api.providers.saveSettings.mockRejectedValue({ code: 'invalid_request', message: raw })
    const store = createAppStore(api)
    expect(await store.getState().saveProviderSettings('toolkk', { concurrency: -3 })).toBe(false)
    expect(store.getState().providerErrors.toolkk).toBe(
      'Ringtrue could not save these settings because a value is outside what it accepts. Check the fields and try again.'
    )
    await i18n.changeLanguage('zh-CN')
    await store.getState().saveProviderSettings('toolkk', { concurrency: -3 })
    expect(store.getState().providerErrors.toolkk).toBe(
      'Ringtrue 无法保存这些设置：有数值超出允许范围。请检查各字段后重试。'
    )
  })

  it('keeps the section picked in one visit to Settings, and starts a new visit from its own focus', () => {
    const store = createAppStore(fakeApi())
    store.getState().navigate({ kind: 'settings', focus: 'toolkk' })
    store.getState().selectSettingsSection('appearance')
    expect(store.getState().settingsSelection).toEqual({
      view: store.getState().view,
      section: 'appearance'
    })
    store.getState().navigate({ kind: 'settings', focus: 'acedata' })
    expect(store.getState().settingsSelection?.view).not.toBe(store.getState().view)
  })

  it('keeps a newer overview when an older list answer arrives after it', async () => {
    const api = fakeApi()
    const keychain = { available: true } as ProvidersOverview['keychain']
    const before: ProvidersOverview = { providers: [], keychain }
    const after: ProvidersOverview = { providers: [], keychain: { ...keychain } }
    let answerList: (overview: ProvidersOverview) => void = () => {}
    api.providers.list.mockReturnValueOnce(
      new Promise<ProvidersOverview>((resolve) => (answerList = resolve))
    )
    api.providers.saveSettings.mockResolvedValueOnce(after)
    const store = createAppStore(api)
    const listing = store.getState().loadProviders()
    await store.getState().toggleProvider('acedata', true)
    expect(store.getState().providers).toBe(after)
    answerList(before)
    await listing
    expect(store.getState().providers).toBe(after)
    expect(store.getState().providersState).toBe('ready')
  })
})

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('describeKey', () => {
  const base: KeyState = {
    field: 'apiKey',
    set: false,
    maskedTail: null,
    source: null,
    envVar: 'RINGTRUE_ACEDATA_KEY'
  }
  it.each([
    [base, 'Not set'],
    [{ ...base, set: true, maskedTail: '••••1a2b', source: 'keychain' }, 'Key set ••••1a2b (keychain)'],
    [
      { ...base, set: true, maskedTail: '••••1a2b', source: 'environment' },
      'Key set ••••1a2b from RINGTRUE_ACEDATA_KEY (environment)'
    ],
    [{ ...base, set: true, source: 'keychain' }, 'Key set (keychain)'],
    [
      { ...base, field: 'customerId', set: true, maskedTail: '••••7890', source: 'keychain' },
      'Set ••••7890 (keychain)'
    ]
  ] as [KeyState, string][])('%j → %s', (key, text) => {
    expect(describeKey(key)).toBe(text)
  })
})

describe('key texts in Simplified Chinese and the list summary', () => {
  const key: KeyState = {
    field: 'apiKey',
    set: true,
    maskedTail: '••••1a2b',
    source: 'keychain',
    envVar: 'RINGTRUE_ACEDATA_KEY'
  }

  it('describes a key and an origin-bound key in Chinese', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(describeKey(key)).toBe('已设置密钥 ••••1a2b（钥匙串）')
    expect(describeKey({ ...key, source: 'environment' })).toBe(
      '已设置密钥 ••••1a2b，来自 RINGTRUE_ACEDATA_KEY（环境变量）'
    )
    expect(describeKey({ ...key, set: false })).toBe('未设置')
    const mismatch = {
      keyOrigin: 'https://api.checknumber.ai',
      baseUrlOrigin: 'http://127.0.0.1:9',
      fields: ['apiKey' as const],
      message: 'English from main'
    }
    expect(describeKeyOrigin(mismatch)).toBe(
      '该密钥是为 https://api.checknumber.ai 输入的；要在 http://127.0.0.1:9 使用，请重新输入。在此之前 Ringtrue 不会发送它。'
    )
    await i18n.changeLanguage('en')
    expect(describeKeyOrigin(mismatch)).toBe(
      'The key was entered for https://api.checknumber.ai; enter it again to use it with http://127.0.0.1:9. ' +
        'Until then Ringtrue does not send it.'
    )
  })

  it.each([
    [{ live: false, keys: [] }, 'none-needed'],
    [{ keys: [key] }, 'saved'],
    [{ keys: [{ ...key, source: 'environment' }] }, 'environment'],
    [{ keys: [key, { ...key, field: 'customerId', set: false }] }, 'missing'],
    [
      { keys: [key], keyMismatch: { keyOrigin: 'a', baseUrlOrigin: 'b', fields: ['apiKey'], message: '' } },
      'other-address'
    ]
  ] as [Partial<ProviderView>, string][])('%j → %s', (patch, summary) => {
    const provider = {
      id: 'telesign',
      live: true,
      keys: [],
      keyMismatch: null,
      ...patch
    } as unknown as ProviderView
    expect(keySummary(provider)).toBe(summary)
  })
})
