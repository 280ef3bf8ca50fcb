import type { ColumnInfo, ImportPreview } from '@contract/types'
import { Phone } from 'lucide-react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('import')

  return (
    <section className="card mapping-card" aria-labelledby="mapping-title">
      <header className="card-header">
        <h2 id="mapping-title" className="card-title">
          {t('mapping.title')}
        </h2>
        <p className="card-subtitle">{t('mapping.subtitle')}</p>
      </header>
      {preview.columns.length === 0 ? (
        <p className="mapping-empty">{t('mapping.empty')}</p>
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
  const { t } = useTranslation('import')
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
          {column.samples.length > 0 ? column.samples.join(' · ') : <em>{t('mapping.noValues')}</em>}
        </span>
      </div>
      <div className="mapping-badges">
        {column.phoneConfidence >= 0.1 ? (
          <span
            className={`confidence confidence-${confidenceTone(column.phoneConfidence)}`}
            title={t('mapping.phoneHint')}
          >
            <Phone size={11} aria-hidden="true" />
            {t('mapping.phone', { pct: phonePct })}
          </span>
        ) : null}
        {isCountry ? (
          <span className="confidence confidence-country">{t('mapping.isCountry')}</span>
        ) : column.countryConfidence >= 0.5 ? (
          <span className="confidence confidence-neutral" title={t('mapping.countryHint')}>
            {t('mapping.country', { pct: countryPct })}
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
        <span>{t('mapping.toggle')}</span>
      </label>
      <span id={`column-name-${column.index}`} className="sr-only">
        {t('mapping.columnName', { letter: column.letter, header: column.header })}
      </span>
    </li>
  )
}
