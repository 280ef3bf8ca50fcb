import { afterEach, describe, expect, it } from 'vitest'
import type { EffectiveProviderSettings } from '@contract/types'
import { i18n } from '@renderer/i18n'
import { draftOf, fieldErrors, patchOf, type Draft } from '@renderer/features/settings/field-rules'

const settings: EffectiveProviderSettings = {
  baseUrl: 'https://api.acedata.cloud',
  baseUrlSource: 'default',
  baseUrlEnvVar: 'RINGTRUE_ACEDATA_BASE_URL',
  savedBaseUrl: null,
  defaultBaseUrl: 'https://api.acedata.cloud',
  concurrency: 8,
  ratePerSecond: 20,
  timeoutMs: 15_000,
  pricePerLookup: 0.03,
  currency: 'USD',
  authMode: null,
  useCase: null,
  lookup: null
}
const telesign: EffectiveProviderSettings = { ...settings, authMode: 'basic', useCase: 'OTHR' }

function errorsFor(patch: Partial<Draft>, base = settings) {
  return fieldErrors({ ...draftOf(base), ...patch }, base)
}

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('settings fields refuse what main would refuse, in the UI language', () => {
  it('accepts the stored values as they are and sends nothing', () => {
    expect(errorsFor({})).toEqual({})
    expect(errorsFor({}, telesign)).toEqual({})
    expect(patchOf(draftOf(settings), settings)).toEqual({})
  })

  it.each([
    [{ concurrency: '-3' }, { concurrency: 'Enter a whole number from 1 to 64.' }],
    [{ concurrency: '65' }, { concurrency: 'Enter a whole number from 1 to 64.' }],
    [{ concurrency: '2.5' }, { concurrency: 'Enter a whole number from 1 to 64.' }],
    [{ concurrency: '' }, { concurrency: 'Enter a number.' }],
    [{ ratePerSecond: '0' }, { ratePerSecond: 'Enter a number from 0.1 to 1,000.' }],
    [{ ratePerSecond: 'fast' }, { ratePerSecond: 'Enter a number.' }],
    [{ timeoutSeconds: '0.5' }, { timeoutSeconds: 'Enter a number from 1 to 300.' }],
    [{ timeoutSeconds: '301' }, { timeoutSeconds: 'Enter a number from 1 to 300.' }],
    [{ pricePerLookup: '-0.01' }, { pricePerLookup: 'Enter a number from 0 to 100.' }],
    [
      { baseUrl: 'ftp://example.com' },
      { baseUrl: 'Enter an address that starts with http:// or https://, without a user name or password.' }
    ],
    [
      { baseUrl: 'https://me:secret@example.com' },
      { baseUrl: 'Enter an address that starts with http:// or https://, without a user name or password.' }
    ],
    [{ currency: 'US' }, { currency: 'Enter a three-letter currency code, such as USD.' }]
  ] as [Partial<Draft>, Record<string, string>][])('%j → %j', (patch, expected) => {
    expect(errorsFor(patch)).toEqual(expected)
  })

  it('checks the Telesign use case only where there is one', () => {
    expect(errorsFor({ useCase: 'OT' }, telesign)).toEqual({
      useCase: 'Enter a four-letter Telesign use-case code, such as OTHR.'
    })
    expect(errorsFor({ useCase: 'OT' })).toEqual({})
  })

  it('accepts values inside the limits, an empty base URL, and lower-case codes, and sends only the changes', () => {
    const draft = {
      ...draftOf(telesign),
      baseUrl: ' https://proxy.example.com/ace ',
      concurrency: '64',
      ratePerSecond: '0.1',
      timeoutSeconds: '1.5',
      currency: 'cny',
      useCase: 'bacf'
    }
    expect(fieldErrors(draft, telesign)).toEqual({})
    expect(patchOf(draft, telesign)).toEqual({
      baseUrl: 'https://proxy.example.com/ace',
      concurrency: 64,
      ratePerSecond: 0.1,
      timeoutMs: 1500,
      currency: 'CNY',
      useCase: 'BACF'
    })
    expect(errorsFor({ baseUrl: '' })).toEqual({})
  })

  it('says the same in Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(
      errorsFor({ concurrency: '-3', ratePerSecond: '0', timeoutSeconds: 'x', baseUrl: 'ftp://a' })
    ).toEqual({
      concurrency: '请输入 1 到 64 之间的整数。',
      ratePerSecond: '请输入 0.1 到 1,000 之间的数字。',
      timeoutSeconds: '请输入数字。',
      baseUrl: '请输入以 http:// 或 https:// 开头的地址，且不含用户名和密码。'
    })
    expect(errorsFor({ currency: '12', useCase: 'x' }, telesign)).toEqual({
      currency: '请输入三个字母的货币代码，例如 USD。',
      useCase: '请输入四个字母的 Telesign 用途代码，例如 OTHR。'
    })
  })
})
