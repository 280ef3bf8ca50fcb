// The `imports` table and the source rows it holds (compressed blocks, source-blocks.ts): what a file was and
// every cell of it, so export and resume never depend on the file still existing.
import type { CellValue, SourceFormat } from '../domain'
import type { ListProfile } from '../phone/infer'
import type { Db } from './database'
import { SourceBlocks, type EncodedBatch } from './source-blocks'

export interface NewImport {
  id: string
  filePath: string
  fileName: string
  fileSize: number
  fileHash: string
  format: SourceFormat
  sheet: string
  headerRow: number | null
  headers: string[]
  phoneColumns: number[]
  countryColumn: number | null
  defaultRegion: string
  encoding: string | null
  delimiter: string | null
  warnings: string[]
}

export interface ImportRecord extends NewImport {
  rowCount: number
  complete: boolean
  createdAt: string
  /** The list's profile once its offline check has read it; null before (and for data folders older than it). */
  profile: ListProfile | null
}

export class ImportsRepo {
  private readonly s
  /** The imports' source rows, in compressed blocks. */
  readonly blocks: SourceBlocks

  constructor(private readonly db: Db) {
    this.blocks = new SourceBlocks(db)
    this.s = {
      insert: db.prepare(`INSERT INTO imports (id, file_path, file_name, file_size, file_hash, format, sheet,
        header_row, headers, phone_columns, country_column, default_region, encoding, delimiter, warnings, created_at)
        VALUES (@id, @filePath, @fileName, @fileSize, @fileHash, @format, @sheet, @headerRow, @headers, @phoneColumns,
        @countryColumn, @defaultRegion, @encoding, @delimiter, @warnings, @createdAt)`),
      finish: db.prepare(
        'UPDATE imports SET headers = ?, row_count = ?, complete = 1, warnings = ? WHERE id = ?'
      ),
      get: db.prepare('SELECT * FROM imports WHERE id = ?'),
      reset: db.prepare('UPDATE imports SET row_count = 0, complete = 0, profile = NULL WHERE id = ?'),
      saveProfile: db.prepare('UPDATE imports SET profile = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM imports WHERE id = ?')
    }
  }

  insert(record: NewImport): void {
    this.s.insert.run({
      ...record,
      headers: JSON.stringify(record.headers),
      phoneColumns: JSON.stringify(record.phoneColumns),
      warnings: JSON.stringify(record.warnings),
      createdAt: new Date().toISOString()
    })
  }

  finish(importId: string, headers: string[], rowCount: number, warnings: string[]): void {
    this.s.finish.run(JSON.stringify(headers), rowCount, JSON.stringify(warnings), importId)
  }

  get(importId: string): ImportRecord | null {
    const row = this.s.get.get(importId) as Record<string, unknown> | undefined
    if (!row) return null
    return {
      id: row.id as string,
      filePath: row.file_path as string,
      fileName: row.file_name as string,
      fileSize: row.file_size as number,
      fileHash: row.file_hash as string,
      format: row.format as SourceFormat,
      sheet: row.sheet as string,
      headerRow: row.header_row as number | null,
      headers: JSON.parse(row.headers as string),
      phoneColumns: JSON.parse(row.phone_columns as string),
      countryColumn: row.country_column as number | null,
      defaultRegion: row.default_region as string,
      encoding: row.encoding as string | null,
      delimiter: row.delimiter as string | null,
      warnings: JSON.parse(row.warnings as string),
      rowCount: row.row_count as number,
      complete: row.complete === 1,
      createdAt: row.created_at as string,
      profile: typeof row.profile === 'string' ? (JSON.parse(row.profile) as ListProfile) : null
    }
  }

  /** Keeps the profile the import's offline check read its numbers with. */
  saveProfile(importId: string, profile: ListProfile): void {
    this.s.saveProfile.run(JSON.stringify(profile), importId)
  }

  /** Stores a batch the reader encoded (source-blocks.ts encodeBatch), in the caller's transaction. */
  insertEncodedRows(importId: string, batch: EncodedBatch): void {
    this.blocks.insertEncoded(importId, batch.blocks)
  }

  /** Stores consecutive source rows in one transaction. */
  insertSourceRows(importId: string, firstRowIndex: number, rows: CellValue[][]): void {
    this.db.transaction(() => this.blocks.insert(importId, firstRowIndex, rows))()
  }

  /** Source rows in order, keyset-paged so a million rows never sit in memory at once. */
  sourceRows(
    importId: string,
    fromRowIndex: number,
    limit: number
  ): { rowIndex: number; cells: CellValue[] }[] {
    return this.blocks.rowsFrom(importId, fromRowIndex, limit)
  }

  /** Forgets the import's stored rows, so the import can run again from the start. */
  clearRows(importId: string): void {
    this.blocks.clear(importId)
    this.s.reset.run(importId)
  }

  /** Removes the import's row, once nothing references it (its source rows are swept first). */
  remove(importId: string): void {
    this.s.remove.run(importId)
  }
}
