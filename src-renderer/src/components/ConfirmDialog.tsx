import { translate } from '../i18n'
import type { ReactNode } from 'react'
import { Button } from './Button'
import { Dialog } from './Dialog'

interface ConfirmDialogProps {
  open: boolean
  title: string
  message: ReactNode
  confirmLabel: string
  cancelLabel?: string
  tone?: 'default' | 'danger'
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
  testId?: string
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  cancelLabel = translate('common:action.cancel'),
  tone = 'default',
  busy = false,
  onConfirm,
  onCancel,
  testId = 'confirm-dialog'
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      size="sm"
      tone={tone}
      testId={testId}
      description={message}
      footer={
        <>
          {/* The safe choice takes focus, so Enter never destroys anything by accident. */}
          <Button onClick={onCancel} data-autofocus>
            {cancelLabel}
          </Button>
          <Button
            variant={tone === 'danger' ? 'danger' : 'primary'}
            onClick={onConfirm}
            busy={busy}
            data-testid="confirm-accept"
          >
            {confirmLabel}
          </Button>
        </>
      }
    />
  )
}
