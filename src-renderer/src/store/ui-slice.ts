import {
  DEFAULT_PREFERENCES,
  resolveLanguage,
  type AppInfo,
  type ConfigurableProviderId,
  type Preferences
} from '@contract/types'
import { applyLanguage } from '../i18n'
import { applyTheme } from '../lib/theme'
import { toUiError, type UiError } from '../lib/errors'
import type { SliceFactory } from './types'

export type View =
  | { kind: 'import' }
  | { kind: 'job'; jobId: string }
  /** `focus` scrolls that provider's card into view (e.g. from "No API key — open Settings"). */
  | { kind: 'settings'; focus?: ConfigurableProviderId }

export type ToastKind = 'success' | 'error' | 'info'

export interface ToastAction {
  label: string
  run: () => void
}

export interface Toast {
  id: number
  kind: ToastKind
  message: string
  action?: ToastAction
}

export interface UiSlice {
  appInfo: AppInfo | null
  appState: 'loading' | 'ready' | 'error'
  appError: UiError | null
  view: View
  toasts: Toast[]
  /** Language and theme as the user chose them ('system' follows the OS). */
  preferences: Preferences
  loadAppInfo: () => Promise<void>
  /** Applies a language or theme choice at once and keeps it in main; answers an error message on failure. */
  setPreferences: (patch: Partial<Preferences>) => Promise<UiError | null>
  navigate: (view: View) => void
  pushToast: (toast: Omit<Toast, 'id'>) => number
  dismissToast: (id: number) => void
}

let nextToastId = 1

function applyPreferences(preferences: Preferences, osLocale: string | undefined): void {
  applyLanguage(resolveLanguage(preferences.language, osLocale))
  applyTheme(preferences.theme)
}

export const createUiSlice: SliceFactory<UiSlice> = (api) => (set, get) => ({
  appInfo: null,
  appState: 'loading',
  appError: null,
  view: { kind: 'import' },
  toasts: [],
  preferences: { ...DEFAULT_PREFERENCES },

  async loadAppInfo() {
    set({ appState: 'loading', appError: null })
    try {
      const appInfo = await api.app.info()
      applyPreferences(appInfo.preferences, appInfo.osLocale)
      set({ appInfo, appState: 'ready', preferences: appInfo.preferences })
    } catch (error) {
      set({ appState: 'error', appError: toUiError(error) })
    }
  },

  async setPreferences(patch) {
    const before = get().preferences
    const wanted = { ...before, ...patch }
    // Applied before main answers, so a click switches at once; restored if main could not keep it.
    applyPreferences(wanted, get().appInfo?.osLocale)
    set({ preferences: wanted })
    try {
      const kept = await api.app.setPreferences(patch)
      set({ preferences: kept })
      return null
    } catch (error) {
      applyPreferences(before, get().appInfo?.osLocale)
      set({ preferences: before })
      return toUiError(error)
    }
  },

  navigate(view) {
    set({ view })
  },

  pushToast(toast) {
    const id = nextToastId++
    // Keep the stack short: old confirmations are noise once newer ones arrive.
    set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }] }))
    return id
  },

  dismissToast(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }))
  }
})
