import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../src-main/core/services'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { sourceWorkers } from '../helpers/services'
import { workbookBuffer } from '../unit/import/helpers'

// A job used to read its file twice: once for the preview, once more for the import. Every read of a file
// from its start is counted here through the worker's observer.

interface Counted {
  services: Services
  dir: string
  reads: string[]
}

let open: Counted | null = null
afterEach(() => {
  open?.services.close()
  if (open) rmSync(open.dir, { recursive: true, force: true })
  open = null
})

function countingServices(): Counted {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-read-once-'))
  const reads: string[] = []
  const workers = sourceWorkers()
  const services = createServices({
    dataDir: join(dir, 'data'),
    ...workers,
    importWorker: { ...workers.importWorker, onFileRead: (path) => reads.push(path) },
    secrets: new MemorySecretStore(),
    env: {}
  })
  open = { services, dir, reads }
  return open
}

const ROWS = [
  ['Name', 'Phone'],
  ['Ada', '+1 212 555 0100'],
  ['Ben', '+1 212 555 0101'],
  ['Cy', '+1 212 555 0102']
]

function vcf(names: string[]): string {
  return names
    .map(
      (n, i) =>
        `BEGIN:VCARD\nVERSION:3.0\nFN:${n}\nTEL;TYPE=CELL:+1 212 555 01${String(i).padStart(2, '0')}\nEND:VCARD\n`
    )
    .join('')
}

async function runJob(t: Counted, file: string): Promise<string> {
  const preview = await t.services.jobs.preview({ filePath: file })
  const { jobId } = await t.services.jobs.create({
    filePath: file,
    mapping: {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      phoneColumns: [preview.suggestedPhoneColumns[0]],
      countryColumn: null,
      defaultRegion: 'US'
    }
  })
  await t.services.jobs.waitFor(jobId)
  return jobId
}

describe('a job reads its file once', () => {
  const cases: [string, (dir: string) => string][] = [
    ['xlsx', (dir) => writeTo(join(dir, 'people.xlsx'), workbookBuffer([{ name: 'People', rows: ROWS }]))],
    ['csv', (dir) => writeTo(join(dir, 'people.csv'), ROWS.map((r) => r.join(',')).join('\n'))],
    ['vcf', (dir) => writeTo(join(dir, 'people.vcf'), vcf(['Ada', 'Ben', 'Cy']))]
  ]
  for (const [format, make] of cases) {
    it(`${format}: preview, create and import parse the file once`, async () => {
      const t = countingServices()
      const file = make(t.dir)
      const jobId = await runJob(t, file)
      const job = t.services.jobs.get(jobId)
      expect(job.status).toBe('done')
      expect(job.counts.rows).toBe(3)
      expect(t.reads).toEqual([file])
    })
  }
})

function writeTo(path: string, content: string | Buffer): string {
  writeFileSync(path, content)
  return path
}

describe('the kept parse is never served stale', () => {
  it('a file changed between preview and create is read again, and the job holds its new rows', async () => {
    const t = countingServices()
    const file = writeTo(join(t.dir, 'people.xlsx'), workbookBuffer([{ name: 'People', rows: ROWS }]))
    await t.services.jobs.preview({ filePath: file })
    writeFileSync(
      file,
      workbookBuffer([
        { name: 'People', rows: [...ROWS, ['Di', '+1 212 555 0103'], ['Ed', '+1 212 555 0104']] }
      ])
    )
    // A clock that barely moved must not hide the change.
    utimesSync(file, new Date(Date.now() + 5000), new Date(Date.now() + 5000))
    const jobId = await runJob(t, file)
    expect(t.services.jobs.get(jobId).counts.rows).toBe(5)
    expect(t.reads).toEqual([file, file])
  })
})
