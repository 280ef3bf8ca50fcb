// Child process of bench/index.ts: imports a CSV into a fresh store and prints its peak RSS (worker included).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { join as joinPath, resolve } from 'node:path'
import { createServices } from '../src-main/core/services'

async function main(): Promise<void> {
  const file = process.argv[2]
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-bench-mem-'))
  const services = createServices({
    dataDir: dir,
    importWorker: { path: joinPath(resolve(__dirname, '..'), 'out', 'main', 'import-worker.js') },
    jobsWorker: { path: joinPath(resolve(__dirname, '..'), 'out', 'main', 'jobs-worker.js') }
  })
  const started = performance.now()
  const preview = await services.jobs.preview({ filePath: file })
  const { jobId } = await services.jobs.create({
    filePath: file,
    mapping: {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      phoneColumns: preview.suggestedPhoneColumns,
      countryColumn: preview.suggestedCountryColumn,
      defaultRegion: 'US'
    }
  })
  const job = await services.jobs.waitFor(jobId)
  const seconds = (performance.now() - started) / 1000
  services.close()
  rmSync(dir, { recursive: true, force: true })
  // maxRSS is in KiB and covers the whole process, worker threads included.
  const peakMb = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ status: job.status, rows: job.counts.rows, seconds, peakMb }) + '\n')
}

void main()
