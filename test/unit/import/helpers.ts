import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as XLSXModule from 'xlsx'
import type { CellValue } from '@contract/types'
import { readTable, type ReadOptions } from '@core/import'
import { sheetjs } from '@core/import/sheetjs'

// The same SheetJS instance, set up the same way (Node's zlib), as the reader the tests exercise.
const XLSX = sheetjs()

/** A temp folder per test file; fixtures are generated into it at test time. */
export function tempFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `ringtrue-${prefix}-`))
  let n = 0
  return {
    dir,
    /** Writes a fixture and returns its path; a unique prefix keeps names from colliding. */
    file(name: string, content: string | Uint8Array): string {
      const path = join(dir, `${++n}-${name}`)
      writeFileSync(path, content)
      return path
    },
    cleanup(): void {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface SheetSpec {
  name: string
  rows: (string | number | boolean | null)[][]
  hidden?: 0 | 1 | 2
}

export function workbookBuffer(sheets: SheetSpec[], bookType: XLSXModule.BookType = 'xlsx'): Buffer {
  const wb = XLSX.utils.book_new()
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name)
  if (sheets.some((s) => s.hidden)) {
    wb.Workbook = { Sheets: sheets.map((s) => ({ name: s.name, Hidden: s.hidden ?? 0 })) }
  }
  return XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer
}

/** Replaces (or adds) one part of a zip, keeping the others; used to plant hostile XML in a real workbook. */
export function rewriteZip(buf: Buffer, edits: Record<string, string | Buffer>): Buffer {
  const CFB = XLSX.CFB as {
    read: (b: Buffer, o: object) => { FileIndex: { name: string; content: unknown }[]; FullPaths: string[] }
    write: (c: unknown, o: object) => Buffer
    utils: { cfb_add: (c: unknown, p: string, content: Buffer) => void }
  }
  const zip = CFB.read(buf, { type: 'buffer' })
  for (const [name, content] of Object.entries(edits)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    const i = zip.FullPaths.findIndex((p) => p.endsWith(`/${name}`))
    if (i >= 0) zip.FileIndex[i].content = data
    else CFB.utils.cfb_add(zip, `/${name}`, data)
  }
  return Buffer.from(CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true }))
}

export function cfbBuffer(streams: Record<string, Buffer>): Buffer {
  const CFB = XLSX.CFB as {
    utils: { cfb_new: () => unknown; cfb_add: (c: unknown, p: string, content: Buffer) => void }
    write: (c: unknown, o: object) => Buffer
  }
  const c = CFB.utils.cfb_new()
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(c, `/${name}`, data)
  return Buffer.from(CFB.write(c, { type: 'buffer' }))
}

export interface Collected {
  headers: string[]
  rowCount: number
  blankRows: number
  rows: CellValue[][]
  batches: { first: number; size: number }[]
}

/** Reads a whole table into memory, recording batch boundaries. */
export async function collect(
  filePath: string,
  options: Omit<ReadOptions, 'onBatch'> & { onBatch?: ReadOptions['onBatch'] }
): Promise<Collected> {
  const rows: CellValue[][] = []
  const batches: { first: number; size: number }[] = []
  const result = await readTable(filePath, {
    ...options,
    onBatch: async (batch, first) => {
      batches.push({ first, size: batch.length })
      rows.push(...batch)
      await options.onBatch?.(batch, first)
    }
  })
  return { ...result, rows, batches }
}

export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le')
  const body = endian === 'le' ? le : Buffer.from(le).swap16()
  if (!bom) return body
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body])
}
