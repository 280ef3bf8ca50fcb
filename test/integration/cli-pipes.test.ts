// The CLI in pipes and scripts: a list on stdin (`-`, /dev/stdin, <(…)), the export on stdout (`--out -`), CSV
// without a BOM, a reader that goes away early, and several files in one `check`. Runs the CLI from source under
// tsx through a real shell, as a data engineer's script would.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as XLSX from 'xlsx'
import { cn, startCli, watch } from '../helpers/cli-child'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'src-main', 'cli', 'index.ts')
const TSX = require.resolve('tsx/cjs')
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

let work: string
let dataDir: string

interface ShellRun {
  code: number
  stdout: Buffer
  stderr: string
}

/** The command line that starts the CLI from source, quoted for bash. */
const RINGTRUE = [process.execPath, '--require', TSX, CLI].map((a) => `'${a}'`).join(' ')

function shellEnv(dataFolder: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RINGTRUE_DATA_DIR: dataFolder,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
    NO_COLOR: '1'
  }
}

/** Runs `script` in bash, where `ringtrue` is the CLI from source; the data folder is the test's. */
function shell(script: string, dataFolder = dataDir): ShellRun {
  const result = spawnSync('bash', ['-c', `ringtrue() { ${RINGTRUE} "$@"; }\n${script}`], {
    cwd: work,
    env: shellEnv(dataFolder),
    input: '',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') }
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0)
}

/** The JSON documents of an NDJSON stream, one per line. */
function documents(text: string): Record<string, unknown>[] {
  return lines(text).map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** A CSV export without its last column, "Checked At", which differs between two runs of the same list. */
function withoutCheckedAt(csv: Buffer): string {
  return csv
    .toString('utf8')
    .split('\r\n')
    .map((line) => line.replace(/,[^,]*$/, ''))
    .join('\n')
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-pipes-'))
  dataDir = join(work, 'data')
  writeFileSync(
    join(work, 'list.csv'),
    ['Name;Mobile;Notes', 'Ann;+1 201-555-0123;', 'Bob;0201 555 0199 x12;vip', 'Cat;not a phone;'].join('\n')
  )
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([
      ['Name', 'Phone'],
      ['Eve', '+1 201-555-0144'],
      ['Fay', '+1 201-555-0155']
    ]),
    'People'
  )
  writeFileSync(join(work, 'book.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
  writeFileSync(
    join(work, 'card.vcf'),
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gus\r\nTEL:+1 201-555-0166\r\nEND:VCARD\r\n'
  )
  // Larger than a pipe's buffer, so a reader that stops after one line closes the pipe mid-export.
  const rows = Array.from(
    { length: 20_000 },
    (_, i) => `P${i};+1 201-555-${String(i % 10_000).padStart(4, '0')};x`
  )
  writeFileSync(join(work, 'big.csv'), ['Name;Mobile;Notes', ...rows].join('\n'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('ringtrue in pipes', () => {
  it('reads the list from a real pipe with "-" and writes the export to stdout, the JSON to stderr', () => {
    const piped = shell('cat list.csv | ringtrue check - --region US --out - --json')
    expect(piped.code).toBe(0)
    const [summary, ...more] = documents(piped.stderr)
    expect(more).toEqual([])
    expect(summary).toMatchObject({
      schema: 'ringtrue.check/1',
      file: '-',
      status: 'done',
      rows: 3,
      output: ['-']
    })
    expect(piped.stdout.subarray(0, 3)).toEqual(BOM)
    expect(piped.stdout.toString('utf8')).toContain('Ann,+1 201-555-0123,,+12015550123,unchecked,')

    // The same job exported to a file holds exactly the bytes stdout carried.
    const jobId = summary.jobId as string
    const exported = shell(`ringtrue jobs export ${jobId} --out from-job.csv`)
    expect(exported.code).toBe(0)
    expect(readFileSync(join(work, 'from-job.csv')).equals(piped.stdout)).toBe(true)

    // And a check of the file itself writes the same export, but for the time of the check.
    const fromFile = shell('ringtrue check list.csv --region US --out from-file.csv')
    expect(fromFile.code).toBe(0)
    expect(withoutCheckedAt(piped.stdout)).toBe(withoutCheckedAt(readFileSync(join(work, 'from-file.csv'))))
    // The job is named "stdin", and its copy of the list is gone once the offline check finished.
    const shown = shell(`ringtrue jobs show ${jobId} --json`)
    expect(JSON.parse(shown.stdout.toString('utf8'))).toMatchObject({ name: 'stdin' })
    expect(readdirSync(join(dataDir, 'inputs'))).toEqual([])
    // …so the text names no removed file: it says where the list came from.
    const text = shell(`ringtrue jobs show ${jobId}`).stdout.toString('utf8')
    expect(text).toContain('File:    read from a pipe (sheet "stdin")')
  })

  it('writes CSV without the byte-order mark with --no-bom, to stdout and to a file', () => {
    const piped = shell('ringtrue check list.csv --region US --out - --no-bom 2>/dev/null')
    expect(piped.code).toBe(0)
    expect(piped.stdout.subarray(0, 5).toString('utf8')).toBe('Name,')
    const toFile = shell('ringtrue check list.csv --region US --out no-bom.csv --no-bom')
    expect(toFile.code).toBe(0)
    expect(readFileSync(join(work, 'no-bom.csv')).subarray(0, 5).toString('utf8')).toBe('Name,')
  })

  it('writes a binary xlsx to stdout with --out-format xlsx', () => {
    const piped = shell('ringtrue check book.xlsx --region US --out - --out-format xlsx 2>/dev/null')
    expect(piped.code).toBe(0)
    const book = XLSX.read(piped.stdout, { type: 'buffer' })
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1 })
    expect(rows[0].slice(0, 5)).toEqual(['Name', 'Phone', 'E.164', 'Status', 'Reason'])
    expect(rows.slice(1).map((row) => row[2])).toEqual(['+12015550144', '+12015550155'])
  })

  it('reads /dev/stdin and a process substitution <(…), told apart by content', () => {
    const devStdin = shell('cat book.xlsx | ringtrue check /dev/stdin --region US --json')
    expect(devStdin.stderr).toBe('')
    expect(devStdin.code).toBe(0)
    expect(documents(devStdin.stdout.toString('utf8'))).toEqual([
      expect.objectContaining({ file: '/dev/stdin', status: 'done', rows: 2 })
    ])
    const substituted = shell('ringtrue check <(cat card.vcf) --region US --json')
    expect(substituted.stderr).toBe('')
    expect(substituted.code).toBe(0)
    const [document] = documents(substituted.stdout.toString('utf8'))
    expect(document).toMatchObject({ status: 'done', rows: 1 })
    expect(document.file).toMatch(/^\/dev\/fd\/\d+$/)
    expect(readdirSync(join(dataDir, 'inputs'))).toEqual([])
  })

  it('ends quietly when the reader goes away (| head -1), and keeps the job whole', () => {
    const run = shell(
      'ringtrue check big.csv --region US --out - --json 2>err.txt | head -1; echo "exit ${PIPESTATUS[0]}" >&2'
    )
    expect(run.stdout.toString('utf8')).toBe(
      '\ufeffName,Mobile,Notes,E.164,Status,Reason,Line Type,Country,Carrier,Provider,Checked At\r\n'
    )
    expect(run.stderr).toBe('exit 0\n')
    const stderr = readFileSync(join(work, 'err.txt'), 'utf8')
    expect(stderr).not.toMatch(/EPIPE|ringtrue:|Error/)
    const [summary, ...more] = documents(stderr)
    expect(more).toEqual([])
    expect(summary).toMatchObject({ status: 'done', rows: 20_000 })
    const again = shell(`ringtrue jobs export ${summary.jobId as string} --out - --no-bom | wc -l`)
    expect(again.stdout.toString('utf8').trim()).toBe('20001')
  })

  it('exports a stored job to stdout with jobs export --out -, the same bytes as to a file', () => {
    const checked = shell('ringtrue check list.csv --region US --json')
    const jobId = documents(checked.stdout.toString('utf8'))[0].jobId as string
    const piped = shell(`ringtrue jobs export ${jobId} --out -`)
    expect(piped.code).toBe(0)
    expect(piped.stderr).toBe('Exported to stdout\n')
    shell(`ringtrue jobs export ${jobId} --out job.csv`)
    expect(piped.stdout.equals(readFileSync(join(work, 'job.csv')))).toBe(true)
  })

  it('refuses what cannot go to one stream or one stdin, before any work', () => {
    const split = shell('ringtrue check list.csv --out - --export split')
    expect(split.code).toBe(2)
    expect(split.stderr).toMatch(/--export split .* cannot all go to --out -/)
    const twice = shell('cat list.csv | ringtrue check - - --region US')
    expect(twice.code).toBe(2)
    expect(twice.stderr).toBe('ringtrue: "-" (stdin) can be given only once.\n')
    const empty = shell('ringtrue check - --region US < /dev/null')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toBe('ringtrue: stdin is empty: no list to check.\n')
  })
})

/** Waits, reading the store, until a job runs its offline check with rows done; returns its id. */
async function waitForOfflinePhase(dataFolder: string): Promise<string> {
  const dbPath = join(dataFolder, 'ringtrue.db')
  let id = ''
  await vi.waitFor(
    () => {
      expect(existsSync(dbPath)).toBe(true)
      const db = new Database(dbPath, { readonly: true, fileMustExist: true })
      try {
        const row = db
          .prepare(
            "SELECT id FROM jobs WHERE status = 'running' AND phase IN ('importing', 'checking') AND done > 0"
          )
          .get() as { id: string } | undefined
        expect(row).toBeDefined()
        id = row?.id ?? ''
      } finally {
        db.close()
      }
    },
    { timeout: 120_000, interval: 20 }
  )
  return id
}

describe('the copy of a piped list', () => {
  it('is kept while an interrupted offline check may resume from it, and removed once it is not needed', async () => {
    const rows = Array.from(
      { length: 150_000 },
      (_, i) => `P${i},+1 201 555 ${String(i % 10_000).padStart(4, '0')}`
    )
    writeFileSync(join(work, 'huge.csv'), ['Name,Phone', ...rows].join('\n'))
    const data = join(work, 'interrupt-data')
    // exec: the signal reaches the CLI itself, not the shell.
    const running = watch(
      spawn('bash', ['-c', `exec ${RINGTRUE} check - --region US < huge.csv`], {
        cwd: work,
        env: shellEnv(data)
      }),
      false
    )
    const id = await waitForOfflinePhase(data)
    running.signal('SIGINT')
    const run = await running.done
    expect(run.code).toBe(3)
    expect(readdirSync(join(data, 'inputs'))).toHaveLength(1)

    const resumed = shell(`ringtrue jobs resume ${id} --json`, data)
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout.toString('utf8'))).toMatchObject({ status: 'done', rows: 150_000 })
    // The next check finds the copy no job needs any more.
    expect(shell('ringtrue check list.csv --region US', data).code).toBe(0)
    expect(readdirSync(join(data, 'inputs'))).toEqual([])
  })
})

describe('ringtrue check with several files', () => {
  it('runs one job per file in order and prints one JSON document per line', () => {
    const run = shell('ringtrue check list.csv book.xlsx card.vcf --region US --json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const docs = documents(run.stdout.toString('utf8'))
    expect(docs.map((d) => [d.schema, d.file, d.status, d.rows])).toEqual([
      ['ringtrue.check/1', 'list.csv', 'done', 3],
      ['ringtrue.check/1', 'book.xlsx', 'done', 2],
      ['ringtrue.check/1', 'card.vcf', 'done', 1]
    ])
    expect(new Set(docs.map((d) => d.jobId)).size).toBe(3)
  })

  it('prints each file’s summary under its name', () => {
    const run = shell('ringtrue check list.csv card.vcf --region US')
    expect(run.code).toBe(0)
    const text = run.stdout.toString('utf8')
    expect(text).toMatch(/^== list\.csv ==\nJob \w+: list\.csv/)
    expect(text).toMatch(/\n\n== card\.vcf ==\nJob \w+: card\.vcf/)
  })

  it('exports each file to --out with {name}, and refuses an --out without it before any work', () => {
    mkdirSync(join(work, 'clean'))
    const run = shell("ringtrue check list.csv book.xlsx --region US --out 'clean/{name}.csv' --json")
    expect(run.code).toBe(0)
    expect(readdirSync(join(work, 'clean')).sort()).toEqual(['book.csv', 'list.csv'])
    expect(documents(run.stdout.toString('utf8')).map((d) => d.output)).toEqual([
      [join(work, 'clean', 'list.csv')],
      [join(work, 'clean', 'book.csv')]
    ])

    const fresh = join(work, 'fresh-data')
    const refused = shell('ringtrue check list.csv book.xlsx --region US --out clean/all.csv', fresh)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      "ringtrue: with several files, put {name} in --out, e.g. --out 'clean/{name}.csv'\n"
    )
    expect(existsSync(fresh)).toBe(false)
  })

  it('reports a missing file among others, checks the rest, and ends with the highest exit code', () => {
    const run = shell('ringtrue check list.csv missing.csv card.vcf --region US --json')
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('ringtrue: missing.csv does not exist\n')
    const docs = documents(run.stdout.toString('utf8'))
    expect(docs).toEqual([
      expect.objectContaining({ file: 'list.csv', status: 'done' }),
      {
        schema: 'ringtrue.check/1',
        file: 'missing.csv',
        error: { code: 'usage', message: 'missing.csv does not exist', exit: 2 }
      },
      expect.objectContaining({ file: 'card.vcf', status: 'done' })
    ])
  })
})

describe('ringtrue check with several files and a paid check', () => {
  let sim: AcedataSimulator
  beforeAll(async () => {
    sim = await startAcedataSimulator()
  })
  afterAll(() => sim.close())

  it('stops at a file without consent to spend and names the files not started', async () => {
    for (const name of ['paid1', 'paid2']) {
      const rows = [0, 1, 2].map((i) => `${name}-${i},${cn(i + (name === 'paid1' ? 0 : 10))}`)
      writeFileSync(join(work, `${name}.csv`), ['Name,Phone', ...rows].join('\n'))
    }
    // Spawned asynchronously: the simulator answers from this process.
    const run = await startCli(
      ['check', 'paid1.csv', 'paid2.csv', '--region', 'CN', '--provider', 'acedata', '--json'],
      work,
      {
        ...process.env,
        RINGTRUE_DATA_DIR: join(work, 'paid-data'),
        RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clipipestest-${process.pid}`,
        RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
        RINGTRUE_ACEDATA_BASE_URL: sim.url,
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
      }
    ).done
    expect(run.code).toBe(2)
    const stderr = lines(run.stderr)
    expect(stderr).toHaveLength(2)
    expect(stderr[0]).toMatch(/^ringtrue: paid1\.csv: No consent to spend: add --yes/)
    expect(stderr[1]).toBe('Not started: paid2.csv')
    expect(documents(run.stdout)).toEqual([
      {
        schema: 'ringtrue.check/1',
        file: 'paid1.csv',
        error: { code: 'no_consent', message: expect.stringMatching(/^No consent to spend/), exit: 2 }
      }
    ])
    expect(sim.requests).toHaveLength(0)
  })
})
