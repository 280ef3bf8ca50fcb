// The UI test host: the real handler table (real core, real SQLite, real import worker) mounted on a WebSocket
// on 127.0.0.1, serving the built renderer with a window.api that speaks to it. A test transport, not a product
// mode. The native dialogs are replaced by queues the tests fill through /__test/* endpoints.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { build } from 'esbuild'
import { WebSocketServer, type WebSocket } from 'ws'
import type { SavePathRequest } from '../../src-preload/contract/api'
import { EXPORT_PROGRESS_EVENT, JOB_PROGRESS_EVENT } from '../../src-preload/contract/channels'
import { createDispatch } from '../../src-main/api/dispatch'
import { createHandlers } from '../../src-main/api/handlers'
import type { Platform } from '../../src-main/api/platform'
import { createServices } from '../../src-main/core/services'
import type { LiveProviderId } from '../../src-main/core/providers/types'
import {
  KeytarSecretStore,
  SECRET_ACCOUNTS,
  type EnvLike,
  type SecretStore
} from '../../src-main/core/secrets'
import { sourceWorkers } from '../helpers/services'

const ROOT = resolve(__dirname, '../..')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export interface TestHost {
  url: string
  dataDir: string
  /** The keychain service this host saves keys under (never the real 'Ringtrue'). */
  keychainService: string
  close(): Promise<void>
}

export interface HostOptions {
  port?: number
  dataDir?: string
  /**
   * The whole environment the services see for RINGTRUE_* overrides (keys, base URLs). The developer's own
   * process.env is deliberately not used, so a key exported in their shell cannot change what a test sees.
   */
  env?: EnvLike
  /** Base URLs saved as settings before the page loads, to point providers at local simulators. */
  baseUrls?: Partial<Record<LiveProviderId, string>>
  /** Replaces the test keychain, e.g. with one that reports itself unavailable. */
  secrets?: SecretStore
  /** Stands in for the OS locale (Electron's app.getLocale()); default en-US. */
  locale?: string
}

interface DialogQueues {
  open: string[]
  save: string[]
  saveRequests: SavePathRequest[]
  /** Paths the next dropped files "have" (what Electron's webUtils.getPathForFile would tell the preload). */
  drop: string[]
  revealed: string[]
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {}
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json'
): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' })
  response.end(body)
}

export async function startHost(options: HostOptions = {}): Promise<TestHost> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the UI tests')
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ringtrue-ui-'))
  // The real keychain (gnome-keyring under scripts/with-keyring.sh), but a service of its own per host process.
  const keychainService = `Ringtrue-uitest-${process.pid}`
  const secrets = options.secrets ?? new KeytarSecretStore({ service: keychainService })
  const services = createServices({
    dataDir,
    ...sourceWorkers(),
    secrets,
    env: options.env ?? {}
  })
  for (const [id, url] of Object.entries(options.baseUrls ?? {}) as [LiveProviderId, string][]) {
    services.settings.save(id, { baseUrl: url })
  }
  const queues: DialogQueues = { open: [], save: [], saveRequests: [], drop: [], revealed: [] }
  const platform: Platform = {
    pickSpreadsheet: async () => queues.open.shift() ?? null,
    pickSavePath: async (request) => {
      queues.saveRequests.push(request)
      return queues.save.shift() ?? null
    },
    reveal: async (filePath) => {
      queues.revealed.push(filePath)
    }
  }
  const dispatch = createDispatch(
    createHandlers({ services, platform, version: 'test', locale: options.locale ?? 'en-US' }),
    (error) => console.error('[host] unexpected handler error', error)
  )
  const clientBundle = await build({
    entryPoints: [join(__dirname, 'ws-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent'
  })
  const clientScript = clientBundle.outputFiles[0].text

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (url.pathname === '/__test/api.js') return send(response, 200, clientScript, MIME['.js'])
      if (url.pathname === '/__test/dropped-path') {
        return send(response, 200, JSON.stringify({ path: queues.drop.shift() ?? null }))
      }
      if (url.pathname.startsWith('/__test/') && request.method === 'POST') {
        const body = await readJson(request)
        if (url.pathname === '/__test/open-path') queues.open.push(String(body.path))
        else if (url.pathname === '/__test/save-path') queues.save.push(String(body.path))
        else if (url.pathname === '/__test/drop-path') queues.drop.push(String(body.path))
        else return send(response, 404, '{}')
        return send(response, 200, '{}')
      }
      if (url.pathname === '/__test/state') {
        return send(response, 200, JSON.stringify({ ...queues, dataDir }))
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
      const file = normalize(join(RENDERER_DIR, relative))
      if (!file.startsWith(RENDERER_DIR) || !existsSync(file))
        return send(response, 404, 'not found', 'text/plain')
      let body: string | Buffer = readFileSync(file)
      if (relative === 'index.html') {
        // The injected api must exist before the app's module script runs; classic scripts run first.
        body = body.toString('utf8').replace('<script', '<script src="/__test/api.js"></script>\n    <script')
      }
      send(response, 200, body, MIME[extname(file)] ?? 'application/octet-stream')
    })().catch((error: unknown) => send(response, 500, JSON.stringify({ error: String(error) })))
  })

  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ server, path: '/__ws' })
  wss.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('message', (data) => {
      void (async () => {
        const message = JSON.parse(data.toString()) as { id: number; channel: string; payload: unknown }
        const envelope = await dispatch(message.channel, message.payload ?? undefined)
        socket.send(JSON.stringify({ id: message.id, envelope }))
      })()
    })
  })
  services.jobs.onProgress((payload) => {
    const text = JSON.stringify({ event: JOB_PROGRESS_EVENT, payload })
    for (const socket of sockets) socket.send(text)
  })
  services.exports.onProgress((payload) => {
    const text = JSON.stringify({ event: EXPORT_PROGRESS_EVENT, payload })
    for (const socket of sockets) socket.send(text)
  })

  await new Promise<void>((resolvePromise) => server.listen(options.port ?? 0, '127.0.0.1', resolvePromise))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    keychainService,
    close: async () => {
      for (const socket of sockets) socket.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
      services.close()
      // Leave nothing behind in the test keyring; a missing keychain is not a reason to fail the teardown.
      for (const account of SECRET_ACCOUNTS) await secrets.delete(account).catch(() => false)
    }
  }
}

if (require.main === module) {
  const portArg = process.argv.indexOf('--port')
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 5199
  const localeArg = process.argv.indexOf('--locale')
  const locale = localeArg > 0 ? process.argv[localeArg + 1] : undefined
  startHost({ port, locale })
    .then((host) => {
      console.log(`Ringtrue test host: ${host.url} (data: ${host.dataDir})`)
      const stop = (): void => void host.close().then(() => process.exit(0))
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    })
}
