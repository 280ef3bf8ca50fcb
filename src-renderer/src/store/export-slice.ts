import type { ExportFileRequest, ExportOutcome, FileHandle, PickedFile, SavePathRequest } from '@contract/api'
import { toUiError } from '../lib/errors'
import type { SliceFactory } from './types'

export interface ExportSlice {
  /** Native save dialog; resolves null when the user cancels. The handle is good for writing that path only. */
  pickExportPath: (request: SavePathRequest) => Promise<PickedFile | null>
  /** Rejects with the ApiError so the dialog can react to file_exists and would_overwrite_source. */
  runExport: (request: ExportFileRequest) => Promise<ExportOutcome>
  /** Shows a file main handed out a handle for (an exported file, the job's source) in its folder. */
  revealFile: (file: FileHandle) => Promise<void>
}

export const createExportSlice: SliceFactory<ExportSlice> = (api) => (_set, get) => ({
  pickExportPath(request) {
    return api.files.pickSavePath(request)
  },

  runExport(request) {
    return api.exports.run(request)
  },

  async revealFile(file) {
    try {
      await api.files.reveal(file)
    } catch (error) {
      get().pushToast({ kind: 'error', message: toUiError(error).message })
    }
  }
})
