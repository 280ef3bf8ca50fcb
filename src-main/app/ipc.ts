import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { Channels } from '@contract/channels'
import { EXPORT_PROGRESS_EVENT, JOB_PROGRESS_EVENT } from '@contract/channels'
import type { ExportProgress, JobProgress } from '@contract/types'
import type { Dispatch } from '../api/dispatch'
import { isAppUrl } from './security'

/** Mounts the handler table on Electron IPC: each call is accepted only from our own top-level page. */
export function mountIpc(dispatch: Dispatch): void {
  for (const channel of Object.values(Channels)) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
        return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame.' } }
      }
      return dispatch(channel, payload)
    })
  }
}

export function pushProgress(window: BrowserWindow | null, progress: JobProgress): void {
  if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) {
    window.webContents.send(JOB_PROGRESS_EVENT, progress)
  }
}

export function pushExportProgress(window: BrowserWindow | null, progress: ExportProgress): void {
  if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) {
    window.webContents.send(EXPORT_PROGRESS_EVENT, progress)
  }
}
