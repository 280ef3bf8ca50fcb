import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  LANGUAGE_CHOICES,
  resolveLanguage,
  THEME_CHOICES,
  type LanguageChoice,
  type Preferences,
  type ThemeChoice,
  type UiLanguage
} from '@contract/types'
import { useAppStore } from '../../store'

/** Each language named in itself, so someone who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', 'zh-CN': '简体中文' }
export const LANGUAGE_SHORT_NAMES: Record<UiLanguage, string> = { en: 'English', 'zh-CN': '中文' }

export const THEME_KEYS = {
  system: 'appearance.themeSystem',
  light: 'appearance.themeLight',
  dark: 'appearance.themeDark'
} as const satisfies Record<ThemeChoice, string>

/** Language and theme: applied at once by the store, kept by main for the next start. */
export function AppearanceSettings() {
  const { t } = useTranslation('settings')
  const preferences = useAppStore((state) => state.preferences)
  const osLocale = useAppStore((state) => state.appInfo?.osLocale)
  const setPreferences = useAppStore((state) => state.setPreferences)
  const [failure, setFailure] = useState<string | null>(null)

  const choose = async (patch: Partial<Preferences>) => {
    setFailure(null)
    const error = await setPreferences(patch)
    if (error) setFailure(error.message)
  }

  const languageLabel = (choice: LanguageChoice) =>
    choice === 'system'
      ? t('appearance.languageSystem', { name: LANGUAGE_SHORT_NAMES[resolveLanguage('system', osLocale)] })
      : LANGUAGE_NAMES[choice]

  return (
    <section
      className="card settings-appearance"
      data-testid="appearance-settings"
      aria-labelledby="appearance-title"
    >
      <header>
        <h2 className="card-title" id="appearance-title">
          {t('appearance.title')}
        </h2>
        <p className="settings-appearance-subtitle">{t('appearance.subtitle')}</p>
      </header>
      <fieldset className="choice-group">
        <legend className="field-label">{t('appearance.language')}</legend>
        <div className="choice-options">
          {LANGUAGE_CHOICES.map((choice) => (
            <label key={choice} className="choice-option">
              <input
                type="radio"
                name="language"
                value={choice}
                checked={preferences.language === choice}
                onChange={() => void choose({ language: choice })}
                data-testid={`language-${choice}`}
              />
              {/* A language's own name is marked as that language, for fonts and screen readers. */}
              <span lang={choice === 'system' ? undefined : choice}>{languageLabel(choice)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="choice-group">
        <legend className="field-label">{t('appearance.theme')}</legend>
        <div className="choice-options">
          {THEME_CHOICES.map((choice) => (
            <label key={choice} className="choice-option">
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={preferences.theme === choice}
                onChange={() => void choose({ theme: choice })}
                data-testid={`theme-${choice}`}
              />
              <span>{t(THEME_KEYS[choice])}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {failure ? (
        <p className="provider-error" role="alert" data-testid="appearance-error">
          {t('appearance.saveFailed', { message: failure })}
        </p>
      ) : null}
    </section>
  )
}
