import type {
  ConfigurableProviderId,
  ProviderIdDto,
  ConnectionTestResult,
  KeyField,
  ProviderSettingsPatch,
  ProvidersOverview
} from '@contract/types'
import { translate } from '../i18n'
import { toUiError, type UiError } from '../lib/errors'
import type { SliceFactory } from './types'
import type { View } from './ui-slice'

/** What the Settings screen shows: one provider, or the appearance and language choices. */
export type SettingsSection = ProviderIdDto | 'appearance'

/**
 * What a failed card action says. Main refuses a patch it cannot accept with its validation text (field paths,
 * zod wording); the fields already check the same rules, so that text means nothing to a user: one sentence
 * stands in for it. Other errors arrive in the user's words already.
 */
export function cardErrorMessage(error: unknown): string {
  const uiError = toUiError(error)
  return uiError.code === 'invalid_request' ? translate('settings:saveRefused') : uiError.message
}

/** What a card is waiting for, so only the button that was pressed shows a spinner. */
export type ProviderBusy = 'save' | 'test' | 'toggle' | `key-save-${KeyField}` | `key-delete-${KeyField}`

export interface SettingsSlice {
  providers: ProvidersOverview | null
  providersState: 'idle' | 'loading' | 'ready' | 'error'
  providersError: UiError | null
  providerBusy: Partial<Record<ConfigurableProviderId, ProviderBusy>>
  /** The last error of an action on a card, shown on that card. */
  providerErrors: Partial<Record<ConfigurableProviderId, string>>
  testResults: Partial<Record<ConfigurableProviderId, ConnectionTestResult>>
  /**
   * The section picked in the Settings list, with the visit it was picked in (the view object of that
   * navigation): a new "open Settings" starts from its own focus, while a re-render of the same visit (the app
   * re-mounts on a language switch) keeps the pick.
   */
  settingsSelection: { view: View; section: SettingsSection } | null
  selectSettingsSection: (section: SettingsSection) => void
  loadProviders: () => Promise<void>
  saveProviderSettings: (id: ConfigurableProviderId, patch: ProviderSettingsPatch) => Promise<boolean>
  toggleProvider: (id: ConfigurableProviderId, enabled: boolean) => Promise<void>
  /** The secret goes straight to main; it is never kept in the store. */
  setProviderKey: (id: ConfigurableProviderId, field: KeyField, secret: string) => Promise<boolean>
  deleteProviderKey: (id: ConfigurableProviderId, field: KeyField) => Promise<void>
  testProvider: (id: ConfigurableProviderId) => Promise<void>
}

export const createSettingsSlice: SliceFactory<SettingsSlice> = (api) => (set, get) => {
  // Every read or change of the providers answers with a full overview. Answers can arrive out of order (a slow
  // list on entering a screen, a quick toggle meanwhile), so an overview asked for before the one on screen is
  // dropped instead of undoing the newer state.
  let lastAsked = 0
  let lastShown = 0
  async function fetchOverview(
    request: () => Promise<ProvidersOverview | null>
  ): Promise<{ overview: ProvidersOverview | null; fresh: boolean }> {
    const asked = ++lastAsked
    const overview = await request()
    if (asked < lastShown) return { overview, fresh: false }
    if (overview) lastShown = asked
    return { overview, fresh: true }
  }

  // Runs one card action, records its error on the card and answers whether it succeeded.
  async function act(
    id: ConfigurableProviderId,
    busy: ProviderBusy,
    run: () => Promise<ProvidersOverview | null>
  ): Promise<boolean> {
    set((state) => ({
      providerBusy: { ...state.providerBusy, [id]: busy },
      providerErrors: { ...state.providerErrors, [id]: undefined }
    }))
    try {
      const { overview, fresh } = await fetchOverview(run)
      set((state) => ({
        ...(overview && fresh ? { providers: overview } : {}),
        providerBusy: { ...state.providerBusy, [id]: undefined }
      }))
      return true
    } catch (error) {
      set((state) => ({
        providerBusy: { ...state.providerBusy, [id]: undefined },
        providerErrors: { ...state.providerErrors, [id]: cardErrorMessage(error) }
      }))
      return false
    }
  }

  return {
    providers: null,
    providersState: 'idle',
    providersError: null,
    providerBusy: {},
    providerErrors: {},
    testResults: {},
    settingsSelection: null,

    selectSettingsSection(section) {
      set({ settingsSelection: { view: get().view, section } })
    },

    async loadProviders() {
      set({ providersState: get().providers ? 'ready' : 'loading', providersError: null })
      try {
        const { overview, fresh } = await fetchOverview(() => api.providers.list())
        if (fresh && overview) set({ providers: overview, providersState: 'ready' })
        else set({ providersState: 'ready' })
      } catch (error) {
        set({ providersState: 'error', providersError: toUiError(error) })
      }
    },

    async saveProviderSettings(id, patch) {
      const ok = await act(id, 'save', () => api.providers.saveSettings({ id, patch }))
      if (ok) get().pushToast({ kind: 'success', message: translate('settings:action.saved') })
      return ok
    },

    async toggleProvider(id, enabled) {
      await act(id, 'toggle', () => api.providers.saveSettings({ id, patch: { enabled } }))
    },

    async setProviderKey(id, field, secret) {
      // A new key makes an earlier test result meaningless.
      set((state) => ({ testResults: { ...state.testResults, [id]: undefined } }))
      return act(id, `key-save-${field}`, () => api.providers.setKey({ id, field, secret }))
    },

    async deleteProviderKey(id, field) {
      set((state) => ({ testResults: { ...state.testResults, [id]: undefined } }))
      await act(id, `key-delete-${field}`, () => api.providers.deleteKey({ id, field }))
    },

    async testProvider(id) {
      set((state) => ({ testResults: { ...state.testResults, [id]: undefined } }))
      await act(id, 'test', async () => {
        const result = await api.providers.testConnection(id)
        set((state) => ({ testResults: { ...state.testResults, [id]: result } }))
        return null
      })
    }
  }
}
