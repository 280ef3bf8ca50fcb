// Reading contact files: workbooks, delimited text and vCards, in-process or in a worker thread.
export {
  ImportError,
  importError,
  type ImportErrorCode,
  IMPORT_ERROR_CODES,
  isImportErrorCode
} from './errors'
export { DEFAULT_LIMITS, type ImportLimits } from './limits'
export { previewFile, type PreviewOptions } from './preview'
export { readTable, type ReadOptions, type ReadResult } from './read-table'
export {
  ImportSession,
  previewFileInWorker,
  readTableInWorker,
  sourceWorkerScriptForTests,
  type WorkerScript
} from './worker-client'
export { phoneSignal, headerPhoneMatch } from './column-detect'
