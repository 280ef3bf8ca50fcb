import { afterEach, describe, expect, it } from 'vitest'
import { localizeProviderText } from '../../../src-renderer/src/features/live/provider-text'
import { applyLanguage } from '../../../src-renderer/src/i18n'
import { regionNoteLines } from '../../../src-renderer/src/features/live/region-notes'

type AnswerShape = 'html' | 'empty' | 'not_json'

// Main's sentences as the adapter tests (test/integration/providers) assert them.
const ENGLISH: Record<AnswerShape, string> = {
  html: "The server answered with a web page (HTTP 501) instead of the API's answer.",
  empty: "The server sent an empty answer (HTTP 501) instead of the API's answer.",
  not_json: "The server answered with text that is not JSON (HTTP 501) instead of the API's answer."
}

const CHINESE: Record<AnswerShape, string> = {
  html: '服务器返回了一个网页（HTTP 501），而不是 API 的结果。',
  empty: '服务器返回了空内容（HTTP 501），而不是 API 的结果。',
  not_json: '服务器返回的文本不是 JSON（HTTP 501），而不是 API 的结果。'
}

describe('a summary of a broken provider answer in the live views', () => {
  afterEach(() => applyLanguage('en'))

  it.each(['html', 'empty', 'not_json'] as const)(
    'main’s %s summary inside a last error is said in Chinese, the rest left as main wrote it',
    (shape) => {
      applyLanguage('zh-CN')
      const lastError = `Ace Data Cloud: Ace Data Cloud had a server error. ${ENGLISH[shape]}`
      expect(localizeProviderText(lastError)).toBe(
        `Ace Data Cloud: Ace Data Cloud had a server error. ${CHINESE[shape]}`
      )
    }
  )

  it('leaves English and text without a summary untouched', () => {
    const text = `toolkk: ${ENGLISH.html}`
    expect(localizeProviderText(text)).toBe(text)
    applyLanguage('zh-CN')
    expect(localizeProviderText('toolkk refused the API key. (code 401)')).toBe(
      'toolkk refused the API key. (code 401)'
    )
    expect(localizeProviderText(null)).toBeNull()
  })
})

describe('the pre-flight’s country notes', () => {
  afterEach(() => applyLanguage('en'))

  it('count with plurals in English and Chinese', () => {
    expect(regionNoteLines({ inferred: 1, ambiguous: 2 }).map((l) => l.text)).toEqual([
      '1 of these numbers had its country inferred from the list',
      '2 numbers valid in several countries are held back (not sent)'
    ])
    applyLanguage('zh-CN')
    expect(regionNoteLines({ inferred: 1200, ambiguous: 1 }).map((l) => l.text)).toEqual([
      '其中 1,200 个号码的国家是根据列表推断的',
      '1 个号码在多个国家都有效，暂不发送'
    ])
  })
})
