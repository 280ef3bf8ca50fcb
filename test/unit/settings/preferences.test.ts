import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { languageForLocale, resolveLanguage } from '../../../src-main/core/domain/preferences'
import { PreferencesStore } from '../../../src-main/core/settings/preferences'

const freshStore = (): PreferencesStore =>
  new PreferencesStore(mkdtempSync(join(tmpdir(), 'ringtrue-prefs-')))

describe('the UI language for an OS locale', () => {
  it('is Chinese for every zh locale and English otherwise', () => {
    expect(['zh-CN', 'zh_CN.UTF-8', 'zh-TW', 'zh', 'ZH-hans'].map(languageForLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN'
    ])
    expect(['en-US', 'de-DE', 'zu-ZA', '', undefined].map(languageForLocale)).toEqual([
      'en',
      'en',
      'en',
      'en',
      'en'
    ])
  })

  it('follows the OS only while the choice is "system"', () => {
    expect(resolveLanguage('system', 'zh-CN')).toBe('zh-CN')
    expect(resolveLanguage('en', 'zh-CN')).toBe('en')
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN')
  })
})

describe('PreferencesStore', () => {
  it('reads the defaults before anything is saved, then keeps each choice across instances', () => {
    const store = freshStore()
    expect(store.read()).toEqual({ language: 'system', theme: 'system' })
    expect(store.save({ language: 'zh-CN' })).toEqual({ language: 'zh-CN', theme: 'system' })
    expect(store.save({ theme: 'dark' })).toEqual({ language: 'zh-CN', theme: 'dark' })
    const again = new PreferencesStore(join(store.file, '..'))
    expect(again.read()).toEqual({ language: 'zh-CN', theme: 'dark' })
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ language: 'zh-CN', theme: 'dark' })
  })

  it('reads a damaged file as the defaults and keeps a valid field beside a bad one', () => {
    const store = freshStore()
    store.save({ theme: 'light' })
    writeFileSync(store.file, '{ not json')
    expect(store.read()).toEqual({ language: 'system', theme: 'system' })
    writeFileSync(store.file, JSON.stringify({ language: 'fr', theme: 'dark' }))
    expect(store.read()).toEqual({ language: 'system', theme: 'dark' })
  })

  it('refuses a value outside the choices and leaves the file as it was', () => {
    const store = freshStore()
    store.save({ language: 'en' })
    expect(() => store.save({ theme: 'sepia' as never })).toThrow()
    expect(store.read()).toEqual({ language: 'en', theme: 'system' })
  })
})
