// The UI's language and theme choices, shared by main (where they are kept) and the renderer (which applies them).
import { z } from 'zod'

/** The UI languages Ringtrue ships; 'system' follows the OS locale. */
export const UI_LANGUAGES = ['en', 'zh-CN'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]
export const LANGUAGE_CHOICES = ['system', ...UI_LANGUAGES] as const
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number]

export const THEME_CHOICES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

export interface Preferences {
  language: LanguageChoice
  theme: ThemeChoice
}

export const DEFAULT_PREFERENCES: Preferences = { language: 'system', theme: 'system' }

export const preferencesSchema = z
  .object({ language: z.enum(LANGUAGE_CHOICES), theme: z.enum(THEME_CHOICES) })
  .strict()

/** The UI language for an OS locale such as 'zh-CN', 'zh_TW.UTF-8' or 'en-US': Chinese for any zh, else English. */
export function languageForLocale(locale: string | undefined): UiLanguage {
  return /^zh([-_]|$)/i.test(locale?.trim() ?? '') ? 'zh-CN' : 'en'
}

export function resolveLanguage(choice: LanguageChoice, osLocale: string | undefined): UiLanguage {
  return choice === 'system' ? languageForLocale(osLocale) : choice
}
