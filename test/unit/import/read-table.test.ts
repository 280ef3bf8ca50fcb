import { afterAll, describe, expect, it } from 'vitest'
import { previewFile } from '@core/import'
import { collect, tempFolder, workbookBuffer } from './helpers'

const tmp = tempFolder('read')
afterAll(() => tmp.cleanup())

const phones = (n: number) =>
  Array.from({ length: n }, (_, i) => [`P${i}`, `+44 20 7946 ${String(i).padStart(4, '0')}`])

describe('readTable', () => {
  it('delivers consecutive batches of batchSize with 0-based data row indexes', async () => {
    const path = tmp.file('b.csv', ['Name,Phone', ...phones(23).map((r) => r.join(','))].join('\n'))
    const progress: { rowsRead: number; fraction: number | null }[] = []
    const read = await collect(path, {
      sheet: 'b',
      headerRow: 0,
      batchSize: 10,
      onProgress: (p) => progress.push(p)
    })
    expect(read.batches).toEqual([
      { first: 0, size: 10 },
      { first: 10, size: 10 },
      { first: 20, size: 3 }
    ])
    expect(read.rowCount).toBe(23)
    expect(progress.map((p) => p.rowsRead)).toEqual([10, 20, 23])
    expect(progress.at(-1)?.fraction).toBe(1)
  })

  it('keeps indexes right when a batch ends inside a run of empty rows, and skips long runs', async () => {
    const path = tmp.file('gaps.csv', `Phone\n1\n\n\n2\n${'\n'.repeat(30)}3\n`)
    const read = await collect(path, { sheet: 'g', headerRow: 0, batchSize: 2, limits: { maxEmptyRun: 10 } })
    expect(read.rows).toEqual([['1'], [], [], ['2'], ['3']])
    expect(read.batches).toEqual([
      { first: 0, size: 2 },
      { first: 2, size: 2 },
      { first: 34, size: 1 }
    ])
    // Three data rows; blank rows are not data however they are delivered.
    expect((await previewFile(path, { limits: { maxEmptyRun: 10 } })).totalRows).toBe(3)
    expect(read.rowCount).toBe(3)
    expect(read.blankRows).toBe(32)
  })

  it('awaits onBatch before reading on', async () => {
    const book = tmp.file(
      'slow.xlsx',
      workbookBuffer([{ name: 'S', rows: [['Name', 'Phone'], ...phones(50)] }])
    )
    let busy = false
    let overlaps = 0
    await collect(book, {
      sheet: 'S',
      headerRow: 0,
      batchSize: 7,
      onBatch: async () => {
        if (busy) overlaps++
        busy = true
        await new Promise((r) => setTimeout(r, 5))
        busy = false
      }
    })
    expect(overlaps).toBe(0)
  })

  it('reads without a header: data starts at the first non-empty row and headers are letters', async () => {
    const path = tmp.file('nh.xlsx', workbookBuffer([{ name: 'S', rows: [[], [], ...phones(3)] }]))
    const preview = await previewFile(path)
    expect(preview.headerRow).toBe(null)
    expect(preview.totalRows).toBe(3)
    const read = await collect(path, { sheet: 'S', headerRow: null })
    expect(read.headers).toEqual(['A', 'B'])
    expect(read.rows).toEqual(phones(3))
  })

  it('keeps header names as written: trimmed, letters for blanks, duplicates kept', async () => {
    const path = tmp.file('h.csv', ' Phone ,,Phone\n1,2,3\n')
    const read = await collect(path, { sheet: 'h', headerRow: 0 })
    expect(read.headers).toEqual(['Phone', 'B', 'Phone'])
  })

  it('reads from a header row chosen by the caller, keeping row numbering faithful', async () => {
    const path = tmp.file(
      'o.xlsx',
      workbookBuffer([{ name: 'S', rows: [['Report'], ['Name', 'Phone'], [], ...phones(2)] }])
    )
    const read = await collect(path, { sheet: 'S', headerRow: 1 })
    expect(read.headers).toEqual(['Name', 'Phone'])
    expect(read.rows).toEqual([[], ...phones(2)])
  })

  it('ignores the sheet name for one-table formats', async () => {
    const path = tmp.file('any.csv', 'Phone\n+1 212 555 0100\n')
    await expect(collect(path, { sheet: 'whatever', headerRow: 0 })).resolves.toMatchObject({ rowCount: 1 })
  })
})
