// Job ids, `jobs list`, prompts on the terminal, `jobs delete` of paid answers, the CLI's wording and the data
// folder (issue 13). The Ace Data Cloud simulator runs in this process, so the CLI is always spawned
// asynchronously.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { explainCredentials } from '../../src-main/core/secrets'
import { cliWording } from '../../src-main/cli/failure'
import { localTime } from '../../src-main/cli/handlers/jobs-read'
import { resolveJobId } from '../../src-main/cli/job-id'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { CLI, ROOT, TSX, cn, jobIdIn, startCli, watch, withoutProgress, type Run } from '../helpers/cli-child'

const SLOW = { timeout: 180_000 }
const scriptAvailable = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

let sim: AcedataSimulator
let dir: string

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
})
afterAll(() => sim.close())

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-cli-jobs-'))
  writeFileSync(join(dir, 'list.csv'), 'Name,Phone\nAnn,+1 201-555-0123\nBob,+1 (415) 555-2671\nCat,12\n')
  const rows = Array.from({ length: 4 }, (_, i) => `cn${i},${cn(i)}`)
  writeFileSync(join(dir, 'cn.csv'), ['Name,Phone', ...rows].join('\n'))
  sim.requests.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RINGTRUE_DATA_DIR: join(dir, 'data'),
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clijobstest-${process.pid}`,
    RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
    RINGTRUE_ACEDATA_BASE_URL: sim.url,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
    ...extra
  }
}

function cliEnv(extra: Record<string, string | undefined>, ...args: string[]): Promise<Run> {
  return startCli(args, dir, env(extra)).done
}

function cli(...args: string[]): Promise<Run> {
  return cliEnv({}, ...args)
}

async function listedIds(): Promise<string[]> {
  const list = await cli('jobs', 'list', '--json')
  return (JSON.parse(list.stdout) as { jobs: { id: string }[] }).jobs.map((job) => job.id)
}

/** The shortest start of `id` that no other of `ids` shares. */
function uniqueStart(id: string, ids: string[]): string {
  for (let length = 1; ; length++) {
    const start = id.slice(0, length)
    if (ids.filter((other) => other.startsWith(start)).length === 1) return start
  }
}

/** A job with paid answers: the four +86 numbers checked by the simulator. */
async function paidJob(): Promise<string> {
  const run = await cli('check', 'cn.csv', '--provider', 'acedata', '--yes', '--json')
  expect(run.code).toBe(0)
  return (JSON.parse(run.stdout) as { jobId: string }).jobId
}

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`) with its stderr sent to a file, and with `setsid`
 * first when `detach`: the streams are still the terminal, but the process has no controlling terminal.
 */
function onTerminal(
  args: string[],
  stderrFile: string,
  detach = false,
  extraEnv: Record<string, string | undefined> = {}
) {
  const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, '--require', TSX, CLI, ...args].map(quote).join(' ')
  const line = `exec ${detach ? 'setsid -w ' : ''}${command} 2>${quote(stderrFile)}`
  return watch(spawn('script', ['-qec', line, '/dev/null'], { cwd: dir, env: env(extraEnv) }), true)
}

describe('job ids: any unique start of the id', () => {
  it('every job command takes a unique start and reports the full id', SLOW, async () => {
    expect((await cli('check', 'list.csv')).code).toBe(0)
    expect((await cli('check', 'list.csv', '--name', 'second')).code).toBe(0)
    const ids = await listedIds()
    expect(ids).toHaveLength(2)
    const [newer, older] = ids
    const start = uniqueStart(older, ids)

    const show = await cli('jobs', 'show', start)
    expect(show.code).toBe(0)
    expect(show.stdout.split('\n')[0]).toBe(`Job ${older} — list`)

    const exported = await cli('jobs', 'export', start, '--out', 'out.csv', '--json')
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ jobId: older })

    const resolved = await cli('jobs', 'resolve', start)
    expect(resolved.stdout).toBe(`No number of job ${older} is held back as valid in several countries.\n`)

    const compared = await cli('jobs', 'compare', start, uniqueStart(newer, ids), '--json')
    expect(compared.code).toBe(0)
    expect(JSON.parse(compared.stdout)).toMatchObject({ older: { id: older }, newer: { id: newer } })

    // An upper-case id is the same id.
    const upper = await cli('jobs', 'show', older.toUpperCase())
    expect(upper.stdout.split('\n')[0]).toBe(`Job ${older} — list`)

    const deleted = await cli('jobs', 'delete', start)
    expect(deleted.stdout).toBe(`Deleted job ${older}\n`)
    expect(await listedIds()).toEqual([newer])
  })

  it('an id that names no job is named in the error, with the data folder: exit 2', SLOW, async () => {
    expect((await cli('check', 'list.csv')).code).toBe(0)
    for (const command of ['show', 'export', 'resume', 'delete']) {
      const args = command === 'export' ? ['--out', 'x.csv'] : []
      const run = await cli('jobs', command, 'zz9x', ...args)
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(`ringtrue: No job zz9x in ${join(dir, 'data')}.\n`)
    }
  })

  it('a start several jobs share is refused, naming them: nothing is guessed', () => {
    const directory = {
      dataDir: '/data',
      storeState: 'ready' as const,
      listJobs: () => [
        { id: '3f9c000000000001', name: 'March' },
        { id: '3f9a000000000002', name: 'April\nnew' },
        { id: '8a01000000000003', name: 'May' }
      ]
    }
    expect(resolveJobId(directory, '8')).toBe('8a01000000000003')
    expect(resolveJobId(directory, '3F9A')).toBe('3f9a000000000002')
    expect(() => resolveJobId(directory, '3f9')).toThrow(
      '3f9 matches 2 jobs: 3f9c000000000001 (March), 3f9a000000000002 (April\\nnew); give more of the id.'
    )
    expect(() => resolveJobId(directory, '3f9')).toThrow(
      expect.objectContaining({ code: 'job_id_ambiguous' })
    )
    expect(() => resolveJobId(directory, '3f9x')).toThrow('No job 3f9x in /data.')
    expect(() => resolveJobId({ ...directory, storeState: 'missing' }, '3f9')).toThrow(
      'No job 3f9: the data folder /data does not exist yet (no job has been stored there).'
    )
  })
})

describe('jobs list', () => {
  it(
    'a header row, aligned columns, local times with the offset, the name and a differing file',
    SLOW,
    async () => {
      expect((await cli('check', 'list.csv')).code).toBe(0)
      expect((await cli('check', 'list.csv', '--name', 'Q4 \u001b[31mleads')).code).toBe(0)
      const [newer, older] = await listedIds()
      // India keeps +05:30 all year, so the offset does not depend on the date the test runs.
      const table = await cliEnv({ TZ: 'Asia/Kolkata' }, 'jobs', 'list')
      expect(table.code).toBe(0)
      const lines = table.stdout.trimEnd().split('\n')
      expect(lines).toHaveLength(3)
      expect(lines[0]).toBe('ID                CREATED                  STATUS  ROWS  NAME')
      expect(lines[1]).toMatch(
        new RegExp(
          `^${newer}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\+05:30  done       3  Q4 \\\\x1b\\[31mleads \\(list\\.csv\\)$`
        )
      )
      expect(lines[2]).toMatch(
        new RegExp(`^${older}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\+05:30  done       3  list$`)
      )
    }
  )

  it('local time follows TZ, daylight saving included', () => {
    const saved = process.env.TZ
    try {
      process.env.TZ = 'Europe/Berlin'
      expect(localTime('2026-12-05T13:05:00.000Z')).toBe('2026-12-05 14:05 +01:00')
      expect(localTime('2026-07-01T22:30:00.000Z')).toBe('2026-07-02 00:30 +02:00')
      process.env.TZ = 'America/St_Johns'
      expect(localTime('2026-12-05T13:05:00.000Z')).toBe('2026-12-05 09:35 -03:30')
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it(
    '--status (repeatable, comma lists) and --limit, newest first; nothing matched is said',
    SLOW,
    async () => {
      expect((await cli('check', 'list.csv')).code).toBe(0)
      expect((await cli('check', 'list.csv', '--name', 'second')).code).toBe(0)
      const [newer] = await listedIds()

      const limited = await cli('jobs', 'list', '--status', 'paused,done', '--limit', '1')
      const rows = limited.stdout.trimEnd().split('\n')
      expect(rows).toHaveLength(2)
      expect(rows[1].startsWith(`${newer}  `)).toBe(true)

      const both = await cli('jobs', 'list', '--status', 'paused', '--status', 'done', '--json')
      expect(JSON.parse(both.stdout).jobs).toHaveLength(2)

      expect(await cli('jobs', 'list', '--status', 'paused')).toMatchObject({
        code: 0,
        stdout: 'No job matches.\n'
      })
      expect(await cli('jobs', 'list', '--status', 'finished')).toMatchObject({
        code: 2,
        stderr:
          'ringtrue: --status must be one of draft, running, paused, done, failed, cancelled (got "finished")\n'
      })
      for (const bad of ['0', 'ten', '-1']) {
        const run = await cli('jobs', 'list', `--limit=${bad}`)
        expect(run.code).toBe(2)
        expect(run.stderr).toBe(`ringtrue: --limit must be a whole number of at least 1 (got "${bad}")\n`)
      }
    }
  )
})

describe('the data folder', () => {
  it(
    'a --data-dir that is a file is one line, exit 2, for reading and writing commands alike',
    SLOW,
    async () => {
      const file = join(dir, 'not-a-folder')
      writeFileSync(file, 'x')
      const commands = [
        ['jobs', 'list'],
        ['jobs', 'show', 'abcd'],
        ['jobs', 'delete', 'abcd', '--yes'],
        ['providers', 'list'],
        ['check', 'list.csv']
      ]
      for (const args of commands) {
        const run = await cli(...args, '--data-dir', file)
        expect(run.code, args.join(' ')).toBe(2)
        expect(run.stderr).toBe(`ringtrue: --data-dir ${file} is a file, not a folder.\n`)
      }
      expect(readFileSync(file, 'utf8')).toBe('x')
    }
  )

  it('reading commands, completion and help never create the data folder', SLOW, async () => {
    const fresh = join(dir, 'fresh', 'data')
    const commands = [
      ['jobs', 'list'],
      ['jobs', 'list', '--json'],
      ['jobs', 'show', 'abcd'],
      ['jobs', 'uncertain', 'abcd'],
      ['jobs', 'export', 'abcd', '--out', 'x.csv'],
      ['jobs', 'resolve', 'abcd'],
      ['providers', 'list'],
      ['completion', 'bash'],
      ['--help'],
      ['help', 'jobs', 'list']
    ]
    for (const args of commands) {
      await cliEnv({ RINGTRUE_DATA_DIR: fresh }, ...args)
      expect(existsSync(join(dir, 'fresh')), args.join(' ')).toBe(false)
    }
    const show = await cliEnv({ RINGTRUE_DATA_DIR: fresh }, 'jobs', 'show', 'abcd')
    expect(show.stderr).toBe(
      `ringtrue: No job abcd: the data folder ${fresh} does not exist yet (no job has been stored there).\n`
    )
  })

  it(
    'commands that change a job, given one in a data folder that does not exist, leave it uncreated',
    SLOW,
    async () => {
      const fresh = join(dir, 'fresh-write', 'data')
      const commands = [
        ['jobs', 'resume', 'abcd', '--yes'],
        ['jobs', 'recheck', 'abcd', '--status', 'unknown', '--yes'],
        ['jobs', 'resolve', 'abcd', '--region', 'CN'],
        ['jobs', 'cancel', 'abcd'],
        ['jobs', 'delete', 'abcd', '--yes']
      ]
      for (const args of commands) {
        const run = await cliEnv({ RINGTRUE_DATA_DIR: fresh }, ...args)
        expect(run.code, args.join(' ')).toBe(2)
        expect(run.stderr, args.join(' ')).toBe(
          `ringtrue: No job abcd: the data folder ${fresh} does not exist yet (no job has been stored there).\n`
        )
        expect(existsSync(join(dir, 'fresh-write')), args.join(' ')).toBe(false)
      }
    }
  )
})

describe('jobs delete of a job with paid answers', () => {
  it('without a terminal it refuses (exit 2) and names --yes; nothing is deleted', SLOW, async () => {
    const id = await paidJob()
    const run = await cli('jobs', 'delete', id)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      `ringtrue: Job ${id} holds 4 paid answers (spent 0.12 USD); nothing was deleted. Add --yes to delete it without asking.\n`
    )
    expect(await listedIds()).toEqual([id])
    const forced = await cli('jobs', 'delete', id.slice(0, 6), '--yes', '--json')
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout)).toMatchObject({ jobId: id, deleted: true })
    expect(await listedIds()).toEqual([])
  })

  it.runIf(scriptAvailable)(
    'asks on the terminal even with stderr redirected: "n" keeps the job, "y" deletes it',
    SLOW,
    async () => {
      const id = await paidJob()
      const errors = join(dir, 'stderr.txt')
      const refused = onTerminal(['jobs', 'delete', id], errors)
      await vi.waitFor(() => expect(refused.stdout).toMatch(/\[y\/N\]/), { timeout: 60_000, interval: 20 })
      expect(refused.stdout).toContain(`Delete job ${id} (cn) and its 4 paid answers (spent 0.12 USD)? [y/N]`)
      refused.write('n\r')
      expect((await refused.done).code).toBe(2)
      // The question went to the terminal, the outcome to stderr.
      expect(readFileSync(errors, 'utf8')).toBe(`Not deleted: job ${id} is kept.\n`)
      expect(await listedIds()).toEqual([id])

      const agreed = onTerminal(['jobs', 'delete', id], errors)
      await vi.waitFor(() => expect(agreed.stdout).toMatch(/\[y\/N\]/), { timeout: 60_000, interval: 20 })
      agreed.write('y\r')
      expect((await agreed.done).code).toBe(0)
      expect(agreed.stdout).toContain(`Deleted job ${id}`)
      expect(await listedIds()).toEqual([])
    }
  )

  it.runIf(scriptAvailable)(
    'on a terminal the process cannot open (setsid) it refuses instead of waiting',
    SLOW,
    async () => {
      const id = await paidJob()
      const errors = join(dir, 'stderr.txt')
      const run = await onTerminal(['jobs', 'delete', id], errors, true).done
      expect(run.code).toBe(2)
      expect(readFileSync(errors, 'utf8')).toMatch(
        /nothing was deleted\. Add --yes to delete it without asking\.\n$/
      )
      expect(await listedIds()).toEqual([id])
    }
  )

  it('a job without paid answers is deleted without asking', SLOW, async () => {
    expect((await cli('check', 'list.csv')).code).toBe(0)
    const [id] = await listedIds()
    expect(await cli('jobs', 'delete', id)).toMatchObject({ code: 0, stdout: `Deleted job ${id}\n` })
  })
})

describe('the consent prompt', () => {
  it.runIf(scriptAvailable)(
    'asks on the terminal when stderr goes to a file; "n" leaves nothing spent (exit 3)',
    SLOW,
    async () => {
      const errors = join(dir, 'stderr.txt')
      const running = onTerminal(['check', 'cn.csv', '--region', 'CN', '--provider', 'acedata'], errors)
      await vi.waitFor(() => expect(running.stdout).toMatch(/\[y\/N\]/), { timeout: 60_000, interval: 20 })
      expect(running.stdout).toContain('Start the paid check: 4 lookups, estimated 0.12 USD? [y/N]')
      running.write('n\r')
      expect((await running.done).code).toBe(3)
      expect(readFileSync(errors, 'utf8')).not.toContain('[y/N]')
      expect(sim.requests.filter((r) => r.body)).toHaveLength(0)
    }
  )

  it.runIf(scriptAvailable)(
    'without a controlling terminal a paid check refuses with exit 2 and names --yes and --max-cost',
    SLOW,
    async () => {
      const errors = join(dir, 'stderr.txt')
      const run = await onTerminal(['check', 'cn.csv', '--provider', 'acedata'], errors, true).done
      expect(run.code).toBe(2)
      expect(readFileSync(errors, 'utf8')).toMatch(/No consent to spend: add --yes, or --max-cost <amount>/)
      expect(sim.requests.filter((r) => r.body)).toHaveLength(0)
    }
  )
})

describe.runIf(scriptAvailable)('the hidden key prompt', () => {
  const keyEnv = { RINGTRUE_ACEDATA_KEY: undefined }

  it('reads the key on the terminal without showing it, with stderr redirected', SLOW, async () => {
    const errors = join(dir, 'stderr.txt')
    const secret = 'sk-typed-3b8e1f'
    const running = onTerminal(['keys', 'set', 'acedata'], errors, false, keyEnv)
    try {
      await vi.waitFor(() => expect(running.stdout).toContain('API key for acedata (not shown): '), {
        timeout: 60_000,
        interval: 20
      })
      running.write(`${secret}\r`)
      expect((await running.done).code).toBe(0)
      expect(running.stdout).not.toContain(secret)
      const listed = await cliEnv(keyEnv, 'providers', 'list')
      expect(listed.stdout).toMatch(/^acedata .* apiKey set \(keychain/m)
    } finally {
      await cliEnv(keyEnv, 'keys', 'delete', 'acedata')
    }
  })

  it(
    'with a terminal on stdin but none to open (setsid) it refuses and says to pipe the key',
    SLOW,
    async () => {
      const errors = join(dir, 'stderr.txt')
      const run = await onTerminal(['keys', 'set', 'acedata'], errors, true, keyEnv).done
      expect(run.code).toBe(2)
      expect(readFileSync(errors, 'utf8')).toBe(
        'ringtrue: No terminal to type the key on; pipe it on stdin instead: printf %s "$KEY" | ringtrue keys set acedata\n'
      )
    }
  )
})

describe('wording: the CLI names its own commands, not the app’s screens', () => {
  it('a missing key names `ringtrue keys set acedata`', SLOW, async () => {
    const run = await cliEnv(
      { RINGTRUE_ACEDATA_KEY: undefined },
      'check',
      'cn.csv',
      '--provider',
      'acedata',
      '--yes'
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'problem: No API key for Ace Data Cloud: set it with `ringtrue keys set acedata` or RINGTRUE_ACEDATA_KEY.'
    )
    expect(run.stdout + run.stderr).not.toMatch(/Settings/)
  })

  it('a refused key, and the paused job shown afterwards, name no Settings screen', SLOW, async () => {
    const env = { RINGTRUE_ACEDATA_KEY: 'sk-wrong-7c1d9e2f4a' }
    const run = await cliEnv(env, 'check', 'cn.csv', '--region', 'CN', '--provider', 'acedata', '--yes')
    expect(run.code).toBe(1)
    expect(withoutProgress(run.stderr)).toMatch(/^ringtrue: acedata: Ace Data Cloud refused the API key/)
    expect(run.stderr).toContain('`ringtrue keys set acedata`')
    const shown = await cliEnv(env, 'jobs', 'show', jobIdIn(run.stderr))
    expect(shown.stdout).toMatch(/Paused:\s+auth — Ace Data Cloud refused the API key/)
    expect(run.stdout + run.stderr + shown.stdout).not.toMatch(/Settings/)
  })

  it('the core’s credential sentences get the CLI command in place of the Settings screen', () => {
    const missing = explainCredentials('acedata', {
      source: 'keychain',
      credentials: null,
      missing: ['apiKey'],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(cliWording(`Ace Data Cloud: ${missing}`)).toBe(
      'Ace Data Cloud: acedata: the system keychain has no API key; add it with `ringtrue keys set acedata` or set RINGTRUE_ACEDATA_KEY.'
    )
    const none = explainCredentials('toolkk', {
      source: null,
      credentials: null,
      missing: ['apiKey'],
      keychainUnavailable: null,
      originMismatch: null
    })
    expect(cliWording(none)).toBe(
      'toolkk: no API key; save it with `ringtrue keys set toolkk` or set RINGTRUE_TOOLKK_KEY.'
    )
    const moved = explainCredentials('acedata', {
      source: 'keychain',
      credentials: null,
      missing: ['apiKey'],
      keychainUnavailable: null,
      originMismatch: {
        keyOrigin: 'https://a.example',
        targetOrigin: 'https://b.example',
        fields: ['apiKey']
      }
    })
    expect(cliWording(moved)).toContain('Enter it again (with `ringtrue keys set acedata`) to use it')
    expect(cliWording(moved)).not.toMatch(/Settings/)
  })
})
