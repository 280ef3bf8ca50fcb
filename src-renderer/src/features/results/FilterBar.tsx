import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ChartPie, Search, X } from 'lucide-react'
import type { JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { hasActiveFilter } from '../../store/results-slice'

const SEARCH_DELAY_MS = 250

/** The search box, what the facets leave of the job, and one button that clears every filter. */
export function FilterBar({ job }: { job: JobDetail }) {
  const filter = useAppStore((state) => state.filter)
  const facets = useAppStore((state) => state.facets)
  const overviewOpen = useAppStore((state) => state.overviewOpen)
  const toggleOverview = useAppStore((state) => state.toggleOverview)
  const setFilter = useAppStore((state) => state.setFilter)
  const clearFilters = useAppStore((state) => state.clearFilters)
  const { t } = useTranslation('results')

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

  const active = hasActiveFilter(filter) || search.trim().length > 0

  return (
    <div className="filter-bar" role="search" aria-label={t('filter.label')}>
      <div className="search-box">
        <Search size={15} className="search-icon" aria-hidden="true" />
        <input
          type="search"
          aria-label={t('filter.search')}
          placeholder={t('filter.searchPlaceholder')}
          value={search}
          data-testid="search-input"
          data-shortcut="find"
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
            aria-label={t('filter.clearSearch')}
            onClick={() => onSearch('')}
          >
            <X size={14} aria-hidden="true" />
          </button>
        ) : null}
      </div>

      <Button
        variant="ghost"
        size="sm"
        icon={<ChartPie size={14} aria-hidden="true" />}
        aria-pressed={overviewOpen}
        data-testid="toggle-overview"
        onClick={toggleOverview}
      >
        {t('filter.overview')}
      </Button>
      <p className="filter-summary" data-testid="filter-summary" aria-live="polite" data-count>
        {facets && active
          ? t('filter.matching', {
              count: job.counts.rows,
              matched: formatCount(facets.total)
            })
          : t('filter.all', { count: job.counts.rows })}
      </p>
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
        {t('filter.clear')}
      </Button>
    </div>
  )
}
