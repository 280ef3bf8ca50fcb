import { describe, expect, it } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import { describeKey } from '@renderer/features/settings/describe-key'
import type { KeyState, ProvidersOverview } from '@contract/types'
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
    api.providers.saveSettings.mockRejectedValueOnce({ code: 'invalid_settings', message: 'Bad base URL.' })
    api.providers.testConnection.mockResolvedValueOnce({ ok: false, message: 'Rejected the key.' })
    const store = createAppStore(api)
    expect(await store.getState().saveProviderSettings('toolkk', { concurrency: 2 })).toBe(false)
    expect(store.getState().providerErrors.toolkk).toBe('Bad base URL.')
    expect(store.getState().providerBusy.toolkk).toBeUndefined()
    await store.getState().testProvider('acedata')
    expect(store.getState().testResults.acedata).toEqual({ ok: false, message: 'Rejected the key.' })
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
