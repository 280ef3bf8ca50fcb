import type { ReactNode, SelectHTMLAttributes } from 'react'
import { ChevronDown } from 'lucide-react'

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> {
  label: string
  /** Visually hide the label but keep it as the accessible name. */
  hideLabel?: boolean
  children: ReactNode
  testId?: string
  active?: boolean
}

export function Select({ label, hideLabel, children, testId, active, className, ...rest }: SelectProps) {
  return (
    <label className={`field${className ? ` ${className}` : ''}`}>
      <span className={hideLabel ? 'sr-only' : 'field-label'}>{label}</span>
      <span className={`select-wrap${active ? ' is-active' : ''}`}>
        <select data-testid={testId} {...rest}>
          {children}
        </select>
        <ChevronDown className="select-chevron" size={14} aria-hidden="true" />
      </span>
    </label>
  )
}
