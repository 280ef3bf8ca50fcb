import { create } from 'zustand'
import type { Api } from '@contract/api'
import { createAmbiguousSlice } from './ambiguous-slice'
import { createCompareSlice } from './compare-slice'
import { createExportSlice } from './export-slice'
import { createImportSlice } from './import-slice'
import { createJobsSlice } from './jobs-slice'
import { createLiveSlice } from './live-slice'
import { createPlanSlice } from './plan-slice'
import { createResultsSlice } from './results-slice'
import { createSettingsSlice } from './settings-slice'
import type { AppState } from './types'
import { createUiSlice } from './ui-slice'

export function createAppStore(api: Api) {
  return create<AppState>()((...args) => ({
    ...createUiSlice(api)(...args),
    ...createImportSlice(api)(...args),
    ...createJobsSlice(api)(...args),
    ...createResultsSlice(api)(...args),
    ...createExportSlice(api)(...args),
    ...createSettingsSlice(api)(...args),
    ...createPlanSlice(api)(...args),
    ...createLiveSlice(api)(...args),
    ...createAmbiguousSlice(api)(...args),
    ...createCompareSlice(api)(...args)
  }))
}

export type AppStore = ReturnType<typeof createAppStore>
