import { useMemo, useState } from 'react'
import { ArrowLeftRight, X } from 'lucide-react'
import {
  STATUSES,
  type CheckedAge,
  type FacetCount,
  type FacetField,
  type Facets,
  type ResultFilter
} from '@contract/types'
import { flagEmoji, formatCount } from '../../lib/format'
import { STATUS_LABELS, lineTypeLabel, providerLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

const SECTIONS: { field: FacetField; title: string }[] = [
  { field: 'statuses', title: 'Status' },
  { field: 'reasons', title: 'Reason' },
  { field: 'countries', title: 'Country' },
  { field: 'lineTypes', title: 'Line type' },
  { field: 'carriers', title: 'Carrier' },
  { field: 'providers', title: 'Answered by' },
  { field: 'checkedAges', title: 'Checked' }
]

const AGE_LABELS: Record<CheckedAge, string> = {
  day: 'In the last 24 hours',
  week: '1–7 days ago',
  month: '1–4 weeks ago',
  quarter: '1–3 months ago',
  older: 'Longer ago'
}

/** Values shown per section before "Show all". */
const SHOWN = 6

/**
 * The facet panel beside the results: every field's values with their counts under the other filters, chosen by
 * ticking (several per field), inverted to "everything but", cleared per field.
 */
export function FacetPanel() {
  const facets = useAppStore((state) => state.facets)
  const filter = useAppStore((state) => state.filter)
  const appInfo = useAppStore((state) => state.appInfo)
  const providers = useAppStore((state) => state.providers)
  const regionNames = useMemo(() => new Map((appInfo?.regions ?? []).map((r) => [r.code, r.name])), [appInfo])

  const label = (field: FacetField, value: string): string => {
    switch (field) {
      case 'statuses':
        return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value
      case 'reasons':
        return reasonLabel(value) || 'No reason'
      case 'lineTypes':
        return lineTypeLabel(value) || 'Not known'
      case 'countries':
        return value ? `${flagEmoji(value)} ${regionNames.get(value) ?? value}`.trim() : 'No country'
      case 'carriers':
        return value || 'Not known'
      case 'providers':
        return providerLabel(value, providers?.providers)
      case 'checkedAges':
        return AGE_LABELS[value as CheckedAge] ?? value
    }
  }

  return (
    <aside className="facet-panel" aria-label="Narrow the results" data-testid="facet-panel">
      {SECTIONS.map(({ field, title }) => (
        <FacetSection
          key={field}
          field={field}
          title={title}
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
              title={
                inverted
                  ? 'Showing everything but the ticked values'
                  : 'Show everything but the ticked values'
              }
              data-testid={`facet-${slug}-invert`}
              onClick={() => toggleFacetInvert(field)}
            >
              <ArrowLeftRight size={12} aria-hidden="true" />
              {inverted ? 'Everything but' : 'Invert'}
            </button>
            <button
              type="button"
              className="facet-action"
              aria-label={`Clear ${title}`}
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
                <span className="facet-count" data-testid={`facet-${slug}-${facet.value || 'none'}-count`}>
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
          {expanded ? 'Show fewer' : `Show all ${formatCount(values.length)}`}
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
    const order = Object.keys(AGE_LABELS)
    return [...list].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value))
  }
  return list
}

/** Keeps every chosen value listed even when the other filters leave none of its rows. */
function withChosen(list: FacetCount[], chosen: string[]): FacetCount[] {
  const missing = chosen.filter((value) => !list.some((f) => f.value === value))
  return [...list, ...missing.map((value) => ({ value, count: 0 }))]
}
