// The renderer's translations: i18next with ICU messages (plurals, selects), English and Simplified Chinese.
// Components use `useTranslation(ns)`; code outside React (store slices, formatters) uses `translate`.
import i18next from 'i18next'
import ICU from 'i18next-icu'
import { initReactI18next } from 'react-i18next'
import { UI_LANGUAGES, type UiLanguage } from '@contract/types'
import en from './en'
import zhCN from './zh-CN'

export const NAMESPACES = Object.keys(en) as (keyof typeof en)[]

export const i18n = i18next.createInstance()

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { en, 'zh-CN': zhCN },
    lng: initialLanguage(),
    // A key missing in zh-CN cannot happen (the catalogue type and a test forbid it); English is the safe floor.
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    ns: NAMESPACES,
    defaultNS: 'common',
    // React escapes what it renders; escaping here too would show '&amp;' in file names.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false
  })

/** Before app info arrives (a few ms), the page's own language is the best guess for the start-up spinner. */
function initialLanguage(): UiLanguage {
  const tag = typeof navigator === 'undefined' ? '' : navigator.language
  return /^zh\b/i.test(tag) ? 'zh-CN' : 'en'
}

export function currentLanguage(): UiLanguage {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
}

/** Switches every mounted component and formatter to `language` and tells the document (fonts, screen readers). */
export function applyLanguage(language: UiLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language)
  if (typeof document !== 'undefined') document.documentElement.lang = language
}

/** `t` for code outside components, e.g. `translate('errors:file_exists', { name })`. */
export const translate = i18n.t.bind(i18n) as typeof i18n.t
