import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { createApi } from './contract/client'
import { JOB_PROGRESS_EVENT } from './contract/channels'
import { unwrap, type Envelope } from './contract/envelope'
import type { JobProgress } from './contract/types'

// The only file that touches ipcRenderer: one function per operation, never a generic channel or process.env.
const api = createApi({
  invoke: async <T>(channel: string, payload?: unknown): Promise<T> =>
    unwrap((await ipcRenderer.invoke(channel, payload)) as Envelope<T>),
  onJobProgress(listener) {
    const handler = (_event: IpcRendererEvent, progress: JobProgress): void => listener(progress)
    ipcRenderer.on(JOB_PROGRESS_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(JOB_PROGRESS_EVENT, handler)
    }
  },
  pathForDroppedFile: (file) => webUtils.getPathForFile(file) || null
})

contextBridge.exposeInMainWorld('api', api)
