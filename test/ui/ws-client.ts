// Test transport only: implements window.api in a plain browser page by forwarding every call to the test host's
// WebSocket, which dispatches it to the same handler table the Electron app mounts on IPC.
import { createApi } from '../../src-preload/contract/client'
import { JOB_PROGRESS_EVENT } from '../../src-preload/contract/channels'
import { unwrap, type Envelope } from '../../src-preload/contract/envelope'
import type { JobProgress } from '../../src-preload/contract/types'

type Pending = { resolve: (value: Envelope<unknown>) => void; reject: (error: Error) => void }

const pending = new Map<number, Pending>()
const progressListeners = new Set<(p: JobProgress) => void>()
let nextId = 1

const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__ws`)
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true })
  socket.addEventListener('error', () => reject(new Error('test host connection failed')), { once: true })
})

socket.addEventListener('message', (event) => {
  const message = JSON.parse(String(event.data)) as
    { id: number; envelope: Envelope<unknown> } | { event: string; payload: JobProgress }
  if ('event' in message) {
    if (message.event === JOB_PROGRESS_EVENT)
      for (const listener of progressListeners) listener(message.payload)
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

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  await opened
  const id = nextId++
  const envelope = await new Promise<Envelope<unknown>>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    socket.send(JSON.stringify({ id, channel, payload }))
  })
  return unwrap(envelope as Envelope<T>)
}

const api = createApi({
  invoke: call,
  onJobProgress(listener) {
    progressListeners.add(listener)
    return () => progressListeners.delete(listener)
  },
  // A browser page never learns a dropped file's path; only Electron's webUtils can tell it.
  pathForDroppedFile: () => null
})

Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
