import {
  FACET_FIELDS,
  type FacetField,
  type Facets,
  type ProviderSpend,
  type ResultFilter,
  type ResultRow,
  type ResultSort,
  type RowDetail,
  type Status
} from '@contract/types'
import { toUiError, type UiError } from '../lib/errors'
import type { SliceFactory } from './types'

export const PAGE_SIZE = 200
const OVERVIEW_KEY = 'ringtrue.overview'

function readOverviewChoice(): boolean {
  try {
    return globalThis.localStorage?.getItem(OVERVIEW_KEY) !== 'hidden'
  } catch {
    return true
  }
}
// Enough pages to cover several screens in both directions; older ones are refetched if scrolled back to.
const MAX_CACHED_PAGES = 60

export interface ResultsSlice {
  resultsJobId: string | null
  filter: ResultFilter
  /** Bumped on every filter change; answers for an older version are dropped. */
  resultsVersion: number
  /** Rows matching the current filter; null until the first page answers. */
  total: number | null
  pages: Record<number, ResultRow[]>
  resultsError: UiError | null
  facets: Facets | null
  /** The table's order; null: the list's own. */
  sort: ResultSort | null
  /** What the open job's paid check cost per provider (null until read). */
  spend: ProviderSpend[] | null
  /** Rows from across the list (not only its start), for the table to size its columns by. */
  widthSample: { jobId: string; rows: ResultRow[] } | null
  /** The charts above the table are shown (the choice is kept across jobs and starts). */
  overviewOpen: boolean
  toggleOverview: () => void
  detailRowIndex: number | null
  detail: RowDetail | null
  detailState: 'idle' | 'loading' | 'ready' | 'error'
  detailError: UiError | null
  openResults: (jobId: string) => void
  setFilter: (patch: Partial<ResultFilter>) => void
  toggleStatus: (status: Status) => void
  /** Adds a value to a facet's selection, or takes it out. */
  toggleFacetValue: (field: FacetField, value: string) => void
  /** Keeps every row but the facet's selection ("everything but"), or back. */
  toggleFacetInvert: (field: FacetField) => void
  clearFacet: (field: FacetField) => void
  /** Sorts by a column: ascending first, then descending, then back to the list's order. */
  cycleSort: (by: ResultSort['by']) => void
  clearFilters: () => void
  ensureRows: (start: number, end: number) => void
  retryResults: () => void
  openRow: (rowIndex: number) => Promise<void>
  closeRow: () => void
}

/** Drops empty lists and blank search so the DTO only says what actually narrows the rows. */
export function cleanFilter(filter: ResultFilter): ResultFilter {
  const clean: ResultFilter = {}
  for (const field of FACET_FIELDS) {
    const values = filter[field] as string[] | undefined
    if (values && values.length > 0) (clean as Record<string, string[]>)[field] = [...values]
  }
  // Inverting a facet only means something while it has a selection.
  const exclude = filter.exclude?.filter((field) => clean[field]?.length)
  if (exclude?.length) clean.exclude = [...new Set(exclude)]
  const search = filter.search?.trim()
  if (search) clean.search = search
  return clean
}

export function hasActiveFilter(filter: ResultFilter): boolean {
  return Object.keys(cleanFilter(filter)).length > 0
}

/** Rows read from each of three places in a job to size its columns by. */
const WIDTH_SAMPLE_ROWS = 100

/** A jump (scrollbar drag, End key) fetches its rows once the view has held still this long. */
const JUMP_SETTLE_MS = 40

export const createResultsSlice: SliceFactory<ResultsSlice> = (api) => (set, get) => {
  let pending = new Set<number>()
  let jumpTimer: ReturnType<typeof setTimeout> | undefined
  /** The job whose columns were sized by rows from across it (once per opening). */
  let sampledFor: string | null = null
  let detailSeq = 0

  function fetchPage(page: number): void {
    const { resultsJobId: jobId, filter, sort, resultsVersion: version } = get()
    if (!jobId || pending.has(page)) return
    const inFlight = pending
    inFlight.add(page)
    api.results
      .query({ jobId, filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...(sort ? { sort } : {}) })
      .then((result) => {
        if (get().resultsVersion !== version || get().resultsJobId !== jobId) return
        set((state) => ({
          pages: evictFarPages({ ...state.pages, [page]: result.rows }, page),
          total: result.total,
          resultsError: null
        }))
        if (page === 0 && sampledFor !== jobId) {
          sampledFor = jobId
          void sampleForWidths(jobId)
        }
      })
      .catch((error: unknown) => {
        if (get().resultsVersion !== version) return
        set({ resultsError: toUiError(error) })
      })
      .finally(() => inFlight.delete(page))
  }

  async function loadFacets(): Promise<void> {
    const { resultsJobId: jobId, filter, resultsVersion: version } = get()
    if (!jobId) return
    try {
      // Each field is counted under every other filter but its own, so a chosen value never hides its siblings.
      const facets = await api.results.facets({ jobId, filter })
      if (get().resultsVersion !== version || get().resultsJobId !== jobId) return
      set({ facets })
    } catch (error) {
      if (get().resultsVersion !== version) return
      set({ resultsError: toUiError(error) })
    }
  }

  /** A few rows from a quarter, half and three quarters into the job, besides its first page. */
  async function sampleForWidths(jobId: string): Promise<void> {
    try {
      const { total } = await api.results.query({ jobId, filter: {}, offset: 0, limit: 1 })
      if (total <= PAGE_SIZE) return
      const pages = await Promise.all(
        [0.25, 0.5, 0.75].map((at) =>
          api.results.query({ jobId, filter: {}, offset: Math.floor(total * at), limit: WIDTH_SAMPLE_ROWS })
        )
      )
      if (get().resultsJobId === jobId) set({ widthSample: { jobId, rows: pages.flatMap((p) => p.rows) } })
    } catch {
      // The first page alone sizes the columns then.
    }
  }

  function reload(filter: ResultFilter, sort: ResultSort | null = get().sort): void {
    pending = new Set()
    set((state) => ({
      filter,
      sort,
      resultsVersion: state.resultsVersion + 1,
      pages: {},
      total: null,
      resultsError: null
    }))
    fetchPage(0)
    void loadFacets()
  }

  return {
    resultsJobId: null,
    filter: {},
    resultsVersion: 0,
    total: null,
    pages: {},
    resultsError: null,
    facets: null,
    sort: null,
    spend: null,
    widthSample: null,
    overviewOpen: readOverviewChoice(),
    detailRowIndex: null,
    detail: null,
    detailState: 'idle',
    detailError: null,

    openResults(jobId) {
      set({ resultsJobId: jobId, facets: null, spend: null, widthSample: null })
      sampledFor = null
      get().closeRow()
      if (get().comparing && get().comparing?.newerId !== jobId && get().comparing?.olderId !== jobId) {
        get().closeComparison()
      }
      reload({}, null)
      api.results
        .spend(jobId)
        .then((spend) => {
          if (get().resultsJobId === jobId) set({ spend })
        })
        .catch(() => undefined)
    },

    setFilter(patch) {
      reload(cleanFilter({ ...get().filter, ...patch }))
    },

    toggleStatus(status) {
      const current = get().filter.statuses ?? []
      const statuses = current.includes(status) ? current.filter((s) => s !== status) : [...current, status]
      get().setFilter({ statuses })
    },

    toggleFacetValue(field, value) {
      const current = (get().filter[field] as string[] | undefined) ?? []
      const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value]
      get().setFilter({ [field]: values })
    },

    toggleFacetInvert(field) {
      const exclude = get().filter.exclude ?? []
      get().setFilter({
        exclude: exclude.includes(field) ? exclude.filter((f) => f !== field) : [...exclude, field]
      })
    },

    clearFacet(field) {
      get().setFilter({ [field]: [], exclude: (get().filter.exclude ?? []).filter((f) => f !== field) })
    },

    cycleSort(by) {
      const sort = get().sort
      const next: ResultSort | null =
        sort?.by !== by ? { by } : !sort.descending ? { by, descending: true } : null
      reload(get().filter, next)
    },

    clearFilters() {
      reload({})
    },

    toggleOverview() {
      const overviewOpen = !get().overviewOpen
      set({ overviewOpen })
      try {
        globalThis.localStorage?.setItem(OVERVIEW_KEY, overviewOpen ? 'shown' : 'hidden')
      } catch {
        // Storage may be unavailable (a locked-down profile): the choice then lasts for this window only.
      }
    },

    ensureRows(start, end) {
      if (!get().resultsJobId) return
      const { pages, total } = get()
      const last = total === null ? start : Math.min(end, Math.max(total - 1, 0))
      const first = Math.floor(start / PAGE_SIZE)
      const wanted: number[] = []
      for (let page = first; page <= Math.floor(last / PAGE_SIZE); page++) if (!pages[page]) wanted.push(page)
      if (wanted.length === 0) return
      // Scrolling on from loaded rows fetches at once; a jump far away waits until the view holds still, so a
      // fast drag over a million rows asks only for where it stops, not for every page it passed.
      const nextToLoaded = pages[first - 1] !== undefined || pages[first + 1] !== undefined || first === 0
      clearTimeout(jumpTimer)
      if (nextToLoaded) {
        for (const page of wanted) fetchPage(page)
        return
      }
      jumpTimer = setTimeout(() => {
        for (const page of wanted) if (!get().pages[page]) fetchPage(page)
      }, JUMP_SETTLE_MS)
    },

    retryResults() {
      reload(get().filter)
    },

    async openRow(rowIndex) {
      const jobId = get().resultsJobId
      if (!jobId) return
      const seq = ++detailSeq
      set({ detailRowIndex: rowIndex, detail: null, detailState: 'loading', detailError: null })
      try {
        const detail = await api.results.row({ jobId, rowIndex })
        if (seq !== detailSeq) return
        set({ detail, detailState: 'ready' })
      } catch (error) {
        if (seq !== detailSeq) return
        set({ detailState: 'error', detailError: toUiError(error) })
      }
    },

    closeRow() {
      detailSeq++
      set({ detailRowIndex: null, detail: null, detailState: 'idle', detailError: null })
    }
  }
}

function evictFarPages(pages: Record<number, ResultRow[]>, around: number): Record<number, ResultRow[]> {
  const keys = Object.keys(pages).map(Number)
  if (keys.length <= MAX_CACHED_PAGES) return pages
  keys.sort((a, b) => Math.abs(b - around) - Math.abs(a - around))
  const kept = { ...pages }
  for (const key of keys.slice(0, keys.length - MAX_CACHED_PAGES)) delete kept[key]
  return kept
}
