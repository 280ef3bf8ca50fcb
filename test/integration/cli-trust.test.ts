// Issue 8, "The CLI must not lose or hide work": interrupted and killed jobs resume into their paid check, exports
// of paused and cancelled jobs, refused re-checks, --out checked up front, stop signals, closed pipes, the keychain
// checked before a key is read, control characters in names, and very wide files. The Ace Data Cloud simulator
// runs in this process, so the CLI is always spawned asynchronously.
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import {
  CLI,
  ROOT,
  TSX,
  cn,
  jobIdIn,
  sendsPerNumber as countSends,
  startCli,
  startCliOnTerminal,
  withoutProgress,
  type Run,
  type Running
} from '../helpers/cli-child'

const SLOW = { timeout: 240_000 }
const scriptAvailable = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

const NUMBERS = Array.from({ length: 30 }, (_, i) => cn(i))

let sim: AcedataSimulator
let dir: string

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
})
afterAll(() => sim.close())

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-cli-trust-'))
  const rows = [['Name', 'Phone']]
  NUMBERS.forEach((n, i) => rows.push([`cn${i}`, n]))
  rows.push(['us1', '+1 201-555-0123'], ['bad', '12'])
  writeFileSync(join(dir, 'list.csv'), rows.map((r) => r.join(',')).join('\n'))
  sim.requests.length = 0
  sim.setMode('normal')
})
afterEach(() => {
  chmodSync(dir, 0o700)
  rmSync(dir, { recursive: true, force: true })
})

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RINGTRUE_DATA_DIR: join(dir, 'data'),
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clitrusttest-${process.pid}`,
    RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
    RINGTRUE_ACEDATA_BASE_URL: sim.url,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
    ...extra
  }
}

function start(
  args: string[],
  extraEnv: Record<string, string | undefined> = {},
  keepStdin = false
): Running {
  return startCli(args, dir, env(extraEnv), keepStdin)
}

function cli(...args: string[]): Promise<Run> {
  return start(args).done
}

function sendsPerNumber(requests = sim.requests): Map<string, number> {
  return countSends(requests)
}

interface ShownJob {
  id: string
  name: string
  status: string
  phase: string
  error: string | null
  rows: number
  byStatus: Record<string, number>
  live: (Record<string, unknown> & { pending: number; pauseReason: string | null }) | null
}

async function showJson(id: string): Promise<ShownJob> {
  const show = await cli('jobs', 'show', id, '--json')
  expect(show.code).toBe(0)
  return JSON.parse(show.stdout)
}

async function listJson(): Promise<ShownJob[]> {
  const list = await cli('jobs', 'list', '--json')
  expect(list.code).toBe(0)
  return JSON.parse(list.stdout).jobs
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/)
  return lines[0]
}

/** A list long enough that its import and offline check take a while: US numbers (outside Ace Data Cloud's
 * coverage, so never sent) and the 30 Chinese mobiles at the end. */
function writeBigList(name: string, rows = 150_000): void {
  const lines = ['Name,Phone']
  for (let i = 0; i < rows; i++) lines.push(`P${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
  NUMBERS.forEach((n, i) => lines.push(`cn${i},${n}`))
  writeFileSync(join(dir, name), lines.join('\n'))
}

/** Waits, reading the store directly, until a job is in its offline phase with rows done. */
async function waitForOfflinePhase(): Promise<string> {
  const dbPath = join(dir, 'data', 'ringtrue.db')
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

const paidCheck = (file: string, ...extra: string[]): string[] => [
  'check',
  file,
  '--region',
  'CN',
  '--provider',
  'acedata',
  ...extra
]

describe('a job stopped before its paid check', SLOW, () => {
  it('killed (SIGKILL) during the offline phase, resumes into its paid check', async () => {
    writeBigList('big.csv')
    const running = start(paidCheck('big.csv', '--yes'))
    const id = await waitForOfflinePhase()
    running.signal('SIGKILL')
    await running.done
    expect(sim.requests).toHaveLength(0)

    // The next command finds it interrupted, with its plan: not failed, not "has no paid check".
    const killed = await showJson(id)
    expect(killed.status).toBe('paused')
    expect(killed.live?.pauseReason).toBe('interrupted')
    expect(killed.live?.plan).toMatchObject({ route: [{ provider: 'acedata', countries: null }] })

    const resumed = await cli('jobs', 'resume', id, '--yes', '--json')
    expect(resumed.stderr).toBe('')
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({ jobId: id, status: 'done', rows: 150_030 })
    const sends = sendsPerNumber()
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
    const done = await showJson(id)
    expect(done.status).toBe('done')
    expect(done.rows).toBe(150_030)
    expect(done.live).toMatchObject({ answered: 30, pending: 0 })
  })

  it('Ctrl-C (SIGINT) during the offline phase pauses it as interrupted, exit 3; resume finishes it', async () => {
    writeBigList('big.csv')
    const running = start(paidCheck('big.csv', '--yes'))
    const id = await waitForOfflinePhase()
    running.signal('SIGINT')
    const run = await running.done
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/Interrupted before the offline check of job \w+ finished; nothing was spent/)
    expect(jobIdIn(run.stderr)).toBe(id)
    const job = await showJson(id)
    expect(job.status).toBe('paused')
    expect(job.error).toMatch(/Interrupted/)
    expect(job.live?.pauseReason).toBe('interrupted')
    expect(sim.requests).toHaveLength(0)

    const resumed = await cli('jobs', 'resume', id, '--yes')
    expect(resumed.code).toBe(0)
    expect((await showJson(id)).status).toBe('done')
    expect(sendsPerNumber().size).toBe(30)
  })

  it.skipIf(!scriptAvailable)(
    'Ctrl-C on a terminal during the offline phase shows the cursor again and keeps the job',
    async () => {
      writeBigList('big.csv')
      const running = startCliOnTerminal(['check', 'big.csv', '--region', 'US'], dir, env())
      // The progress bar hid the cursor: the offline phase runs on the terminal.
      await vi.waitFor(() => expect(running.stdout).toMatch(/(Importing|Checking) \[/), {
        timeout: 120_000,
        interval: 20
      })
      expect(running.stdout).toContain('\x1b[?25l')
      running.write('\x03')
      const run = await running.done
      expect(run.code).toBe(3)
      expect(run.stdout).toMatch(/Interrupted before the offline check/)
      // Shown again after the last time it was hidden.
      expect(run.stdout.lastIndexOf('\x1b[?25h')).toBeGreaterThan(run.stdout.lastIndexOf('\x1b[?25l'))
      const [job] = await listJson()
      expect(job.status).toBe('paused')
      expect(job.error).toMatch(/Interrupted/)

      const resumed = await cli('jobs', 'resume', job.id)
      expect(resumed.code).toBe(0)
      const done = await showJson(job.id)
      expect(done.status).toBe('done')
      expect(done.rows).toBe(150_030)
    }
  )
})

describe('jobs export of a job that is not done', SLOW, () => {
  it('exports a paused and a cancelled job: rows without a paid answer keep their offline status', async () => {
    const run = await cli(...paidCheck('list.csv'))
    expect(run.code).toBe(2)
    const id = jobIdIn(run.stderr)
    expect((await showJson(id)).status).toBe('paused')

    const paused = await cli('jobs', 'export', id, '--out', 'paused.csv', '--export', 'full')
    expect(paused.stderr).toBe('')
    expect(paused.code).toBe(0)
    const lines = readFileSync(join(dir, 'paused.csv'), 'utf8').trim().split(/\r?\n/)
    expect(lines).toHaveLength(33)
    expect(lines.slice(1).filter((l) => /unchecked/.test(l))).toHaveLength(31)
    expect(lines.slice(1).filter((l) => /invalid/.test(l))).toHaveLength(1)

    expect((await cli('jobs', 'cancel', id)).code).toBe(0)
    const cancelled = await cli('jobs', 'export', id, '--out', 'cancelled.xlsx')
    expect(cancelled.stderr).toBe('')
    expect(cancelled.code).toBe(0)
    expect(existsSync(join(dir, 'cancelled.xlsx'))).toBe(true)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('a refused jobs recheck', SLOW, () => {
  it('without consent leaves a done job exactly as it was', async () => {
    const run = await cli(...paidCheck('list.csv', '--yes', '--json'))
    expect(run.code).toBe(0)
    const { jobId } = JSON.parse(run.stdout)
    const before = await showJson(jobId)
    expect(before.status).toBe('done')
    const sent = sim.requests.length

    const recheck = await cli('jobs', 'recheck', jobId, '--status', 'unknown')
    expect(recheck.code).toBe(2)
    expect(oneLine(recheck.stderr)).toMatch(/--yes/)
    expect(sim.requests.length).toBe(sent)
    const after = await showJson(jobId)
    expect(after).toEqual(before)

    // Resume has nothing queued to send.
    const resumed = await cli('jobs', 'resume', jobId, '--yes')
    expect(resumed.code).toBe(0)
    expect(sim.requests.length).toBe(sent)
  })

  it.skipIf(!scriptAvailable)('"n" at the terminal prompt leaves the job as it was too', async () => {
    const run = await cli(...paidCheck('list.csv', '--yes', '--json'))
    const { jobId } = JSON.parse(run.stdout)
    const before = await showJson(jobId)
    const sent = sim.requests.length
    const running = startCliOnTerminal(['jobs', 'recheck', jobId, '--status', 'unknown'], dir, env())
    await vi.waitFor(() => expect(running.stdout).toMatch(/\[y\/N\]/), { timeout: 60_000, interval: 20 })
    running.write('n\r')
    const refused = await running.done
    expect(refused.code).toBe(3)
    expect(refused.stdout).toMatch(/nothing was queued or spent/)
    expect(sim.requests.length).toBe(sent)
    expect(await showJson(jobId)).toEqual(before)
  })
})

describe('--out is checked before anything runs', SLOW, () => {
  const rootCannotBeDenied = process.getuid?.() === 0

  it.each([
    ['an existing file without --force', ['--out', 'taken.csv'], /taken\.csv already exists\. Add --force/],
    [
      'the input file itself, even with --force',
      ['--out', 'list.csv', '--force'],
      /is the file being checked/
    ],
    ['a missing folder', ['--out', 'nowhere/out.csv'], /the folder .*nowhere does not exist/],
    ['a file where the folder should be', ['--out', 'taken.csv/out.csv'], /taken\.csv is not a folder/]
  ])('check refuses %s: exit 2, one line, no job', async (_what, args, message) => {
    writeFileSync(join(dir, 'taken.csv'), 'keep me\n')
    const run = await cli('check', 'list.csv', '--region', 'CN', ...args)
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(message)
    expect(run.stderr).not.toMatch(/ENOENT|\.tmp/)
    expect(readFileSync(join(dir, 'taken.csv'), 'utf8')).toBe('keep me\n')
    expect(await listJson()).toEqual([])
  })

  it('check refuses a folder it cannot write to: exit 2, no job', async () => {
    let out: string
    if (rootCannotBeDenied) {
      // Permissions do not stop root; sysfs refuses new files to everyone.
      out = '/sys/kernel/ringtrue-out.csv'
    } else {
      mkdirSync(join(dir, 'locked'))
      chmodSync(join(dir, 'locked'), 0o500)
      out = join(dir, 'locked', 'out.csv')
    }
    const run = await cli('check', 'list.csv', '--region', 'CN', '--out', out)
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/cannot write to the folder/)
    expect(await listJson()).toEqual([])
  })

  it('jobs export refuses an existing file, a missing and an unwritable folder at once', async () => {
    const run = await cli('check', 'list.csv', '--region', 'CN', '--json')
    const { jobId } = JSON.parse(run.stdout)
    writeFileSync(join(dir, 'taken.xlsx'), 'keep me')
    const cases: [string, RegExp][] = [
      ['taken.xlsx', /already exists\. Add --force/],
      ['nowhere/out.csv', /does not exist/],
      [rootCannotBeDenied ? '/sys/kernel/ringtrue-out.csv' : '/proc/out.csv', /cannot write to the folder/]
    ]
    for (const [out, message] of cases) {
      const refused = await cli('jobs', 'export', jobId, '--out', out)
      expect(refused.code).toBe(2)
      expect(oneLine(refused.stderr)).toMatch(message)
    }
    expect(readFileSync(join(dir, 'taken.xlsx'), 'utf8')).toBe('keep me')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

describe('signals and pipes', SLOW, () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s during the paid check pauses it like Ctrl-C: exit 3 and the resume hint',
    async (signal) => {
      sim.setMode('slow', 1500)
      const running = start(paidCheck('list.csv', '--yes'))
      await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThan(0), {
        timeout: 60_000,
        interval: 10
      })
      running.signal(signal)
      const run = await running.done
      expect(run.signal).toBeNull()
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/^Paused\. Resume with: ringtrue jobs resume \w+$/m)
      const job = await showJson(jobIdIn(run.stderr))
      expect(job.status).toBe('paused')
      expect(job.live).toMatchObject({ pauseReason: 'user', uncertain: 0, inFlight: 0 })
    }
  )

  it('a closed stdout pipe ends quietly, without a stack trace', async () => {
    expect((await cli('check', 'list.csv', '--region', 'CN')).code).toBe(0)
    for (const args of [['jobs', 'list'], ['--help'], ['check', 'list.csv', '--region', 'CN']]) {
      const child = spawn(process.execPath, ['--require', TSX, CLI, ...args], { cwd: dir, env: env() })
      // The reader is gone before the CLI writes its first byte, like `ringtrue jobs list | head -0`.
      child.stdout.destroy()
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
      child.stdin.end()
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)))
      expect(withoutProgress(stderr)).toBe('')
      expect(code).toBe(0)
    }
  })
})

describe('keys set without a keychain', SLOW, () => {
  it('says so before asking for the secret, and never reads stdin', async () => {
    // stdin stays open: a CLI that waited for the key would never end.
    const running = start(
      ['keys', 'set', 'acedata'],
      { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined, XDG_RUNTIME_DIR: dir },
      true
    )
    const run = await running.done
    expect(run.code).toBe(1)
    const line = oneLine(run.stderr)
    expect(line).toMatch(/RINGTRUE_ACEDATA_KEY/)
    expect(line).toMatch(/Nothing was read/)
    expect(line).toMatch(/ringtrue keys set|RINGTRUE_ACEDATA_KEY/)
    expect(run.stderr).not.toMatch(/not shown/)
  })
})

describe('names with control characters', SLOW, () => {
  it('are printed escaped in human output and exact in JSON', async () => {
    const name = 'evil\nJob 0000 done\x1b[2J\x07'
    const file = 'line\nbreak.csv'
    writeFileSync(join(dir, file), 'Name,Phone\nAnn,+1 201-555-0123\n')
    const run = await cli('check', file, '--region', 'US', '--name', name)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('line\\nbreak.csv')
    const printed = [run.stdout]
    const list = await cli('jobs', 'list')
    printed.push(list.stdout)
    expect(list.stdout).toContain('evil\\nJob 0000 done\\x1b[2J\\x07')
    // The header row and one job.
    expect(list.stdout.trim().split('\n')).toHaveLength(2)
    const [job] = await listJson()
    expect(job.name).toBe(name)
    const show = await cli('jobs', 'show', job.id)
    printed.push(show.stdout)
    expect(show.stdout).toMatch(/^Job \w+ — evil\\nJob 0000 done\\x1b\[2J\\x07$/m)
    expect(show.stdout).toContain('line\\nbreak.csv')
    for (const text of printed) {
      expect(text).not.toContain('\x1b')
      expect(text).not.toContain('\x07')
    }
    const missing = await cli('jobs', 'export', job.id, '--out', 'no\x1bdir/x.csv')
    expect(missing.code).toBe(2)
    expect(missing.stderr).not.toContain('\x1b')
    expect(oneLine(missing.stderr)).toContain('no\\x1bdir')
  })
})

describe('very wide files', SLOW, () => {
  it('a CSV with 100,000 columns is refused with the limit named, and no job is left', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `Phone ${i}`)
    const row = Array.from({ length: 100_000 }, (_, i) => `+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
    writeFileSync(join(dir, 'wide.csv'), `${header.join(',')}\n${row.join(',')}\n`)
    for (const args of [[], ['--column', 'A']]) {
      const run = await cli('check', 'wide.csv', '--region', 'US', ...args)
      expect(run.code).toBe(2)
      expect(oneLine(run.stderr)).toMatch(
        /wide\.csv has 100,000 columns; Ringtrue reads at most 16,384 columns/
      )
    }
    expect(await listJson()).toEqual([])
  })

  it('more phone columns than a job checks (64) are refused with the limit named', async () => {
    const header = ['Name', ...Array.from({ length: 70 }, (_, i) => `Phone ${i}`)]
    const row = ['Ann', ...Array.from({ length: 70 }, (_, i) => `+1 201 555 ${String(i).padStart(4, '0')}`)]
    writeFileSync(join(dir, 'many.csv'), `${header.join(',')}\n${row.join(',')}\n`)
    const run = await cli('check', 'many.csv', '--region', 'US')
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/70 phone columns were found .*a job checks at most 64/)
    const named = await cli('check', 'many.csv', '--region', 'US', '--column', ...header.slice(1, 66))
    expect(named.code).toBe(2)
    expect(oneLine(named.stderr)).toMatch(/65 phone columns were named .*at most 64/)
    expect(await listJson()).toEqual([])
  })
})
