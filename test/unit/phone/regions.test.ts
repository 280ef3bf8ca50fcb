import { describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import { defaultRegionFromLocale, listRegions, resolveRegion } from '@core/phone'

describe('resolveRegion', () => {
  it.each<[CellValue, string]>([
    ['DE', 'DE'],
    ['de', 'DE'],
    [' gb ', 'GB'],
    ['UK', 'GB'],
    ['Germany', 'DE'],
    ['germany', 'DE'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['Germania', 'DE'],
    ['Duitsland', 'DE'],
    ['德国', 'DE'],
    ['United Kingdom', 'GB'],
    ['Royaume-Uni', 'GB'],
    ['England', 'GB'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['Estados Unidos', 'US'],
    ['España', 'ES'],
    ['Espana', 'ES'],
    ['Brasil', 'BR'],
    ['Côte d’Ivoire', 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Saint Lucia', 'LC'],
    ['St. Lucia', 'LC'],
    ['Trinidad & Tobago', 'TT'],
    ['Trinidad and Tobago', 'TT'],
    ['The Netherlands', 'NL'],
    ['DEU', 'DE'],
    ['+49', 'DE'],
    ['0049', 'DE'],
    ['49', 'DE'],
    ['+1', 'US'],
    ['+44', 'GB'],
    [49, 'DE'],
    [33, 'FR']
  ])('%j → %s', (value, region) => {
    expect(resolveRegion(value)).toBe(region)
  })

  it.each<[CellValue]>([
    [null],
    [''],
    ['  '],
    ['Narnia'],
    ['XX'],
    ['+999'],
    [true],
    [0],
    [4.9],
    ['Germany 49']
  ])('%j names no region', (value) => {
    expect(resolveRegion(value)).toBeNull()
  })
})

describe('listRegions', () => {
  const regions = listRegions()

  it('lists every libphonenumber country with English name and calling code', () => {
    expect(regions.length).toBeGreaterThan(240)
    expect(regions).toContainEqual({ code: 'DE', name: 'Germany', callingCode: '49' })
    expect(regions).toContainEqual({ code: 'GB', name: 'United Kingdom', callingCode: '44' })
    expect(regions).toContainEqual({ code: 'US', name: 'United States', callingCode: '1' })
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length)
  })

  it('is sorted by name', () => {
    const names = regions.map((r) => r.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
    expect(names[0]).toBe('Afghanistan')
  })

  it('hands out copies, so a caller cannot change the next answer', () => {
    listRegions()[0].name = 'changed'
    expect(listRegions()[0].name).toBe('Afghanistan')
  })
})

describe('defaultRegionFromLocale', () => {
  it.each<[string | undefined, string]>([
    ['en-US', 'US'],
    ['de-DE', 'DE'],
    ['en-GB', 'GB'],
    ['de-AT', 'AT'],
    ['fr', 'FR'],
    ['de', 'DE'],
    ['ja', 'JP'],
    ['pt', 'BR'],
    ['en_GB.UTF-8', 'GB'],
    ['fr_CH', 'CH'],
    ['es-419', 'ES'],
    ['zh-Hant', 'TW'],
    ['C', 'US'],
    ['', 'US'],
    [undefined, 'US']
  ])('%j → %s', (locale, region) => {
    expect(defaultRegionFromLocale(locale)).toBe(region)
  })
})
