import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { Api } from './contract/api'
import { Channels, JOB_PROGRESS_EVENT } from './contract/channels'
import { unwrap, type Envelope } from './contract/envelope'
import type { JobProgress } from './contract/types'

// The only file that touches ipcRenderer: one function per operation, never a generic channel or process.env.
async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const envelope = (await ipcRenderer.invoke(channel, payload)) as Envelope<T>
  return unwrap(envelope)
}

const api: Api = {
  app: { info: () => call(Channels.appInfo) },
  files: {
    pickSpreadsheet: () => call(Channels.pickSpreadsheet),
    pickSavePath: (request) => call(Channels.pickSavePath, request),
    reveal: (filePath) => call(Channels.reveal, filePath),
    pathForDroppedFile: (file) => webUtils.getPathForFile(file) || null
  },
  imports: { preview: (request) => call(Channels.preview, request) },
  jobs: {
    create: (request) => call(Channels.createJob, request),
    list: () => call(Channels.listJobs),
    get: (jobId) => call(Channels.getJob, jobId),
    cancel: (jobId) => call(Channels.cancelJob, jobId),
    remove: (jobId) => call(Channels.removeJob, jobId)
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
  onJobProgress(listener) {
    const handler = (_event: IpcRendererEvent, progress: JobProgress): void => listener(progress)
    ipcRenderer.on(JOB_PROGRESS_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(JOB_PROGRESS_EVENT, handler)
    }
  }
}

contextBridge.exposeInMainWorld('api', api)
