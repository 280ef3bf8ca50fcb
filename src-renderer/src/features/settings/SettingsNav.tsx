import { useTranslation } from 'react-i18next'
import { Palette } from 'lucide-react'
import { resolveLanguage, type ProviderView } from '@contract/types'
import { useAppStore } from '../../store'
import type { SettingsSection } from '../../store/settings-slice'
import { keySummary, type KeySummary } from './describe-key'
import { LANGUAGE_SHORT_NAMES, THEME_KEYS } from './AppearanceSettings'
import { providerText } from './provider-text'

const KEY_WORDS = {
  'none-needed': 'nav.noKeyNeeded',
  saved: 'nav.keySaved',
  environment: 'nav.keyFromEnvironment',
  missing: 'nav.noKey',
  'other-address': 'nav.keyOtherAddress'
} as const satisfies Record<KeySummary, string>

/** Green: offered for checks and usable; amber: offered but its key is missing or withheld; grey: switched off. */
function dotOf(provider: ProviderView, key: KeySummary): 'ready' | 'attention' | 'off' {
  if (!provider.enabled) return 'off'
  return key === 'missing' || key === 'other-address' ? 'attention' : 'ready'
}

interface SettingsNavProps {
  providers: ProviderView[]
  selected: SettingsSection
  onSelect: (section: SettingsSection) => void
}

/** The list of providers (and the appearance entry) on the left of Settings; a strip of tabs on a narrow window. */
export function SettingsNav({ providers, selected, onSelect }: SettingsNavProps) {
  const { t } = useTranslation('settings')
  const preferences = useAppStore((state) => state.preferences)
  const osLocale = useAppStore((state) => state.appInfo?.osLocale)
  const language = LANGUAGE_SHORT_NAMES[resolveLanguage(preferences.language, osLocale)]
  const theme = t(THEME_KEYS[preferences.theme])

  const item = (
    section: SettingsSection,
    name: string,
    detail: string,
    dot: string | null,
    icon?: boolean
  ) => (
    <li key={section}>
      <button
        type="button"
        id={`settings-nav-${section}`}
        className={`settings-nav-item${section === selected ? ' is-current' : ''}`}
        aria-current={section === selected ? 'true' : undefined}
        // The second line is hidden when the list becomes tabs; the title keeps it at hand.
        title={`${name} — ${detail}`}
        onClick={() => onSelect(section)}
        data-testid={`settings-nav-${section}`}
      >
        {icon ? (
          <Palette size={14} aria-hidden="true" className="settings-nav-icon" />
        ) : (
          <span className={`status-dot is-${dot}`} aria-hidden="true" />
        )}
        <span className="settings-nav-text">
          <span className="settings-nav-name">{name}</span>
          <span className="settings-nav-detail">{detail}</span>
        </span>
      </button>
    </li>
  )

  return (
    <nav className="settings-nav" aria-label={t('nav.label')}>
      <h2 className="settings-nav-heading">{t('nav.providers')}</h2>
      <ul className="settings-nav-list">
        {providers.map((provider) => {
          const key = keySummary(provider)
          const state = !provider.live
            ? t('nav.alwaysOn')
            : provider.enabled
              ? t('nav.enabled')
              : t('nav.disabled')
          return item(
            provider.id,
            providerText(provider).name,
            // Two separate labels side by side, not one sentence.
            `${state} · ${t(KEY_WORDS[key])}`,
            dotOf(provider, key)
          )
        })}
      </ul>
      <h2 className="settings-nav-heading">{t('nav.general')}</h2>
      <ul className="settings-nav-list">
        {item('appearance', t('nav.appearance'), t('nav.appearanceSummary', { language, theme }), null, true)}
      </ul>
    </nav>
  )
}
