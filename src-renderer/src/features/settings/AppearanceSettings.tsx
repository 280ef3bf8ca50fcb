import { useState, type ReactNode } from 'react'
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

/** One preference as a row of radio buttons (`data-testid` "<name>-<choice>" on each). */
function ChoiceGroup<T extends string>(props: {
  name: string
  legend: string
  choices: readonly T[]
  value: T
  onChoose: (choice: T) => void
  label: (choice: T) => ReactNode
}) {
  return (
    <fieldset className="choice-group">
      <legend className="field-label">{props.legend}</legend>
      <div className="choice-options">
        {props.choices.map((choice) => (
          <label key={choice} className="choice-option">
            <input
              type="radio"
              name={props.name}
              value={choice}
              checked={props.value === choice}
              onChange={() => props.onChoose(choice)}
              data-testid={`${props.name}-${choice}`}
            />
            {props.label(choice)}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

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
      <ChoiceGroup
        name="language"
        legend={t('appearance.language')}
        choices={LANGUAGE_CHOICES}
        value={preferences.language}
        onChoose={(language) => void choose({ language })}
        label={(choice) => (
          // A language's own name is marked as that language, for fonts and screen readers.
          <span lang={choice === 'system' ? undefined : choice}>{languageLabel(choice)}</span>
        )}
      />
      <ChoiceGroup
        name="theme"
        legend={t('appearance.theme')}
        choices={THEME_CHOICES}
        value={preferences.theme}
        onChoose={(theme) => void choose({ theme })}
        label={(choice) => <span>{t(THEME_KEYS[choice])}</span>}
      />
      {failure ? (
        <p className="provider-error" role="alert" data-testid="appearance-error">
          {t('appearance.saveFailed', { message: failure })}
        </p>
      ) : null}
    </section>
  )
}
