import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CellValue } from '@contract/types'
import {
  ImportError,
  previewFile,
  previewFileInWorker,
  readTableInWorker,
  sourceWorkerScriptForTests
} from '@core/import'
import { cfbBuffer, collect, tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('worker')
afterAll(() => tmp.cleanup())
const script = sourceWorkerScriptForTests()

const people = (n: number) => [
  ['Name', 'Mobile', 'Country'],
  ...Array.from({ length: n }, (_, i) => [
    `Person ${i}`,
    `+1 212 555 ${String(i % 10000).padStart(4, '0')}`,
    'US'
  ])
]

let xlsxPath = ''
let csvPath = ''
let vcfPath = ''
let bigXlsx = ''
beforeAll(() => {
  xlsxPath = tmp.file('people.xlsx', workbookBuffer([{ name: 'People', rows: people(120) }]))
  csvPath = tmp.file(
    'people.csv',
    people(120)
      .map((r) => r.join(','))
      .join('\r\n')
  )
  vcfPath = tmp.file(
    'people.vcf',
    'BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nTEL;TYPE=CELL:+1 212 555 0100\nEND:VCARD\n'
  )
  bigXlsx = tmp.file('big.xlsx', workbookBuffer([{ name: 'People', rows: people(60_000) }]))
})

async function readAll(
  path: string,
  options: { sheet: string; headerRow: number | null; batchSize?: number }
) {
  const rows: CellValue[][] = []
  const firsts: number[] = []
  const result = await readTableInWorker(script, path, {
    ...options,
    onBatch: (batch, first) => {
      rows.push(...batch)
      firsts.push(first)
    }
  })
  return { ...result, rows, firsts }
}

describe('worker variants', () => {
  it('points at the TypeScript entry for tests', () => {
    expect(script.path).toMatch(/src-main[\\/]core[\\/]import[\\/]worker\.ts$/)
  })

  it('preview in a worker equals the in-process preview', async () => {
    for (const path of [xlsxPath, csvPath, vcfPath]) {
      expect(await previewFileInWorker(script, path)).toEqual(await previewFile(path))
    }
  })

  it('readTable in a worker delivers the same rows and batches', async () => {
    for (const path of [xlsxPath, csvPath]) {
      const preview = await previewFile(path)
      const inWorker = await readAll(path, {
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        batchSize: 50
      })
      const local = await collect(path, { sheet: preview.sheet, headerRow: preview.headerRow, batchSize: 50 })
      expect(inWorker.headers).toEqual(local.headers)
      expect(inWorker.rowCount).toBe(120)
      expect(inWorker.rows).toEqual(local.rows)
      expect(inWorker.firsts).toEqual([0, 50, 100])
    }
  })

  it('raises worker errors as ImportError with the same code and message', async () => {
    const locked = tmp.file(
      'locked.xlsx',
      cfbBuffer({ EncryptionInfo: Buffer.alloc(8), EncryptedPackage: Buffer.alloc(512) })
    )
    const local = await previewFile(locked).catch((e) => e)
    const remote = await previewFileInWorker(script, locked).catch((e) => e)
    expect(remote).toBeInstanceOf(ImportError)
    expect(remote.code).toBe('encrypted')
    expect(remote.message).toBe(local.message)
    const missing = await readAll(`${tmp.dir}/nope.csv`, { sheet: 'x', headerRow: 0 }).catch((e) => e)
    expect(missing).toBeInstanceOf(ImportError)
    expect(missing.code).toBe('not_found')
  })

  it('hands batches over one at a time and reads at most two batches ahead (backpressure)', async () => {
    let busy = false
    let overlaps = 0
    let current = 0
    let furthestAhead = 0
    const seen: number[] = []
    await readTableInWorker(script, csvPath, {
      sheet: 'people',
      headerRow: 0,
      batchSize: 10,
      onBatch: async (_rows, first) => {
        if (busy) overlaps++
        busy = true
        current = first
        seen.push(first)
        await new Promise((r) => setTimeout(r, 25))
        busy = false
      },
      // While the caller stores one batch the worker may read on, but only until two batches wait unacknowledged.
      onProgress: (p) => {
        if (busy) furthestAhead = Math.max(furthestAhead, p.rowsRead - (current + 10))
      }
    })
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110])
    expect(overlaps).toBe(0)
    expect(furthestAhead).toBeGreaterThan(0)
    expect(furthestAhead).toBeLessThanOrEqual(20)
  })

  it('cancels through the AbortSignal by terminating the worker', async () => {
    const controller = new AbortController()
    let batches = 0
    const started = Date.now()
    const err = await readTableInWorker(script, bigXlsx, {
      sheet: 'People',
      headerRow: 0,
      batchSize: 1000,
      signal: controller.signal,
      onBatch: () => {
        if (++batches === 3) controller.abort()
      }
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('cancelled')
    expect(batches).toBe(3)
    expect(Date.now() - started).toBeLessThan(30_000)

    const early = new AbortController()
    const pending = previewFileInWorker(script, bigXlsx, { signal: early.signal })
    setTimeout(() => early.abort(), 50)
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('stops a workbook parse that outlives the watchdog with "timeout"', async () => {
    const err = await previewFileInWorker(script, bigXlsx, {
      limits: { watchdogBaseMs: 1, watchdogPerMbMs: 0 }
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('timeout')
    expect(err.message).toMatch(/took longer than/)
  })

  it('turns running out of worker memory into "too_large"', async () => {
    const err = await previewFileInWorker(script, bigXlsx, { limits: { workerHeapMb: 32 } }).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('too_large')
    expect(err.message).toMatch(/memory/)
  })
})

describe('a worker that ends right after its last message', () => {
  it('delivers the result even while an earlier batch is still being stored', async () => {
    // Like the real worker under load: the last batch and the result are posted and the thread ends before the
    // main thread has stored the batch. The exit must not overtake the queued result.
    const fake = tmp.file(
      'quick-exit-worker.js',
      `const { parentPort } = require('node:worker_threads')
parentPort.postMessage({ type: 'batch', rows: [['Ann', '+1 212 555 0100']], firstRowIndex: 1 })
parentPort.postMessage({ type: 'read', headers: ['Name', 'Phone'], rowCount: 1, blankRows: 0 })
process.exit(0)
`
    )
    const stored: CellValue[][] = []
    const result = await readTableInWorker({ path: fake }, csvPath, {
      sheet: 'people',
      headerRow: 0,
      onBatch: async (rows) => {
        // A slow store: the batch is written after the worker has already gone.
        await new Promise((resolve) => setTimeout(resolve, 50))
        stored.push(...rows)
      }
    })
    expect(result).toEqual({ headers: ['Name', 'Phone'], rowCount: 1, blankRows: 0 })
    expect(stored).toEqual([['Ann', '+1 212 555 0100']])
  })
})
