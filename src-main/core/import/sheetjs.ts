import * as zlib from 'node:zlib'
import * as XLSX from 'xlsx'
import * as cptable from 'xlsx/dist/cpexcel.full'

// The ESM build of SheetJS ships without codepages (legacy .xls text needs them).
XLSX.set_cptable(cptable)

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

export { XLSX }
