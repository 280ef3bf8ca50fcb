// Entry of the import worker thread. Bundled as out/main/import-worker.js, so it only imports relative modules.
import { parentPort, workerData } from 'node:worker_threads'
import { ImportError } from './errors'
import { previewFile } from './preview'
import { readTable } from './read-table'
import type { ParentMessage, WorkerMessage, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('worker.ts must run in a worker thread')

const send = (message: WorkerMessage) => port.postMessage(message)

let release: (() => void) | null = null
port.on('message', (message: ParentMessage) => {
  if (message.type === 'ack' && release) {
    const go = release
    release = null
    go()
  }
})

const hooks = {
  onParseStart: (bytes: number) => send({ type: 'parse-start', bytes }),
  onParseEnd: () => send({ type: 'parse-end' })
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
      // The caller acknowledges each batch once it has stored it; only then is the next one read.
      onBatch: (rows, firstRowIndex) =>
        new Promise<void>((resolve) => {
          release = resolve
          send({ type: 'batch', rows, firstRowIndex })
        }),
      onProgress: (p) => send({ type: 'progress', rowsRead: p.rowsRead, fraction: p.fraction })
    },
    { hooks }
  )
  send({ type: 'read', headers: result.headers, rowCount: result.rowCount })
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
