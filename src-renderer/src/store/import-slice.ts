import type { PickedFile } from '@contract/api'
import type { CountrySplit, ImportPreview } from '@contract/types'
import { translate } from '../i18n'
import { toUiError, type UiError } from '../lib/errors'
import { buildLivePlan } from '../lib/live-plan'
import type { SliceFactory } from './types'

export type ImportPhase = 'idle' | 'loading' | 'ready' | 'creating'

/** Quiet time after the last mapping change before the country split is asked for again. */
export const SPLIT_DELAY_MS = 300

export interface ImportSlice {
  importPhase: ImportPhase
  importError: UiError | null
  /** The file being previewed (a handle main issued, with its name and path for display). */
  importFile: PickedFile | null
  preview: ImportPreview | null
  /** True while a sheet or header change re-reads the file and the old preview stays on screen. */
  previewBusy: boolean
  phoneColumns: number[]
  countryColumn: number | null
  /** null until the user picks one; the app's default region applies meanwhile. */
  defaultRegion: string | null
  /** How the chosen phone columns' numbers split by country; the last answer stays while a newer one loads. */
  countrySplit: CountrySplit | null
  countrySplitState: 'idle' | 'loading' | 'ready' | 'error'
  countrySplitError: UiError | null
  /** Asks for the split again after a short quiet time; only the newest request's answer lands. */
  requestCountrySplit: () => void
  /** Makes the country most numbers belong to the default (the mapping screen's one-click fix). */
  useSplitCountryAsDefault: () => void
  chooseFile: () => Promise<void>
  dropFile: (file: File) => Promise<void>
  previewFile: (file: PickedFile, options?: { sheet?: string; headerRow?: number | null }) => Promise<void>
  changeSheet: (sheet: string) => Promise<void>
  changeHeaderRow: (headerRow: number | null) => Promise<void>
  togglePhoneColumn: (index: number) => void
  setCountryColumn: (index: number | null) => void
  setDefaultRegion: (code: string) => void
  startImport: () => Promise<void>
  resetImport: () => void
  dismissImportError: () => void
}

const initialImport = {
  importPhase: 'idle' as ImportPhase,
  importError: null,
  importFile: null,
  preview: null,
  previewBusy: false,
  phoneColumns: [],
  countryColumn: null,
  countrySplit: null,
  countrySplitState: 'idle' as const,
  countrySplitError: null
}

export const createImportSlice: SliceFactory<ImportSlice> = (api) => (set, get) => {
  // Only the newest preview request may land; a slow re-read of an old sheet must not overwrite a newer one.
  let previewSeq = 0
  let splitSeq = 0
  let splitTimer: ReturnType<typeof setTimeout> | undefined

  async function loadCountrySplit(seq: number): Promise<void> {
    const { preview, importFile, phoneColumns, countryColumn, appInfo } = get()
    if (!preview || !importFile) return
    const defaultRegion = get().defaultRegion ?? appInfo?.defaultRegion ?? 'US'
    try {
      const split = await api.imports.countrySplit({
        file: importFile.handle,
        mapping: {
          sheet: preview.sheet,
          headerRow: preview.headerRow,
          phoneColumns,
          countryColumn,
          defaultRegion
        }
      })
      if (seq !== splitSeq) return
      set({ countrySplit: split, countrySplitState: 'ready', countrySplitError: null })
    } catch (error) {
      if (seq !== splitSeq) return
      set({ countrySplitState: 'error', countrySplitError: toUiError(error) })
    }
  }

  return {
    ...initialImport,
    defaultRegion: null,

    async chooseFile() {
      try {
        const file = await api.files.pickSpreadsheet()
        if (file) await get().previewFile(file)
      } catch (error) {
        set({ importError: toUiError(error) })
      }
    },

    async dropFile(file) {
      let picked: PickedFile | null = null
      try {
        picked = await api.files.registerDroppedFile(file)
      } catch (error) {
        set({ importError: toUiError(error) })
        return
      }
      if (!picked) {
        set({
          importError: {
            code: 'no_dropped_path',
            message: translate('import:screen.noDroppedPath', { name: file.name })
          }
        })
        return
      }
      await get().previewFile(picked)
    },

    async previewFile(file, options = {}) {
      const seq = ++previewSeq
      const sameFile = get().preview !== null && get().importFile?.handle === file.handle
      if (sameFile) {
        set({ previewBusy: true, importError: null })
      } else {
        set({ ...initialImport, importPhase: 'loading', importFile: file })
      }
      try {
        const preview = await api.imports.preview({ file: file.handle, ...options })
        if (seq !== previewSeq) return
        set({
          preview,
          importPhase: 'ready',
          importFile: file,
          previewBusy: false,
          importError: null,
          phoneColumns: [...preview.suggestedPhoneColumns],
          countryColumn: preview.suggestedCountryColumn
        })
        get().requestCountrySplit()
      } catch (error) {
        if (seq !== previewSeq) return
        set({
          importError: toUiError(error),
          previewBusy: false,
          importPhase: sameFile ? 'ready' : 'idle'
        })
      }
    },

    async changeSheet(sheet) {
      const { preview, importFile } = get()
      if (!preview || !importFile || preview.sheet === sheet) return
      await get().previewFile(importFile, { sheet })
    },

    async changeHeaderRow(headerRow) {
      const { preview, importFile } = get()
      if (!preview || !importFile || preview.headerRow === headerRow) return
      await get().previewFile(importFile, { sheet: preview.sheet, headerRow })
    },

    togglePhoneColumn(index) {
      set((state) => ({
        phoneColumns: state.phoneColumns.includes(index)
          ? state.phoneColumns.filter((column) => column !== index)
          : [...state.phoneColumns, index].sort((a, b) => a - b)
      }))
      get().requestCountrySplit()
    },

    setCountryColumn(index) {
      set({ countryColumn: index })
      get().requestCountrySplit()
    },

    setDefaultRegion(code) {
      set({ defaultRegion: code })
      get().requestCountrySplit()
    },

    requestCountrySplit() {
      const seq = ++splitSeq
      clearTimeout(splitTimer)
      const { preview, importFile, phoneColumns } = get()
      if (!preview || !importFile || phoneColumns.length === 0) {
        set({ countrySplit: null, countrySplitState: 'idle', countrySplitError: null })
        return
      }
      set({ countrySplitState: 'loading', countrySplitError: null })
      splitTimer = setTimeout(() => void loadCountrySplit(seq), SPLIT_DELAY_MS)
    },

    useSplitCountryAsDefault() {
      const country = get().countrySplit?.mismatch?.country
      if (country) get().setDefaultRegion(country)
    },

    async startImport() {
      const { preview, importFile, phoneColumns, countryColumn, appInfo, importPhase } = get()
      if (!preview || !importFile || phoneColumns.length === 0 || importPhase === 'creating') return
      const defaultRegion = get().defaultRegion ?? appInfo?.defaultRegion ?? 'US'
      const draft = get().liveDraft
      const built = draft.enabled ? buildLivePlan(draft) : null
      if (built && !built.ok) {
        set({ importError: { code: 'bad_plan', message: built.error } })
        return
      }
      set({ importPhase: 'creating', importError: null })
      try {
        const { jobId } = await api.jobs.create({
          file: importFile.handle,
          mapping: {
            sheet: preview.sheet,
            headerRow: preview.headerRow,
            phoneColumns,
            countryColumn,
            defaultRegion
          },
          ...(built?.ok ? { live: built.plan } : {})
        })
        // The next check starts offline again; the chain stays set up for when it is switched back on.
        set((state) => ({ ...initialImport, liveDraft: { ...state.liveDraft, enabled: false } }))
        void get().loadJobs()
        await get().openJob(jobId)
      } catch (error) {
        set({ importPhase: 'ready', importError: toUiError(error) })
      }
    },

    resetImport() {
      previewSeq++
      splitSeq++
      clearTimeout(splitTimer)
      set((state) => ({ ...initialImport, liveDraft: { ...state.liveDraft, enabled: false } }))
    },

    dismissImportError() {
      set({ importError: null })
    }
  }
}
