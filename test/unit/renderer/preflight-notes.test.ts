// The pre-flight's problems and balance notes are worded by the window from the note main sends with them: in
// English exactly as main words them (the CLI's sentences, copied here from live-service.ts), in Chinese in
// Chinese with the same figures and names.
import { afterEach, describe, expect, it } from 'vitest'
import type { PreflightProblemNote } from '@contract/types'
import { applyLanguage, translate } from '@renderer/i18n'

afterEach(() => applyLanguage('en'))

const NAME = 'CheckNumber.ai Number Active Check'

const cases: [PreflightProblemNote, string][] = [
  [
    { kind: 'no_key', name: NAME, envVar: 'RINGTRUE_CHECKNUMBER_KEY' },
    `No API key for ${NAME}: set it in Settings or RINGTRUE_CHECKNUMBER_KEY.`
  ],
  [
    { kind: 'key_origin', name: NAME, keyOrigin: 'https://a.example', baseUrlOrigin: 'http://127.0.0.1:9' },
    `${NAME}: the key was entered for https://a.example, not for http://127.0.0.1:9 (the base URL now in use), so it is not sent. Enter it again in Settings to use it with http://127.0.0.1:9.`
  ],
  [
    { kind: 'minimum', name: NAME, minimum: 1000, toPay: 10, learned: 'yes' },
    `${NAME} takes at least 1000 numbers per task (it said so when it refused a smaller task); this job has 10 for it.`
  ],
  [
    { kind: 'minimum', name: NAME, minimum: 500, toPay: 4, learned: 'no' },
    `${NAME} takes at least 500 numbers per task; this job has 4 for it.`
  ],
  [
    { kind: 'refused_key', name: NAME, detail: 'HTTP 401' },
    `${NAME} refused the API key on its balance call (HTTP 401).`
  ]
]

describe('pre-flight problems in the window', () => {
  it.each(cases)('%o reads in English as main words it', (note, english) => {
    applyLanguage('en')
    expect(translate(`live:table.problem.${note.kind}`, { ...note })).toBe(english)
  })

  it.each(cases)('%o reads in Chinese with the same figures', (note) => {
    applyLanguage('zh-CN')
    const chinese = translate(`live:table.problem.${note.kind}`, { ...note })
    expect(chinese).toMatch(/[\u4e00-\u9fff]/)
    expect(chinese).toContain(NAME)
    if (note.kind === 'minimum') expect(chinese).toContain(`${note.minimum}`)
    if (note.kind === 'key_origin') expect(chinese).toContain(note.baseUrlOrigin)
  })

  it('words the balance notes in both languages', () => {
    applyLanguage('en')
    expect(translate('live:table.balanceNote.no_api', { name: 'toolkk' })).toBe('toolkk has no balance API.')
    applyLanguage('zh-CN')
    expect(translate('live:table.balanceNote.no_api', { name: 'toolkk' })).toBe('toolkk 没有查询余额的 API。')
    expect(translate('live:table.balanceNote.unavailable', { detail: 'timeout' })).toBe(
      '无法读取余额：timeout'
    )
  })
})
