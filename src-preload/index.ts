import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { createApi } from './contract/client'
import { EXPORT_PROGRESS_EVENT, JOB_PROGRESS_EVENT } from './contract/channels'
import type { Envelope } from './contract/envelope'
import {
  MENU_COMMAND_EVENT,
  MENU_COMMANDS,
  type ExportProgress,
  type JobProgress,
  type MenuBridge
} from './contract/types'

// The only file that touches ipcRenderer: one function per operation, never a generic channel or process.env.
// Every call resolves with main's envelope as data (contextBridge would strip an error's code); the renderer
// unwraps it in src-renderer/src/lib/api.ts.
const api = createApi({
  invoke: <T>(channel: string, payload?: unknown) =>
    ipcRenderer.invoke(channel, payload) as Promise<Envelope<T>>,
  onJobProgress(listener) {
    const handler = (_event: IpcRendererEvent, progress: JobProgress): void => listener(progress)
    ipcRenderer.on(JOB_PROGRESS_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(JOB_PROGRESS_EVENT, handler)
    }
  },
  onExportProgress(listener) {
    const handler = (_event: IpcRendererEvent, progress: ExportProgress): void => listener(progress)
    ipcRenderer.on(EXPORT_PROGRESS_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(EXPORT_PROGRESS_EVENT, handler)
    }
  },
  // Only a real File the user dropped has a path: a File the page constructs has none ('') and anything else
  // throws (createApi answers null). The path goes straight to main, which answers with a handle.
  pathForDroppedFile: (file) => webUtils.getPathForFile(file) || null
})

contextBridge.exposeInMainWorld('api', api)

// Menu commands are a fixed set: anything else on the channel is dropped here, before the page sees it.
const menu: MenuBridge = {
  onMenuCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: unknown): void => {
      if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) {
        listener(command as (typeof MENU_COMMANDS)[number])
      }
    }
    ipcRenderer.on(MENU_COMMAND_EVENT, handler)
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_EVENT, handler)
    }
  }
}

contextBridge.exposeInMainWorld('menu', menu)
