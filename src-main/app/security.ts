import { app, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describeRefusedUrl, isAllowedExternalUrl, isAppUrl as matchesApp } from './url-policy'

const RENDERER_FILE_URL = pathToFileURL(join(__dirname, '../renderer/index.html')).href

export function isAppUrl(url: string): boolean {
  return matchesApp(url, process.env.ELECTRON_RENDERER_URL, RENDERER_FILE_URL)
}

/** The one way a link leaves the app: only to the allow-listed documentation sites; anything else is logged. */
export function openExternalSafely(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url)
  else console.warn(describeRefusedUrl(url))
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

export function installSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  // Nothing the renderer does needs a permission (camera, notifications, geolocation…).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
  })
}
