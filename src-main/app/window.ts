import { join } from 'node:path'
import { BrowserWindow, nativeTheme } from 'electron'

/**
 * What the window shows before the page paints (and behind it while resizing): the page's --bg-main, in the
 * theme main already knows from nativeTheme (its themeSource follows the user's choice), so a dark start has no
 * white flash.
 */
export function windowBackground(dark: boolean): string {
  return dark ? '#1b1b21' : '#f6f7f9'
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Ringtrue',
    backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors),
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      // Written out on purpose: the electron-vite template turns the sandbox off.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Middle-click would otherwise try to open links in a new window; the open handler denies them anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  // The OS or the Settings choice switched theme: keep the backdrop in step with the page.
  const followTheme = (): void => window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors))
  nativeTheme.on('updated', followTheme)
  window.once('closed', () => nativeTheme.off('updated', followTheme))
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}
