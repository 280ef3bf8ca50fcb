import { translate } from '../i18n'
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { ChevronDown } from 'lucide-react'

export interface ComboboxOption {
  value: string
  label: string
  /** Extra text shown dimmed and matched by the search, e.g. a calling code. */
  hint?: string
  /** Shown before the label; not searched. */
  prefix?: string
}

interface ComboboxProps {
  label: string
  options: ComboboxOption[]
  value: string | null
  onChange: (value: string) => void
  placeholder?: string
  testId?: string
  description?: string
}

const MAX_VISIBLE = 300

/** A searchable single choice following the ARIA combobox pattern: type to filter, arrows to move, Enter to pick. */
export function Combobox({
  label,
  options,
  value,
  onChange,
  placeholder,
  testId,
  description
}: ComboboxProps) {
  const inputId = useId()
  const listId = useId()
  const descriptionId = useId()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)

  const selected = options.find((option) => option.value === value) ?? null
  const filtered = useMemo(() => {
    const needle = query.trim().toLowerCase().replace(/^\+/, '')
    if (!needle) return options.slice(0, MAX_VISIBLE)
    const starts: ComboboxOption[] = []
    const contains: ComboboxOption[] = []
    for (const option of options) {
      const name = option.label.toLowerCase()
      const code = option.value.toLowerCase()
      const hint = (option.hint ?? '').toLowerCase().replace(/^\+/, '')
      if (name.startsWith(needle) || code === needle || hint === needle) starts.push(option)
      else if (name.includes(needle) || hint.startsWith(needle)) contains.push(option)
    }
    return [...starts, ...contains].slice(0, MAX_VISIBLE)
  }, [options, query])

  function display(option: ComboboxOption | null): string {
    if (!option) return ''
    return `${option.label}${option.hint ? ` (${option.hint})` : ''}`
  }

  function openList() {
    setOpen(true)
    setQuery('')
    const index = options.findIndex((option) => option.value === value)
    setActive(Math.max(0, index))
    requestAnimationFrame(() => scrollActiveIntoView(Math.max(0, index)))
  }

  function commit(option: ComboboxOption | undefined) {
    if (option) onChange(option.value)
    setOpen(false)
    setQuery('')
  }

  function scrollActiveIntoView(index: number) {
    const item = listRef.current?.children[index] as HTMLElement | undefined
    item?.scrollIntoView({ block: 'nearest' })
  }

  function move(delta: number) {
    if (!open) {
      openList()
      return
    }
    const next = Math.min(Math.max(active + delta, 0), filtered.length - 1)
    setActive(next)
    scrollActiveIntoView(next)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        move(1)
        break
      case 'ArrowUp':
        event.preventDefault()
        move(-1)
        break
      case 'Enter':
        if (open) {
          event.preventDefault()
          commit(filtered[active])
        }
        break
      case 'Escape':
        if (open) {
          event.preventDefault()
          event.stopPropagation()
          setOpen(false)
          setQuery('')
        }
        break
    }
  }

  const activeId = open && filtered[active] ? `${listId}-${filtered[active].value}` : undefined

  return (
    <div className="field combobox">
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className={`combobox-control${open ? ' is-open' : ''}`}>
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={description ? descriptionId : undefined}
          data-testid={testId}
          data-value={value ?? ''}
          placeholder={open ? display(selected) || placeholder : placeholder}
          value={open ? query : display(selected)}
          onFocus={() => !open && openList()}
          onClick={() => !open && openList()}
          onBlur={() => {
            setOpen(false)
            setQuery('')
          }}
          onChange={(event) => {
            setOpen(true)
            setQuery(event.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
        />
        <ChevronDown className="select-chevron" size={14} aria-hidden="true" />
        {open ? (
          <ul ref={listRef} id={listId} role="listbox" aria-label={label} className="combobox-list">
            {filtered.length === 0 ? (
              <li className="combobox-empty" role="presentation">
                {translate('common:component.noMatch', { query })}
              </li>
            ) : (
              filtered.map((option, index) => (
                <li
                  key={option.value}
                  id={`${listId}-${option.value}`}
                  role="option"
                  aria-selected={option.value === value}
                  className={`combobox-option${index === active ? ' is-active' : ''}`}
                  // mousedown keeps focus in the input so blur does not close the list before the click lands
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => commit(option)}
                >
                  {option.prefix ? <span className="combobox-prefix">{option.prefix}</span> : null}
                  <span className="combobox-label">{option.label}</span>
                  {option.hint ? <span className="combobox-hint">{option.hint}</span> : null}
                </li>
              ))
            )}
          </ul>
        ) : null}
      </div>
      {description ? (
        <p id={descriptionId} className="field-hint">
          {description}
        </p>
      ) : null}
    </div>
  )
}
