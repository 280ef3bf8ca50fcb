import type { StateCreator } from 'zustand'
import type { Api } from '@contract/api'
import type { ImportSlice } from './import-slice'
import type { JobsSlice } from './jobs-slice'
import type { ResultsSlice } from './results-slice'
import type { UiSlice } from './ui-slice'
import type { ExportSlice } from './export-slice'
import type { SettingsSlice } from './settings-slice'
import type { PlanSlice } from './plan-slice'
import type { LiveSlice } from './live-slice'
import type { AmbiguousSlice } from './ambiguous-slice'
import type { CompareSlice } from './compare-slice'

export type AppState = UiSlice &
  ImportSlice &
  JobsSlice &
  ResultsSlice &
  ExportSlice &
  SettingsSlice &
  PlanSlice &
  LiveSlice &
  AmbiguousSlice &
  CompareSlice

/** Every slice is built with the Api it should talk to, so tests can hand the store a fake. */
export type SliceFactory<T> = (api: Api) => StateCreator<AppState, [], [], T>
