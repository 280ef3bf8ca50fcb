import type { AmbiguousChoice } from '@contract/types'
import { translate } from '../i18n'
import { toUiError } from '../lib/errors'
import type { SliceFactory } from './types'
import { regionName } from '../lib/format'

export const AMBIGUOUS_REASON = 'ambiguous_region'

export interface AmbiguousSlice {
  /** The job the figures below belong to. */
  ambiguousJobId: string | null
  /** Countries the job's ambiguous numbers can be read in, most numbers first. */
  ambiguousChoices: AmbiguousChoice[]
  /** Rows whose result is ambiguous_region, over the whole job (whatever the table's filter). */
  ambiguousRows: number
  /** The country being applied, while resolveAmbiguous runs. */
  ambiguousResolving: string | null
  loadAmbiguous: (jobId: string) => Promise<void>
  /** Reads the open job's ambiguous numbers in `country`, then refreshes the job, table, facets and banner. */
  resolveAmbiguous: (country: string) => Promise<void>
  /** Narrows the table to the ambiguous rows only. */
  showAmbiguous: () => void
}

export const createAmbiguousSlice: SliceFactory<AmbiguousSlice> = (api) => (set, get) => {
  let seq = 0

  return {
    ambiguousJobId: null,
    ambiguousChoices: [],
    ambiguousRows: 0,
    ambiguousResolving: null,

    async loadAmbiguous(jobId) {
      const mine = ++seq
      if (get().ambiguousJobId !== jobId)
        set({ ambiguousJobId: jobId, ambiguousChoices: [], ambiguousRows: 0 })
      try {
        const [choices, facets] = await Promise.all([
          api.jobs.ambiguousChoices(jobId),
          api.results.facets({ jobId, filter: {} })
        ])
        if (mine !== seq) return
        const rows = facets.reasons.find((facet) => facet.value === AMBIGUOUS_REASON)?.count ?? 0
        set({ ambiguousJobId: jobId, ambiguousChoices: choices, ambiguousRows: rows })
      } catch {
        // The banner is an aid: without its figures the table and the reason filter still show these rows.
        if (mine === seq) set({ ambiguousChoices: [], ambiguousRows: 0 })
      }
    },

    async resolveAmbiguous(country) {
      const jobId = get().ambiguousJobId
      if (!jobId || get().ambiguousResolving) return
      set({ ambiguousResolving: country })
      try {
        const { resolved } = await api.jobs.resolveAmbiguous({ jobId, country })
        const name = regionName(country, get().appInfo?.regions)
        get().pushToast({
          kind: 'success',
          message:
            resolved === 0
              ? translate('live:toast.resolvedNone', { country: name })
              : translate('live:toast.resolved', { count: resolved, country: name })
        })
        // Chosen numbers change status and reason, and may queue a paid check again: read everything anew.
        await Promise.all([get().reloadJob(), get().loadAmbiguous(jobId), get().loadJobs()])
        if (get().resultsJobId === jobId) get().retryResults()
      } catch (error) {
        get().pushToast({ kind: 'error', message: toUiError(error).message })
      } finally {
        set({ ambiguousResolving: null })
      }
    },

    showAmbiguous() {
      get().setFilter({
        reasons: [AMBIGUOUS_REASON],
        statuses: undefined,
        lineTypes: undefined,
        countries: undefined,
        search: undefined
      })
    }
  }
}
