// Test transport only: implements window.api in a plain browser page by forwarding every call to the test host's
// WebSocket, which dispatches it to the same handler table the Electron app mounts on IPC. It plays the part of
// the preload (src-preload/index.ts) and exposes the api the way contextBridge does, with contextBridge's limits,
// so a design that only works without them fails here too.
import { createApi } from '../../src-preload/contract/client'
import { EXPORT_PROGRESS_EVENT, JOB_PROGRESS_EVENT } from '../../src-preload/contract/channels'
import type { Envelope } from '../../src-preload/contract/envelope'
import type { ExportProgress, JobProgress } from '../../src-preload/contract/types'

type Pending = { resolve: (value: Envelope<unknown>) => void; reject: (error: Error) => void }

const pending = new Map<number, Pending>()
const progressListeners = new Set<(p: JobProgress) => void>()
const exportListeners = new Set<(p: ExportProgress) => void>()
let nextId = 1

const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__ws`)
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true })
  socket.addEventListener('error', () => reject(new Error('test host connection failed')), { once: true })
})

socket.addEventListener('message', (event) => {
  const message = JSON.parse(String(event.data)) as
    { id: number; envelope: Envelope<unknown> } | { event: string; payload: JobProgress | ExportProgress }
  if ('event' in message) {
    if (message.event === JOB_PROGRESS_EVENT)
      for (const listener of progressListeners) listener(message.payload as JobProgress)
    if (message.event === EXPORT_PROGRESS_EVENT)
      for (const listener of exportListeners) listener(message.payload as ExportProgress)
    return
  }
  const waiter = pending.get(message.id)
  pending.delete(message.id)
  waiter?.resolve(message.envelope)
})
socket.addEventListener('close', () => {
  for (const waiter of pending.values()) waiter.reject(new Error('test host connection closed'))
  pending.clear()
})

async function invoke<T>(channel: string, payload?: unknown): Promise<Envelope<T>> {
  await opened
  const id = nextId++
  const envelope = await new Promise<Envelope<unknown>>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    socket.send(JSON.stringify({ id, channel, payload }))
  })
  return envelope as Envelope<T>
}

// ── contextBridge, as far as a page can imitate it ──────────────────────────────────────────────────────────
// Values crossing the bridge are structured-cloned: class instances arrive as plain objects (prototype lost),
// and a function inside a value cannot be cloned. Functions passed as arguments or returned (listeners, the
// unsubscribe) are proxied. A thrown or rejected Error arrives reduced to a plain Error with only its message.

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function cross(value: unknown): unknown {
  if (typeof value === 'function') return proxy(value as (...args: unknown[]) => unknown)
  return structuredClone(value)
}

function proxy(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    let result: unknown
    try {
      result = fn(...args.map(cross))
    } catch (error) {
      throw new Error(messageOf(error))
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => cross(value),
        (error: unknown) => {
          throw new Error(messageOf(error))
        }
      )
    }
    return cross(result)
  }
}

function exposeInMainWorld(key: string, value: object): void {
  const bridge = (source: object): object => {
    const out: Record<string, unknown> = {}
    for (const [name, member] of Object.entries(source)) {
      out[name] =
        typeof member === 'function'
          ? proxy(member as (...args: unknown[]) => unknown)
          : member && typeof member === 'object'
            ? bridge(member)
            : structuredClone(member)
    }
    return Object.freeze(out)
  }
  Object.defineProperty(window, key, { value: bridge(value), writable: false })
}

const api = createApi({
  invoke,
  onJobProgress(listener) {
    progressListeners.add(listener)
    return () => progressListeners.delete(listener)
  },
  onExportProgress(listener) {
    exportListeners.add(listener)
    return () => exportListeners.delete(listener)
  },
  // Electron's preload asks webUtils.getPathForFile; a browser page cannot, so the test host answers from the
  // queue that tests fill through POST /__test/drop-path (null when nothing is queued).
  async pathForDroppedFile(file) {
    const response = await fetch(`/__test/dropped-path?name=${encodeURIComponent(file.name)}`)
    const { path } = (await response.json()) as { path: string | null }
    return path
  }
})

exposeInMainWorld('api', api)
