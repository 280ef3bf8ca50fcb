import type { ExportFileRequest, ExportOutcome, FileHandle, PickedFile, SavePathRequest } from '@contract/api'
import { currentLanguage, translate } from '../i18n'
import { chartPng, type LegendLine } from '../lib/chart-image'
import { toUiError } from '../lib/errors'
import type { SliceFactory } from './types'

/** The export being written, as main reports it. */
export interface ExportRun {
  exportId: string
  rowsWritten: number
  /** Rows the export reads; null until main's first report. */
  total: number | null
  cancelling: boolean
}

/** What the dialog asks for: the slice names the export and adds the UI's language for the labels. */
export type ExportAsk = Omit<ExportFileRequest, 'exportId' | 'labelsLanguage'>

export interface ExportSlice {
  exportRun: ExportRun | null
  /** Native save dialog; resolves null when the user cancels. The handle is good for writing that path only. */
  pickExportPath: (request: SavePathRequest) => Promise<PickedFile | null>
  /**
   * Writes the export, following its progress in `exportRun`. Rejects with the ApiError so the dialog can react
   * to file_exists, would_overwrite_source and export_cancelled.
   */
  runExport: (request: ExportAsk) => Promise<ExportOutcome>
  /** Asks main to stop the running export; runExport then rejects with export_cancelled. */
  cancelExport: () => Promise<void>
  /** Shows a file main handed out a handle for (an exported file, the job's source) in its folder. */
  revealFile: (file: FileHandle) => Promise<void>
  /** Saves a chart as a PNG where the user picks; says where in a toast (or why it failed). */
  saveChart: (svg: SVGSVGElement, title: string, defaultName: string, legend?: LegendLine[]) => Promise<void>
}

export const createExportSlice: SliceFactory<ExportSlice> = (api) => (set, get) => ({
  exportRun: null,

  pickExportPath(request) {
    return api.files.pickSavePath(request)
  },

  async runExport(request) {
    // Unguessable and ours: progress events and a cancel name this export only.
    const exportId = crypto.randomUUID()
    const mine = (run: ExportRun | null): run is ExportRun => run?.exportId === exportId
    set({ exportRun: { exportId, rowsWritten: 0, total: null, cancelling: false } })
    const off = api.onExportProgress((progress) => {
      if (progress.exportId !== exportId) return
      set((state) =>
        mine(state.exportRun)
          ? { exportRun: { ...state.exportRun, rowsWritten: progress.rowsWritten, total: progress.total } }
          : {}
      )
    })
    try {
      return await api.exports.run({ ...request, exportId, labelsLanguage: currentLanguage() })
    } finally {
      off()
      set((state) => (mine(state.exportRun) ? { exportRun: null } : {}))
    }
  },

  async cancelExport() {
    const run = get().exportRun
    if (!run || run.cancelling) return
    set({ exportRun: { ...run, cancelling: true } })
    try {
      await api.exports.cancel(run.exportId)
    } catch (error) {
      get().pushToast({ kind: 'error', message: toUiError(error).message })
    }
  },

  async saveChart(svg, title, defaultName, legend) {
    try {
      const target = await api.files.pickSavePath({ defaultName, format: 'png' })
      if (!target) return
      const written = await api.files.writeImage({
        target: target.handle,
        png: await chartPng(svg, title, legend)
      })
      get().pushToast({
        kind: 'success',
        message: translate('export:toast.chartSaved', { file: written.name }),
        action: { label: translate('export:toast.reveal'), run: () => void get().revealFile(written.handle) }
      })
    } catch (error) {
      get().pushToast({ kind: 'error', message: toUiError(error).message })
    }
  },

  async revealFile(file) {
    try {
      await api.files.reveal(file)
    } catch (error) {
      get().pushToast({ kind: 'error', message: toUiError(error).message })
    }
  }
})
