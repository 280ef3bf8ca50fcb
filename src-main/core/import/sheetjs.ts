import * as zlib from 'node:zlib'
import type * as XLSXModule from 'xlsx'

type SheetJS = typeof XLSXModule

// Loaded on first use: a delimited text or vCard import never needs SheetJS and its codepage tables, which take
// a noticeable part of a worker's start.
let loaded: SheetJS | null = null

/** SheetJS, set up for Ringtrue: codepages for legacy .xls text and Node's zlib for inflating. */
export function sheetjs(): SheetJS {
  if (loaded) return loaded
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('xlsx') as SheetJS
  // The ESM build of SheetJS ships without codepages (legacy .xls text needs them).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  XLSX.set_cptable(require('xlsx/dist/cpexcel.full'))
  // Both builds fall back to a pure-JS inflate (about 40% slower on big sheets) unless handed zlib. SheetJS reads
  // the deprecated `bytesRead`, which would print a warning; the same number is `bytesWritten`.
  class InflateRaw extends zlib.InflateRaw {
    override get bytesRead(): number {
      return this.bytesWritten
    }
  }
  try {
    const cfb = XLSX.CFB as { utils: { use_zlib: (z: object) => void } }
    cfb.utils.use_zlib({ InflateRaw, deflateRawSync: zlib.deflateRawSync })
  } catch {
    // The pure-JS inflate still works.
  }
  loaded = XLSX
  return XLSX
}
