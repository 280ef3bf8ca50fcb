import { useEffect, useMemo, useState } from 'react'
import { ArrowDown, ArrowUp, Banknote, KeyRound, Plus, Settings, TriangleAlert, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import {
  DEFAULT_FRESHNESS_DAYS,
  FRESHNESS_STATES,
  LINE_TYPES,
  type ConfigurableProviderId,
  type ProviderView
} from '@contract/types'
import { Combobox, type ComboboxOption } from '../../components/Combobox'
import { Select } from '../../components/Select'
import { Spinner } from '../../components/Spinner'
import { flagEmoji, regionName } from '../../lib/format'
import { FRESHNESS_LABELS, lineTypeLabel } from '../../lib/labels'
import type { RouteStepDraft } from '../../lib/live-plan'
import { useAppStore } from '../../store'
import { ProviderBadges } from '../settings/ProviderCard'

type LiveProvider = ProviderView & { id: ConfigurableProviderId }

function isLive(provider: ProviderView): provider is LiveProvider {
  return provider.id !== 'offline' && provider.live
}

function keyMissing(provider: ProviderView): boolean {
  return provider.keys.some((key) => !key.set)
}

/** "Paid check" on the mapping screen: off by default; when on, the provider chain and its limits. */
export function PaidCheckSection({ disabled }: { disabled: boolean }) {
  const draft = useAppStore((state) => state.liveDraft)
  const overview = useAppStore((state) => state.providers)
  const providersState = useAppStore((state) => state.providersState)
  const loadProviders = useAppStore((state) => state.loadProviders)
  const setLiveEnabled = useAppStore((state) => state.setLiveEnabled)
  const addRouteStep = useAppStore((state) => state.addRouteStep)
  const setFallback = useAppStore((state) => state.setFallback)
  const toggleLineType = useAppStore((state) => state.toggleLineType)
  const setSpendCapText = useAppStore((state) => state.setSpendCapText)
  const navigate = useAppStore((state) => state.navigate)
  const { t } = useTranslation('import')

  // Keys may have been set in Settings since: read the list again whenever the section is shown.
  useEffect(() => {
    void loadProviders()
  }, [loadProviders])

  const live = useMemo(() => (overview?.providers ?? []).filter(isLive), [overview])
  const enabled = live.filter((p) => p.enabled)
  const off = live.filter((p) => !p.enabled)
  const inChain = new Set(draft.route.map((step) => step.provider))
  const addable = enabled.filter((p) => !inChain.has(p.id))
  const currencies = [
    ...new Set(
      draft.route
        .map((step) => live.find((p) => p.id === step.provider)?.settings?.currency)
        .filter((c): c is string => Boolean(c))
    )
  ]

  return (
    <section
      className={`card paid-card${draft.enabled ? ' is-on' : ''}`}
      aria-labelledby="paid-title"
      data-testid="paid-check"
    >
      <header className="paid-head">
        <div className="paid-head-text">
          <h2 id="paid-title" className="card-title">
            <Banknote size={15} aria-hidden="true" /> {t('paid.title')}
          </h2>
          <p className="paid-sub">{draft.enabled ? t('paid.subOn') : t('paid.subOff')}</p>
        </div>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={draft.enabled}
            disabled={disabled}
            onChange={(event) => setLiveEnabled(event.currentTarget.checked)}
            aria-label={t('paid.switchLabel')}
            data-testid="paid-toggle"
          />
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span className="switch-label">{draft.enabled ? t('paid.on') : t('paid.off')}</span>
        </label>
      </header>

      {draft.enabled ? (
        <div className="paid-body">
          <div className="paid-section">
            <div className="paid-section-head">
              <h3 className="provider-section-title">{t('paid.chain')}</h3>
              <p className="field-hint">{t('paid.chainHint')}</p>
            </div>

            {providersState !== 'ready' && !overview ? (
              <Spinner size={16} label={t('paid.loadingProviders')} />
            ) : enabled.length === 0 && draft.route.length === 0 ? (
              <div className="paid-empty" data-testid="paid-no-providers">
                <TriangleAlert size={15} aria-hidden="true" />
                <span>{t('paid.noProviders')}</span>
                <button type="button" className="link-button" onClick={() => navigate({ kind: 'settings' })}>
                  {t('paid.openSettings')}
                </button>
              </div>
            ) : (
              <ol className="route-list">
                {draft.route.map((step, index) => (
                  <RouteStepRow
                    key={`${step.provider}-${index}`}
                    step={step}
                    index={index}
                    count={draft.route.length}
                    provider={live.find((p) => p.id === step.provider) ?? null}
                    disabled={disabled}
                  />
                ))}
              </ol>
            )}

            {addable.length > 0 ? (
              <div className="route-add">
                <Select
                  label={t('paid.addProvider')}
                  hideLabel
                  testId="add-provider"
                  value=""
                  disabled={disabled}
                  onChange={(event) => {
                    const id = event.currentTarget.value as ConfigurableProviderId
                    if (id) addRouteStep(id)
                  }}
                >
                  <option value="">
                    {draft.route.length === 0 ? t('paid.chooseFirst') : t('paid.addAnother')}
                  </option>
                  {addable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t(keyMissing(p) ? 'paid.providerOptionNoKey' : 'paid.providerOption', {
                        name: p.name,
                        coverage: p.coverage
                      })}
                    </option>
                  ))}
                </Select>
                <Plus size={14} className="route-add-icon" aria-hidden="true" />
              </div>
            ) : null}
            {off.length > 0 ? (
              <p className="field-hint route-off">
                {t('paid.notEnabled', { names: off.map((p) => p.name).join(', ') })}{' '}
                <button type="button" className="link-button" onClick={() => navigate({ kind: 'settings' })}>
                  {t('paid.enableInSettings')}
                </button>
              </p>
            ) : null}
          </div>

          <div className="paid-grid">
            <Select
              label={t('paid.fallback')}
              testId="fallback-select"
              value={draft.fallback ?? ''}
              disabled={disabled}
              onChange={(event) =>
                setFallback((event.currentTarget.value || null) as ConfigurableProviderId | null)
              }
            >
              <option value="">{t('paid.none')}</option>
              {enabled
                .filter((p) => !inChain.has(p.id) || p.id === draft.fallback)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </Select>
            <label className="field">
              <span className="field-label">{t('paid.spendCap')}</span>
              <span className="input-with-suffix">
                <input
                  className="text-input"
                  value={draft.spendCap}
                  placeholder={t('paid.noCap')}
                  inputMode="decimal"
                  spellCheck={false}
                  disabled={disabled}
                  onChange={(event) => setSpendCapText(event.currentTarget.value)}
                  data-testid="paid-spend-cap"
                />
                <span className="input-suffix">
                  {currencies.length === 1 ? currencies[0] : t('paid.perCurrency')}
                </span>
              </span>
            </label>
            <p className="field-hint span-2">{t('paid.fallbackHint')}</p>
          </div>

          <fieldset className="paid-section line-types" disabled={disabled}>
            <legend className="provider-section-title">{t('paid.lineTypes')}</legend>
            <div className="line-type-grid">
              {LINE_TYPES.map((type) => (
                <label key={type} className="checkbox-row">
                  <input
                    type="checkbox"
                    checked={draft.lineTypes.includes(type)}
                    onChange={() => toggleLineType(type)}
                    data-testid={`line-type-${type}`}
                  />
                  <span>{lineTypeLabel(type)}</span>
                </label>
              ))}
            </div>
            <p className="field-hint">{t('paid.lineTypesHint')}</p>
          </fieldset>

          <Advanced disabled={disabled} />
        </div>
      ) : null}
    </section>
  )
}

function RouteStepRow({
  step,
  index,
  count,
  provider,
  disabled
}: {
  step: RouteStepDraft
  index: number
  count: number
  provider: LiveProvider | null
  disabled: boolean
}) {
  const removeRouteStep = useAppStore((state) => state.removeRouteStep)
  const moveRouteStep = useAppStore((state) => state.moveRouteStep)
  const navigate = useAppStore((state) => state.navigate)
  const { t } = useTranslation('import')
  const name = provider?.name ?? step.provider

  return (
    <li className="route-step" data-testid={`route-step-${index}`} data-provider={step.provider}>
      <span className="route-index" aria-hidden="true">
        {index + 1}
      </span>
      <div className="route-main">
        <div className="route-title">
          <span className="route-name">{name}</span>
          {provider ? <ProviderBadges provider={provider} /> : null}
          {provider && keyMissing(provider) ? (
            <span className="route-key-missing" data-testid={`route-key-missing-${step.provider}`}>
              <KeyRound size={12} aria-hidden="true" />
              {t('step.noKey')}
              <button
                type="button"
                className="link-button"
                onClick={() => navigate({ kind: 'settings', focus: step.provider })}
              >
                {t('step.setInSettings')}
              </button>
            </span>
          ) : null}
          {provider && !provider.enabled ? (
            <span className="route-key-missing">
              <Settings size={12} aria-hidden="true" />
              {t('step.disabled')}
            </span>
          ) : null}
        </div>
        {provider ? (
          <>
            <p className="route-measures">{provider.measures}</p>
            <p className="route-coverage">
              <span className="dim">{t('step.coverage')}</span> {provider.coverage}
            </p>
          </>
        ) : null}
        <CountryLimit step={step} index={index} disabled={disabled} />
      </div>
      <div className="route-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={t('step.moveUp', { name })}
          title={t('step.moveUpTitle')}
          disabled={disabled || index === 0}
          onClick={() => moveRouteStep(index, -1)}
          data-testid={`route-up-${index}`}
        >
          <ArrowUp size={14} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('step.moveDown', { name })}
          title={t('step.moveDownTitle')}
          disabled={disabled || index === count - 1}
          onClick={() => moveRouteStep(index, 1)}
          data-testid={`route-down-${index}`}
        >
          <ArrowDown size={14} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('step.remove', { name })}
          title={t('step.removeTitle')}
          disabled={disabled}
          onClick={() => removeRouteStep(index)}
          data-testid={`route-remove-${index}`}
        >
          <X size={14} aria-hidden="true" />
        </button>
      </div>
    </li>
  )
}

function CountryLimit({ step, index, disabled }: { step: RouteStepDraft; index: number; disabled: boolean }) {
  const appInfo = useAppStore((state) => state.appInfo)
  const setStepCountries = useAppStore((state) => state.setStepCountries)
  const { t } = useTranslation('import')
  const [editing, setEditing] = useState(step.countries.length > 0)
  const names = useMemo(
    () => new Map((appInfo?.regions ?? []).map((r) => [r.code, regionName(r.code, appInfo?.regions)])),
    [appInfo]
  )
  const options = useMemo<ComboboxOption[]>(
    () =>
      (appInfo?.regions ?? [])
        .filter((r) => !step.countries.includes(r.code))
        .map((r) => ({
          value: r.code,
          label: names.get(r.code) ?? r.name,
          hint: r.code,
          prefix: flagEmoji(r.code)
        })),
    [appInfo, names, step.countries]
  )

  if (!editing && step.countries.length === 0) {
    return (
      <p className="route-countries">
        <span className="dim">{t('step.countries')}</span> {t('step.everyCountry')} ·{' '}
        <button
          type="button"
          className="link-button"
          disabled={disabled}
          onClick={() => setEditing(true)}
          data-testid={`route-limit-${index}`}
        >
          {t('step.limit')}
        </button>
      </p>
    )
  }

  return (
    <div className="route-countries is-editing">
      <ul className="country-chips" aria-label={t('step.limitedTo')}>
        {step.countries.map((code) => (
          <li key={code} className="country-chip" data-testid={`route-country-${index}-${code}`}>
            <span className="flag" aria-hidden="true">
              {flagEmoji(code)}
            </span>
            <span title={names.get(code) ?? code}>{code}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={t('step.removeCountry', { name: names.get(code) ?? code })}
              disabled={disabled}
              onClick={() =>
                setStepCountries(
                  index,
                  step.countries.filter((c) => c !== code)
                )
              }
            >
              <X size={11} aria-hidden="true" />
            </button>
          </li>
        ))}
        {step.countries.length === 0 ? <li className="dim">{t('step.everyCountryItem')}</li> : null}
      </ul>
      <div className="country-add">
        <Combobox
          label={t('step.addCountry')}
          options={options}
          value={null}
          placeholder={t('step.typeCountry')}
          onChange={(code) => setStepCountries(index, [...step.countries, code])}
          testId={`route-countries-${index}`}
        />
      </div>
      <button
        type="button"
        className="link-button"
        disabled={disabled}
        onClick={() => {
          setStepCountries(index, [])
          setEditing(false)
        }}
      >
        {t('step.anyCountry')}
      </button>
    </div>
  )
}

function Advanced({ disabled }: { disabled: boolean }) {
  const freshness = useAppStore((state) => state.liveDraft.freshnessDays)
  const setFreshnessText = useAppStore((state) => state.setFreshnessText)
  const resetFreshness = useAppStore((state) => state.resetFreshness)
  const { t } = useTranslation('import')
  const changed = FRESHNESS_STATES.some((state) => freshness[state] !== String(DEFAULT_FRESHNESS_DAYS[state]))

  return (
    <details className="paid-advanced" data-testid="paid-advanced">
      <summary>{t('advanced.summary')}</summary>
      <div className="paid-advanced-body">
        <p className="field-hint">{t('advanced.hint')}</p>
        <div className="freshness-grid">
          {FRESHNESS_STATES.map((state) => (
            <label key={state} className="field">
              <span className="field-label">{FRESHNESS_LABELS[state]}</span>
              <span className="input-with-suffix">
                <input
                  className="text-input"
                  value={freshness[state]}
                  inputMode="numeric"
                  disabled={disabled}
                  onChange={(event) => setFreshnessText(state, event.currentTarget.value)}
                  data-testid={`freshness-${state}`}
                />
                <span className="input-suffix">{t('advanced.days')}</span>
              </span>
            </label>
          ))}
        </div>
        {changed ? (
          <button type="button" className="link-button" onClick={resetFreshness} disabled={disabled}>
            {t('advanced.reset')}
          </button>
        ) : null}
      </div>
    </details>
  )
}
