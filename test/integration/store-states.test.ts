// The store in a bad state (issue 8, "Data safety"): a missing, empty, damaged, read-only or unreadable data
// folder gets one line naming the path and what to do next, never a bare SQLite string, and the database's
// bytes stay exactly as they were. Read-only commands work on a folder they cannot write and never create one.
// Running as root, file modes do not stop writes: those cases run the CLI as user `nobody` through setpriv.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../src-main/core/services'
import { databasePath } from '../../src-main/core/paths'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { sourceWorkers } from '../helpers/services'

const ROOT = resolve(__dirname, '../..')
const TSX = require.resolve('tsx/cjs')
const IS_ROOT = process.getuid?.() === 0
const NOBODY = 65534
const SETPRIV = spawnSync('setpriv', ['--version']).status === 0
/** Why the "another user" cases cannot run here, or null when they can. */
const OTHER_USER_SKIP =
  IS_ROOT && !SETPRIV ? 'running as root without setpriv: cannot act as another user' : null

let work: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI from source; as `nobody` when `asOther` (root only), so that file modes apply. */
function cli(dataDir: string, options: { asOther?: boolean }, ...args: string[]): Run {
  const command = [process.execPath, '--require', TSX, join(ROOT, 'src-main', 'cli', 'index.ts'), ...args]
  const asOther = options.asOther && IS_ROOT
  const [file, ...argv] = asOther
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...command]
    : command
  const result = spawnSync(file, argv, {
    cwd: work,
    env: {
      ...process.env,
      HOME: asOther ? work : process.env.HOME,
      RINGTRUE_DATA_DIR: dataDir,
      RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-statestest-${process.pid}`,
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
    },
    encoding: 'utf8',
    timeout: 120_000
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** A real store with one finished job, closed cleanly (no -wal/-shm left). */
async function seedStore(dataDir: string): Promise<string> {
  const services = createServices({ dataDir, ...sourceWorkers(), secrets: new MemorySecretStore(), env: {} })
  try {
    const file = join(work, 'list.csv')
    const preview = await services.jobs.preview({ filePath: file })
    const { jobId } = await services.jobs.create({
      filePath: file,
      mapping: {
        sheet: preview.sheet,
        headerRow: 0,
        phoneColumns: [1],
        countryColumn: null,
        defaultRegion: 'US'
      }
    })
    expect((await services.jobs.waitFor(jobId)).status).toBe('done')
    return jobId
  } finally {
    services.close()
  }
}

/** One line on stderr, prefixed like every CLI failure, naming `path` and a next step. */
function expectOneLine(run: Run, path: string, pattern: RegExp): void {
  expect(run.stderr.endsWith('\n')).toBe(true)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(/^ringtrue: /)
  expect(run.stderr).toContain(path)
  expect(run.stderr).toMatch(pattern)
  expect(run.stderr).not.toMatch(
    /SQLITE_|database is locked|file is not a database|malformed|attempt to write/
  )
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-states-'))
  // `nobody` must reach the work folder and read the list.
  chmodSync(work, 0o755)
  const rows = [
    'Name,Mobile',
    ...Array.from({ length: 400 }, (_, i) => `P${i},+1 201-555-${String(i).padStart(4, '0')}`)
  ]
  writeFileSync(join(work, 'list.csv'), rows.join('\n'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('a data folder that does not exist yet', () => {
  it('is never created by a command that only reads, which says there are no jobs yet', () => {
    const dataDir = join(work, 'never', 'Ringtrue')
    const list = cli(dataDir, {}, 'jobs', 'list')
    expect(list.stderr).toBe('')
    expect(list.code).toBe(0)
    expect(list.stdout).toBe(
      `No jobs yet: the data folder ${dataDir} does not exist yet. Start one with: ringtrue check <file>\n`
    )
    const json = cli(dataDir, {}, 'jobs', 'list', '--json')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).jobs).toEqual([])
    for (const args of [
      ['jobs', 'show', 'abc123'],
      ['jobs', 'uncertain', 'abc123'],
      ['jobs', 'export', 'abc123', '--out', join(work, 'never.csv')]
    ]) {
      const run = cli(dataDir, {}, ...args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toBe(
        `ringtrue: No job abc123: the data folder ${dataDir} does not exist yet (no job has been stored there).\n`
      )
    }
    const providers = cli(dataDir, {}, 'providers', 'list')
    expect(providers.stderr).toBe('')
    expect(providers.code).toBe(0)
    expect(providers.stdout).toMatch(/^acedata /m)
    expect(existsSync(join(work, 'never'))).toBe(false)
  })
})

describe('an empty (0-byte) database file', () => {
  it('is reported with its path and a next step, not shown as "No jobs yet", and left as it is', () => {
    const dataDir = join(work, 'empty')
    mkdirSync(dataDir)
    const file = databasePath(dataDir)
    writeFileSync(file, '')
    for (const args of [
      ['jobs', 'list'],
      ['providers', 'list'],
      ['check', 'list.csv', '--region', 'US']
    ]) {
      const run = cli(dataDir, {}, ...args)
      expect(run.code, args.join(' ')).toBe(1)
      expect(run.stdout).toBe('')
      expectOneLine(
        run,
        file,
        /is empty \(0 bytes\).*left it untouched\. Move it aside to start fresh, or restore a backup\.\n$/
      )
    }
    expect(readFileSync(file).length).toBe(0)
    expect(readdirSync(dataDir)).toEqual(['ringtrue.db'])
  })
})

describe('a damaged database file', () => {
  const cases: { name: string; damage(file: string): void; detail: RegExp }[] = [
    {
      name: 'truncated to half its size',
      damage: (file) => truncateSync(file, Math.floor(readFileSync(file).length / 2) - 100),
      detail: /\(it is truncated: \d+ bytes of \d+\)/
    },
    {
      name: 'overwritten with other bytes',
      damage: (file) => writeFileSync(file, Buffer.alloc(12_288, 'not a database, just text\n')),
      detail: /\(it is not a SQLite database\)/
    },
    {
      name: 'with a corrupt header',
      damage: (file) => {
        const bytes = readFileSync(file)
        bytes.writeUInt16BE(1000, 16) // page size 1000: not a power of two
        writeFileSync(file, bytes)
      },
      detail: /\(its header is corrupt\)/
    }
  ]

  it.each(cases)(
    '$name: every command names it, says to move it aside, and never writes to it',
    async (c) => {
      const dataDir = join(work, `damaged-${cases.indexOf(c)}`)
      const jobId = await seedStore(dataDir)
      const file = databasePath(dataDir)
      c.damage(file)
      const before = sha(file)
      for (const args of [
        ['jobs', 'list'],
        ['jobs', 'show', jobId],
        ['jobs', 'delete', jobId],
        ['check', 'list.csv', '--region', 'US']
      ]) {
        const run = cli(dataDir, {}, ...args)
        expect(run.code, args.join(' ')).toBe(1)
        expect(run.stdout).toBe('')
        expectOneLine(run, file, /^ringtrue: The database at .* is damaged /)
        expect(run.stderr).toMatch(c.detail)
        expect(run.stderr).toMatch(
          /Ringtrue left it untouched\. Move it aside to start fresh, or restore a backup\.\n$/
        )
      }
      expect(sha(file)).toBe(before)
      // No WAL or shared-memory file was created beside it: SQLite never opened it for writing.
      expect(readdirSync(dataDir)).toEqual(['ringtrue.db'])
    }
  )
})

describe.skipIf(OTHER_USER_SKIP !== null)('a data folder this user cannot write', () => {
  let dataDir: string
  let file: string
  let jobId: string
  let before: string
  beforeAll(async () => {
    dataDir = join(work, 'readonly')
    jobId = await seedStore(dataDir)
    file = databasePath(dataDir)
    chmodSync(file, 0o444)
    chmodSync(dataDir, 0o555)
    before = sha(file)
  })
  afterAll(() => chmodSync(dataDir, 0o755))

  it('serves the commands that only read: jobs list, jobs show, jobs uncertain, providers list, jobs export', () => {
    const list = cli(dataDir, { asOther: true }, 'jobs', 'list')
    expect(list.stderr).toBe('')
    expect(list.code).toBe(0)
    expect(list.stdout).toContain(jobId)
    const show = cli(dataDir, { asOther: true }, 'jobs', 'show', jobId, '--json')
    expect(show.code).toBe(0)
    expect(JSON.parse(show.stdout)).toMatchObject({ id: jobId, status: 'done' })
    // The job ran the offline check only: uncertain reads it and says so (a usage answer, not a store error).
    const uncertain = cli(dataDir, { asOther: true }, 'jobs', 'uncertain', jobId)
    expect(uncertain.stderr).toBe(
      'ringtrue: This job has no paid check; it was run with the offline check only.\n'
    )
    expect(uncertain.code).toBe(2)
    const providers = cli(dataDir, { asOther: true }, 'providers', 'list')
    expect(providers.code).toBe(0)
    expect(providers.stdout).toMatch(/^acedata /m)
    const outDir = join(work, 'exports')
    mkdirSync(outDir, { recursive: true })
    chmodSync(outDir, 0o777)
    const out = join(outDir, 'clean.csv')
    const exported = cli(
      dataDir,
      { asOther: true },
      'jobs',
      'export',
      jobId,
      '--out',
      out,
      '--export',
      'full'
    )
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(/^P0,/)
    expect(sha(file)).toBe(before)
    expect(readdirSync(dataDir)).toEqual(['ringtrue.db'])
  })

  it('refuses the commands that write with the folder, the reason and the next step', () => {
    for (const args of [
      ['check', 'list.csv', '--region', 'US'],
      ['jobs', 'delete', jobId]
    ]) {
      const run = cli(dataDir, { asOther: true }, ...args)
      expect(run.code, args.join(' ')).toBe(1)
      expect(run.stdout).toBe('')
      expectOneLine(run, dataDir, /^ringtrue: Ringtrue cannot write to /)
      expect(run.stderr).toMatch(
        IS_ROOT ? /: it belongs to another user \(uid 0\)\./ : /: it is read-only for this user\./
      )
      expect(run.stderr).toMatch(/Make it writable for this user, or point Ringtrue at another data folder/)
    }
    expect(sha(file)).toBe(before)
    expect(readdirSync(dataDir)).toEqual(['ringtrue.db'])
  })
})

describe.skipIf(OTHER_USER_SKIP !== null)('a database this user cannot read', () => {
  it('names the file and who owns it instead of SQLite’s "unable to open"', async () => {
    const dataDir = join(work, 'unreadable')
    await seedStore(dataDir)
    const file = databasePath(dataDir)
    chmodSync(file, 0o000)
    const before = IS_ROOT ? sha(file) : null
    try {
      for (const args of [
        ['jobs', 'list'],
        ['check', 'list.csv', '--region', 'US']
      ]) {
        const run = cli(dataDir, { asOther: true }, ...args)
        expect(run.code, args.join(' ')).toBe(1)
        expectOneLine(run, file, /^ringtrue: Ringtrue cannot (read the database at|write to) /)
        expect(run.stderr).toMatch(IS_ROOT ? /another user \(uid 0\)/ : /permission denied|read-only/)
      }
    } finally {
      chmodSync(file, 0o644)
    }
    if (before) expect(sha(file)).toBe(before)
  })
})
