import { describe, expect, it } from 'vitest'
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber
} from 'libphonenumber-js/max'
import examples from 'libphonenumber-js/examples.mobile.json'
import { lengthVerdict, numberType } from '@core/phone/number-type'

// A fixed-seed generator keeps the sample the same on every run.
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

describe('numberType', () => {
  it('agrees with libphonenumber getType() for every country', () => {
    const random = digitsSource(7)
    const numbers: PhoneNumber[] = []
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples)
      if (example) numbers.push(example)
      const callingCode = getCountryCallingCode(country)
      const exampleLength = example?.nationalNumber.length ?? 9
      for (const length of [exampleLength - 1, exampleLength, exampleLength + 1]) {
        for (let lead = 0; lead < 100; lead++) {
          const national = String(lead).padStart(2, '0') + random(Math.max(0, length - 2))
          const asNational = parsePhoneNumberFromString(national, country)
          const asInternational = parsePhoneNumberFromString(`+${callingCode}${national}`)
          if (asNational) numbers.push(asNational)
          if (asInternational) numbers.push(asInternational)
        }
      }
    }
    // Non-geographic calling codes have plans of their own.
    for (const code of ['800', '808', '870', '878', '881', '882', '883', '888', '979']) {
      for (let lead = 0; lead < 100; lead++) {
        const phone = parsePhoneNumberFromString(`+${code}${String(lead).padStart(2, '0')}${random(7)}`)
        if (phone) numbers.push(phone)
      }
    }
    let valid = 0
    const mismatches: string[] = []
    for (const phone of numbers) {
      const expected = phone.getType()
      if (expected) valid++
      if (numberType(phone) !== expected) mismatches.push(`${phone.number} ${phone.country}: ${expected}`)
    }
    expect(mismatches).toEqual([])
    // The sample must exercise the valid branch broadly, not only rejections.
    expect(numbers.length).toBeGreaterThan(50_000)
    expect(valid).toBeGreaterThan(5_000)
  })

  it('distinguishes the type families', () => {
    const typeOf = (text: string) => numberType(parsePhoneNumberFromString(text)!)
    expect(typeOf('+12015550123')).toBe('FIXED_LINE_OR_MOBILE')
    expect(typeOf('+493012345678')).toBe('FIXED_LINE')
    expect(typeOf('+447400123456')).toBe('MOBILE')
    expect(typeOf('+80012345678')).toBe('TOLL_FREE')
    expect(typeOf('+12005550143')).toBeUndefined()
  })
})

describe('lengthVerdict', () => {
  it('agrees with validatePhoneNumberLength() for every country, without a second parse', () => {
    const random = digitsSource(13)
    let checked = 0
    const verdicts = new Set<string>()
    const mismatches: string[] = []
    for (const country of getCountries()) {
      const callingCode = getCountryCallingCode(country)
      for (let length = 2; length <= 17; length++) {
        for (let lead = 0; lead < 20; lead++) {
          const national = String(lead).padStart(2, '0') + random(Math.max(0, length - 2))
          for (const [text, region] of [
            [national, country],
            [`+${callingCode}${national}`, undefined]
          ] as [string, CountryCode | undefined][]) {
            const phone = parsePhoneNumberFromString(text, region)
            if (!phone) continue
            const expected = validatePhoneNumberLength(text, region)
            const actual = lengthVerdict(phone)
            checked++
            verdicts.add(String(expected))
            if (actual !== expected) mismatches.push(`${text} ${region}: ${actual} ≠ ${expected}`)
          }
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(checked).toBeGreaterThan(50_000)
    expect([...verdicts].sort()).toEqual(['INVALID_LENGTH', 'TOO_LONG', 'TOO_SHORT', 'undefined'])
  })
})
