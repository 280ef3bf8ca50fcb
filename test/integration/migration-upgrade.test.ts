// Data folders written by the releases with schema 7 and 8 (test/fixtures/store-v7 and store-v8, each made by its
// generate.ts with that release's code: an offline job over a mixed list and a paid Ace Data Cloud job with its
// ledger; v8 adds a list whose rows read one number differently, with inference notes) are opened by this build:
// each is upgraded in place, and every job, row, number, answer and ledger row reads as that release showed it,
// and exports byte for byte what it exported.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import Papa from 'papaparse'
import { lineTypeLabel, reasonLabel } from '../../src-main/core/domain'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/store/database'
import { MIGRATIONS } from '../../src-main/core/store/migrations'
import { createServices, type Services } from '../../src-main/core/services'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { sourceWorkers } from '../helpers/services'
import { snapshotJob, type JobSnapshot } from '../helpers/store-snapshot'

const FIXTURES = [
  {
    name: 'store-v7',
    schema: 7,
    jobs: [
      [8, 0],
      [8, 6]
    ]
  },
  {
    name: 'store-v8',
    schema: 8,
    jobs: [
      [8, 0],
      [8, 6],
      [6, 0]
    ]
  }
]

interface Expected {
  list: unknown[]
  jobs: Record<string, JobSnapshot>
}

let dir: string | undefined
let services: Services | undefined
afterEach(() => {
  services?.close()
  services = undefined
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** The schema a fixture was written with, read from a copy (opening it in place would add -wal/-shm files). */
function schemaOf(fixture: string): number {
  const copy = mkdtempSync(join(tmpdir(), 'ringtrue-fixture-'))
  try {
    copyFileSync(join(fixture, 'data', 'ringtrue.db'), join(copy, 'ringtrue.db'))
    const db = new Database(join(copy, 'ringtrue.db'), { readonly: true })
    try {
      return db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number
    } finally {
      db.close()
    }
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}

function openCopy(fixture: string): Services {
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-upgrade-'))
  mkdirSync(join(dir, 'data'))
  copyFileSync(join(fixture, 'data', 'ringtrue.db'), join(dir, 'data', 'ringtrue.db'))
  services = createServices({
    dataDir: join(dir, 'data'),
    ...sourceWorkers(),
    secrets: new MemorySecretStore(),
    env: {}
  })
  return services
}

/**
 * Each export as parsed CSV tables. `written before` turns a file written by the fixture's release into what this
 * release writes: Reason and Line Type as words, no header-only part of a split export.
 */
function asTables(exports: Record<string, string>, writtenBefore: boolean): Record<string, string[][][]> {
  const out: Record<string, string[][][]> = {}
  for (const [mode, text] of Object.entries(exports)) {
    let tables = text
      .split('\n--- next file ---\n')
      .map((file) => Papa.parse<string[]>(file.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data)
    if (writtenBefore) {
      if (tables.length > 1) {
        const withRows = tables.filter((table) => table.length > 1)
        tables = withRows.length > 0 ? withRows : tables.slice(0, 1)
      }
      tables = tables.map((table) => {
        const reason = table[0].lastIndexOf('Reason')
        const lineType = table[0].lastIndexOf('Line Type')
        return table.map((row, i) =>
          i === 0
            ? row
            : row.map((cell, c) =>
                c === reason ? reasonLabel(cell) : c === lineType ? lineTypeLabel(cell) : cell
              )
        )
      })
    }
    out[mode] = tables
  }
  return out
}

describe.each(FIXTURES)('a data folder written by the schema-$schema release', (fixture) => {
  const FIXTURE = join(__dirname, '..', 'fixtures', fixture.name)
  const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Expected

  it('opens upgraded to the current schema with every job, row, number, answer and ledger row, exporting the same files', async () => {
    expect(schemaOf(FIXTURE)).toBe(fixture.schema)
    const s = openCopy(FIXTURE)
    const version = s.db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()
    expect(version).toBe(MIGRATIONS.length)
    // Migration 9 merged the row tables into job_rows and gave each job's numbers an id range of its own; the
    // ledger's attempts still point at their numbers, now in their job's range.
    const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['job_rows', 'number_rows', 'note_phrases']))
    expect(tables).not.toEqual(expect.arrayContaining(['row_results']))
    expect(tables).not.toEqual(expect.arrayContaining(['row_numbers']))
    const links = s.db
      .prepare(
        `SELECT COUNT(*) AS linked, SUM(EXISTS (SELECT 1 FROM numbers n WHERE n.id = a.number_id
         AND n.id >> 32 = (SELECT j.seq FROM jobs j WHERE j.id = a.job_id))) AS found
         FROM attempts a WHERE a.number_id IS NOT NULL`
      )
      .get()
    expect(links).toEqual({ linked: 6, found: 6 })
    // Notes were rewritten by phrase (they read back whole: the row details below are compared).
    const plainNotes = s.db
      .prepare('SELECT COUNT(*) FROM job_rows WHERE note IS NOT NULL AND substr(note, 1, 1) <> char(1)')
      .pluck()
      .get()
    expect(plainNotes).toBe(0)
    expect(s.jobs.list()).toEqual(expected.list)
    const out = join(dir!, 'exports')
    mkdirSync(out)
    for (const [jobId, want] of Object.entries(expected.jobs)) {
      const got = await snapshotJob(s, jobId, out)
      expect(got.job).toEqual(want.job)
      expect(got.results).toEqual(want.results)
      expect(got.numbers).toEqual(want.numbers)
      expect(got.ledger).toEqual(want.ledger)
      // The fixture's files were written before exports named reasons and line types in words and left out the
      // parts of empty statuses: those are the only differences allowed.
      expect(asTables(got.exports, false)).toEqual(asTables(want.exports, true))
    }
    // The paid job really holds answers and a ledger, and the offline one a mixed list: the fixture is not empty.
    const counts = Object.values(expected.jobs).map((j) => [j.results.length, j.ledger.length])
    expect(counts).toEqual(fixture.jobs)
  })

  it('gives the pages of the tables the upgrade rebuilt back to the file system at once', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-upgrade-'))
    const file = join(dir, 'ringtrue.db')
    copyFileSync(join(FIXTURE, 'data', 'ringtrue.db'), file)
    const db = openDatabase(file)
    try {
      expect(db.pragma('freelist_count', { simple: true })).toBe(0)
    } finally {
      db.close()
    }
  })

  it('is upgraded once: reopening the upgraded folder changes nothing', async () => {
    openCopy(FIXTURE).close()
    const file = join(dir!, 'data', 'ringtrue.db')
    const db = new Database(file, { readonly: true })
    const versions = db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()
    db.close()
    services = createServices({
      dataDir: join(dir!, 'data'),
      ...sourceWorkers(),
      secrets: new MemorySecretStore(),
      env: {}
    })
    expect(services.db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(versions)
    expect(services.jobs.list()).toEqual(expected.list)
  })
})
