// A lean store (issue 10): deleting a job gives its pages back to the file system (incremental auto-vacuum,
// in new stores and in stores converted once at open), and the writes that can be redone from the source file
// (import, offline check) skip the flush to disk that the paid ledger keeps.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AUTO_VACUUM_INCREMENTAL, openDatabase } from '../../src-main/core/store/database'
import type { Services } from '../../src-main/core/services'
import { ACEDATA_SIM_KEY, startAcedataSimulator } from '../fakes/acedata-simulator'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { createPaidJob, paidPlan, writeNumbers } from '../helpers/paid-job'
import { tempServices, type TempServices } from '../helpers/services'

const FIXTURE_DB = join(__dirname, '..', 'fixtures', 'store-v7', 'data', 'ringtrue.db')
const SYNCHRONOUS = { NORMAL: 1, FULL: 2 }

let t: TempServices | undefined
let dir: string | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  t?.cleanup()
  t = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
  for (const close of closers.splice(0)) await close()
})

/** Imports a CSV of `rows` distinct CN mobiles with a name and a note beside each (offline check only). */
async function createJob(services: Services, folder: string, name: string, rows: number): Promise<string> {
  const lines = Array.from(
    { length: rows },
    (_, i) => `Contact ${name} ${i},+86 139 ${String(i).padStart(8, '0')},note for row ${i} of ${name}`
  )
  const file = join(folder, `${name}.csv`)
  writeFileSync(file, ['Name,Phone,Note', ...lines].join('\n'))
  const preview = await services.jobs.preview({ filePath: file })
  const { jobId } = await services.jobs.create({
    filePath: file,
    name,
    mapping: {
      sheet: preview.sheet,
      headerRow: 0,
      phoneColumns: [1],
      countryColumn: null,
      defaultRegion: 'CN'
    }
  })
  expect((await services.jobs.waitFor(jobId)).status).toBe('done')
  return jobId
}

function pages(db: Database.Database): number {
  db.pragma('wal_checkpoint(TRUNCATE)')
  return db.pragma('page_count', { simple: true }) as number
}

describe('space comes back', () => {
  it('a new store is created with incremental auto-vacuum', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-space-'))
    const db = openDatabase(join(dir, 'data', 'ringtrue.db'))
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(AUTO_VACUUM_INCREMENTAL)
    db.close()
  })

  it('a store written before is converted once at open, every row kept', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-space-'))
    mkdirSync(join(dir, 'data'))
    const file = join(dir, 'data', 'ringtrue.db')
    copyFileSync(FIXTURE_DB, file)
    const old = new Database(file, { readonly: true })
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0)
    const jobs = old.prepare('SELECT id, name, status FROM jobs ORDER BY id').all()
    const attempts = old.prepare('SELECT COUNT(*) FROM attempts').pluck().get()
    old.close()
    const db = openDatabase(file)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(AUTO_VACUUM_INCREMENTAL)
    expect(db.prepare('SELECT id, name, status FROM jobs ORDER BY id').all()).toEqual(jobs)
    expect(db.prepare('SELECT COUNT(*) FROM attempts').pluck().get()).toBe(attempts)
    db.close()
  })

  it('deleting a job gives at least 90% of the pages its rows took back to the file system', async () => {
    t = tempServices()
    const db = t.services.db
    const kept = await createJob(t.services, t.dir, 'kept', 300)
    const before = pages(db)
    const beforeBytes = statSync(t.services.databaseFile).size
    const deleted = await createJob(t.services, t.dir, 'deleted', 9000)
    const grown = pages(db)
    const grownBytes = statSync(t.services.databaseFile).size
    expect(grown - before).toBeGreaterThan(200)
    await t.services.jobs.remove(deleted)
    const after = pages(db)
    expect(db.pragma('freelist_count', { simple: true })).toBe(0)
    expect((grown - after) / (grown - before)).toBeGreaterThanOrEqual(0.9)
    // The file itself shrank (the WAL is checkpointed and truncated above).
    expect(statSync(t.services.databaseFile).size).toBeLessThanOrEqual(
      grownBytes - 0.9 * (grownBytes - beforeBytes)
    )
    // The other job is untouched.
    expect(t.services.store.results.queryResults(kept, {}, 0, 1000).rows).toHaveLength(300)
  })
})

describe('lean rows', () => {
  it('an offline verdict stores no provider or time of its own: rows read back with the job’s offline check', async () => {
    t = tempServices()
    const db = t.services.db
    const jobId = await createJob(t.services, t.dir, 'lean', 40)
    const [lo, hi] = t.services.store.keys.numberRange(jobId)
    const repeated = db
      .prepare(
        `SELECT COUNT(*) FROM numbers WHERE id BETWEEN @lo AND @hi AND (provider IS NOT NULL OR checked_at IS NOT NULL)`
      )
      .pluck()
      .get({ lo, hi })
    expect(repeated).toBe(0)
    const at = db.prepare('SELECT offline_checked_at FROM jobs WHERE id = ?').pluck().get(jobId) as string
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT/)
    const rows = t.services.store.results.queryResults(jobId, {}, 0, 100).rows
    expect(rows).toHaveLength(40)
    expect(new Set(rows.map((r) => `${r.provider} ${r.checkedAt}`))).toEqual(new Set([`offline ${at}`]))
    const numbers = t.services.store.results.rowNumbers(jobId, rows[0].rowIndex)
    expect(numbers.map((n) => [n.provider, n.checked_at])).toEqual([['offline', at]])
  })
})

describe('what is flushed to disk at each commit', () => {
  it('import and offline-check writes commit with synchronous=NORMAL; the paid ledger and the rest keep FULL', async () => {
    const ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
    closers.push(() => ace.close())
    const secrets = new MemorySecretStore()
    await secrets.set('acedata', ACEDATA_SIM_KEY, ace.url)
    t = tempServices({ secrets })
    const { store, db } = t.services
    const seen: Record<string, number[]> = { source: [], results: [], ledger: [], checks: [] }
    const spy = <T extends object>(target: T, method: keyof T, into: number[]): void => {
      const original = (target[method] as (...args: unknown[]) => unknown).bind(target)
      ;(target as Record<keyof T, unknown>)[method] = (...args: unknown[]) => {
        into.push(db.pragma('synchronous', { simple: true }) as number)
        return original(...args)
      }
    }
    spy(store.imports, 'insertEncodedRows', seen.source)
    spy(store.results, 'insertRow', seen.results)
    spy(store.live, 'claim', seen.ledger)
    spy(store.live, 'insertCheck', seen.checks)
    t.services.providers.saveSettings('acedata', { baseUrl: ace.url, pricePerLookup: 0.01 })
    const file = writeNumbers(t.dir, 'paid.csv', ['+8613800138000', '+8613800138001', '+8613800138006'])
    const jobId = await createPaidJob(t.services, file, paidPlan('acedata'), { region: 'CN' })
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS.FULL)
    await t.services.jobs.startLive({ jobId })
    expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
    expect(seen.source.length).toBeGreaterThan(0)
    expect(new Set([...seen.source, ...seen.results])).toEqual(new Set([SYNCHRONOUS.NORMAL]))
    expect(seen.ledger).toHaveLength(3)
    expect(new Set([...seen.ledger, ...seen.checks])).toEqual(new Set([SYNCHRONOUS.FULL]))
    expect(db.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS.FULL)
  })
})
