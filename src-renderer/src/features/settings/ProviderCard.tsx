import { useState, type ReactNode } from 'react'
import { CheckCircle2, Plug, Save, TriangleAlert, XCircle } from 'lucide-react'
import type {
  ConfigurableProviderId,
  EffectiveProviderSettings,
  ProviderSettingsPatch,
  ProviderView
} from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Select } from '../../components/Select'
import { formatMoney } from '../../lib/format'
import { useAppStore } from '../../store'
import { KeyField } from './KeyField'

const CONFIDENCE: Record<ProviderView['confidence'], string> = {
  network: 'Live network (HLR)',
  carrier_db: 'Carrier database',
  inferred: 'Inference, not a live lookup'
}

export function ProviderBadges({ provider }: { provider: ProviderView }) {
  return (
    <span className="provider-badges">
      {provider.live ? (
        <span className="badge badge-live">Live</span>
      ) : (
        <span className="badge badge-offline">Offline</span>
      )}
      {provider.bulk ? <span className="badge badge-bulk">Bulk</span> : null}
      {provider.live ? null : <span className="badge badge-free">Free · no key</span>}
    </span>
  )
}

/** The editable fields as text, so a half-typed number does not jump back while the user edits it. */
interface Draft {
  baseUrl: string
  concurrency: string
  ratePerSecond: string
  timeoutSeconds: string
  pricePerLookup: string
  currency: string
  authMode: string
  useCase: string
  lookup: string
}

function draftOf(settings: EffectiveProviderSettings): Draft {
  return {
    baseUrl: settings.savedBaseUrl ?? '',
    concurrency: String(settings.concurrency),
    ratePerSecond: String(settings.ratePerSecond),
    timeoutSeconds: String(settings.timeoutMs / 1000),
    pricePerLookup: String(settings.pricePerLookup),
    currency: settings.currency,
    authMode: settings.authMode ?? '',
    useCase: settings.useCase ?? '',
    lookup: settings.lookup ?? ''
  }
}

/** Only what changed goes to main; main validates it again and answers with the saved state. */
function patchOf(draft: Draft, settings: EffectiveProviderSettings): ProviderSettingsPatch | string {
  const patch: ProviderSettingsPatch = {}
  const url = draft.baseUrl.trim()
  if (url !== (settings.savedBaseUrl ?? '')) patch.baseUrl = url === '' ? null : url
  const numbers: [keyof Draft, 'concurrency' | 'ratePerSecond' | 'timeoutMs' | 'pricePerLookup', number][] = [
    ['concurrency', 'concurrency', 1],
    ['ratePerSecond', 'ratePerSecond', 1],
    ['timeoutSeconds', 'timeoutMs', 1000],
    ['pricePerLookup', 'pricePerLookup', 1]
  ]
  for (const [from, to, scale] of numbers) {
    const text = draft[from].trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) return `Enter a number for ${LABELS[to]}.`
    const scaled = Math.round(value * scale * 1000) / 1000
    if (scaled !== settings[to]) patch[to] = to === 'timeoutMs' ? Math.round(scaled) : scaled
  }
  const currency = draft.currency.trim().toUpperCase()
  if (currency !== settings.currency) patch.currency = currency
  if (settings.authMode && draft.authMode !== settings.authMode) {
    patch.authMode = draft.authMode === 'basic' ? 'basic' : 'hmac'
  }
  const useCase = draft.useCase.trim().toUpperCase()
  if (settings.useCase !== null && useCase !== settings.useCase) patch.useCase = useCase
  if (settings.lookup && draft.lookup !== settings.lookup)
    patch.lookup = draft.lookup === 'mnp' ? 'mnp' : 'hlr'
  return patch
}

const LABELS = {
  concurrency: 'concurrency',
  ratePerSecond: 'the rate limit',
  timeoutMs: 'the timeout',
  pricePerLookup: 'the price per lookup'
} as const

interface ProviderCardProps {
  provider: ProviderView
  keychainAvailable: boolean
}

export function ProviderCard({ provider, keychainAvailable }: ProviderCardProps) {
  const id = provider.id
  return (
    <section
      className={`card provider-card${provider.enabled ? ' is-enabled' : ''}`}
      data-testid={`provider-card-${id}`}
    >
      <header className="provider-card-header">
        <div className="provider-card-title">
          <h2 className="card-title">{provider.name}</h2>
          <ProviderBadges provider={provider} />
        </div>
        {id === 'offline' ? (
          <span className="provider-always">Always on</span>
        ) : (
          <EnableToggle id={id} enabled={provider.enabled} name={provider.name} />
        )}
      </header>
      <p className="provider-measures">{provider.measures}</p>
      <dl className="provider-facts">
        <div>
          <dt>Coverage</dt>
          <dd>{provider.coverage}</dd>
        </div>
        <div>
          <dt>Based on</dt>
          <dd>{provider.live ? CONFIDENCE[provider.confidence] : 'Numbering-plan data'}</dd>
        </div>
      </dl>
      {id !== 'offline' && provider.settings ? (
        <LiveProviderBody
          id={id}
          provider={provider}
          settings={provider.settings}
          keychainAvailable={keychainAvailable}
        />
      ) : null}
    </section>
  )
}

function EnableToggle({ id, enabled, name }: { id: ConfigurableProviderId; enabled: boolean; name: string }) {
  const busy = useAppStore((state) => state.providerBusy[id])
  const toggleProvider = useAppStore((state) => state.toggleProvider)
  return (
    <label
      className="switch"
      title={enabled ? `Stop offering ${name} for checks` : `Offer ${name} for checks`}
    >
      <input
        type="checkbox"
        role="switch"
        checked={enabled}
        disabled={busy === 'toggle'}
        onChange={(event) => void toggleProvider(id, event.currentTarget.checked)}
        data-testid={`provider-enabled-${id}`}
      />
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span className="switch-label">{enabled ? 'Enabled' : 'Disabled'}</span>
    </label>
  )
}

interface BodyProps {
  id: ConfigurableProviderId
  provider: ProviderView
  settings: EffectiveProviderSettings
  keychainAvailable: boolean
}

function LiveProviderBody({ id, provider, settings, keychainAvailable }: BodyProps) {
  const busy = useAppStore((state) => state.providerBusy[id])
  const error = useAppStore((state) => state.providerErrors[id])
  const testResult = useAppStore((state) => state.testResults[id])
  const saveProviderSettings = useAppStore((state) => state.saveProviderSettings)
  const testProvider = useAppStore((state) => state.testProvider)
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  const [formError, setFormError] = useState<string | null>(null)
  const [confirmBilledTest, setConfirmBilledTest] = useState(false)
  // Telesign has no free call: its connection test is a real, billed PhoneID Live query.
  // Without credentials nothing is sent (the test says what is missing), so there is nothing to confirm.
  const billedTest = id === 'telesign' && provider.keys.every((key) => key.set)

  // Main's answer is the truth: when what is stored changes (a save), the fields show it, normalised. Compared by
  // content, so saving a key (which also refreshes the list) does not wipe edits in progress.
  const stored = JSON.stringify(settings)
  const [seen, setSeen] = useState(stored)
  if (seen !== stored) {
    setSeen(stored)
    setDraft(draftOf(settings))
  }

  const patch = patchOf(draft, settings)
  const dirty = typeof patch === 'string' || Object.keys(patch).length > 0
  const edit = (name: keyof Draft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value
    setDraft((current) => ({ ...current, [name]: value }))
    setFormError(null)
  }

  const save = async () => {
    if (typeof patch === 'string') return setFormError(patch)
    await saveProviderSettings(id, patch)
  }

  return (
    <>
      <div className="provider-section">
        <h3 className="provider-section-title">Credentials</h3>
        {provider.keyMismatch ? (
          // Main does not send a key to another origin than the one it was entered for; say so before a test
          // or a paid check fails on it.
          <p
            className="callout callout-warning key-origin-note"
            role="alert"
            data-testid={`key-origin-${id}`}
          >
            <TriangleAlert size={16} aria-hidden="true" className="callout-icon" />
            <span>{provider.keyMismatch.message}</span>
          </p>
        ) : null}
        <div className="key-fields">
          {provider.keys.map((key) => (
            <KeyField
              key={key.field}
              provider={id}
              providerName={provider.name}
              keyState={key}
              keychainAvailable={keychainAvailable}
            />
          ))}
        </div>
        {id === 'telesign' ? (
          <div className="settings-grid">
            <Select
              label="Authentication"
              value={draft.authMode}
              onChange={edit('authMode')}
              testId={`auth-mode-${id}`}
            >
              <option value="basic">Basic</option>
              <option value="hmac">HMAC (TSA)</option>
            </Select>
            <TextField
              label="Use case"
              value={draft.useCase}
              onChange={edit('useCase')}
              hint="PhoneID use-case code; OTHR unless Telesign told you otherwise."
              testId={`use-case-${id}`}
              maxLength={4}
              mono
            />
          </div>
        ) : null}
        {id === 'checkmobi' ? (
          <div className="settings-grid">
            <Select label="Lookup" value={draft.lookup} onChange={edit('lookup')} testId={`lookup-${id}`}>
              <option value="hlr">HLR — live network status</option>
              <option value="mnp">MNP — carrier and porting</option>
            </Select>
          </div>
        ) : null}
      </div>

      <form
        className="provider-section"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <h3 className="provider-section-title">Connection and limits</h3>
        <div className="settings-grid">
          <TextField
            className="span-2"
            label="Base URL"
            value={draft.baseUrl}
            placeholder={settings.defaultBaseUrl}
            onChange={edit('baseUrl')}
            testId={`base-url-${id}`}
            mono
            hint={
              settings.baseUrlSource === 'environment' ? (
                <span className="env-note" data-testid={`base-url-env-${id}`}>
                  From environment: {settings.baseUrlEnvVar} ={' '}
                  <span className="mono">{settings.baseUrl}</span> is used instead of this field.
                </span>
              ) : (
                'Leave empty for the provider’s own address; change it for a proxy.'
              )
            }
          />
          <TextField
            label="Concurrent requests"
            value={draft.concurrency}
            onChange={edit('concurrency')}
            numeric
            testId={`concurrency-${id}`}
          />
          <TextField
            label="Rate limit (per second)"
            value={draft.ratePerSecond}
            onChange={edit('ratePerSecond')}
            numeric
            testId={`rate-${id}`}
          />
          <TextField
            label="Timeout (seconds)"
            value={draft.timeoutSeconds}
            onChange={edit('timeoutSeconds')}
            numeric
            testId={`timeout-${id}`}
          />
          <div className="price-row">
            <TextField
              label="Price per lookup"
              value={draft.pricePerLookup}
              onChange={edit('pricePerLookup')}
              numeric
              testId={`price-${id}`}
            />
            <TextField
              label="Currency"
              value={draft.currency}
              onChange={edit('currency')}
              maxLength={3}
              mono
              testId={`currency-${id}`}
            />
          </div>
        </div>
        <div className="provider-actions">
          <Button
            type="submit"
            variant={dirty ? 'primary' : 'secondary'}
            icon={<Save size={14} aria-hidden="true" />}
            disabled={!dirty}
            busy={busy === 'save'}
            data-testid={`settings-save-${id}`}
          >
            Save settings
          </Button>
          <Button
            icon={<Plug size={14} aria-hidden="true" />}
            busy={busy === 'test'}
            onClick={() => (billedTest ? setConfirmBilledTest(true) : void testProvider(id))}
            data-testid={`test-connection-${id}`}
          >
            Test connection
          </Button>
          {billedTest ? (
            <span className="field-hint">Telesign has no free test call; a test is one billed query.</span>
          ) : null}
        </div>
        <ConfirmDialog
          open={confirmBilledTest}
          title="Send a billed test query?"
          message={
            <>
              <p>
                Telesign has no free call to test a key. <strong>Test connection</strong> sends one PhoneID
                Live query for the fictional number +1 202-555-0100, and Telesign bills it like any other
                lookup
                {settings.pricePerLookup > 0
                  ? ` (about ${formatMoney(settings.pricePerLookup, settings.currency)} at the price per lookup set here)`
                  : ''}
                .
              </p>
            </>
          }
          confirmLabel="Send billed query"
          testId={`billed-test-dialog-${id}`}
          onCancel={() => setConfirmBilledTest(false)}
          onConfirm={() => {
            setConfirmBilledTest(false)
            void testProvider(id)
          }}
        />
        {formError || error ? (
          <p className="provider-error" role="alert">
            {formError ?? error}
          </p>
        ) : null}
        {testResult ? (
          <p
            className={`test-result ${testResult.ok ? 'is-ok' : 'is-failed'}`}
            role="status"
            data-testid={`test-result-${id}`}
          >
            {testResult.ok ? (
              <CheckCircle2 size={15} aria-hidden="true" />
            ) : (
              <XCircle size={15} aria-hidden="true" />
            )}
            <span>
              <strong>{testResult.ok ? 'Connected. ' : 'Failed. '}</strong>
              {testResult.message}
              {testResult.balance !== undefined ? (
                <span className="test-balance">
                  {' '}
                  Balance:{' '}
                  {testResult.balance.toLocaleString(undefined, {
                    minimumFractionDigits: 2,
                    maximumFractionDigits: 4
                  })}{' '}
                  {testResult.currency ?? ''}
                </span>
              ) : null}
            </span>
          </p>
        ) : null}
      </form>
    </>
  )
}

interface TextFieldProps {
  label: string
  value: string
  onChange: (event: { currentTarget: { value: string } }) => void
  hint?: ReactNode
  placeholder?: string
  testId?: string
  numeric?: boolean
  mono?: boolean
  maxLength?: number
  className?: string
}

function TextField({
  label,
  value,
  onChange,
  hint,
  placeholder,
  testId,
  numeric,
  mono,
  maxLength,
  className
}: TextFieldProps) {
  return (
    <label className={`field${className ? ` ${className}` : ''}`}>
      <span className="field-label">{label}</span>
      <input
        className={`text-input${mono ? ' mono' : ''}`}
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        inputMode={numeric ? 'decimal' : undefined}
        spellCheck={false}
        maxLength={maxLength}
        data-testid={testId}
      />
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  )
}
