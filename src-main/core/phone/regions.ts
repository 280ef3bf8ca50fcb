import type { CellValue } from '../domain'
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  type CountryCode
} from 'libphonenumber-js/max'
import metadata from 'libphonenumber-js/metadata.max.json'

/** Languages whose country names a country column is likely to be written in. */
const NAME_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'zh']

// Names people write that no Intl locale produces, plus common ISO alpha-3 codes (Intl knows only alpha-2).
const EXTRA_NAMES: Record<string, string> = {
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  america: 'US',
  'united states of america': 'US',
  uae: 'AE',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'north korea': 'KP',
  'czech republic': 'CZ',
  turkey: 'TR',
  'ivory coast': 'CI',
  macedonia: 'MK',
  holland: 'NL',
  burma: 'MM',
  swaziland: 'SZ',
  vatican: 'VA',
  'vatican city': 'VA',
  'holy see': 'VA',
  'cape verde': 'CV',
  'east timor': 'TL',
  drc: 'CD',
  'dr congo': 'CD',
  'democratic republic of the congo': 'CD',
  'republic of the congo': 'CG',
  palestine: 'PS',
  'viet nam': 'VN',
  'russian federation': 'RU',
  gbr: 'GB',
  deu: 'DE',
  fra: 'FR',
  ita: 'IT',
  esp: 'ES',
  can: 'CA',
  aus: 'AU',
  ind: 'IN',
  chn: 'CN',
  bra: 'BR',
  mex: 'MX',
  nld: 'NL',
  bel: 'BE',
  che: 'CH',
  aut: 'AT',
  pol: 'PL',
  swe: 'SE',
  nor: 'NO',
  dnk: 'DK',
  fin: 'FI',
  irl: 'IE',
  prt: 'PT',
  jpn: 'JP',
  kor: 'KR',
  rus: 'RU',
  tur: 'TR',
  zaf: 'ZA',
  nzl: 'NZ',
  arg: 'AR'
}

const CALLING_CODE = /^(?:\+|00|011)?\s*(\d{1,3})$/
const NAME_NOISE = /[^\p{L}\p{N}]+/gu
const MARKS = /\p{M}/gu
const LEADING_THE = /^the /
const SAINT = /(^| )saint(?= )/g

const regionCache = new Map<string, CountryCode | undefined>()

/**
 * A default-region argument as libphonenumber wants it: upper case, and undefined for codes it does not know, so
 * a bad region means "no default region" instead of an INVALID_COUNTRY error on every number.
 */
export function toRegion(code: string | null | undefined): CountryCode | undefined {
  if (!code) return undefined
  if (regionCache.has(code)) return regionCache.get(code)
  const upper = code.trim().toUpperCase()
  const alias = upper === 'UK' ? 'GB' : upper
  const region = isSupportedCountry(alias) ? alias : undefined
  // Bounded: the argument may come from user data, and the set of real answers is small anyway.
  if (regionCache.size < 2000) regionCache.set(code, region)
  return region
}

/** The main country of a calling code, e.g. '1' → 'US', '44' → 'GB'. */
export function mainCountryForCallingCode(callingCode: string): CountryCode | undefined {
  const countries = metadata.country_calling_codes[callingCode] as CountryCode[] | undefined
  return countries?.[0]
}

/** The calling code at the start of the digits of an international number, if there is one. */
export function callingCodePrefix(digits: string): string | undefined {
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length)
    if (metadata.country_calling_codes[code] || metadata.nonGeographic?.[code]) return code
  }
  return undefined
}

function nameKey(name: string): string {
  let key = name.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/&/g, ' and ')
  key = key.replace(NAME_NOISE, ' ').trim().replace(LEADING_THE, '')
  return key.replace(SAINT, '$1st')
}

let nameMap: Map<string, string> | undefined

function namesToRegions(): Map<string, string> {
  if (nameMap) return nameMap
  const map = new Map<string, string>()
  const add = (name: string | undefined, code: string): void => {
    if (!name) return
    const key = nameKey(name)
    // First language wins, so an English name is never shadowed by a look-alike elsewhere.
    if (key && !map.has(key)) map.set(key, code)
  }
  forEachCountryName(NAME_LOCALES, (name, code) => add(name, code))
  for (const [name, code] of Object.entries(EXTRA_NAMES)) add(name, code)
  nameMap = map
  return map
}

/**
 * Reads a country-column value: ISO code ('DE', 'de', 'UK'), name in a common language ('Germany',
 * 'Deutschland', 'United States'), or calling code ('+49', '0049', '49'). Null when it names no region.
 */
export function resolveRegion(value: CellValue): string | null {
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0
      ? (mainCountryForCallingCode(String(value)) ?? null)
      : null
  }
  const text = value.trim()
  if (!text) return null
  const code = CALLING_CODE.exec(text)
  if (code) return mainCountryForCallingCode(code[1]) ?? null
  if (text.length === 2) {
    const region = toRegion(text)
    if (region) return region
  }
  return namesToRegions().get(nameKey(text)) ?? null
}

let regionList: { code: string; name: string; callingCode: string }[] | undefined

/**
 * Every country's name in each of the locales, long and short, as this ICU build knows them (a locale or region
 * it lacks is skipped: the English name or the code still resolve the country).
 */
export function forEachCountryName(
  locales: readonly string[],
  visit: (name: string, code: string) => void
): void {
  const countries = getCountries()
  for (const locale of locales) {
    for (const style of ['long', 'short'] as const) {
      let names: Intl.DisplayNames
      try {
        names = new Intl.DisplayNames([locale], { type: 'region', style })
      } catch {
        continue
      }
      for (const code of countries) {
        let name: string | undefined
        try {
          name = names.of(code)
        } catch {
          continue
        }
        if (name && name !== code) visit(name, code)
      }
    }
  }
}

/** Every country libphonenumber knows, with its English name and calling code (digits, no '+'), by name. */
export function listRegions(): { code: string; name: string; callingCode: string }[] {
  if (!regionList) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' })
    regionList = getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
  }
  return regionList.map((region) => ({ ...region }))
}

/** The region to assume for numbers without a country code, from an OS locale like 'de-DE' or 'en_GB.UTF-8'. */
export function defaultRegionFromLocale(locale: string | undefined): string {
  const tag = locale?.split(/[.@]/)[0].replace(/_/g, '-').trim()
  if (!tag) return 'US'
  try {
    const parsed = new Intl.Locale(tag)
    const region = toRegion(parsed.region ?? parsed.maximize().region)
    if (region) return region
    // A region libphonenumber lacks (es-419): fall back to where the language is most spoken.
    const fromLanguage = toRegion(new Intl.Locale(parsed.language).maximize().region)
    if (fromLanguage) return fromLanguage
  } catch {
    // Not a BCP 47 tag, e.g. 'C'.
  }
  return 'US'
}
