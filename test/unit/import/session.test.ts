import { utimesSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CellValue } from '@contract/types'
import {
  ImportError,
  ImportSession,
  type ReadOptions,
  readTableInWorker,
  sourceWorkerScriptForTests
} from '@core/import'
import { tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('session')
afterAll(() => tmp.cleanup())

const people = (n: number, from = 0) => [
  ['Name', 'Mobile', 'Country'],
  ...Array.from({ length: n }, (_, i) => [
    `Person ${from + i}`,
    `+1 212 555 ${String((from + i) % 10000).padStart(4, '0')}`,
    'US'
  ])
]
const csvOf = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n')

/** Each read of a file from its start, in order. */
let reads: string[] = []
const script = { ...sourceWorkerScriptForTests(), onFileRead: (path: string) => reads.push(path) }

let xlsxPath = ''
let csvPath = ''
let vcfPath = ''
let midXlsx = ''
beforeAll(() => {
  midXlsx = tmp.file('mid.xlsx', workbookBuffer([{ name: 'People', rows: people(5000) }]))
  xlsxPath = tmp.file('people.xlsx', workbookBuffer([{ name: 'People', rows: people(120) }]))
  // A blank run inside the data, so the replay must keep row numbers as a fresh read does.
  const csvRows = people(120)
  csvRows.splice(40, 0, ['', '', ''], ['', '', ''])
  csvPath = tmp.file('people.csv', csvOf(csvRows))
  vcfPath = tmp.file(
    'people.vcf',
    [
      'BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nTEL;TYPE=CELL:+1 212 555 0100\nEND:VCARD',
      'BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nTEL;TYPE=HOME:+1 212 555 0101\nTEL;TYPE=WORK:+1 212 555 0102\nEND:VCARD',
      'BEGIN:VCARD\nVERSION:3.0\nFN:Cy\nORG:Acme\nTEL;TYPE=CELL:+1 212 555 0103\nEND:VCARD'
    ].join('\n')
  )
})

async function readVia(
  read: (
    path: string,
    options: ReadOptions
  ) => Promise<{ headers: string[]; rowCount: number; blankRows: number }>,
  path: string,
  options: { sheet: string; headerRow: number | null; batchSize?: number; signal?: AbortSignal },
  onBatch?: (first: number) => void
) {
  const rows: CellValue[][] = []
  const firsts: number[] = []
  const totals: { rows: number; exact: boolean }[] = []
  const result = await read(path, {
    ...options,
    onTotal: (t) => totals.push(t),
    onBatch: (batch, first) => {
      rows.push(...batch)
      firsts.push(first)
      onBatch?.(first)
    }
  })
  return { ...result, rows, firsts, totals }
}

describe('ImportSession', () => {
  it('reads a file after its preview from the preview parse, with the rows a fresh read delivers', async () => {
    for (const path of [xlsxPath, csvPath, vcfPath]) {
      const session = new ImportSession(script)
      reads = []
      const preview = await session.preview(path)
      const options = { sheet: preview.sheet, headerRow: preview.headerRow, batchSize: 25 }
      const kept = await readVia((p, o) => session.read(p, o), path, options)
      expect(reads).toEqual([path])
      const fresh = await readVia((p, o) => readTableInWorker(script, p, o), path, options)
      expect(kept).toEqual(fresh)
      expect(kept.rowCount).toBe(preview.totalRows)
    }
  })

  it('continues a CSV longer than the preview window where the preview stopped, reading it once', async () => {
    const MiB = 1024 * 1024
    // A CRLF split by the window's end: the '\n' after it must not make an extra (blank) record.
    const lines = ['Name,Phone\r\n']
    let offset = lines[0].length
    let i = 0
    const line = (name: string) => `${name},+1 212 555 ${String(i++ % 10000).padStart(4, '0')}\r\n`
    while (MiB - offset > 200) {
      const next = line(`Person ${i}`)
      lines.push(next)
      offset += next.length
    }
    const phone = `,+1 212 555 ${String(i % 10000).padStart(4, '0')}\r\n`
    const name = `Person ${i} `
    const straddling = line(`${name}${'x'.repeat(MiB + 1 - offset - name.length - phone.length)}`)
    lines.push(straddling)
    offset += straddling.length
    expect(offset).toBe(MiB + 1)
    for (let more = 0; more < 10_000; more++) lines.push(line(`Person ${i}`))
    const path = tmp.file('long.csv', lines.join(''))
    const limits = { previewTextBytes: MiB }

    const session = new ImportSession(script)
    reads = []
    const preview = await session.preview(path, { limits })
    expect(preview.warnings.some((w) => w.startsWith('Only the first 1 MB'))).toBe(true)
    const options = { sheet: preview.sheet, headerRow: preview.headerRow, batchSize: 1000, limits }
    const kept = await readVia((p, o) => session.read(p, o), path, options)
    expect(reads).toEqual([path])
    expect(kept.rowCount).toBe(lines.length - 1)
    expect(kept.blankRows).toBe(0)
    expect(kept.totals).toHaveLength(1)
    expect(kept.totals[0].exact).toBe(false)
    const fresh = await readVia((p, o) => readTableInWorker(script, p, o), path, options)
    expect(kept.rows).toEqual(fresh.rows)
    expect(kept.firsts).toEqual(fresh.firsts)
    expect(kept.headers).toEqual(['Name', 'Phone'])
  })

  it('reuses the parse for another sheet choice or header row of the same file', async () => {
    const session = new ImportSession(script)
    reads = []
    await session.preview(xlsxPath)
    const again = await session.preview(xlsxPath, { headerRow: null })
    expect(again.headerRow).toBeNull()
    const result = await readVia((p, o) => session.read(p, o), xlsxPath, { sheet: 'People', headerRow: null })
    expect(result.rowCount).toBe(121)
    expect(result.rows[0]).toEqual(['Name', 'Mobile', 'Country'])
    expect(reads).toEqual([xlsxPath])
  })

  it('reads a file changed between preview and read again instead of serving the old parse', async () => {
    const xlsx = tmp.file('changing.xlsx', workbookBuffer([{ name: 'People', rows: people(10) }]))
    const csv = tmp.file('changing.csv', csvOf(people(10)))
    for (const [path, next] of [
      [xlsx, workbookBuffer([{ name: 'People', rows: people(12, 100) }])],
      [csv, csvOf(people(12, 100))]
    ] as const) {
      const session = new ImportSession(script)
      reads = []
      const preview = await session.preview(path)
      expect(preview.totalRows).toBe(10)
      writeFileSync(path, next)
      // Even a change within the same clock tick shows in the size; the time moves too, as it would.
      utimesSync(path, new Date(Date.now() + 5000), new Date(Date.now() + 5000))
      const result = await readVia((p, o) => session.read(p, o), path, {
        sheet: preview.sheet,
        headerRow: preview.headerRow
      })
      expect(result.rowCount).toBe(12)
      expect(result.rows[0][0]).toBe('Person 100')
      expect(reads).toEqual([path, path])
    }
  })

  it('keeps one file at most: the preview of another file lets the first one go', async () => {
    const session = new ImportSession(script)
    reads = []
    await session.preview(xlsxPath)
    await session.preview(csvPath)
    const result = await readVia((p, o) => session.read(p, o), xlsxPath, { sheet: 'People', headerRow: 0 })
    expect(result.rowCount).toBe(120)
    expect(reads).toEqual([xlsxPath, csvPath, xlsxPath])
  })

  it('lets the kept parse go after the read, on release() and after the keep time', async () => {
    const session = new ImportSession(script, 60_000)
    const options = { sheet: 'People', headerRow: 0 }
    reads = []
    await session.preview(xlsxPath)
    await readVia((p, o) => session.read(p, o), xlsxPath, options)
    await readVia((p, o) => session.read(p, o), xlsxPath, options)
    expect(reads).toEqual([xlsxPath, xlsxPath])

    reads = []
    await session.preview(xlsxPath)
    session.release()
    await readVia((p, o) => session.read(p, o), xlsxPath, options)
    expect(reads).toEqual([xlsxPath, xlsxPath])

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      reads = []
      await session.preview(xlsxPath)
      vi.advanceTimersByTime(60_000)
      await readVia((p, o) => session.read(p, o), xlsxPath, options)
      expect(reads).toEqual([xlsxPath, xlsxPath])
    } finally {
      vi.useRealTimers()
    }
  })

  it('cancels a read served from the kept parse, and the next read parses again', async () => {
    const session = new ImportSession(script)
    reads = []
    await session.preview(xlsxPath)
    const controller = new AbortController()
    const err = await readVia(
      (p, o) => session.read(p, o),
      xlsxPath,
      { sheet: 'People', headerRow: 0, batchSize: 10, signal: controller.signal },
      () => controller.abort()
    ).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('cancelled')
    const result = await readVia((p, o) => session.read(p, o), xlsxPath, { sheet: 'People', headerRow: 0 })
    expect(result.rowCount).toBe(120)
    expect(reads).toEqual([xlsxPath, xlsxPath])
  })

  it('keeps the watchdog: a parse that outlives it is a "timeout", and the session goes on working', async () => {
    const session = new ImportSession(script)
    const err = await session
      .preview(midXlsx, { limits: { watchdogBaseMs: 1, watchdogPerMbMs: 0 } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err.code).toBe('timeout')
    const preview = await session.preview(xlsxPath)
    expect(preview.totalRows).toBe(120)
  })
})
