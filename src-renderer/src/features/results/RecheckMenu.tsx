import { useEffect, useId, useRef, useState } from 'react'
import { ChevronDown, RotateCcw } from 'lucide-react'
import type { JobDetail, Status } from '@contract/types'
import { Button } from '../../components/Button'
import { formatCount } from '../../lib/format'
import { STATUS_LABELS } from '../../lib/labels'
import { useAppStore } from '../../store'

// Unknown first: it is what people re-check most. Invalid rows found offline have nothing to send and are skipped.
const ORDER: Status[] = ['unknown', 'inactive', 'active', 'unchecked', 'invalid']

const HINTS: Record<Status, string> = {
  unknown: 'No definite answer last time',
  inactive: 'Numbers may have been reassigned since',
  active: 'Confirm they are still in service',
  unchecked: 'Not live-checked yet',
  invalid: 'Invalid by a provider’s answer'
}

/** "Re-check unknown" and friends: queues those rows for a fresh paid answer, then the pre-flight shows the cost. */
export function RecheckMenu({ job }: { job: JobDetail }) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuId = useId()
  const liveBusy = useAppStore((state) => state.liveBusy)
  const recheckStatuses = useAppStore((state) => state.recheckStatuses)

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
        Re-check <ChevronDown size={13} aria-hidden="true" className="menu-chevron" />
      </Button>
      {open ? (
        <div id={menuId} className="popover menu-popover" role="group" aria-label="Re-check rows by status">
          <p className="menu-note">
            Ask the provider again, skipping cached answers. You see the cost first.
          </p>
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
                <span>Re-check {STATUS_LABELS[status].toLowerCase()}</span>
                <span className="menu-item-hint">{HINTS[status]}</span>
              </span>
              <span className="popover-option-count">{formatCount(job.counts.byStatus[status])}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
