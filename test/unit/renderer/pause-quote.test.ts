import { afterEach, describe, expect, it } from 'vitest'
import { pauseQuote } from '@renderer/features/live/pause-quote'
import { applyLanguage } from '@renderer/i18n'

afterEach(() => applyLanguage('en'))

const refused = {
  pauseReason: 'auth' as const,
  pauseMessage:
    'Ace Data Cloud refused the API key: token invalid. Enter a new key in Settings, then resume.',
  pauseDetail: 'Ace Data Cloud refused the API key: token invalid.'
}

describe('the text quoted under a pause title', () => {
  it('is main’s whole message in English', () => {
    expect(pauseQuote(refused, 'en')).toBe(refused.pauseMessage)
  })

  it('is only what happened, without main’s English advice, in Chinese', () => {
    expect(pauseQuote(refused, 'zh-CN')).toBe('Ace Data Cloud refused the API key: token invalid.')
  })

  it('says a broken provider answer again in Chinese', () => {
    applyLanguage('zh-CN')
    const page = {
      pauseReason: 'error_rate' as const,
      pauseMessage:
        "… The server answered with a web page (HTTP 501) instead of the API's answer. Resume later.",
      pauseDetail:
        "Ace Data Cloud: The server answered with a web page (HTTP 501) instead of the API's answer."
    }
    expect(pauseQuote(page, 'zh-CN')).toBe(
      'Ace Data Cloud: 服务器返回了一个网页（HTTP 501），而不是 API 的结果。'
    )
  })

  it('is nothing in Chinese for the pauses Ringtrue words itself', () => {
    for (const reason of ['confirm', 'user', 'interrupted', 'sample', 'spend_cap'] as const) {
      const live = {
        pauseReason: reason,
        pauseMessage: 'Sample of 20 checked: active 90%.',
        pauseDetail: null
      }
      expect(pauseQuote(live, 'zh-CN')).toBeNull()
      expect(pauseQuote(live, 'en')).toBe('Sample of 20 checked: active 90%.')
    }
  })
})
