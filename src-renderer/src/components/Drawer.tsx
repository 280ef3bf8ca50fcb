import { translate } from '../i18n'
import { useId, useRef, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { X } from 'lucide-react'
import { useModal } from './use-modal'

interface DrawerProps {
  open: boolean
  title: string
  subtitle?: ReactNode
  onClose: () => void
  children: ReactNode
  testId?: string
}

export function Drawer({ open, title, subtitle, onClose, children, testId }: DrawerProps) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  useModal(open, ref, onClose)
  if (!open) return null
  return createPortal(
    <div
      className="overlay overlay-drawer"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <aside
        ref={ref}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
      >
        <header className="drawer-header">
          <div className="drawer-heading">
            <h2 id={titleId} className="drawer-title">
              {title}
            </h2>
            {subtitle ? <div className="drawer-subtitle">{subtitle}</div> : null}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={translate('common:action.closeDetails')}
            onClick={onClose}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        <div className="drawer-body">{children}</div>
      </aside>
    </div>,
    document.body
  )
}
