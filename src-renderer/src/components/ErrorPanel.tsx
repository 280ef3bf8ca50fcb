import { translate } from '../i18n'
import type { ReactNode } from 'react'
import { CircleAlert, X } from 'lucide-react'

interface ErrorPanelProps {
  title: string
  message: string
  code?: string
  actions?: ReactNode
  onDismiss?: () => void
}

export function ErrorPanel({ title, message, code, actions, onDismiss }: ErrorPanelProps) {
  return (
    <div className="error-panel" role="alert" data-testid="error-panel" data-code={code}>
      <CircleAlert className="error-panel-icon" size={18} aria-hidden="true" />
      <div className="error-panel-body">
        <p className="error-panel-title">{title}</p>
        <p className="error-panel-message">{message}</p>
        {actions ? <div className="error-panel-actions">{actions}</div> : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          className="icon-button"
          aria-label={translate('common:action.dismiss')}
          onClick={onDismiss}
        >
          <X size={16} aria-hidden="true" />
        </button>
      ) : null}
    </div>
  )
}
