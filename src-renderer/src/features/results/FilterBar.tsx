import { useEffect, useMemo, useRef, useState } from 'react'
import { Search, X } from 'lucide-react'
import { STATUSES, type FacetCount, type JobDetail, type LineType, type Status } from '@contract/types'
import { Button } from '../../components/Button'
import { MultiSelect } from '../../components/MultiSelect'
import { Select } from '../../components/Select'
import { flagEmoji, formatCount } from '../../lib/format'
import { STATUS_LABELS, lineTypeLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'
import { hasActiveFilter } from '../../store/results-slice'

const SEARCH_DELAY_MS = 250

export function FilterBar({ job }: { job: JobDetail }) {
  const filter = useAppStore((state) => state.filter)
  const facets = useAppStore((state) => state.facets)
  const appInfo = useAppStore((state) => state.appInfo)
  const setFilter = useAppStore((state) => state.setFilter)
  const clearFilters = useAppStore((state) => state.clearFilters)

  const [search, setSearch] = useState(filter.search ?? '')
  const timer = useRef<number | undefined>(undefined)

  // Clearing filters elsewhere (chips, "Clear filters") must also empty the box.
  const [seenSearch, setSeenSearch] = useState(filter.search)
  if (filter.search !== seenSearch) {
    setSeenSearch(filter.search)
    if (filter.search === undefined) setSearch('')
  }

  useEffect(() => () => window.clearTimeout(timer.current), [])

  function onSearch(value: string) {
    setSearch(value)
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => {
      if ((useAppStore.getState().filter.search ?? '') !== value.trim()) setFilter({ search: value })
    }, SEARCH_DELAY_MS)
  }

  const regionNames = useMemo(() => new Map((appInfo?.regions ?? []).map((r) => [r.code, r.name])), [appInfo])

  const reasonOptions = withSelected(facets?.reasons ?? [], filter.reasons?.[0])
  const lineTypeOptions = withSelected(facets?.lineTypes ?? [], filter.lineTypes?.[0])
  const countryOptions = withSelected(facets?.countries ?? [], filter.countries?.[0])

  const active = hasActiveFilter(filter) || search.trim().length > 0

  return (
    <div className="filter-bar" role="search" aria-label="Filter results">
      <div className="search-box">
        <Search size={15} className="search-icon" aria-hidden="true" />
        <input
          type="search"
          aria-label="Search rows"
          placeholder="Search rows…"
          value={search}
          data-testid="search-input"
          spellCheck={false}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && search) {
              event.preventDefault()
              onSearch('')
            }
          }}
        />
        {search ? (
          <button
            type="button"
            className="icon-button search-clear"
            aria-label="Clear search"
            onClick={() => onSearch('')}
          >
            <X size={14} aria-hidden="true" />
          </button>
        ) : null}
      </div>

      <MultiSelect
        label="Status"
        allLabel="All statuses"
        testId="filter-status"
        values={filter.statuses ?? []}
        onChange={(values) => setFilter({ statuses: values as Status[] })}
        options={STATUSES.map((status) => ({
          value: status,
          label: STATUS_LABELS[status],
          count: formatCount(job.counts.byStatus[status]),
          decoration: <span className={`status-dot status-${status}`} aria-hidden="true" />
        }))}
      />

      <Select
        label="Reason"
        hideLabel
        testId="filter-reason"
        active={Boolean(filter.reasons?.length)}
        value={filter.reasons?.[0] ?? ''}
        onChange={(event) => setFilter({ reasons: event.target.value ? [event.target.value] : [] })}
      >
        <option value="">All reasons</option>
        {reasonOptions.map((facet) => (
          <option key={facet.value} value={facet.value}>
            {reasonLabel(facet.value) || 'No reason'} ({formatCount(facet.count)})
          </option>
        ))}
      </Select>

      <Select
        label="Line type"
        hideLabel
        testId="filter-line-type"
        active={Boolean(filter.lineTypes?.length)}
        value={filter.lineTypes?.[0] ?? ''}
        onChange={(event) =>
          setFilter({ lineTypes: event.target.value ? [event.target.value as LineType] : [] })
        }
      >
        <option value="">All line types</option>
        {lineTypeOptions.map((facet) => (
          <option key={facet.value} value={facet.value}>
            {lineTypeLabel(facet.value) || 'Not known'} ({formatCount(facet.count)})
          </option>
        ))}
      </Select>

      <Select
        label="Country"
        hideLabel
        testId="filter-country"
        active={Boolean(filter.countries?.length)}
        value={filter.countries?.[0] ?? ''}
        onChange={(event) => setFilter({ countries: event.target.value ? [event.target.value] : [] })}
      >
        <option value="">All countries</option>
        {countryOptions.map((facet) => (
          <option key={facet.value} value={facet.value}>
            {countryOptionLabel(facet.value, regionNames)} ({formatCount(facet.count)})
          </option>
        ))}
      </Select>

      <Button
        variant="ghost"
        size="sm"
        data-testid="clear-filters"
        disabled={!active}
        onClick={() => {
          window.clearTimeout(timer.current)
          setSearch('')
          clearFilters()
        }}
      >
        Clear filters
      </Button>
    </div>
  )
}

/** Keeps the chosen value listed even when the current counts no longer include it. */
function withSelected(options: FacetCount[], selected: string | undefined): FacetCount[] {
  if (!selected || options.some((option) => option.value === selected)) return options
  return [{ value: selected, count: 0 }, ...options]
}

function countryOptionLabel(code: string, names: Map<string, string>): string {
  if (!code) return 'No country'
  const name = names.get(code)
  const flag = flagEmoji(code)
  return `${flag ? `${flag} ` : ''}${name ? `${name} (${code})` : code}`
}
