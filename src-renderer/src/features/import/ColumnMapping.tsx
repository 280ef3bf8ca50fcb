import type { ColumnInfo, ImportPreview } from '@contract/types'
import { Phone } from 'lucide-react'
import { useAppStore } from '../../store'

function confidenceTone(value: number): 'high' | 'medium' | 'low' {
  if (value >= 0.75) return 'high'
  if (value >= 0.4) return 'medium'
  return 'low'
}

export function ColumnMapping({ preview, disabled }: { preview: ImportPreview; disabled: boolean }) {
  const phoneColumns = useAppStore((state) => state.phoneColumns)
  const countryColumn = useAppStore((state) => state.countryColumn)
  const toggle = useAppStore((state) => state.togglePhoneColumn)

  return (
    <section className="card mapping-card" aria-labelledby="mapping-title">
      <header className="card-header">
        <h2 id="mapping-title" className="card-title">
          Columns
        </h2>
        <p className="card-subtitle">
          Tick every column that holds phone numbers. Suggestions come from the header names and the values.
        </p>
      </header>
      {preview.columns.length === 0 ? (
        <p className="mapping-empty">This sheet has no columns with data.</p>
      ) : (
        <ul className="mapping-list">
          {preview.columns.map((column) => (
            <MappingRow
              key={column.index}
              column={column}
              checked={phoneColumns.includes(column.index)}
              isCountry={countryColumn === column.index}
              disabled={disabled}
              onToggle={() => toggle(column.index)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

interface MappingRowProps {
  column: ColumnInfo
  checked: boolean
  isCountry: boolean
  disabled: boolean
  onToggle: () => void
}

function MappingRow({ column, checked, isCountry, disabled, onToggle }: MappingRowProps) {
  const phonePct = Math.round(column.phoneConfidence * 100)
  const countryPct = Math.round(column.countryConfidence * 100)
  const inputId = `phone-toggle-${column.index}`
  return (
    <li className={`mapping-row${checked ? ' is-phone' : ''}`} data-testid={`column-${column.index}`}>
      <span className="column-letter" aria-hidden="true">
        {column.letter}
      </span>
      <div className="mapping-main">
        <span className="mapping-header" title={column.header}>
          {column.header}
        </span>
        <span className="mapping-samples" title={column.samples.join('\n')}>
          {column.samples.length > 0 ? column.samples.join(' · ') : <em>No values in the preview</em>}
        </span>
      </div>
      <div className="mapping-badges">
        {column.phoneConfidence >= 0.1 ? (
          <span
            className={`confidence confidence-${confidenceTone(column.phoneConfidence)}`}
            title="How sure detection is that this column holds phone numbers"
          >
            <Phone size={11} aria-hidden="true" />
            Phone · {phonePct}%
          </span>
        ) : null}
        {isCountry ? (
          <span className="confidence confidence-country">Country column</span>
        ) : column.countryConfidence >= 0.5 ? (
          <span className="confidence confidence-neutral" title="Looks like a country or region column">
            Country · {countryPct}%
          </span>
        ) : null}
      </div>
      <label className="toggle" htmlFor={inputId}>
        <input
          id={inputId}
          type="checkbox"
          data-testid={inputId}
          checked={checked}
          disabled={disabled}
          onChange={onToggle}
          aria-describedby={`column-name-${column.index}`}
        />
        <span>Phone numbers</span>
      </label>
      <span id={`column-name-${column.index}`} className="sr-only">
        Column {column.letter}: {column.header}
      </span>
    </li>
  )
}
