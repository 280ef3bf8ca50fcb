// Progress on stderr as --progress asks: plain lines for logs, NDJSON events for programs, nothing with none or
// --quiet, and never an escape sequence for TERM=dumb or NO_COLOR. The paid run goes to the Ace Data Cloud
// simulator on 127.0.0.1, which answers in this process: the CLI is always spawned asynchronously.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { ROOT, cn, startCli, startCliOnTerminal, type Run } from '../helpers/cli-child'
import { validDocument } from '../helpers/json-schemas'

const SLOW = { timeout: 180_000 }
const ROWS = 6000
const scriptAvailable = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

let sim: AcedataSimulator
let dir: string
let runs = 0

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-cli-progress-'))
  const big = ['Name,Phone']
  for (let i = 0; i < ROWS; i++) big.push(`n${i},+1 201-555-${String(i % 10000).padStart(4, '0')}`)
  writeFileSync(join(dir, 'big.csv'), big.join('\n'))
  // A country column Ringtrue detects but does not apply without --country-column: it says so on stderr.
  writeFileSync(
    join(dir, 'countries.csv'),
    'Name,Phone,Country\nAnn,+1 201-555-0123,US\nBo,+86 138 0013 8000,CN\n'
  )
  const paid = ['Name,Phone']
  for (let i = 0; i < 8; i++) paid.push(`cn${i},${cn(i)}`)
  writeFileSync(join(dir, 'paid.csv'), paid.join('\n'))
})
afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Each run its own data folder: no run waits on another's job.
    RINGTRUE_DATA_DIR: join(dir, `data-${++runs}`),
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-cliprogresstest-${process.pid}`,
    RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
    RINGTRUE_ACEDATA_BASE_URL: sim.url,
    RINGTRUE_PROGRESS_INTERVAL_MS: '0',
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
    TERM: 'xterm-256color',
    NO_COLOR: undefined,
    ...extra
  }
}

function cli(args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> {
  return startCli(args, dir, env(extra)).done
}

const PLAIN_LINE =
  /^ringtrue: (import|offline check|paid check) (started · job \w+ · \d+ (rows|numbers)|\d+\/\d+ (rows|numbers) \(\d+%\) · [\d.]+\/s · ETA \S+( · spent .+)? · \d+ errors|finished · \d+\/\d+ (rows|numbers) \(\d+%\)( · spent .+)? · \d+ errors)$/

interface ProgressEvent {
  event: 'start' | 'progress' | 'end'
  jobId: string
  phase: 'import' | 'offline' | 'paid'
  done: number
  total: number
  spend: { currency: string; amount: number }[]
  status?: string
}

/** Every stderr line is one progress event that follows ringtrue.progress/1. */
function events(stderr: string): ProgressEvent[] {
  const lines = stderr.split('\n').filter((l) => l !== '')
  return lines.map((line) => validDocument<ProgressEvent>('progress', line))
}

/** Per phase: one start first, one end last, progress between, done never going back. */
function expectWellFormed(all: ProgressEvent[], phase: ProgressEvent['phase']): ProgressEvent {
  const mine = all.filter((e) => e.phase === phase)
  expect(mine[0].event).toBe('start')
  expect(mine.at(-1)?.event).toBe('end')
  expect(mine.slice(1, -1).every((e) => e.event === 'progress')).toBe(true)
  for (let i = 1; i < mine.length; i++) expect(mine[i].done).toBeGreaterThanOrEqual(mine[i - 1].done)
  return mine.at(-1) as ProgressEvent
}

describe('--progress', SLOW, () => {
  it('without a terminal (auto) writes plain lines for a log: each phase starts, moves and finishes', async () => {
    const run = await cli(['check', 'big.csv', '--region', 'US'])
    expect(run.code).toBe(0)
    const lines = run.stderr.trim().split('\n')
    for (const line of lines) expect(line).toMatch(PLAIN_LINE)
    const id = /^Job (\w+):/m.exec(run.stdout)?.[1]
    expect(lines[0]).toBe(`ringtrue: import started · job ${id} · ${ROWS} rows`)
    expect(lines).toContain(`ringtrue: offline check started · job ${id} · ${ROWS} rows`)
    expect(lines.at(-1)).toBe(`ringtrue: offline check finished · ${ROWS}/${ROWS} rows (100%) · 0 errors`)
    expect(run.stdout).not.toMatch(/ringtrue: /)
  })

  it('json writes NDJSON events on stderr, also with --json on stdout', async () => {
    const run = await cli(['check', 'big.csv', '--region', 'US', '--progress', 'json', '--json'])
    expect(run.code).toBe(0)
    const summary = validDocument<{ jobId: string }>('check', run.stdout)
    const all = events(run.stderr)
    expect(new Set(all.map((e) => e.jobId))).toEqual(new Set([summary.jobId]))
    expect([...new Set(all.map((e) => e.phase))]).toEqual(['import', 'offline'])
    expectWellFormed(all, 'import')
    const end = expectWellFormed(all, 'offline')
    expect(end).toMatchObject({ done: ROWS, total: ROWS, status: 'done' })
  })

  it('json follows the paid check too, with what it spent', async () => {
    const run = await cli(
      [
        'check',
        'paid.csv',
        '--region',
        'CN',
        '--provider',
        'acedata',
        '--yes',
        '--progress',
        'json',
        '--json'
      ],
      {}
    )
    expect(run.code).toBe(0)
    const all = events(run.stderr)
    const end = expectWellFormed(all, 'paid')
    expect(end).toMatchObject({ done: 8, total: 8, status: 'done' })
    // The simulator bills six of these eight answers at 0.03 USD (the same share as cli-live's 18 of 30).
    expect(end.spend).toEqual([{ currency: 'USD', amount: 0.18, estimated: false }])
  })

  it('plain follows jobs resume of a paid check, with the spend, in a log', async () => {
    const data = { RINGTRUE_DATA_DIR: join(dir, 'resume-data') }
    const args = [
      'check',
      'paid.csv',
      '--region',
      'CN',
      '--provider',
      'acedata',
      '--preflight-only',
      '--json'
    ]
    const preflight = await cli(args, data)
    expect(preflight.code).toBe(0)
    const { jobId } = JSON.parse(preflight.stdout) as { jobId: string }
    const run = await cli(['jobs', 'resume', jobId, '--yes', '--progress', 'plain'], data)
    expect(run.code).toBe(0)
    const lines = run.stderr.trim().split('\n')
    for (const line of lines) expect(line).toMatch(PLAIN_LINE)
    expect(lines[0]).toBe(`ringtrue: paid check started · job ${jobId} · 8 numbers`)
    expect(lines.at(-1)).toBe(
      'ringtrue: paid check finished · 8/8 numbers (100%) · spent 0.18 USD · 0 errors'
    )
  })

  it('none and --quiet leave stderr empty on success; notes still come without them', async () => {
    const noted = await cli(['check', 'countries.csv', '--region', 'US', '--progress', 'none'])
    expect(noted.code).toBe(0)
    expect(noted.stderr).toMatch(/^A country column was found/)
    expect(noted.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    for (const quiet of ['--quiet', '-q']) {
      const run = await cli(['check', 'countries.csv', '--region', 'US', quiet])
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      expect(run.stdout).toMatch(/^Job \w+: countries\.csv/)
    }
  })

  it('--quiet keeps the Ctrl-C notes off stderr; the outcome line still comes', async () => {
    sim.setMode('slow', 1500)
    sim.requests.length = 0
    try {
      const args = ['check', 'paid.csv', '--region', 'CN', '--provider', 'acedata', '--yes', '--quiet']
      const running = startCli(args, dir, env())
      await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThan(0), {
        timeout: 60_000,
        interval: 10
      })
      running.signal('SIGINT')
      const run = await running.done
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/^Paused\. Resume with: ringtrue jobs resume \w+\n$/)
    } finally {
      sim.setMode('normal')
    }
  })

  it.skipIf(!scriptAvailable).each([
    ['TERM=dumb', { TERM: 'dumb' }],
    ['NO_COLOR', { NO_COLOR: '1' }]
  ])('on a terminal with %s prints plain lines and no escape sequence', async (_name, extra) => {
    const run = await startCliOnTerminal(['check', 'big.csv', '--region', 'US'], dir, env(extra)).done
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('\x1b')
    expect(run.stdout).toContain(`ringtrue: offline check finished · ${ROWS}/${ROWS} rows (100%) · 0 errors`)
  })

  it.skipIf(!scriptAvailable)('--quiet on a terminal shows no bar either, only the summary', async () => {
    const run = await startCliOnTerminal(['check', 'big.csv', '--region', 'US', '--quiet'], dir, env()).done
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('\x1b')
    expect(run.stdout).not.toMatch(/ringtrue: |Importing|Checking/)
    expect(run.stdout).toMatch(/^Job \w+: big\.csv/)
  })
})
