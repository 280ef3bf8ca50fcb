import type { AppInfo, ConfigurableProviderId } from '@contract/types'
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
  loadAppInfo: () => Promise<void>
  navigate: (view: View) => void
  pushToast: (toast: Omit<Toast, 'id'>) => number
  dismissToast: (id: number) => void
}

let nextToastId = 1

export const createUiSlice: SliceFactory<UiSlice> = (api) => (set) => ({
  appInfo: null,
  appState: 'loading',
  appError: null,
  view: { kind: 'import' },
  toasts: [],

  async loadAppInfo() {
    set({ appState: 'loading', appError: null })
    try {
      const appInfo = await api.app.info()
      set({ appInfo, appState: 'ready' })
    } catch (error) {
      set({ appState: 'error', appError: toUiError(error) })
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
