import { useEffect, useId, useRef, useState } from 'react'
import { ChevronDown, RotateCcw } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { JobDetail, Status } from '@contract/types'
import { Button } from '../../components/Button'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'

// Unknown first: it is what people re-check most. Invalid rows found offline have nothing to send and are skipped.
const ORDER: Status[] = ['unknown', 'inactive', 'active', 'unchecked', 'invalid']

/** "Re-check unknown" and friends: queues those rows for a fresh paid answer, then the pre-flight shows the cost. */
export function RecheckMenu({ job }: { job: JobDetail }) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuId = useId()
  const liveBusy = useAppStore((state) => state.liveBusy)
  const recheckStatuses = useAppStore((state) => state.recheckStatuses)
  const { t } = useTranslation('results')

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        setOpen(false)
        buttonRef.current?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown, true)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown, true)
    }
  }, [open])

  const choices = ORDER.filter((status) => job.counts.byStatus[status] > 0)

  return (
    <div className="menu-root" ref={rootRef}>
      <Button
        ref={buttonRef}
        variant="ghost"
        icon={<RotateCcw size={15} aria-hidden="true" />}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        busy={liveBusy === 'recheck'}
        disabled={choices.length === 0}
        onClick={() => setOpen((value) => !value)}
        data-testid="recheck-menu"
      >
        {t('recheck.button')} <ChevronDown size={13} aria-hidden="true" className="menu-chevron" />
      </Button>
      {open ? (
        <div id={menuId} className="popover menu-popover" role="group" aria-label={t('recheck.menu')}>
          <p className="menu-note">{t('recheck.note')}</p>
          {choices.map((status) => (
            <button
              key={status}
              type="button"
              className="menu-item"
              onClick={() => {
                setOpen(false)
                void recheckStatuses(job.id, [status])
              }}
              data-testid={`recheck-${status}`}
            >
              <span className={`status-dot status-${status}`} aria-hidden="true" />
              <span className="menu-item-text">
                <span>{t(`recheck.item.${status}`)}</span>
                <span className="menu-item-hint">{t(`recheck.hint.${status}`)}</span>
              </span>
              <span className="popover-option-count" data-count>
                {formatCount(job.counts.byStatus[status])}
              </span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
