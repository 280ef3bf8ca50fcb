import { translate } from '../i18n'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { ChevronDown } from 'lucide-react'

export interface MultiSelectOption {
  value: string
  label: string
  count?: string
  decoration?: ReactNode
}

interface MultiSelectProps {
  label: string
  /** Button text when nothing is chosen. */
  allLabel: string
  options: MultiSelectOption[]
  values: string[]
  onChange: (values: string[]) => void
  testId?: string
}

export function MultiSelect({ label, allLabel, options, values, onChange, testId }: MultiSelectProps) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!open) return
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    function onKeyDown(event: KeyboardEvent) {
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

  const chosen = options.filter((option) => values.includes(option.value))
  const summary =
    chosen.length === 0
      ? allLabel
      : chosen.length <= 2
        ? chosen.map((o) => o.label).join(', ')
        : translate('common:component.selected', { count: chosen.length })

  function toggle(value: string) {
    onChange(values.includes(value) ? values.filter((v) => v !== value) : [...values, value])
  }

  return (
    <div className="field multiselect" ref={rootRef}>
      <span className="sr-only" id={`${panelId}-label`}>
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        className={`select-button${chosen.length > 0 ? ' is-active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${label}: ${summary}`}
        data-testid={testId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="select-button-text">{summary}</span>
        <ChevronDown className="select-chevron" size={14} aria-hidden="true" />
      </button>
      {open ? (
        <div id={panelId} className="popover" role="group" aria-labelledby={`${panelId}-label`}>
          {options.map((option) => (
            <label key={option.value} className="popover-option">
              <input
                type="checkbox"
                checked={values.includes(option.value)}
                onChange={() => toggle(option.value)}
              />
              {option.decoration}
              <span className="popover-option-label">{option.label}</span>
              {option.count ? <span className="popover-option-count">{option.count}</span> : null}
            </label>
          ))}
          {values.length > 0 ? (
            <button type="button" className="popover-clear" onClick={() => onChange([])}>
              Show all
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
