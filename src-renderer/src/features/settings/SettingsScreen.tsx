import { useEffect } from 'react'
import { KeyRound, ShieldAlert } from 'lucide-react'
import { Button } from '../../components/Button'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { useAppStore } from '../../store'
import { ProviderCard } from './ProviderCard'

export function SettingsScreen() {
  const overview = useAppStore((state) => state.providers)
  const providersState = useAppStore((state) => state.providersState)
  const providersError = useAppStore((state) => state.providersError)
  const loadProviders = useAppStore((state) => state.loadProviders)
  const focus = useAppStore((state) => (state.view.kind === 'settings' ? state.view.focus : undefined))
  const ready = overview !== null

  useEffect(() => {
    void loadProviders()
  }, [loadProviders])

  // Arriving from "No API key — open Settings": bring that provider's card into view and put the cursor in it.
  useEffect(() => {
    if (!focus || !ready) return
    const card = document.querySelector<HTMLElement>(`[data-testid="provider-card-${focus}"]`)
    card?.scrollIntoView({ block: 'start' })
    card
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
            <h1 className="page-title">Providers and keys</h1>
            <p className="page-subtitle">
              Keys are kept in the system keychain; Ringtrue can tell whether one is set but never shows it.
            </p>
          </div>
        </div>
      </header>
      {overview && !overview.keychain.available ? (
        <div className="banner banner-warning" role="alert" data-testid="keychain-unavailable">
          <ShieldAlert size={18} aria-hidden="true" />
          <div>
            <strong>The system keychain is not available, so keys cannot be saved here.</strong>
            <p>{overview.keychain.reason}</p>
            <p>{overview.keychain.hint}</p>
          </div>
        </div>
      ) : null}
      {providersState === 'error' && !overview ? (
        <ErrorPanel
          title="Provider settings could not be loaded"
          message={providersError?.message ?? 'Ringtrue could not read its settings.'}
          code={providersError?.code}
          actions={<Button onClick={() => void loadProviders()}>Try again</Button>}
        />
      ) : !overview ? (
        <div className="page-center">
          <Spinner size={20} label="Loading providers" />
        </div>
      ) : (
        <div className="provider-list">
          {overview.providers.map((provider) => (
            <ProviderCard
              key={provider.id}
              provider={provider}
              keychainAvailable={overview.keychain.available}
            />
          ))}
        </div>
      )}
    </div>
  )
}
