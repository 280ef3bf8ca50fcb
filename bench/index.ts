// `npm run bench`: generates its own inputs and prints import, offline-check, export and paid-check engine figures
// against targets, then the cleaning loop side by side with the pandas peer (bench/loop.ts).
// Options (after `npm run bench --`): `--only loop` runs the peer table alone, `--only review` the review of a
// 1M-row job (bench/review.ts) alone; `--quick` uses 10k rows instead of
// 100k and 100k instead of 1M; `--json` writes {"figures": …} to stdout and every human line to stderr
// (`npm run --silent bench -- --json` keeps npm's own banner off stdout too).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as XLSX from 'xlsx'
import { extractNumbers, resolveRegion } from '../src-main/core/phone'
import { createServices } from '../src-main/core/services'
import { contactGrid, writeCsv, writeXlsx } from '../test/helpers/contacts'
import { deleteBench } from './delete'
import { engineBench } from './engine'
import { loopBench } from './loop'
import { reviewBench } from './review'

const ROOT = resolve(__dirname, '..')

/** The built worker entries, as the app runs them (`npm run bench` builds first). */
const builtWorkers = {
  importWorker: { path: join(ROOT, 'out', 'main', 'import-worker.js') },
  jobsWorker: { path: join(ROOT, 'out', 'main', 'jobs-worker.js') }
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000
}

/** Each figure is the median of a few runs: this kind of machine is shared and single runs vary by ±30%. */
const RUNS = 3

function time(fn: () => unknown): number {
  const start = performance.now()
  fn()
  return seconds(start)
}

function repeat<T>(times: number, fn: () => T): T[] {
  return Array.from({ length: times }, fn)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS'
}

interface Args {
  json: boolean
  quick: boolean
  only: 'loop' | 'review' | null
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, only: null }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--json') args.json = true
    else if (arg === '--quick') args.quick = true
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length)
      if (value !== 'loop' && value !== 'review')
        throw new Error(`--only takes "loop" or "review" (got ${JSON.stringify(value)})`)
      args.only = value
    } else throw new Error(`Unknown option ${arg}; use --only loop|review, --quick or --json`)
  }
  return args
}

/** The figures of the import, check, export and memory sections, for --json. */
type Figures = Record<string, number | null>

async function storeBench(
  quick: boolean,
  say: (line: string) => void
): Promise<{ lines: string[]; figures: Figures }> {
  const ROWS = quick ? 10_000 : 100_000
  const MILLION = quick ? 100_000 : 1_000_000
  const small = quick ? '10k' : '100k'
  const big = quick ? '100,000' : '1,000,000'
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-'))
  mkdirSync(dir, { recursive: true })
  const xlsxPath = join(dir, 'contacts-100k.xlsx')
  const csvPath = join(dir, 'contacts-1m.csv')
  say(`Generating inputs in ${dir} …`)
  writeXlsx(xlsxPath, ROWS)
  await writeCsv(csvPath, MILLION)

  // 1. SheetJS's bare read of the workbook, with the options the importer uses.
  const bareRead = median(
    repeat(RUNS, () =>
      time(() =>
        XLSX.readFile(xlsxPath, {
          dense: true,
          cellFormula: false,
          cellHTML: false,
          cellNF: false,
          cellStyles: false
        })
      )
    )
  )

  // 2. Ringtrue's import of the same file into the store, then the offline check, timed phase by phase.
  const services = createServices({ dataDir: join(dir, 'data'), ...builtWorkers })
  const preview = await services.jobs.preview({ filePath: xlsxPath })
  const runs: { importSeconds: number; checkRate: number; jobId: string }[] = []
  for (let run = 0; run < RUNS; run++) {
    let checkingStartedAt = 0
    let importSeconds = 0
    const started = performance.now()
    const off = services.jobs.onProgress((p) => {
      if (p.phase === 'checking' && checkingStartedAt === 0) {
        checkingStartedAt = performance.now()
        importSeconds = seconds(started)
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
    off()
    runs.push({ importSeconds, checkRate: job.counts.numbers / seconds(checkingStartedAt), jobId })
  }
  const importSeconds = median(runs.map((r) => r.importSeconds))
  const numbersPerSecond = median(runs.map((r) => r.checkRate))
  const jobId = runs[runs.length - 1].jobId

  // 2b. The offline check engine itself on the same 100k phone cells, one thread, nothing stored.
  const phoneCells = contactGrid(ROWS).slice(1)
  let engineNumbers = 0
  const engineSeconds = median(
    repeat(RUNS, () =>
      time(() => {
        engineNumbers = 0
        for (const row of phoneCells)
          engineNumbers += extractNumbers(row[2], resolveRegion(row[5]) ?? 'US').length
      })
    )
  )
  const engineRate = engineNumbers / engineSeconds

  // 3. Export of the 100k rows against SheetJS's bare write of the same output: the original columns plus the
  // eight result columns, as one array of arrays (building that array is not timed).
  const stored = services.store.results.queryResults(jobId, {}, 0, ROWS).rows
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
  const bareWrite = median(
    repeat(RUNS, () =>
      time(() => {
        const book = XLSX.utils.book_new()
        XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(grid, { dense: true }), 'Contacts')
        XLSX.writeFile(book, join(dir, 'bare.xlsx'), { compression: true })
      })
    )
  )
  const exportTimes = async (format: 'xlsx' | 'csv'): Promise<number> => {
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now()
      await services.exports.run({
        jobId,
        mode: 'full',
        format,
        keepUnknown: true,
        outPath: join(dir, `export.${format}`),
        overwrite: true
      })
      times.push(seconds(started))
    }
    return median(times)
  }
  const exportXlsx = await exportTimes('xlsx')
  const exportCsv = await exportTimes('csv')
  services.close()

  // 4. Peak memory of a 1,000,000-row CSV import (and check), measured in a separate process.
  const memory = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', resolve(__dirname, 'import-memory.ts'), csvPath], {
      encoding: 'utf8',
      maxBuffer: 1 << 20
    })
  ) as { status: string; rows: number; seconds: number; peakMb: number }

  // 5. The paid check's engine against local simulators (bench/engine.ts).
  const engineLines = await engineBench(builtWorkers)

  // 6. Deleting a 1M-row job beside a 100k one (bench/delete.ts).
  const deleteLines = await deleteBench(builtWorkers)

  const importRatio = importSeconds / bareRead
  const exportRatio = exportXlsx / bareWrite
  const lines = [
    '',
    `Ringtrue bench — ${new Date().toISOString()} — Node ${process.version}`,
    `import ${small}-row xlsx into the store : ${importSeconds.toFixed(2)} s vs SheetJS bare read ${bareRead.toFixed(2)} s = ${importRatio.toFixed(2)}× (target ≤ 1.5×) ${verdict(importRatio <= 1.5)}`,
    `offline check engine               : ${Math.round(engineRate).toLocaleString('en-US')} numbers/s over ${engineNumbers.toLocaleString('en-US')} numbers (target ≥ 40,000/s) ${verdict(engineRate >= 40_000)}`,
    `offline check job phase, stored    : ${Math.round(numbersPerSecond).toLocaleString('en-US')} numbers/s (worker checks while the main thread writes SQLite; informational)`,
    `export ${small} rows to xlsx           : ${exportXlsx.toFixed(2)} s vs SheetJS bare write ${bareWrite.toFixed(2)} s = ${exportRatio.toFixed(2)}× (target ≤ 1.5×) ${verdict(exportRatio <= 1.5)}`,
    `export ${small} rows to csv            : ${exportCsv.toFixed(2)} s`,
    `${big}-row CSV import + check   : ${memory.seconds.toFixed(1)} s, peak RSS ${Math.round(memory.peakMb)} MB (target < 1,536 MB) ${verdict(memory.peakMb < 1536 && memory.rows === MILLION)}`,
    ...engineLines,
    ...deleteLines
  ]
  rmSync(dir, { recursive: true, force: true })
  const figures: Figures = {
    import_xlsx_100k_s: importSeconds,
    import_xlsx_ratio: importRatio,
    offline_engine_numbers_per_s: engineRate,
    offline_job_numbers_per_s: numbersPerSecond,
    export_xlsx_100k_s: exportXlsx,
    export_xlsx_ratio: exportRatio,
    export_csv_100k_s: exportCsv,
    import_csv_1m_s: memory.seconds,
    import_csv_1m_peak_rss_mb: memory.peakMb
  }
  return { lines, figures }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  // With --json, stdout carries the one JSON object only.
  const say = (line: string): void => {
    if (args.json) process.stderr.write(`${line}\n`)
    else console.log(line)
  }
  const figures: Figures = {}
  if (args.only === null) {
    const store = await storeBench(args.quick, say)
    say(store.lines.join('\n'))
    Object.assign(figures, store.figures)
  }
  let loop: Awaited<ReturnType<typeof loopBench>> | null = null
  if (args.only !== 'review') {
    loop = await loopBench({ quick: args.quick, log: say })
    say(loop.lines.join('\n'))
    Object.assign(figures, loop.figures)
  }
  if (args.only !== 'loop') {
    const review = await reviewBench(builtWorkers, args.quick ? 100_000 : 1_000_000, say)
    say(review.lines.join('\n'))
    Object.assign(figures, review.figures)
  }
  if (args.json) {
    const out = { figures, quick: args.quick, rows: loop?.rows, peer: loop?.peer, loadAverage: loadavg() }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
