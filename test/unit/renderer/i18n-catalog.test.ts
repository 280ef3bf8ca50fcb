import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import en from '../../../src-renderer/src/i18n/en'
import zhCN from '../../../src-renderer/src/i18n/zh-CN'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text)
  }
  return out
}

/** The argument names a message uses, with their ICU kind (plural, select, number…). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    into.add(`${element.value}:${element.type}`)
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into)
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into)
  }
  return into
}

const english = flatten(en as unknown as Tree)
const chinese = flatten(zhCN as unknown as Tree)

// Words a Chinese message may keep in Latin letters: names and formats users see as they are.
const KEPT_WORDS =
  /\b(Ringtrue|Ace Data Cloud|Ace|toolkk|checknumber(\.ai)?|CheckMobi|Telesign|PhoneID|HLR|MNP|API|URL|HTTP|HTTPS|CSV|XLSX|PNG|vCard|VCF|E\.164|ID|ISO|USD|CNY|JSON|Excel|Ctrl|Cmd|Shift|Enter|Esc|Tab|OK)\b/g

describe('the UI catalogues', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    const onlyEnglish = [...english.keys()].filter((key) => !chinese.has(key))
    const onlyChinese = [...chinese.keys()].filter((key) => !english.has(key))
    expect({ onlyEnglish, onlyChinese }).toEqual({ onlyEnglish: [], onlyChinese: [] })
    expect(english.size).toBeGreaterThan(0)
  })

  it('hold ICU messages that parse, with the same arguments in both languages', () => {
    const mismatched: string[] = []
    for (const [key, text] of english) {
      const zh = chinese.get(key)
      if (zh === undefined) continue
      const ours = argumentsOf(parse(text, { ignoreTag: true }))
      const theirs = argumentsOf(parse(zh, { ignoreTag: true }))
      if ([...ours].sort().join() !== [...theirs].sort().join()) mismatched.push(key)
    }
    expect(mismatched).toEqual([])
  })

  it('has no message left empty or in English in the Chinese catalogue', () => {
    const untranslated = [...chinese].filter(([, text]) => {
      if (text.trim() === '') return true
      // Strip arguments and the words kept in Latin letters; any other English word means a missed translation.
      const plain = text.replace(/\{[^{}]*\}/g, ' ').replace(KEPT_WORDS, ' ')
      return /[A-Za-z]{3,}/.test(plain) && !/[\u4e00-\u9fff]/.test(text)
    })
    expect(untranslated.map(([key]) => key)).toEqual([])
  })
})
