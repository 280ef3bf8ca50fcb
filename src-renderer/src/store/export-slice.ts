import type { SavePathRequest } from '@contract/api'
import type { ExportRequest, ExportResult } from '@contract/types'
import { toUiError } from '../lib/errors'
import type { SliceFactory } from './types'

export interface ExportSlice {
  /** Native save dialog; resolves null when the user cancels. */
  pickExportPath: (request: SavePathRequest) => Promise<string | null>
  /** Rejects with the ApiError so the dialog can react to file_exists and would_overwrite_source. */
  runExport: (request: ExportRequest) => Promise<ExportResult>
  revealFile: (filePath: string) => Promise<void>
}

export const createExportSlice: SliceFactory<ExportSlice> = (api) => (_set, get) => ({
  pickExportPath(request) {
    return api.files.pickSavePath(request)
  },

  runExport(request) {
    return api.exports.run(request)
  },

  async revealFile(filePath) {
    try {
      await api.files.reveal(filePath)
    } catch (error) {
      get().pushToast({ kind: 'error', message: toUiError(error).message })
    }
  }
})
