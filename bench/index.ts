// `npm run bench`: generates its own inputs and prints import, offline-check and export figures against targets.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as XLSX from 'xlsx'
import { sourceWorkers } from '../test/helpers/services'
import { createServices } from '../src-main/core/services'
import { contactGrid, writeCsv, writeXlsx } from '../test/helpers/contacts'

const ROWS = 100_000
const MILLION = 1_000_000

function seconds(start: number): number {
  return (performance.now() - start) / 1000
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS'
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-'))
  mkdirSync(dir, { recursive: true })
  const xlsxPath = join(dir, 'contacts-100k.xlsx')
  const csvPath = join(dir, 'contacts-1m.csv')
  console.log(`Generating inputs in ${dir} …`)
  writeXlsx(xlsxPath, ROWS)
  await writeCsv(csvPath, MILLION)

  // 1. SheetJS's bare read of the workbook, with the options the importer uses.
  let start = performance.now()
  XLSX.readFile(xlsxPath, {
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellNF: false,
    cellStyles: false
  })
  const bareRead = seconds(start)

  // 2. Ringtrue's import of the same file into the store, then the offline check, timed phase by phase.
  const services = createServices({ dataDir: join(dir, 'data'), ...sourceWorkers() })
  const preview = await services.jobs.preview({ filePath: xlsxPath })
  let checkingStartedAt = 0
  let importSeconds = 0
  start = performance.now()
  services.jobs.onProgress((p) => {
    if (p.phase === 'checking' && checkingStartedAt === 0) {
      checkingStartedAt = performance.now()
      importSeconds = seconds(start)
    }
  })
  const { jobId } = await services.jobs.create({
    filePath: xlsxPath,
    mapping: {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      phoneColumns: preview.suggestedPhoneColumns,
      countryColumn: preview.suggestedCountryColumn,
      defaultRegion: 'US'
    }
  })
  const job = await services.jobs.waitFor(jobId)
  const checkSeconds = (performance.now() - checkingStartedAt) / 1000
  const numbersPerSecond = job.counts.numbers / checkSeconds

  // 3. Export of the 100k rows against SheetJS's bare write of the same output: the original columns plus the
  // eight result columns, as one array of arrays (building that array is not timed).
  const stored = services.store.queryResults(jobId, {}, 0, ROWS).rows
  const grid = [
    [
      ...contactGrid(0)[0],
      'E.164',
      'Status',
      'Reason',
      'Line Type',
      'Country (Ringtrue)',
      'Carrier',
      'Provider',
      'Checked At'
    ],
    ...stored.map((r) => [
      ...r.cells,
      r.e164.join('; '),
      r.status,
      r.reason ?? '',
      r.lineType ?? '',
      r.country ?? '',
      r.carrier ?? '',
      r.provider ?? '',
      r.checkedAt ?? ''
    ])
  ]
  start = performance.now()
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(grid, { dense: true }), 'Contacts')
  XLSX.writeFile(book, join(dir, 'bare.xlsx'), { compression: true })
  const bareWrite = seconds(start)
  start = performance.now()
  await services.exports.run({
    jobId,
    mode: 'full',
    format: 'xlsx',
    keepUnknown: true,
    outPath: join(dir, 'export.xlsx'),
    overwrite: true
  })
  const exportXlsx = seconds(start)
  start = performance.now()
  await services.exports.run({
    jobId,
    mode: 'full',
    format: 'csv',
    keepUnknown: true,
    outPath: join(dir, 'export.csv'),
    overwrite: true
  })
  const exportCsv = seconds(start)
  services.close()

  // 4. Peak memory of a 1,000,000-row CSV import (and check), measured in a separate process.
  const memory = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', resolve(__dirname, 'import-memory.ts'), csvPath], {
      encoding: 'utf8',
      maxBuffer: 1 << 20
    })
  ) as { status: string; rows: number; seconds: number; peakMb: number }

  const importRatio = importSeconds / bareRead
  const exportRatio = exportXlsx / bareWrite
  const lines = [
    '',
    `Ringtrue bench — ${new Date().toISOString()} — Node ${process.version}`,
    `import 100k-row xlsx into the store : ${importSeconds.toFixed(2)} s vs SheetJS bare read ${bareRead.toFixed(2)} s = ${importRatio.toFixed(2)}× (target ≤ 1.5×) ${verdict(importRatio <= 1.5)}`,
    `offline check, end to end          : ${Math.round(numbersPerSecond).toLocaleString('en-US')} numbers/s over ${job.counts.numbers.toLocaleString('en-US')} numbers, stored (target ≥ 40,000/s) ${verdict(numbersPerSecond >= 40_000)}`,
    `export 100k rows to xlsx           : ${exportXlsx.toFixed(2)} s vs SheetJS bare write ${bareWrite.toFixed(2)} s = ${exportRatio.toFixed(2)}× (target ≤ 1.5×) ${verdict(exportRatio <= 1.5)}`,
    `export 100k rows to csv            : ${exportCsv.toFixed(2)} s`,
    `1,000,000-row CSV import + check   : ${memory.seconds.toFixed(1)} s, peak RSS ${Math.round(memory.peakMb)} MB (target < 1,536 MB) ${verdict(memory.peakMb < 1536 && memory.rows === MILLION)}`
  ]
  console.log(lines.join('\n'))
  rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
