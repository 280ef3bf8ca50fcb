// The paid check from the command line, against the Ace Data Cloud simulator on 127.0.0.1. The simulator runs
// in this process, so the CLI is always spawned asynchronously (a blocking spawn would stop it answering).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import {
  ROOT,
  cn,
  jobIdIn,
  sendsPerNumber as countSends,
  startCli,
  startCliOnTerminal,
  withoutProgress,
  type Run,
  type Running
} from '../helpers/cli-child'

const PRICE = 0.03 // Ace Data Cloud's default price per lookup, in USD
/** Each test spawns the CLI several times under tsx; a busy two-core machine needs room. */
const SLOW = { timeout: 180_000 }
const scriptAvailable = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

const NUMBERS = Array.from({ length: 30 }, (_, i) => cn(i))

let sim: AcedataSimulator
let dir: string

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
})
afterAll(() => sim.close())

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-cli-live-'))
  const rows = [['Name', 'Phone']]
  NUMBERS.forEach((n, i) => rows.push([`cn${i}`, n]))
  rows.push(['dup', NUMBERS[0]], ['us1', '+1 201-555-0123'], ['us2', '+1 (415) 555-2671'], ['bad', '12'])
  writeFileSync(join(dir, 'list.csv'), rows.map((r) => r.join(',')).join('\n'))
  writeFileSync(join(dir, 'us.csv'), 'Name,Phone\nus1,+1 201-555-0123\nus2,+1 (415) 555-2671\n')
  sim.requests.length = 0
  sim.setMode('normal')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RINGTRUE_DATA_DIR: join(dir, 'data'),
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clilivetest-${process.pid}`,
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

async function showJson(id: string): Promise<{
  status: string
  byStatus: Record<string, number>
  live: Record<string, unknown> & { spend: { currency: string; amount: number }[] }
}> {
  const show = await cli('jobs', 'show', id, '--json')
  expect(show.code).toBe(0)
  return JSON.parse(show.stdout)
}

function oneLine(stderr: string): string {
  const lines = withoutProgress(stderr).trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/)
  return lines[0]
}

const check = (...extra: string[]): string[] => [
  'check',
  'list.csv',
  '--region',
  'CN',
  '--provider',
  'acedata',
  ...extra
]

describe('ringtrue check --provider (the paid check)', SLOW, () => {
  it('without consent and without a terminal exits 2, says what to add and the cost, and sends nothing', async () => {
    const run = await cli(...check())
    expect(run.code).toBe(2)
    const line = oneLine(run.stderr)
    expect(line).toMatch(/--yes/)
    expect(line).toMatch(/--max-cost/)
    expect(line).toMatch(/0\.90 USD/)
    // The pre-flight was shown: rows, duplicates, invalid, coverage, cost per provider and country.
    expect(run.stdout).toMatch(/34 rows · 34 numbers · 1 duplicates · 1 invalid · .*2 outside coverage/)
    expect(run.stdout).toMatch(/acedata \(Ace Data Cloud\): 30 to check · 0 cached · 30 to pay/)
    expect(run.stdout).toMatch(/by country: CN 30 ≈ 0\.90 USD/)
    expect(sim.requests).toHaveLength(0)
    // The job is kept, waiting for the go-ahead.
    const job = await showJson(jobIdIn(line))
    expect(job.status).toBe('paused')
    expect(job.live.pauseReason).toBe('confirm')
    expect(sim.requests).toHaveLength(0)
  })

  it('jobs cancel ends a paused check, keeps it, and refuses a job with nothing to cancel', async () => {
    const run = await cli(...check())
    const id = jobIdIn(oneLine(run.stderr))
    const cancelled = await cli('jobs', 'cancel', id)
    expect(cancelled.code).toBe(0)
    expect(cancelled.stdout).toMatch(/Cancelled job .*every answer received is kept/)
    expect((await showJson(id)).status).toBe('cancelled')
    const again = await cli('jobs', 'cancel', id)
    expect(again.code).toBe(2)
    expect(oneLine(again.stderr)).toMatch(/is cancelled; there is nothing to cancel/)
    const resume = await cli('jobs', 'resume', id, '--yes')
    expect(resume.code).not.toBe(0)
    expect(sim.requests).toHaveLength(0)
  })

  it('with --yes checks every number once and stores the mapped statuses', async () => {
    const run = await cli(...check('--yes', '--json'))
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ status: 'done', rows: 34, live: { answered: 30, pending: 0 } })
    expect(summary.preflight.providers[0]).toMatchObject({ provider: 'acedata', toPay: 30 })
    const sends = sendsPerNumber()
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)

    const job = await showJson(summary.jobId)
    expect(job.status).toBe('done')
    // Endings 0 (and the duplicate row) active, 1–4 inactive, 5–8 unknown, 9 and "12" invalid, US outside.
    expect(job.byStatus).toEqual({ active: 4, inactive: 12, unknown: 12, invalid: 4, unchecked: 2 })
    expect(job.live).toMatchObject({ answered: 30, uncertain: 0, failed: 0 })
    expect(job.live.spend).toEqual([{ currency: 'USD', amount: +(18 * PRICE).toFixed(6), estimated: false }])

    const human = await cli('jobs', 'show', summary.jobId)
    expect(human.stdout).toMatch(/Paid:\s+acedata; line types mobile/)
    expect(human.stdout).toMatch(/30 answered/)
    expect(human.stdout).toMatch(/Spent:\s+0\.54 USD/)
  })

  it('a refused key exits 1 with one line naming acedata and what to do, never the key', async () => {
    const echoing = await startAcedataSimulator({ echoKeyInErrors: true })
    try {
      const secret = 'sk-wrong-7c1d9e2f4a'
      const run = await start(check('--yes'), {
        RINGTRUE_ACEDATA_KEY: secret,
        RINGTRUE_ACEDATA_BASE_URL: echoing.url
      }).done
      expect(run.code).toBe(1)
      const line = oneLine(run.stderr)
      expect(line).toMatch(/^ringtrue: acedata: Ace Data Cloud refused the API key/)
      expect(line).toMatch(/RINGTRUE_ACEDATA_KEY/)
      expect(line).toMatch(/ringtrue jobs resume \w+/)
      expect(echoing.requests.length).toBeGreaterThan(0)
      expect(echoing.charged).toBe(0)
      expect(run.stdout + run.stderr).not.toContain(secret)
      const shown = await start(['jobs', 'show', jobIdIn(line)], { RINGTRUE_ACEDATA_KEY: secret }).done
      expect(shown.stdout).toMatch(/Paused:\s+auth/)
      expect(shown.stdout).not.toContain(secret)
    } finally {
      await echoing.close()
    }
  })

  it('--max-cost is the spending cap: it stops there with exit 4, and a higher cap finishes the job', async () => {
    const run = await cli(...check('--max-cost', String(5 * PRICE)))
    expect(run.code).toBe(4)
    const line = oneLine(run.stderr)
    expect(line).toMatch(/spending cap of 0\.15/)
    expect(line).toMatch(/--max-cost/)
    const id = jobIdIn(line)
    const job = await showJson(id)
    expect(job.status).toBe('paused')
    expect(job.live.pauseReason).toBe('spend_cap')
    expect(job.live.spend[0].amount).toBeLessThanOrEqual(5 * PRICE + 1e-9)
    expect(job.live.pending).toBeGreaterThan(0)

    const resumed = await cli('jobs', 'resume', id, '--max-cost', '5')
    expect(withoutProgress(resumed.stderr)).toBe('')
    expect(resumed.code).toBe(0)
    expect((await showJson(id)).status).toBe('done')
    expect([...sendsPerNumber().values()].every((n) => n === 1)).toBe(true)
    expect(sendsPerNumber().size).toBe(30)
  })

  it('fails with one line when no number of the file is covered by the chosen provider', async () => {
    const run = await cli('check', 'us.csv', '--region', 'US', '--provider', 'acedata', '--yes')
    expect(run.code).toBe(1)
    expect(oneLine(run.stderr)).toMatch(/^ringtrue: acedata: none of the 2 numbers to check is covered/)
    expect(sim.requests).toHaveLength(0)
  })

  it('a provider without a key stops before anything is sent, naming the provider and the fix', async () => {
    const run = await start(check('--yes'), { RINGTRUE_ACEDATA_KEY: undefined }).done
    expect(run.code).toBe(1)
    const line = oneLine(run.stderr)
    expect(line).toMatch(/^ringtrue: acedata: no API key for Ace Data Cloud/)
    expect(line).toMatch(/ringtrue keys set acedata/)
    expect(line).toMatch(/RINGTRUE_ACEDATA_KEY/)
    expect(sim.requests).toHaveLength(0)
  })

  it('--sample checks a few numbers, prints the projection and stops; resume checks the rest', async () => {
    const run = await cli(...check('--sample', '5', '--yes'))
    expect(withoutProgress(run.stderr)).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Sample:\s+5 checked/)
    expect(run.stdout).toMatch(/Projected for the whole list/)
    expect(sendsPerNumber().size).toBe(5)
    const id = jobIdIn(run.stdout)
    const resumed = await cli('jobs', 'resume', id, '--yes')
    expect(resumed.code).toBe(0)
    const sends = sendsPerNumber()
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
  })

  it.skipIf(!scriptAvailable)('on a terminal asks [y/N], and "n" spends nothing', async () => {
    const running = startCliOnTerminal(check(), dir, env())
    await vi.waitFor(() => expect(running.stdout).toMatch(/\[y\/N\]/), { timeout: 60_000, interval: 20 })
    running.write('n\r')
    const run = await running.done
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/Not started; nothing was spent\. Resume with: ringtrue jobs resume \w+/)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('Ctrl-C during the paid check', SLOW, () => {
  it('pauses cleanly: in-flight requests answer, it says how to resume, and resume sends nothing twice', async () => {
    sim.setMode('slow', 1500)
    const running = start(check('--yes'))
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThan(0), { timeout: 60_000, interval: 10 })
    running.signal('SIGINT')
    const run = await running.done
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/^Paused\. Resume with: ringtrue jobs resume \w+$/m)
    const id = jobIdIn(run.stderr)
    const paused = await showJson(id)
    expect(paused.status).toBe('paused')
    expect(paused.live).toMatchObject({ pauseReason: 'user', uncertain: 0, inFlight: 0 })
    expect(paused.live.pending).toBeGreaterThan(0)
    const before = sim.requests.length
    expect(before).toBeLessThan(30)

    sim.setMode('normal')
    const resumed = await cli('jobs', 'resume', id, '--yes')
    expect(resumed.code).toBe(0)
    expect((await showJson(id)).status).toBe('done')
    const sends = sendsPerNumber()
    expect(sends.size).toBe(30)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
  })

  it('a second Ctrl-C quits at once; the next command finds the job interrupted', async () => {
    sim.setMode('slow', 30_000)
    const running = start(check('--yes'))
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThan(0), { timeout: 60_000, interval: 10 })
    running.signal('SIGINT')
    await vi.waitFor(() => expect(running.stderr).toMatch(/Pausing/), { timeout: 10_000, interval: 10 })
    const held = [...sendsPerNumber().keys()].map((m) => `+86${m}`)
    running.signal('SIGINT')
    const run = await running.done
    expect(run.code).toBe(130)
    expect(run.stderr).toMatch(/Stopped at once/)
    const id = jobIdIn(run.stderr)
    const job = await showJson(id)
    expect(job.status).toBe('paused')
    expect(job.live.pauseReason).toBe('interrupted')
    // The requests the simulator still holds may have been charged: they are listed, not silently re-sent.
    const listed = await cli('jobs', 'uncertain', id, '--json')
    const uncertain = (JSON.parse(listed.stdout).requests as { e164: string }[]).map((a) => a.e164)
    expect(held.length).toBeGreaterThan(0)
    expect(uncertain).toEqual(expect.arrayContaining(held))
    expect(job.live.uncertain).toBe(uncertain.length)
  })
})

describe('ringtrue jobs recheck and uncertain', SLOW, () => {
  it('recheck --status unknown --yes re-sends exactly the numbers of unknown rows', async () => {
    const run = await cli(...check('--yes', '--json'))
    expect(run.code).toBe(0)
    const { jobId } = JSON.parse(run.stdout)
    const split = await cli('jobs', 'export', jobId, '--out', 'parts.csv', '--export', 'split')
    expect(split.code).toBe(0)
    const unknown = readFileSync(join(dir, 'parts-unknown.csv'), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(/[,;]/)[1].replace('+86', ''))
    expect(unknown).toHaveLength(12)
    const before = sim.requests.length

    const recheck = await cli('jobs', 'recheck', jobId, '--status', 'unknown', '--yes')
    expect(withoutProgress(recheck.stderr)).toBe('')
    expect(recheck.code).toBe(0)
    expect(recheck.stdout).toMatch(/Queued 12 numbers/)
    const again = sendsPerNumber(sim.requests.slice(before))
    expect([...again.keys()].sort()).toEqual([...unknown].sort())
    expect([...again.values()].every((n) => n === 1)).toBe(true)
  })

  it('recheck without consent sends nothing and exits 2', async () => {
    const run = await cli(...check('--yes', '--json'))
    const { jobId } = JSON.parse(run.stdout)
    const before = sim.requests.length
    const recheck = await cli('jobs', 'recheck', jobId, '--status', 'unknown')
    expect(recheck.code).toBe(2)
    expect(oneLine(recheck.stderr)).toMatch(/--yes/)
    expect(sim.requests.length).toBe(before)
  })

  it('lists the requests that may have been charged without an answer', async () => {
    sim.setMode('drop_after_body')
    const run = await cli(...check('--yes'))
    expect(run.code).toBe(1)
    const line = oneLine(run.stderr)
    expect(line).toMatch(/^ringtrue: acedata: \d+ of the last \d+ requests to Ace Data Cloud failed/)
    const id = jobIdIn(line)

    const listed = await cli('jobs', 'uncertain', id, '--json')
    expect(listed.code).toBe(0)
    const attempts = JSON.parse(listed.stdout).requests as { provider: string; e164: string }[]
    const sent = [...sendsPerNumber().keys()].map((m) => `+86${m}`)
    expect(attempts.length).toBeGreaterThanOrEqual(20)
    expect(attempts.map((a) => a.e164).sort()).toEqual(sent.sort())
    expect(attempts.every((a) => a.provider === 'acedata')).toBe(true)

    const human = await cli('jobs', 'uncertain', id)
    expect(human.stdout).toMatch(/may have been charged without an answer/)
    expect(human.stdout).toMatch(/--recheck-uncertain/)
    const shown = await showJson(id)
    expect(shown.live.pauseReason).toBe('error_rate')
    expect(shown.live.uncertain).toBe(attempts.length)
  })
})

describe('ringtrue check usage of the paid options', SLOW, () => {
  it.each([
    [['check', 'list.csv', '--max-cost', '5'], /--max-cost applies to a paid check/],
    [['check', 'list.csv', '--provider', 'acedata', '--max-cost', 'lots'], /--max-cost must be an amount/],
    [['check', 'list.csv', '--provider', 'acedata:XX'], /"XX" is not a two-letter country code/],
    [['check', 'list.csv', '--provider', 'acedata', '--line-types', 'fax'], /--line-types takes a list/],
    [['check', 'list.csv', '--provider', 'acedata', '--sample', '0'], /--sample must be a whole number/],
    [['jobs', 'recheck', 'nosuchjob', '--status', 'maybe'], /--status must be one of/]
  ])('exits 2 with one line for %j', async (args, message) => {
    const run = await cli(...args)
    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(message)
    expect(sim.requests).toHaveLength(0)
  })
})
