import { join } from 'node:path'
import { app, BrowserWindow, dialog, Menu, nativeTheme } from 'electron'
import { createDispatch } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { databasePath, defaultDataDir } from './core/paths'
import { createServices, type Services } from './core/services'
import { resolveLanguage, type Preferences } from '@contract/types'
import { mountIpc, pushExportProgress, pushProgress } from './app/ipc'
import { installMenu } from './app/menu'
import { electronSqliteBinding } from './app/native'
import { electronPlatform } from './app/platform'
import { PaidRunGuard } from './app/quit-guard'
import { installSecurityPolicy } from './app/security'
import { openServicesOrExplain } from './app/store-dialog'
import { createMainWindow } from './app/window'

// The CLI reads the same folder; pin userData to it so the two can never drift apart.
const dataDir = defaultDataDir()
app.setPath('userData', dataDir)
app.setName('Ringtrue')

let mainWindow: BrowserWindow | null = null
let services: Services | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  app.whenReady().then(() => {
    installSecurityPolicy()
    services = openServicesOrExplain(
      () =>
        createServices({
          dataDir,
          importWorker: { path: join(__dirname, 'import-worker.js') },
          jobsWorker: { path: join(__dirname, 'jobs-worker.js') },
          nativeBinding: electronSqliteBinding(app.getAppPath())
        }),
      databasePath(dataDir),
      dialog
    )
    if (!services) {
      app.quit()
      return
    }
    // The theme choice also themes what the OS draws (dialogs, scrollbars) and prefers-color-scheme in the page.
    nativeTheme.themeSource = services.preferences.read().theme
    // The menu speaks the UI language and is rebuilt when the user picks another.
    const menuFor = (preferences: Preferences): void =>
      installMenu(Menu, () => mainWindow, {
        language: resolveLanguage(preferences.language, app.getLocale()),
        mac: process.platform === 'darwin',
        dev: !app.isPackaged
      })
    menuFor(services.preferences.read())
    const handlers = createHandlers({
      services,
      platform: electronPlatform(() => mainWindow),
      version: app.getVersion(),
      locale: app.getLocale(),
      onPreferences: (preferences) => {
        nativeTheme.themeSource = preferences.theme
        menuFor(preferences)
      }
    })
    mountIpc(createDispatch(handlers, (error) => console.error('Unexpected error in a handler:', error)))
    services.jobs.onProgress((progress) => pushProgress(mainWindow, progress))
    services.exports.onProgress((progress) => pushExportProgress(mainWindow, progress))
    const guard = new PaidRunGuard(() => services)
    const openWindow = (): BrowserWindow => {
      const window = createMainWindow()
      window.on('closed', () => (mainWindow = null))
      guard.watch(window)
      return window
    }
    mainWindow = openWindow()

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // will-quit, not before-quit: the paid-run guard may still cancel the quit in before-quit.
  app.on('will-quit', () => {
    services?.close()
    services = null
  })
}
