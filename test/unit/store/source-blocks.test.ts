// Source rows in compressed blocks: rows read back exactly (across block borders and the gaps blank rows
// leave), a text search matches what SQL's LIKE matched on each row's JSON, and the blocks take a fraction
// of the space the rows took one record each.
import { describe, expect, it } from 'vitest'
import type { CellValue } from '../../../src-preload/contract/types'
import { openDatabase } from '../../../src-main/core/store/database'
import { JobStore } from '../../../src-main/core/store/job-store'
import { encodeBatch, SOURCE_BLOCK_ROWS } from '../../../src-main/core/store/source-blocks'

function storeWithImport(): { store: JobStore; importId: string } {
  const store = new JobStore(openDatabase(':memory:'))
  const importId = 'imp1'
  store.imports.insert({
    id: importId,
    filePath: '/x/list.csv',
    fileName: 'list.csv',
    fileSize: 1,
    fileHash: 'h',
    format: 'csv',
    sheet: 'list',
    headerRow: 0,
    headers: ['Name', 'Phone', 'City', 'Age'],
    phoneColumns: [1],
    countryColumn: null,
    defaultRegion: 'CN',
    encoding: 'utf-8',
    delimiter: ',',
    warnings: []
  })
  return { store, importId }
}

const cities = ['Shanghai', 'Boston', 'Zürich', 'São Paulo', '北京']
function row(i: number): CellValue[] {
  return [
    `Person ${i}`,
    `+86 138 ${String(i).padStart(8, '0')}`,
    cities[i % cities.length],
    i % 7 ? 20 + (i % 50) : null
  ]
}

describe('source blocks', () => {
  it('read back every row exactly, across block borders and the gaps blank rows leave', () => {
    const { store, importId } = storeWithImport()
    const first = Array.from({ length: SOURCE_BLOCK_ROWS + 10 }, (_, i) => row(i))
    // Row SOURCE_BLOCK_ROWS + 10 was blank: the next run starts one further on.
    const second = Array.from({ length: 5 }, (_, i) => row(SOURCE_BLOCK_ROWS + 11 + i))
    store.imports.insertSourceRows(importId, 0, first)
    store.imports.insertSourceRows(importId, SOURCE_BLOCK_ROWS + 11, second)

    const all = store.imports.sourceRows(importId, 0, 10_000)
    expect(all.map((r) => r.rowIndex)).toEqual([
      ...first.map((_, i) => i),
      ...second.map((_, i) => SOURCE_BLOCK_ROWS + 11 + i)
    ])
    expect(all.map((r) => r.cells)).toEqual([...first, ...second])
    expect(store.imports.sourceRows(importId, SOURCE_BLOCK_ROWS - 2, 4)).toEqual([
      { rowIndex: SOURCE_BLOCK_ROWS - 2, cells: row(SOURCE_BLOCK_ROWS - 2) },
      { rowIndex: SOURCE_BLOCK_ROWS - 1, cells: row(SOURCE_BLOCK_ROWS - 1) },
      { rowIndex: SOURCE_BLOCK_ROWS, cells: row(SOURCE_BLOCK_ROWS) },
      { rowIndex: SOURCE_BLOCK_ROWS + 1, cells: row(SOURCE_BLOCK_ROWS + 1) }
    ])
    expect(store.imports.sourceRows(importId, SOURCE_BLOCK_ROWS + 10, 2).map((r) => r.rowIndex)).toEqual([
      SOURCE_BLOCK_ROWS + 11,
      SOURCE_BLOCK_ROWS + 12
    ])
    const some = store.imports.blocks.cellsOf(importId, [3, SOURCE_BLOCK_ROWS + 10, SOURCE_BLOCK_ROWS + 12])
    expect([...some.entries()]).toEqual([
      [3, row(3)],
      [SOURCE_BLOCK_ROWS + 12, row(SOURCE_BLOCK_ROWS + 12)]
    ])
    expect(store.imports.blocks.span(importId)).toEqual({ first: 0, last: SOURCE_BLOCK_ROWS + 15 })
  })

  it('read a range of rows across blocks, in order, without the rows outside it', () => {
    const { store, importId } = storeWithImport()
    const rows = Array.from({ length: SOURCE_BLOCK_ROWS * 2 + 5 }, (_, i) => row(i))
    store.imports.insertSourceRows(importId, 0, rows)
    const between = (first: number, last: number): number[] =>
      [...store.imports.blocks.rowsBetween(importId, first, last)].map(([rowIndex]) => rowIndex)
    expect(between(SOURCE_BLOCK_ROWS - 2, SOURCE_BLOCK_ROWS + 1)).toEqual([
      SOURCE_BLOCK_ROWS - 2,
      SOURCE_BLOCK_ROWS - 1,
      SOURCE_BLOCK_ROWS,
      SOURCE_BLOCK_ROWS + 1
    ])
    const all = [...store.imports.blocks.rowsBetween(importId, 0, rows.length + 100)]
    expect(all).toHaveLength(rows.length)
    expect(all[SOURCE_BLOCK_ROWS * 2 + 4]).toEqual([
      SOURCE_BLOCK_ROWS * 2 + 4,
      row(SOURCE_BLOCK_ROWS * 2 + 4)
    ])
    expect(between(rows.length, rows.length + 10)).toEqual([])
  })

  it('take less than half the space of the list as CSV text', () => {
    const { store, importId } = storeWithImport()
    const rows = Array.from({ length: 5000 }, (_, i) => [
      `Person ${i}`,
      `+86 138 ${String(i * 7919).padStart(8, '0')}`,
      `person${i}@example.com`,
      cities[i % cities.length],
      20 + (i % 50)
    ])
    store.imports.insertSourceRows(importId, 0, rows)
    const csvBytes = Buffer.byteLength(rows.map((r) => r.join(',')).join('\n'))
    const stored = store.db
      .prepare("SELECT SUM(pgsize) FROM dbstat WHERE name IN ('source_blocks', 'source_blocks_by_import')")
      .pluck()
      .get() as number
    expect(stored).toBeLessThan(csvBytes / 2)
  })
})

describe('a batch encoded where it is read', () => {
  it('is stored in exactly the blocks the store would make of its rows, with the same counts', () => {
    // 700 rows with blank placeholders at 3, 300–301 and the end: runs of 3, 296 and 398 rows.
    const rows: CellValue[][] = Array.from({ length: 700 }, (_, i) =>
      i === 3 || i === 300 || i === 301 || i === 699 ? [] : row(i)
    )
    // What the import stored before batches came encoded: each run of data rows on its own.
    const direct = storeWithImport()
    for (const [from, to] of [
      [0, 3],
      [4, 300],
      [302, 699]
    ]) {
      direct.store.imports.insertSourceRows(direct.importId, 10 + from, rows.slice(from, to))
    }
    const encoded = storeWithImport()
    const batch = encodeBatch(rows, 10)
    encoded.store.imports.insertEncodedRows(encoded.importId, batch)

    expect(batch.rows).toBe(696)
    expect(batch.widest).toBe(4)
    expect(batch.firstStored).toBe(10)
    expect(batch.through).toBe(709)
    // Runs of 3, 296 and 398 rows: one, two and two blocks.
    expect(batch.blocks.map((b) => [b.first, b.last])).toEqual([
      [10, 12],
      [14, 14 + SOURCE_BLOCK_ROWS - 1],
      [14 + SOURCE_BLOCK_ROWS, 309],
      [312, 312 + SOURCE_BLOCK_ROWS - 1],
      [312 + SOURCE_BLOCK_ROWS, 708]
    ])
    const blocks = (store: JobStore) =>
      store.db.prepare('SELECT first_row, last_row, data FROM source_blocks ORDER BY last_row').all()
    expect(blocks(encoded.store)).toEqual(blocks(direct.store))
    expect(encoded.store.imports.sourceRows(encoded.importId, 0, 1000).map((r) => r.rowIndex)).toEqual(
      rows.flatMap((cells, i) => (cells.length ? [10 + i] : []))
    )
  })

  it('of blank rows only stores nothing and has no first row', () => {
    const batch = encodeBatch([[], [], []], 5)
    expect(batch).toEqual({ blocks: [], rows: 0, widest: 0, firstStored: null, through: 7 })
  })
})
