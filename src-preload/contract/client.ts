import type { BridgeApi, PickedFile } from './api'
import { Channels } from './channels'
import { failure, type Envelope } from './envelope'
import type { ExportProgress, JobProgress } from './types'

/** How a transport carries one call: resolves with the handler's envelope (it may reject if the transport fails). */
export type Invoke = <T>(channel: string, payload?: unknown) => Promise<Envelope<T>>

export interface Transport {
  invoke: Invoke
  onJobProgress(listener: (progress: JobProgress) => void): () => void
  onExportProgress(listener: (progress: ExportProgress) => void): () => void
  /** The on-disk path of a dropped File (Electron's webUtils.getPathForFile); null when it has none. */
  pathForDroppedFile(file: File): string | null | Promise<string | null>
}

/**
 * The one mapping from Api methods to channels, shared by the Electron preload and the UI-test transport so
 * the tests exercise exactly the calls the app makes. Every async method resolves with an envelope and never
 * rejects: that is what crosses contextBridge (see BridgeApi), and the renderer unwraps it.
 */
export function createApi({
  invoke,
  onJobProgress,
  onExportProgress,
  pathForDroppedFile
}: Transport): BridgeApi {
  const call = async <T>(channel: string, payload?: unknown): Promise<Envelope<T>> => {
    try {
      return await invoke<T>(channel, payload)
    } catch (error) {
      return failure('transport_failed', error)
    }
  }
  return {
    app: {
      info: () => call(Channels.appInfo),
      setPreferences: (patch) => call(Channels.setPreferences, patch)
    },
    files: {
      pickSpreadsheet: () => call(Channels.pickSpreadsheet),
      pickSavePath: (request) => call(Channels.pickSavePath, request),
      reveal: (file) => call(Channels.reveal, file),
      writeImage: (request) => call(Channels.writeImage, request),
      async registerDroppedFile(file) {
        let path: string | null = null
        try {
          path = await pathForDroppedFile(file)
        } catch {
          path = null
        }
        if (!path) return { ok: true, value: null }
        return call<PickedFile>(Channels.registerDrop, path)
      }
    },
    imports: {
      preview: (request) => call(Channels.preview, request),
      countrySplit: (request) => call(Channels.countrySplit, request)
    },
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
      uncertain: (jobId) => call(Channels.uncertain, jobId),
      resolveAmbiguous: (request) => call(Channels.resolveAmbiguous, request),
      ambiguousChoices: (jobId) => call(Channels.ambiguousChoices, jobId)
    },
    results: {
      query: (query) => call(Channels.queryResults, query),
      facets: (request) => call(Channels.facets, request),
      row: (request) => call(Channels.rowDetail, request),
      spend: (jobId) => call(Channels.spend, jobId),
      compare: (request) => call(Channels.compare, request),
      compareRows: (request) => call(Channels.compareRows, request)
    },
    exports: {
      run: (request) => call(Channels.runExport, request),
      comparison: (request) => call(Channels.exportComparison, request),
      cancel: (exportId) => call(Channels.cancelExport, exportId)
    },
    providers: {
      list: () => call(Channels.listProviders),
      saveSettings: (request) => call(Channels.saveProviderSettings, request),
      setKey: (request) => call(Channels.setProviderKey, request),
      deleteKey: (request) => call(Channels.deleteProviderKey, request),
      testConnection: (id) => call(Channels.testProvider, id)
    },
    onJobProgress,
    onExportProgress
  }
}
