import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CheckCircle2, Plug, Save, TriangleAlert, XCircle } from 'lucide-react'
import type { ConfigurableProviderId, EffectiveProviderSettings, ProviderView } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Select } from '../../components/Select'
import { currentLanguage } from '../../i18n'
import { formatMoney } from '../../lib/format'
import { useAppStore } from '../../store'
import { describeKeyOrigin } from './describe-key'
import { draftOf, fieldErrors, patchOf, type Draft, type DraftField } from './field-rules'
import { KeyField } from './KeyField'
import { providerText } from './provider-text'

export function ProviderBadges({ provider }: { provider: ProviderView }) {
  const { t } = useTranslation('settings')
  return (
    <span className="provider-badges">
      {provider.live ? (
        <span className="badge badge-live">{t('badge.live')}</span>
      ) : (
        <span className="badge badge-offline">{t('badge.offline')}</span>
      )}
      {provider.bulk ? <span className="badge badge-bulk">{t('badge.bulk')}</span> : null}
      {provider.live ? null : <span className="badge badge-free">{t('badge.free')}</span>}
    </span>
  )
}

interface ProviderCardProps {
  provider: ProviderView
  keychainAvailable: boolean
}

/** The detail pane of one provider: what it measures, its key(s), connection and limits, and a connection test. */
export function ProviderCard({ provider, keychainAvailable }: ProviderCardProps) {
  const { t } = useTranslation('settings')
  const id = provider.id
  const text = providerText(provider)
  return (
    <section
      className={`card provider-card${provider.enabled ? ' is-enabled' : ''}`}
      data-testid={`provider-card-${id}`}
      aria-label={text.name}
    >
      <header className="provider-card-header">
        <div className="provider-card-title">
          <h2 className="card-title">{text.name}</h2>
          <ProviderBadges provider={provider} />
        </div>
        {id === 'offline' ? (
          <span className="provider-always">{t('card.alwaysOn')}</span>
        ) : (
          <EnableToggle id={id} enabled={provider.enabled} name={text.name} />
        )}
      </header>
      <p className="provider-measures">{text.measures}</p>
      <dl className="provider-facts">
        <div>
          <dt>{t('card.coverage')}</dt>
          <dd>{text.coverage}</dd>
        </div>
        <div>
          <dt>{t('card.basedOn')}</dt>
          <dd>{provider.live ? t(`card.confidence.${provider.confidence}`) : t('card.numberingPlan')}</dd>
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
  const { t } = useTranslation('settings')
  const busy = useAppStore((state) => state.providerBusy[id])
  const toggleProvider = useAppStore((state) => state.toggleProvider)
  return (
    <label
      className="switch"
      title={enabled ? t('card.disableTitle', { name }) : t('card.enableTitle', { name })}
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
      <span className="switch-label">{enabled ? t('card.enabled') : t('card.disabled')}</span>
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
  const { t } = useTranslation('settings')
  const busy = useAppStore((state) => state.providerBusy[id])
  const error = useAppStore((state) => state.providerErrors[id])
  const testResult = useAppStore((state) => state.testResults[id])
  const saveProviderSettings = useAppStore((state) => state.saveProviderSettings)
  const testProvider = useAppStore((state) => state.testProvider)
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
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

  const errors = fieldErrors(draft, settings)
  const invalid = Object.keys(errors).length > 0
  const patch = patchOf(draft, settings)
  const dirty = Object.keys(patch).length > 0
  const edit = (name: DraftField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value
    setDraft((current) => ({ ...current, [name]: value }))
  }
  // Every field's own error, tied to it for screen readers; shown as soon as the value is wrong.
  const check = (name: DraftField) => ({ error: errors[name] })

  const save = async () => {
    if (invalid || !dirty) return
    await saveProviderSettings(id, patch)
  }

  return (
    <>
      <div className="provider-section">
        <h3 className="provider-section-title">{t('section.credentials')}</h3>
        {provider.keyMismatch ? (
          // Main does not send a key to another origin than the one it was entered for; say so before a test
          // or a paid check fails on it.
          <p
            className="callout callout-warning key-origin-note"
            role="alert"
            data-testid={`key-origin-${id}`}
          >
            <TriangleAlert size={16} aria-hidden="true" className="callout-icon" />
            <span>{describeKeyOrigin(provider.keyMismatch)}</span>
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
              label={t('field.authMode')}
              value={draft.authMode}
              onChange={edit('authMode')}
              testId={`auth-mode-${id}`}
            >
              <option value="basic">{t('field.authBasic')}</option>
              <option value="hmac">{t('field.authHmac')}</option>
            </Select>
            <TextField
              label={t('field.useCase')}
              value={draft.useCase}
              onChange={edit('useCase')}
              hint={t('field.useCaseHint')}
              testId={`use-case-${id}`}
              maxLength={4}
              mono
              {...check('useCase')}
            />
          </div>
        ) : null}
        {id === 'checkmobi' ? (
          <div className="settings-grid">
            <Select
              label={t('field.lookup')}
              value={draft.lookup}
              onChange={edit('lookup')}
              testId={`lookup-${id}`}
            >
              <option value="hlr">{t('field.lookupHlr')}</option>
              <option value="mnp">{t('field.lookupMnp')}</option>
            </Select>
          </div>
        ) : null}
      </div>

      <form
        className="provider-section"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <h3 className="provider-section-title">{t('section.connection')}</h3>
        <div className="settings-grid">
          <TextField
            className="span-2"
            label={t('field.baseUrl')}
            value={draft.baseUrl}
            placeholder={settings.defaultBaseUrl}
            onChange={edit('baseUrl')}
            testId={`base-url-${id}`}
            mono
            {...check('baseUrl')}
            hint={
              settings.baseUrlSource === 'environment' ? (
                <span className="env-note" data-testid={`base-url-env-${id}`}>
                  {t('field.baseUrlEnv', { envVar: settings.baseUrlEnvVar, url: settings.baseUrl })}
                </span>
              ) : (
                t('field.baseUrlHint')
              )
            }
          />
          <TextField
            label={t('field.concurrency')}
            value={draft.concurrency}
            onChange={edit('concurrency')}
            numeric
            testId={`concurrency-${id}`}
            {...check('concurrency')}
          />
          <TextField
            label={t('field.ratePerSecond')}
            value={draft.ratePerSecond}
            onChange={edit('ratePerSecond')}
            numeric
            testId={`rate-${id}`}
            {...check('ratePerSecond')}
          />
          <TextField
            label={t('field.timeoutSeconds')}
            value={draft.timeoutSeconds}
            onChange={edit('timeoutSeconds')}
            numeric
            testId={`timeout-${id}`}
            {...check('timeoutSeconds')}
          />
          <div className="price-row">
            <TextField
              label={t('field.pricePerLookup')}
              value={draft.pricePerLookup}
              onChange={edit('pricePerLookup')}
              numeric
              testId={`price-${id}`}
              {...check('pricePerLookup')}
            />
            <TextField
              label={t('field.currency')}
              value={draft.currency}
              onChange={edit('currency')}
              maxLength={3}
              mono
              testId={`currency-${id}`}
              {...check('currency')}
            />
          </div>
        </div>
        <div className="provider-actions">
          <Button
            type="submit"
            variant={dirty && !invalid ? 'primary' : 'secondary'}
            icon={<Save size={14} aria-hidden="true" />}
            disabled={!dirty || invalid}
            busy={busy === 'save'}
            data-testid={`settings-save-${id}`}
          >
            {t('action.save')}
          </Button>
          <Button
            icon={<Plug size={14} aria-hidden="true" />}
            busy={busy === 'test'}
            onClick={() => (billedTest ? setConfirmBilledTest(true) : void testProvider(id))}
            data-testid={`test-connection-${id}`}
          >
            {t('action.test')}
          </Button>
          {invalid ? (
            <span className="field-hint is-error" data-testid={`settings-invalid-${id}`}>
              {t('invalid.summary')}
            </span>
          ) : billedTest ? (
            <span className="field-hint">{t('billedTest.note')}</span>
          ) : null}
        </div>
        <ConfirmDialog
          open={confirmBilledTest}
          title={t('billedTest.title')}
          message={
            <p>
              {t('billedTest.message')}
              {settings.pricePerLookup > 0
                ? ` ${t('billedTest.price', { price: formatMoney(settings.pricePerLookup, settings.currency) })}`
                : ''}
            </p>
          }
          confirmLabel={t('billedTest.confirm')}
          cancelLabel={t('billedTest.cancel')}
          testId={`billed-test-dialog-${id}`}
          onCancel={() => setConfirmBilledTest(false)}
          onConfirm={() => {
            setConfirmBilledTest(false)
            void testProvider(id)
          }}
        />
        {error ? (
          <p className="provider-error" role="alert" data-testid={`provider-error-${id}`}>
            {error}
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
              <strong>{testResult.ok ? t('test.connected') : t('test.failed')}</strong> {testResult.message}
              {testResult.balance !== undefined ? (
                <span className="test-balance">
                  {' '}
                  {t('test.balance', {
                    amount: testResult.balance.toLocaleString(currentLanguage(), {
                      minimumFractionDigits: 2,
                      maximumFractionDigits: 4
                    }),
                    currency: testResult.currency ?? ''
                  })}
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
  /** Why the value is refused, in the UI's language; marks the input invalid and is read with it. */
  error?: string
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
  error,
  placeholder,
  testId,
  numeric,
  mono,
  maxLength,
  className
}: TextFieldProps) {
  const hintId = useId()
  const errorId = useId()
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ')
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
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
      />
      {error ? (
        <span
          className="field-hint is-error"
          id={errorId}
          data-testid={testId ? `${testId}-error` : undefined}
        >
          {error}
        </span>
      ) : null}
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
    </label>
  )
}
