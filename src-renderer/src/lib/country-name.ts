// Country names in the UI's language, for the import and live screens.
import { currentLanguage } from '../i18n'
import { regionName } from './format'

const zhNames = (() => {
  try {
    return new Intl.DisplayNames(['zh-CN'], { type: 'region' })
  } catch {
    return null
  }
})()

/**
 * A country's name in the UI's language: main lists English names, so in Chinese the engine's own Chinese name
 * is used (中国, 美国), falling back to main's name.
 */
export function countryName(
  code: string,
  regions?: readonly { code: string; name: string }[] | null
): string {
  if (currentLanguage() === 'zh-CN' && /^[A-Z]{2}$/i.test(code)) {
    try {
      const name = zhNames?.of(code.toUpperCase())
      if (name && name !== code.toUpperCase()) return name
    } catch {
      // An unknown code: main's name below.
    }
  }
  return regionName(code, regions)
}
