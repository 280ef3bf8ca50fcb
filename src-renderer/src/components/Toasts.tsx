import { translate } from '../i18n'
import { useEffect, useRef } from 'react'
import { CircleAlert, CircleCheck, Info, X } from 'lucide-react'
import { useAppStore } from '../store'
import type { Toast } from '../store/ui-slice'

const LIFETIME_MS = 6000
const LIFETIME_WITH_ACTION_MS = 12000

export function Toasts() {
  const toasts = useAppStore((state) => state.toasts)
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  )
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useAppStore((state) => state.dismissToast)
  const timer = useRef<number | undefined>(undefined)
  const lifetime = toast.action || toast.kind === 'error' ? LIFETIME_WITH_ACTION_MS : LIFETIME_MS
  const { id } = toast

  useEffect(() => {
    timer.current = window.setTimeout(() => dismiss(id), lifetime)
    return () => window.clearTimeout(timer.current)
  }, [id, lifetime, dismiss])

  const pause = () => window.clearTimeout(timer.current)
  const resume = () => {
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => dismiss(id), lifetime)
  }

  const Icon = toast.kind === 'success' ? CircleCheck : toast.kind === 'error' ? CircleAlert : Info
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      // Hovering pauses the countdown so an action button does not vanish under the pointer.
      onMouseEnter={pause}
      onMouseLeave={resume}
    >
      <Icon className="toast-icon" size={16} aria-hidden="true" />
      <span className="toast-message">{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action?.run()
            dismiss(toast.id)
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button toast-close"
        aria-label={translate('common:action.dismiss')}
        onClick={() => dismiss(toast.id)}
      >
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  )
}
