// An import's source rows, stored in compressed blocks of up to SOURCE_BLOCK_ROWS consecutive rows: the cells
// of a list repeat themselves (columns, domains, cities), so a block compresses several times over, where one
// row per SQLite record (and its key) took more than the CSV itself. A page of results reads one or two blocks.
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Statement } from 'better-sqlite3'
import type { CellValue } from '../domain'
import type { Db } from './db'

/** Rows per block: a 100-row page touches at most two blocks, and a block inflates in well under a millisecond. */
export const SOURCE_BLOCK_ROWS = 256

/** A block's stored form: the JSON array of its rows, deflated. */
export function encodeBlock(json: string): Buffer {
  return deflateRawSync(json)
}

export function decodeBlock(data: Buffer): CellValue[][] {
  return JSON.parse(inflateRawSync(data).toString('utf8')) as CellValue[][]
}

/** One block as stored: rows first..last (row indexes), their cells' JSON deflated. */
export interface EncodedBlock {
  first: number
  last: number
  data: Uint8Array
}

/** A batch of rows in its stored form, made where it is read (the import worker) so the writer only inserts. */
export interface EncodedBatch {
  blocks: EncodedBlock[]
  /** Data rows in the batch (blank placeholders are neither stored nor counted). */
  rows: number
  /** The most cells in one of its rows. */
  widest: number
  /** Row index of its first data row; null for a batch of blank rows. */
  firstStored: number | null
  /** Row index of its last row, blank or not. */
  through: number
}

/**
 * The blocks a batch is stored in: runs of consecutive data rows (a blank [] placeholder ends a run, keeping every
 * row's index), each cut every SOURCE_BLOCK_ROWS rows.
 */
export function encodeBatch(rows: CellValue[][], firstRowIndex: number): EncodedBatch {
  const blocks: EncodedBlock[] = []
  let stored = 0
  let widest = 0
  let firstStored: number | null = null
  let start = -1
  for (let i = 0; i <= rows.length; i++) {
    const blank = i === rows.length || rows[i].length === 0
    if (!blank) {
      if (rows[i].length > widest) widest = rows[i].length
      if (start < 0) start = i
      continue
    }
    if (start < 0) continue
    for (let at = start; at < i; at += SOURCE_BLOCK_ROWS) {
      const block = rows.slice(at, Math.min(i, at + SOURCE_BLOCK_ROWS))
      const first = firstRowIndex + at
      blocks.push({ first, last: first + block.length - 1, data: encodeBlock(JSON.stringify(block)) })
    }
    firstStored ??= firstRowIndex + start
    stored += i - start
    start = -1
  }
  return { blocks, rows: stored, widest, firstStored, through: firstRowIndex + rows.length - 1 }
}

interface BlockRow {
  first_row: number
  last_row: number
  data: Buffer
}

/** The SQL of the blocks, keyed by (import_id, last_row) so every lookup and every deletion chunk is a range. */
export const SOURCE_BLOCKS_SQL = {
  insert: 'INSERT INTO source_blocks (import_id, first_row, last_row, data) VALUES (?, ?, ?, ?)',
  from: `SELECT first_row, last_row, data FROM source_blocks WHERE import_id = ? AND last_row >= ?
    ORDER BY last_row LIMIT ?`,
  between: `SELECT first_row, last_row, data FROM source_blocks WHERE import_id = ? AND last_row >= ?
    ORDER BY last_row`,
  span: 'SELECT MIN(first_row) AS first, MAX(last_row) AS last FROM source_blocks WHERE import_id = ?',
  clear: 'DELETE FROM source_blocks WHERE import_id = ?'
} as const

export class SourceBlocks {
  private readonly s: Record<keyof typeof SOURCE_BLOCKS_SQL, Statement>

  constructor(readonly db: Db) {
    this.s = Object.fromEntries(
      Object.entries(SOURCE_BLOCKS_SQL).map(([name, sql]) => [name, db.prepare(sql)])
    ) as Record<keyof typeof SOURCE_BLOCKS_SQL, Statement>
  }

  /** Stores consecutive rows starting at `firstRowIndex` (the caller's transaction holds them together). */
  insert(importId: string, firstRowIndex: number, rows: CellValue[][]): void {
    for (let start = 0; start < rows.length; start += SOURCE_BLOCK_ROWS) {
      const block = rows.slice(start, start + SOURCE_BLOCK_ROWS)
      const first = firstRowIndex + start
      this.s.insert.run(importId, first, first + block.length - 1, encodeBlock(JSON.stringify(block)))
    }
  }

  /** Stores blocks encoded elsewhere (encodeBatch), in the caller's transaction. */
  insertEncoded(importId: string, blocks: readonly EncodedBlock[]): void {
    for (const block of blocks) {
      const data = Buffer.from(block.data.buffer, block.data.byteOffset, block.data.byteLength)
      this.s.insert.run(importId, block.first, block.last, data)
    }
  }

  /** Up to `limit` rows from `fromRowIndex` on, in order. */
  rowsFrom(
    importId: string,
    fromRowIndex: number,
    limit: number
  ): { rowIndex: number; cells: CellValue[] }[] {
    const out: { rowIndex: number; cells: CellValue[] }[] = []
    let from = fromRowIndex
    while (out.length < limit) {
      const blocks = this.s.from.all(
        importId,
        from,
        Math.ceil((limit - out.length) / SOURCE_BLOCK_ROWS) + 1
      ) as BlockRow[]
      if (blocks.length === 0) break
      for (const block of blocks) {
        const rows = decodeBlock(block.data)
        for (let i = Math.max(0, from - block.first_row); i < rows.length && out.length < limit; i++)
          out.push({ rowIndex: block.first_row + i, cells: rows[i] })
      }
      from = blocks[blocks.length - 1].last_row + 1
    }
    return out
  }

  /** The cells of the given rows (those stored), read block by block. */
  cellsOf(importId: string, rowIndexes: readonly number[]): Map<number, CellValue[]> {
    const cells = new Map<number, CellValue[]>()
    if (rowIndexes.length === 0) return cells
    const wanted = new Set(rowIndexes)
    let low = Infinity
    let high = -Infinity
    for (const r of rowIndexes) {
      if (r < low) low = r
      if (r > high) high = r
    }
    for (const block of this.s.between.iterate(importId, low) as IterableIterator<BlockRow>) {
      // Blocks come in order: past the last wanted row, the rest cannot hold one (leaving closes the statement).
      if (block.first_row > high) break
      // Only blocks holding a wanted row are inflated (a filtered page may skip most of its range).
      let holds = false
      for (let r = block.first_row; r <= block.last_row && !holds; r++) holds = wanted.has(r)
      if (!holds) continue
      const rows = decodeBlock(block.data)
      for (let i = 0; i < rows.length; i++)
        if (wanted.has(block.first_row + i)) cells.set(block.first_row + i, rows[i])
    }
    return cells
  }

  /** The first and last stored row index (null when the import holds no rows). */
  span(importId: string): { first: number; last: number } | null {
    const span = this.s.span.get(importId) as { first: number | null; last: number | null }
    return span.first === null || span.last === null ? null : { first: span.first, last: span.last }
  }

  /** Every stored row from `first` through `last`, in order, one block inflated at a time. */
  *rowsBetween(importId: string, first: number, last: number): Generator<[number, CellValue[]]> {
    // Read page by page, so no statement stays open while the caller works between rows.
    for (let from = first; from <= last;) {
      const blocks = this.s.from.all(importId, from, 64) as BlockRow[]
      if (blocks.length === 0) return
      for (const block of blocks) {
        if (block.first_row > last) return
        const rows = decodeBlock(block.data)
        for (let i = Math.max(0, from - block.first_row); i < rows.length; i++) {
          if (block.first_row + i > last) return
          yield [block.first_row + i, rows[i]]
        }
      }
      from = blocks[blocks.length - 1].last_row + 1
    }
  }

  clear(importId: string): void {
    this.s.clear.run(importId)
  }
}
