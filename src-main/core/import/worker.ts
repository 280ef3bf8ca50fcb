// Entry of the import worker thread. Bundled as out/main/import-worker.js, so it only imports relative modules.
import { stat } from 'node:fs/promises'
import { parentPort } from 'node:worker_threads'
import { ImportError } from './errors'
import type { KeptRead } from './kept'
import type { ImportLimits } from './limits'
import { previewFile } from './preview'
import { readTable } from './read-table'
import { encodeBatch } from '../store/source-blocks'
import type { ParentMessage, WorkerMessage, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('worker.ts must run in a worker thread')

const send = (message: WorkerMessage) => port.postMessage(message)

/** Batches sent but not yet stored by the caller; one may wait while the next is being read (a pipeline). */
const MAX_IN_FLIGHT = 2
let inFlight = 0
let release: (() => void) | null = null

const hooks = {
  onParseStart: (bytes: number) => send({ type: 'parse-start', bytes }),
  onParseEnd: () => send({ type: 'parse-end' }),
  onFileRead: () => send({ type: 'file-read' })
}

/**
 * What the last preview read, for the import that usually follows it: one file at a time. The key holds the
 * file's size and modification time, so a file changed since is read again instead of served stale.
 */
let kept: { key: string; read: KeptRead } | null = null

async function keyOf(filePath: string, limits: ImportLimits): Promise<string | null> {
  try {
    const info = await stat(filePath)
    return JSON.stringify([filePath, info.size, info.mtimeMs, limits])
  } catch {
    return null
  }
}

/** The kept read of this very file, if it is unchanged; anything else kept is dropped before a new parse. */
async function reuse(
  filePath: string,
  limits: ImportLimits
): Promise<{ key: string | null; read?: KeptRead }> {
  const key = await keyOf(filePath, limits)
  const read = key !== null && kept?.key === key ? kept.read : undefined
  kept = null
  return { key, read }
}

async function run(request: WorkerRequest): Promise<void> {
  inFlight = 0
  release = null
  if (request.type === 'preview') {
    const { key, read } = await reuse(request.filePath, request.limits)
    let next: KeptRead | null = null
    const preview = await previewFile(
      request.filePath,
      { ...request.options, limits: request.limits },
      { hooks, source: read?.source, keep: (k) => (next = k) }
    )
    // A preview served from a kept workbook keeps it; a text preview keeps what it read this time.
    if (key !== null && next) kept = { key, read: next }
    send({ type: 'preview', preview })
    return
  }
  const { read } = await reuse(request.filePath, request.limits)
  const result = await readTable(
    request.filePath,
    {
      ...request.options,
      limits: request.limits,
      // The caller acknowledges each batch once it has stored it. Reading goes on while at most one batch waits,
      // so parsing and the caller's inserts overlap but memory stays bounded.
      onBatch: async (rows, firstRowIndex) => {
        while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve))
        inFlight++
        // Encoded here, the batch costs the storing thread nothing but its inserts.
        if (request.options.encode) send({ type: 'blocks', batch: encodeBatch(rows, firstRowIndex) })
        else send({ type: 'batch', rows, firstRowIndex })
      },
      onProgress: (p) => send({ type: 'progress', rowsRead: p.rowsRead, fraction: p.fraction }),
      onTotal: (t) => send({ type: 'total', rows: t.rows, exact: t.exact }),
      onSample: request.options.sample ? (rows) => send({ type: 'sample', rows }) : undefined
    },
    { hooks, kept: read }
  )
  // Only report the end once every batch is stored, so the caller never sees the worker finish early.
  while (inFlight > 0) await new Promise<void>((resolve) => (release = resolve))
  send({ type: 'read', headers: result.headers, rowCount: result.rowCount, blankRows: result.blankRows })
}

// One request at a time; the caller sends the next only after the last one answered.
let queue: Promise<void> = Promise.resolve()
port.on('message', (message: ParentMessage) => {
  if (message.type === 'exit') {
    // Between two steps of the read, never inside one (a thread stopped inside a zlib call can abort Node).
    process.exit(0)
  }
  if (message.type === 'ack') {
    inFlight--
    if (release) {
      const go = release
      release = null
      go()
    }
    return
  }
  const request = message.request
  queue = queue.then(() =>
    run(request).catch((e: unknown) => {
      kept = null
      const err = e instanceof Error ? e : new Error(String(e))
      send({
        type: 'error',
        code: err instanceof ImportError ? err.code : null,
        message: err.message,
        params: err instanceof ImportError ? err.params : undefined,
        stack: err instanceof ImportError ? undefined : err.stack
      })
    })
  )
})
