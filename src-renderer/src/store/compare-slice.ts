import type { ComparisonFileRequest, ExportOutcome } from '@contract/api'
import type { Change, ComparedNumber, Comparison } from '@contract/types'
import { currentLanguage, translate } from '../i18n'
import { toUiError, type UiError } from '../lib/errors'
import type { SliceFactory } from './types'

export const COMPARE_PAGE = 200

export interface CompareSlice {
  /** The open comparison: the older and the newer check of a list. Null: the job's own results show. */
  comparing: { olderId: string; newerId: string } | null
  comparison: Comparison | null
  /** The changes the table lists; empty: every change but unchanged. */
  compareChanges: Change[]
  compareVersion: number
  compareTotal: number | null
  comparePages: Record<number, ComparedNumber[]>
  compareError: UiError | null
  /** Compares the two jobs, the earlier one as the older check. */
  openComparison: (a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) => void
  closeComparison: () => void
  toggleChange: (change: Change) => void
  ensureCompareRows: (start: number, end: number) => void
  /** Rejects with the ApiError, so the caller can ask before replacing a file. */
  exportComparison: (
    request: Omit<ComparisonFileRequest, 'olderId' | 'newerId' | 'changes'>
  ) => Promise<ExportOutcome>
}

export const createCompareSlice: SliceFactory<CompareSlice> = (api) => (set, get) => {
  let pending = new Set<number>()

  function fetchPage(page: number): void {
    const { comparing, compareChanges, compareVersion: version } = get()
    if (!comparing || pending.has(page)) return
    const inFlight = pending
    inFlight.add(page)
    api.results
      .compareRows({
        ...comparing,
        ...(compareChanges.length ? { changes: compareChanges } : {}),
        offset: page * COMPARE_PAGE,
        limit: COMPARE_PAGE
      })
      .then((result) => {
        if (get().compareVersion !== version) return
        set((state) => ({
          comparePages: { ...state.comparePages, [page]: result.rows },
          compareTotal: result.total
        }))
      })
      .catch((error: unknown) => {
        if (get().compareVersion === version) set({ compareError: toUiError(error) })
      })
      .finally(() => inFlight.delete(page))
  }

  function reload(changes: Change[]): void {
    pending = new Set()
    set((state) => ({
      compareChanges: changes,
      compareVersion: state.compareVersion + 1,
      compareTotal: null,
      comparePages: {},
      compareError: null
    }))
    fetchPage(0)
  }

  return {
    comparing: null,
    comparison: null,
    compareChanges: [],
    compareVersion: 0,
    compareTotal: null,
    comparePages: {},
    compareError: null,

    openComparison(a, b) {
      const [older, newer] = a.createdAt <= b.createdAt ? [a, b] : [b, a]
      const comparing = { olderId: older.id, newerId: newer.id }
      set({ comparing, comparison: null })
      reload([])
      api.results
        .compare(comparing)
        .then((comparison) => {
          if (get().comparing === comparing) set({ comparison })
        })
        .catch((error: unknown) => set({ compareError: toUiError(error) }))
    },

    closeComparison() {
      pending = new Set()
      set((state) => ({
        comparing: null,
        comparison: null,
        compareChanges: [],
        compareVersion: state.compareVersion + 1,
        comparePages: {},
        compareTotal: null,
        compareError: null
      }))
    },

    toggleChange(change) {
      const current = get().compareChanges
      reload(current.includes(change) ? current.filter((c) => c !== change) : [...current, change])
    },

    ensureCompareRows(start, end) {
      const { comparePages, compareTotal } = get()
      const last = compareTotal === null ? start : Math.min(end, Math.max(compareTotal - 1, 0))
      for (let page = Math.floor(start / COMPARE_PAGE); page <= Math.floor(last / COMPARE_PAGE); page++) {
        if (!comparePages[page]) fetchPage(page)
      }
    },

    exportComparison(request) {
      const { comparing, compareChanges } = get()
      if (!comparing) return Promise.reject(new Error(translate('results:compare.noneOpen')))
      return api.exports.comparison({
        ...request,
        // Line types in the UI's language; headers and words stay English (no Chinese-file choice here yet).
        labelsLanguage: currentLanguage(),
        ...comparing,
        ...(compareChanges.length ? { changes: compareChanges } : {})
      })
    }
  }
}
