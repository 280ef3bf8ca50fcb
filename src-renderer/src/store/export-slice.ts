import type { ExportFileRequest, ExportOutcome, FileHandle, PickedFile, SavePathRequest } from '@contract/api'
import { chartPng, type LegendLine } from '../lib/chart-image'
import { toUiError } from '../lib/errors'
import type { SliceFactory } from './types'

export interface ExportSlice {
  /** Native save dialog; resolves null when the user cancels. The handle is good for writing that path only. */
  pickExportPath: (request: SavePathRequest) => Promise<PickedFile | null>
  /** Rejects with the ApiError so the dialog can react to file_exists and would_overwrite_source. */
  runExport: (request: ExportFileRequest) => Promise<ExportOutcome>
  /** Shows a file main handed out a handle for (an exported file, the job's source) in its folder. */
  revealFile: (file: FileHandle) => Promise<void>
  /** Saves a chart as a PNG where the user picks; says where in a toast (or why it failed). */
  saveChart: (svg: SVGSVGElement, title: string, defaultName: string, legend?: LegendLine[]) => Promise<void>
}

export const createExportSlice: SliceFactory<ExportSlice> = (api) => (_set, get) => ({
  pickExportPath(request) {
    return api.files.pickSavePath(request)
  },

  runExport(request) {
    return api.exports.run(request)
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
        message: `Saved the chart to ${written.name}`,
        action: { label: 'Show in folder', run: () => void get().revealFile(written.handle) }
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
