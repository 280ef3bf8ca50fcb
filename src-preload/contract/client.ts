import type { Api } from './api'
import { Channels } from './channels'
import type { JobProgress } from './types'

/** How a transport carries one call: resolves with the handler's value or rejects with an ApiError. */
export type Invoke = <T>(channel: string, payload?: unknown) => Promise<T>

export interface Transport {
  invoke: Invoke
  onJobProgress(listener: (progress: JobProgress) => void): () => void
  pathForDroppedFile(file: File): string | null
}

/**
 * The one mapping from Api methods to channels, shared by the Electron preload and the UI-test transport so
 * the tests exercise exactly the calls the app makes.
 */
export function createApi({ invoke: call, onJobProgress, pathForDroppedFile }: Transport): Api {
  return {
    app: { info: () => call(Channels.appInfo) },
    files: {
      pickSpreadsheet: () => call(Channels.pickSpreadsheet),
      pickSavePath: (request) => call(Channels.pickSavePath, request),
      reveal: (filePath) => call(Channels.reveal, filePath),
      pathForDroppedFile
    },
    imports: { preview: (request) => call(Channels.preview, request) },
    jobs: {
      create: (request) => call(Channels.createJob, request),
      list: () => call(Channels.listJobs),
      get: (jobId) => call(Channels.getJob, jobId),
      cancel: (jobId) => call(Channels.cancelJob, jobId),
      remove: (jobId) => call(Channels.removeJob, jobId),
      preflight: (jobId) => call(Channels.preflight, jobId),
      startLive: (request) => call(Channels.startLive, request),
      pause: (jobId) => call(Channels.pauseJob, jobId),
      recheck: (request) => call(Channels.recheck, request),
      uncertain: (jobId) => call(Channels.uncertain, jobId)
    },
    results: {
      query: (query) => call(Channels.queryResults, query),
      facets: (request) => call(Channels.facets, request),
      row: (request) => call(Channels.rowDetail, request)
    },
    exports: { run: (request) => call(Channels.runExport, request) },
    providers: {
      list: () => call(Channels.listProviders),
      saveSettings: (request) => call(Channels.saveProviderSettings, request),
      setKey: (request) => call(Channels.setProviderKey, request),
      deleteKey: (request) => call(Channels.deleteProviderKey, request),
      testConnection: (id) => call(Channels.testProvider, id)
    },
    onJobProgress
  }
}
