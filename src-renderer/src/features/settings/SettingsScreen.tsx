import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { KeyRound, ShieldAlert } from 'lucide-react'
import type { ProviderView } from '@contract/types'
import { Button } from '../../components/Button'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { useAppStore } from '../../store'
import type { SettingsSection } from '../../store/settings-slice'
import { AppearanceSettings } from './AppearanceSettings'
import { ProviderCard } from './ProviderCard'
import { SettingsNav } from './SettingsNav'

/** The section to show: the pick made in this visit, else the provider the visit was opened for, else the first paid one. */
function sectionOf(
  selection: { view: unknown; section: SettingsSection } | null,
  view: unknown,
  focus: SettingsSection | undefined,
  providers: ProviderView[]
): SettingsSection {
  if (selection && selection.view === view) return selection.section
  if (focus) return focus
  return providers.find((provider) => provider.live)?.id ?? 'offline'
}

export function SettingsScreen() {
  const { t } = useTranslation('settings')
  const overview = useAppStore((state) => state.providers)
  const providersState = useAppStore((state) => state.providersState)
  const providersError = useAppStore((state) => state.providersError)
  const loadProviders = useAppStore((state) => state.loadProviders)
  const view = useAppStore((state) => state.view)
  const selection = useAppStore((state) => state.settingsSelection)
  const select = useAppStore((state) => state.selectSettingsSection)
  const focus = view.kind === 'settings' ? view.focus : undefined
  const ready = overview !== null
  const section = sectionOf(selection, view, focus, overview?.providers ?? [])
  const selected = overview?.providers.find((provider) => provider.id === section) ?? null

  useEffect(() => {
    void loadProviders()
  }, [loadProviders])

  // Arriving from "No API key — open Settings": that provider is selected; put the cursor in its key field.
  useEffect(() => {
    if (!focus || !ready) return
    document
      .querySelector<HTMLElement>(`[data-testid="provider-card-${focus}"]`)
      ?.querySelector<HTMLInputElement>('input[type="password"]:not(:disabled)')
      ?.focus({ preventScroll: true })
  }, [focus, ready])

  return (
    <div className="page page-settings" data-testid="settings-screen">
      <header className="page-header">
        <div className="file-heading">
          <span className="file-icon">
            <KeyRound size={20} aria-hidden="true" />
          </span>
          <div className="file-heading-text">
            <h1 className="page-title">{t('title')}</h1>
            <p className="page-subtitle">{t('subtitle')}</p>
          </div>
        </div>
      </header>
      {overview && !overview.keychain.available ? <KeychainBanner keychain={overview.keychain} /> : null}
      {providersState === 'error' && !overview ? (
        <ErrorPanel
          title={t('loadFailed')}
          message={providersError?.message ?? t('loadFailedMessage')}
          code={providersError?.code}
          actions={<Button onClick={() => void loadProviders()}>{t('tryAgain')}</Button>}
        />
      ) : !overview ? (
        <div className="page-center">
          <Spinner size={20} label={t('loading')} />
        </div>
      ) : (
        <div className="settings-layout">
          <SettingsNav providers={overview.providers} selected={section} onSelect={select} />
          <div
            className="settings-detail"
            role="region"
            aria-labelledby={`settings-nav-${section}`}
            data-testid="settings-detail"
          >
            {section === 'appearance' ? (
              <AppearanceSettings />
            ) : selected ? (
              // Keyed by provider so a half-typed field of one provider never shows under another.
              <ProviderCard
                key={selected.id}
                provider={selected}
                keychainAvailable={overview.keychain.available}
              />
            ) : null}
          </div>
        </div>
      )}
    </div>
  )
}

function KeychainBanner({ keychain }: { keychain: { reason: string | null; hint: string | null } }) {
  const { t, i18n } = useTranslation('settings')
  // Main explains the cause in English. In English it is the message itself; in Chinese our own sentence leads and
  // main's explanation stays available as the system's details.
  const english = i18n.language === 'en'
  return (
    <div className="banner banner-warning" role="alert" data-testid="keychain-unavailable">
      <ShieldAlert size={18} aria-hidden="true" />
      <div>
        <strong>{t('keychain.title')}</strong>
        {english ? (
          <>
            {keychain.reason ? <p>{keychain.reason}</p> : null}
            {keychain.hint ? <p>{keychain.hint}</p> : null}
          </>
        ) : (
          <>
            <p>
              {t('keychain.envHint', {
                pattern: 'RINGTRUE_<PROVIDER>_KEY',
                example: 'RINGTRUE_ACEDATA_KEY',
                customerVar: 'RINGTRUE_TELESIGN_CUSTOMER_ID'
              })}
            </p>
            {keychain.reason ? (
              <details className="settings-details">
                <summary>{t('keychain.details')}</summary>
                <p lang="en">{keychain.reason}</p>
                {keychain.hint ? <p lang="en">{keychain.hint}</p> : null}
              </details>
            ) : null}
          </>
        )}
      </div>
    </div>
  )
}
