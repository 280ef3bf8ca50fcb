// The results screens in two languages (issue 12): country names follow the UI's language, the 'results'
// messages pick the right plural and word order, and the comparison's own error speaks the language on screen.
import { afterEach, describe, expect, it } from 'vitest'
import { applyLanguage, translate } from '@renderer/i18n'
import { regionName } from '@renderer/lib/format'
import { createAppStore } from '@renderer/store/create-store'
import { fakeApi } from './fake-api'

afterEach(() => applyLanguage('en'))

describe('country names', () => {
  it('are in the language on screen, whatever main lists', () => {
    applyLanguage('en')
    expect(regionName('CN')).toBe('China')
    expect(regionName('DE')).toBe('Germany')
    applyLanguage('zh-CN')
    expect(regionName('CN')).toBe('中国')
    expect(regionName('DE')).toBe('德国')
    expect(regionName('us')).toBe('美国')
  })

  it('fall back to the code the engine cannot name, and to nothing for no code', () => {
    applyLanguage('zh-CN')
    expect(regionName('')).toBe('')
    expect(regionName('not a code')).toBe('not a code')
  })
})

describe('results messages', () => {
  it('count rows with the plural of each language', () => {
    applyLanguage('en')
    expect(translate('results:table.rowCount', { count: 1, shown: '1' })).toBe('1 of 1 row')
    expect(translate('results:table.rowCount', { count: 100_000, shown: '250' })).toBe('250 of 100,000 rows')
    expect(translate('results:filter.matching', { count: 8, matched: '4' })).toBe('4 of 8 rows match')
    expect(translate('results:compare.chosen', { count: 1 })).toBe('1 number with the chosen changes')
    applyLanguage('zh-CN')
    expect(translate('results:table.rowCount', { count: 100_000, shown: '250' })).toBe('250 / 100,000 行')
    expect(translate('results:filter.matching', { count: 8, matched: '4' })).toBe('8 行中 4 行符合')
    expect(translate('results:compare.changed', { count: 2 })).toBe('2 个号码有变化')
    expect(translate('results:detail.numbers', { count: 1 })).toBe('号码')
    expect(translate('results:detail.numbers', { count: 3 })).toBe('号码（3）')
  })
})

describe('comparison slice', () => {
  it('refuses to export with no comparison open, in the language on screen', async () => {
    applyLanguage('zh-CN')
    const store = createAppStore(fakeApi(10))
    await expect(
      store.getState().exportComparison({ format: 'csv', target: 'h', overwrite: false })
    ).rejects.toThrow('没有打开的对比。')
  })
})
