// Country names in the UI's language. Main's `appInfo.regions` names are English (the CLI's), so the renderer
// asks the engine's Intl.DisplayNames for the language on screen instead.
import { currentLanguage } from '../i18n'

const cache = new Map<string, Intl.DisplayNames | null>()

function displayNames(language: string): Intl.DisplayNames | null {
  if (!cache.has(language)) {
    try {
      cache.set(language, new Intl.DisplayNames([language], { type: 'region' }))
    } catch {
      cache.set(language, null)
    }
  }
  return cache.get(language) ?? null
}

/** "中国" or "China" for "CN"; the code itself when the engine has no name for it (e.g. "001"). */
export function countryName(code: string, language: string = currentLanguage()): string {
  if (!code) return ''
  try {
    return displayNames(language)?.of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}
