import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ArrowLeftRight, X } from 'lucide-react'
import {
  FACET_FIELDS,
  STATUSES,
  type CheckedAge,
  type FacetCount,
  type FacetField,
  type Facets,
  type ResultFilter
} from '@contract/types'
import { flagEmoji, formatCount, regionName } from '../../lib/format'
import { STATUS_LABELS, lineTypeLabel, providerLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

const SECTIONS: readonly FacetField[] = FACET_FIELDS

/** Check ages, youngest first. */
const AGES: CheckedAge[] = ['day', 'week', 'month', 'quarter', 'older']

/** Values shown per section before "Show all". */
const SHOWN = 6

/**
 * The facet panel beside the results: every field's values with their counts under the other filters, chosen by
 * ticking (several per field), inverted to "everything but", cleared per field.
 */
export function FacetPanel() {
  const facets = useAppStore((state) => state.facets)
  const filter = useAppStore((state) => state.filter)
  const providers = useAppStore((state) => state.providers)
  const { t } = useTranslation('results')

  const label = (field: FacetField, value: string): string => {
    switch (field) {
      case 'statuses':
        return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value
      case 'reasons':
        return reasonLabel(value) || t('facet.noReason')
      case 'lineTypes':
        return lineTypeLabel(value) || t('facet.notKnown')
      case 'countries':
        return value ? `${flagEmoji(value)} ${regionName(value)}`.trim() : t('facet.noCountry')
      case 'carriers':
        return value || t('facet.notKnown')
      case 'providers':
        return providerLabel(value, providers?.providers)
      case 'checkedAges':
        return (AGES as string[]).includes(value) ? t(`facet.age.${value as CheckedAge}`) : value
    }
  }

  return (
    <aside className="facet-panel" aria-label={t('facet.panel')} data-testid="facet-panel">
      {SECTIONS.map((field) => (
        <FacetSection
          key={field}
          field={field}
          title={t(`facet.field.${field}`)}
          facets={facets}
          filter={filter}
          label={(value) => label(field, value)}
        />
      ))}
    </aside>
  )
}

function FacetSection({
  field,
  title,
  facets,
  filter,
  label
}: {
  field: FacetField
  title: string
  facets: Facets | null
  filter: ResultFilter
  label: (value: string) => string
}) {
  const toggleFacetValue = useAppStore((state) => state.toggleFacetValue)
  const toggleFacetInvert = useAppStore((state) => state.toggleFacetInvert)
  const clearFacet = useAppStore((state) => state.clearFacet)
  const [expanded, setExpanded] = useState(false)
  const { t } = useTranslation('results')
  const chosen = (filter[field] as string[] | undefined) ?? []
  const inverted = filter.exclude?.includes(field) ?? false
  const values = withChosen(ordered(field, facets?.[field] ?? []), chosen)
  // A field with nothing to tell (one value, nothing chosen) stays out of the way.
  if (values.length === 0 || (values.length === 1 && chosen.length === 0 && field !== 'statuses')) return null
  const most = Math.max(1, ...values.map((v) => v.count))
  const shown = expanded ? values : values.slice(0, SHOWN)
  const slug = field.toLowerCase()
  return (
    <section className="facet-section" data-testid={`facet-${slug}`} aria-label={title}>
      <header className="facet-head">
        <h3>{title}</h3>
        {chosen.length > 0 ? (
          <span className="facet-actions">
            <button
              type="button"
              className={`facet-action${inverted ? ' is-on' : ''}`}
              aria-pressed={inverted}
              title={inverted ? t('facet.invertedTitle') : t('facet.invertTitle')}
              data-testid={`facet-${slug}-invert`}
              onClick={() => toggleFacetInvert(field)}
            >
              <ArrowLeftRight size={12} aria-hidden="true" />
              {inverted ? t('facet.inverted') : t('facet.invert')}
            </button>
            <button
              type="button"
              className="facet-action"
              aria-label={t('facet.clear', { field: title })}
              title={t('facet.clear', { field: title })}
              data-testid={`facet-${slug}-clear`}
              onClick={() => clearFacet(field)}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </span>
        ) : null}
      </header>
      <ul className="facet-values">
        {shown.map((facet) => {
          const on = chosen.includes(facet.value)
          return (
            <li key={facet.value}>
              <label className={`facet-value${on ? ' is-on' : ''}${on && inverted ? ' is-inverted' : ''}`}>
                <input
                  type="checkbox"
                  checked={on}
                  data-testid={`facet-${slug}-${facet.value || 'none'}`}
                  onChange={() => toggleFacetValue(field, facet.value)}
                />
                {field === 'statuses' ? (
                  <span className={`status-dot status-${facet.value}`} aria-hidden="true" />
                ) : null}
                <span className="facet-label" title={label(facet.value)}>
                  {label(facet.value)}
                </span>
                <span
                  className="facet-count"
                  data-testid={`facet-${slug}-${facet.value || 'none'}-count`}
                  data-count
                >
                  {formatCount(facet.count)}
                </span>
                <span className="facet-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((facet.count / most) * 100)}%` }} />
                </span>
              </label>
            </li>
          )
        })}
      </ul>
      {values.length > SHOWN ? (
        <button type="button" className="facet-more" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('facet.showFewer') : t('facet.showAll', { shown: formatCount(values.length) })}
        </button>
      ) : null}
    </section>
  )
}

/** Statuses and check ages in their natural order; every other field by count (as the store sends them). */
function ordered(field: FacetField, list: FacetCount[]): FacetCount[] {
  if (field === 'statuses') {
    return STATUSES.map((status) => list.find((f) => f.value === status) ?? { value: status, count: 0 })
  }
  if (field === 'checkedAges') {
    const order: string[] = AGES
    return [...list].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value))
  }
  return list
}

/** Keeps every chosen value listed even when the other filters leave none of its rows. */
function withChosen(list: FacetCount[], chosen: string[]): FacetCount[] {
  const missing = chosen.filter((value) => !list.some((f) => f.value === value))
  return [...list, ...missing.map((value) => ({ value, count: 0 }))]
}
