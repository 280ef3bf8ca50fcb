// Entry of the import worker thread. Bundled as out/main/import-worker.js, so it only imports relative modules.
import { parentPort, workerData } from 'node:worker_threads'
import { ImportError } from './errors'
import { previewFile } from './preview'
import { readTable } from './read-table'
import type { ParentMessage, WorkerMessage, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('worker.ts must run in a worker thread')

const send = (message: WorkerMessage) => port.postMessage(message)

/** Batches sent but not yet stored by the caller; one may wait while the next is being read (a pipeline). */
const MAX_IN_FLIGHT = 2
let inFlight = 0
let release: (() => void) | null = null
port.on('message', (message: ParentMessage) => {
  if (message.type !== 'ack') return
  inFlight--
  if (release) {
    const go = release
    release = null
    go()
  }
})

const hooks = {
  onParseStart: (bytes: number) => send({ type: 'parse-start', bytes }),
  onParseEnd: () => send({ type: 'parse-end' }),
  onFileRead: () => send({ type: 'file-read' })
}

async function run(request: WorkerRequest): Promise<void> {
  if (request.type === 'preview') {
    const preview = await previewFile(
      request.filePath,
      { ...request.options, limits: request.limits },
      { hooks }
    )
    send({ type: 'preview', preview })
    return
  }
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
        send({ type: 'batch', rows, firstRowIndex })
      },
      onProgress: (p) => send({ type: 'progress', rowsRead: p.rowsRead, fraction: p.fraction }),
      onTotal: (t) => send({ type: 'total', rows: t.rows, exact: t.exact })
    },
    { hooks }
  )
  // Only report the end once every batch is stored, so the caller never sees the worker finish early.
  while (inFlight > 0) await new Promise<void>((resolve) => (release = resolve))
  send({ type: 'read', headers: result.headers, rowCount: result.rowCount, blankRows: result.blankRows })
}

run(workerData as WorkerRequest).then(
  () => port.unref(),
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e))
    send({
      type: 'error',
      code: err instanceof ImportError ? err.code : null,
      message: err.message,
      stack: err instanceof ImportError ? undefined : err.stack
    })
    port.unref()
  }
)
