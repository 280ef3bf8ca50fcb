// Issue 10, "Both cores": patches/libphonenumber-js+*.patch makes the library compile its metadata patterns once
// instead of on every call. These tests prove the patch is applied to both of its builds (es6 for ESM, build/ for
// CommonJS, which the CLI and the app load), and that each patched function answers exactly as the original
// formula over every pattern in the metadata, so a library upgrade cannot silently drop or break it.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import metadata from 'libphonenumber-js/metadata.max.json'

const require = createRequire(import.meta.url)
const root = dirname(require.resolve('libphonenumber-js/package.json'))

/* eslint-disable @typescript-eslint/no-explicit-any -- the library's internal modules are untyped */
interface Build {
  matchesEntirely: (text: string, pattern: string) => boolean
  getCountryByNationalNumber: (national: string, countries: string[], json: unknown) => string | undefined
  chooseFormatForNumber: (formats: any[], national: string) => any
  formatNationalNumberUsingFormat: (national: string, format: any, options: any) => string
  getNumberType: (input: any, options: any, json: unknown) => string | undefined
  Metadata: any
  VALID_PUNCTUATION: string
  parseIncompletePhoneNumber: (text: string) => string
  parsePhoneNumberCharacter: (character: string, before: string) => string | undefined
}

const unwrap = (module: any): any => module.default ?? module

async function load(flavour: 'es6' | 'build'): Promise<Build> {
  const file = (path: string): Promise<any> =>
    flavour === 'build'
      ? Promise.resolve(require(join(root, 'build', path)))
      : import(pathToFileURL(join(root, 'es6', path)).href)
  const format = await file('format.js')
  return {
    matchesEntirely: unwrap(await file('helpers/matchesEntirely.js')),
    getCountryByNationalNumber: unwrap(await file('helpers/getCountryByNationalNumber.js')),
    chooseFormatForNumber: format.chooseFormatForNumber,
    formatNationalNumberUsingFormat: unwrap(await file('helpers/formatNationalNumberUsingFormat.js')),
    getNumberType: unwrap(await file('helpers/getNumberType.js')),
    Metadata: unwrap(await file('metadata.js')),
    VALID_PUNCTUATION: (await file('constants.js')).VALID_PUNCTUATION,
    parseIncompletePhoneNumber: unwrap(await file('parseIncompletePhoneNumber.js')),
    parsePhoneNumberCharacter: (await file('parseIncompletePhoneNumber.js')).parsePhoneNumberCharacter
  }
}

const NativeRegExp = RegExp
let constructed = 0

/** Counts `new RegExp(...)` by any code that names the global constructor while the test runs. */
function countRegExps(): void {
  constructed = 0
  ;(globalThis as any).RegExp = new Proxy(NativeRegExp, {
    construct(target, args) {
      constructed++
      return Reflect.construct(target, args)
    }
  })
}

afterEach(() => {
  ;(globalThis as any).RegExp = NativeRegExp
})

// A fixed-seed generator keeps the samples the same on every run.
function digitsSource(seed: number): (length: number) => string {
  let state = seed
  return (length) => {
    let out = ''
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff
      out += String(state % 10)
    }
    return out
  }
}

const json = metadata as any
const countries = Object.keys(json.countries) as string[]
const sharedCodes = Object.entries(json.country_calling_codes as Record<string, string[]>).filter(
  ([, list]) => list.length > 1
)

/** The original getCountryByNationalNumber of libphonenumber-js 1.13.16, on the same build's parts. */
function originalCountryByNationalNumber(b: Build, national: string, list: string[]): string | undefined {
  const plan = new b.Metadata(json)
  for (const country of list) {
    plan.selectNumberingPlan(country)
    if (plan.leadingDigits()) {
      if (national && national.search(plan.leadingDigits()) === 0) return country
    } else if (b.getNumberType({ phone: national, country }, undefined, plan.metadata)) return country
  }
  return undefined
}

/** The original parseIncompletePhoneNumber of libphonenumber-js 1.13.16: one character at a time. */
function originalIncomplete(b: Build, text: string): string {
  let result = ''
  for (const character of text.split('')) result += b.parsePhoneNumberCharacter(character, result) || ''
  return result
}

/** What a numbering plan answers, through every accessor that takes no argument, and its formats in full. */
function planAnswers(plan: any): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  const proto = Object.getPrototypeOf(plan)
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || typeof proto[name] !== 'function' || proto[name].length > 0) continue
    if (name === 'formats') {
      answers.formats = plan
        .formats()
        .map((format: any) => [
          format.pattern(),
          format.format(),
          format.internationalFormat(),
          format.leadingDigitsPatterns(),
          format.nationalPrefixFormattingRule(),
          format.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
          format.usesNationalPrefix()
        ])
      continue
    }
    try {
      answers[name] = proto[name].call(plan)
    } catch (error) {
      answers[name] = `threw ${(error as Error).message}`
    }
  }
  for (const type of ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'VOIP']) {
    const found = plan.type(type)
    answers[type] = found ? [found.pattern(), found.possibleLengths()] : null
  }
  return answers
}

for (const flavour of ['es6', 'build'] as const) {
  describe(`libphonenumber-js patch (${flavour})`, () => {
    let b: Build
    beforeAll(async () => {
      b = await load(flavour)
    })

    it('compiles a metadata pattern once, not on every match', () => {
      const pattern = json.countries.CN[2] as string
      b.matchesEntirely('13812345678', pattern)
      countRegExps()
      for (let i = 0; i < 10; i++) b.matchesEntirely('13812345678', pattern)
      expect(constructed).toBe(0)
    })

    it('finds the country of a shared calling code without selecting each plan again', () => {
      const nanp = json.country_calling_codes['1'] as string[]
      const select = b.Metadata.prototype.selectNumberingPlan
      let selected = 0
      b.getCountryByNationalNumber('3812345678', nanp, json)
      b.Metadata.prototype.selectNumberingPlan = function (this: unknown, ...args: unknown[]) {
        selected++
        return select.apply(this, args)
      }
      try {
        // A number no +1 country holds walks the whole list, US and CA (no leading digits) by their type check.
        expect(b.getCountryByNationalNumber('3812345678', nanp, json)).toBeUndefined()
        expect(b.getCountryByNationalNumber('6135550123', nanp, json)).toBe('CA')
        expect(selected).toBe(0)
        expect(b.getCountryByNationalNumber('2682345678', nanp, json)).toBe('AG')
      } finally {
        b.Metadata.prototype.selectNumberingPlan = select
      }
    })

    it('formats with compiled patterns', () => {
      const plan = new b.Metadata(json)
      plan.selectNumberingPlan('CN')
      const options = { useInternationalFormat: true, withNationalPrefix: true, metadata: plan }
      const format = b.chooseFormatForNumber(plan.formats(), '13812345678')
      b.formatNationalNumberUsingFormat('13812345678', format, options)
      countRegExps()
      expect(b.chooseFormatForNumber(plan.formats(), '13812345678').pattern()).toBe(format.pattern())
      expect(b.formatNationalNumberUsingFormat('13812345678', format, options)).toBe('138 1234 5678')
      expect(constructed).toBe(0)
    })

    it('copies option objects natively when parsing and formatting', () => {
      const entry = flavour === 'build' ? require(join(root, 'max/index.cjs')) : null
      const run = async (): Promise<void> => {
        const lib = entry ?? (await import(pathToFileURL(join(root, 'max/index.js')).href))
        const phone = lib.parsePhoneNumberFromString('138-1234-5678', 'CN')
        phone.formatNational()
        phone.formatInternational()
      }
      return run().then(async () => {
        const symbols = Object.getOwnPropertySymbols
        let walked = 0
        Object.getOwnPropertySymbols = (o: object): symbol[] => {
          walked++
          return symbols(o)
        }
        try {
          await run()
        } finally {
          Object.getOwnPropertySymbols = symbols
        }
        // Babel's spread helper walked each options object's keys and symbols in script, on every call.
        expect(walked).toBe(0)
      })
    })

    it('parses with compiled national and international prefixes', async () => {
      const lib =
        flavour === 'build'
          ? require(join(root, 'max/index.cjs'))
          : await import(pathToFileURL(join(root, 'max/index.js')).href)
      // A national prefix (0), an international one (00) and a +1 number of a country with leading digits.
      const texts: [string, string | undefined][] = [
        ['010 6552 9988', 'CN'],
        ['00 49 30 1234567', 'CN'],
        ['011 44 20 7946 0958', 'US'],
        ['+1 268 464 1234', undefined]
      ]
      const parse = (): void => {
        for (const [text, region] of texts) expect(lib.parsePhoneNumberFromString(text, region)).toBeTruthy()
      }
      parse()
      countRegExps()
      parse()
      expect(constructed).toBe(0)
    })

    it('passes text that is already a + and ASCII digits through without a per-character pass', () => {
      const split = String.prototype.split
      let splits = 0
      String.prototype.split = function (this: string, ...args: any[]) {
        splits++
        return (split as (...parts: any[]) => string[]).apply(this, args)
      }
      try {
        expect(b.parseIncompletePhoneNumber('+8613812345678')).toBe('+8613812345678')
        expect(b.parseIncompletePhoneNumber('2125550100')).toBe('2125550100')
        expect(splits).toBe(0)
      } finally {
        String.prototype.split = split
      }
    })

    it('reads incomplete numbers exactly as the original, plain or not', () => {
      // Plain texts take the shortcut; the rest (a late +, other scripts' digits, punctuation, letters) the loop.
      const alphabet = ['+', '+', '0', '1', '5', '9', '9', '３', '٣', '-', ' ', '(', 'a', '＋', 'x']
      let state = 7
      const mismatches: string[] = []
      for (let i = 0; i < 20_000; i++) {
        let text = ''
        const length = i % 17
        for (let j = 0; j < length; j++) {
          state = (state * 1103515245 + 12345) & 0x7fffffff
          // Every other text uses only '+' and ASCII digits.
          text += alphabet[state % (i % 2 === 0 ? 6 : alphabet.length)]
        }
        const expected = originalIncomplete(b, text)
        if (b.parseIncompletePhoneNumber(text) !== expected) mismatches.push(JSON.stringify(text))
      }
      expect(mismatches).toEqual([])
    })

    it('builds each numbering plan once and shares it', () => {
      const first = new b.Metadata(json)
      const second = new b.Metadata(json)
      first.selectNumberingPlan('CN')
      second.selectNumberingPlan('CN')
      expect(second.numberingPlan).toBe(first.numberingPlan)
      // By calling code, the main country's plan.
      second.selectNumberingPlan('1')
      first.selectNumberingPlan('US')
      expect(second.numberingPlan).toBe(first.numberingPlan)
      // Formats too are built once, and nobody can change the shared list.
      const formats = first.numberingPlan.formats()
      expect(first.numberingPlan.formats()).toBe(formats)
      expect(Object.isFrozen(formats)).toBe(true)
    })

    it('answers from a shared plan exactly as from a plan built for the call, for every country', () => {
      const plan = new b.Metadata(json)
      const mismatches: string[] = []
      const selectors = [...countries, ...Object.keys(json.nonGeographic ?? {})]
      for (const selector of selectors) {
        plan.selectNumberingPlan(selector)
        const shared = plan.numberingPlan
        // The original: a new plan of the same country's metadata, tied to a new Metadata.
        const fresh = new shared.constructor(shared.metadata, new b.Metadata(json))
        const expected = JSON.stringify(planAnswers(fresh))
        if (JSON.stringify(planAnswers(shared)) !== expected) mismatches.push(selector)
        // And again, after the shared plan has been used.
        if (JSON.stringify(planAnswers(shared)) !== expected) mismatches.push(`${selector} (second use)`)
      }
      expect(mismatches).toEqual([])
      expect(selectors.length).toBeGreaterThan(240)
    })

    it('matches every metadata pattern exactly as a freshly built RegExp', () => {
      const random = digitsSource(11)
      let checked = 0
      let matched = 0
      const mismatches: string[] = []
      for (const country of countries) {
        const plan = json.countries[country]
        const patterns: string[] = [plan[2]]
        for (const type of Array.isArray(plan[11]) ? plan[11] : [])
          if (type && type[0]) patterns.push(type[0])
        for (const format of Array.isArray(plan[4]) ? plan[4] : []) patterns.push(format[0])
        const lengths: number[] = plan[3] ?? [8]
        for (const pattern of patterns) {
          for (const length of lengths) {
            for (let lead = 0; lead < 20; lead++) {
              const text = String(lead).padStart(2, '0') + random(Math.max(0, length - 2))
              const expected = new RegExp('^(?:' + pattern + ')$').test(text)
              checked++
              if (expected) matched++
              if (b.matchesEntirely(text, pattern) !== expected)
                mismatches.push(`${country} ${pattern} ${text}`)
            }
          }
        }
      }
      expect(mismatches).toEqual([])
      expect(checked).toBeGreaterThan(50_000)
      expect(matched).toBeGreaterThan(1_000)
    })

    it('finds the same country as the original for every shared calling code', () => {
      const random = digitsSource(5)
      const mismatches: string[] = []
      const found = new Set<string>()
      for (const [code, list] of sharedCodes) {
        const lengths = new Set<number>()
        for (const country of list) for (const n of json.countries[country][3] ?? []) lengths.add(n)
        for (const length of lengths) {
          for (let lead = 0; lead < 1000; lead++) {
            const national = String(lead).padStart(3, '0') + random(Math.max(0, length - 3))
            const expected = originalCountryByNationalNumber(b, national, list)
            if (expected) found.add(expected)
            const actual = b.getCountryByNationalNumber(national, list, json)
            if (actual !== expected) mismatches.push(`+${code} ${national}: ${actual} ≠ ${expected}`)
          }
        }
      }
      expect(mismatches).toEqual([])
      // Not just the main countries: the leading-digits branch is exercised broadly.
      expect(found.size).toBeGreaterThan(25)
    })

    it('chooses and applies the same format as the original for every country', () => {
      const random = digitsSource(3)
      const mismatches: string[] = []
      let formatted = 0
      const plan = new b.Metadata(json)
      for (const country of countries) {
        plan.selectNumberingPlan(country)
        const formats: any[] = plan.formats() ?? []
        for (const length of (plan.possibleLengths() as number[] | undefined) ?? [8]) {
          for (let lead = 0; lead < 100; lead++) {
            const national = String(lead).padStart(2, '0') + random(Math.max(0, length - 2))
            const expected = formats.find((format) => {
              const leading: string[] = format.leadingDigitsPatterns()
              if (leading.length > 0 && national.search(leading[leading.length - 1]) !== 0) return false
              return new RegExp('^(?:' + format.pattern() + ')$').test(national)
            })
            const actual = b.chooseFormatForNumber(formats, national)
            if ((actual?.pattern() ?? null) !== (expected?.pattern() ?? null)) {
              mismatches.push(`${country} ${national}`)
              continue
            }
            if (!expected) continue
            formatted++
            for (const international of [false, true]) {
              const template = international ? expected.internationalFormat() : expected.format()
              let reference = national.replace(new RegExp(expected.pattern()), template)
              if (international) {
                reference = reference.replace(new RegExp(`[${b.VALID_PUNCTUATION}]+`, 'g'), ' ').trim()
              }
              const options = {
                useInternationalFormat: international,
                withNationalPrefix: false,
                metadata: plan
              }
              const actualText = b.formatNationalNumberUsingFormat(national, expected, options)
              if (actualText !== reference)
                mismatches.push(`${country} ${national} ${actualText} ≠ ${reference}`)
            }
          }
        }
      }
      expect(mismatches).toEqual([])
      expect(formatted).toBeGreaterThan(5_000)
    })
  })
}
