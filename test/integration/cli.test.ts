import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { EXTERNAL_DIR, externalSkipReason } from '../helpers/external'

const ROOT = resolve(__dirname, '../..')
const BUILT_BIN = join(ROOT, 'bin', 'ringtrue.js')
const builtAvailable = existsSync(join(ROOT, 'out', 'main', 'cli.js'))
const TSX = require.resolve('tsx/cjs')

let dataDir: string
let work: string

const KEYCHAIN_SERVICE = `Ringtrue-clitest-${process.pid}`

/** Runs the CLI from source under tsx, with no stdin unless given, the way automation would. */
function cliWith(
  options: { input?: string; env?: Record<string, string | undefined> },
  ...args: string[]
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--require', TSX, join(ROOT, 'src-main', 'cli', 'index.ts'), ...args],
    {
      cwd: work,
      env: {
        ...process.env,
        RINGTRUE_DATA_DIR: dataDir,
        RINGTRUE_KEYCHAIN_SERVICE: KEYCHAIN_SERVICE,
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        ...options.env
      },
      encoding: 'utf8',
      input: options.input ?? '',
      timeout: 120_000
    }
  )
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  return cliWith({}, ...args)
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-cli-'))
  dataDir = join(work, 'data')
  writeFileSync(
    join(work, 'list.csv'),
    [
      'Name;Mobile;Notes',
      'Ann;+1 201-555-0123;',
      'Bob;0201 555 0199 x12;vip',
      'Cat;not a phone;',
      'Dan;+1 201-555-0123;dup'
    ].join('\n')
  )
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('ringtrue conventions', () => {
  it('prints its version with --version and -V', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const run = cli(flag)
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' })
    }
  })

  it.each([
    [['check'], "error: missing required argument 'files'", 'ringtrue check --help'],
    [['jobs', 'show'], "error: missing required argument 'id'", 'ringtrue jobs show --help'],
    [['jobs', 'frob'], "error: unknown command 'frob'", 'ringtrue jobs --help'],
    [['check', 'list.csv', '--frob'], "error: unknown option '--frob'", 'ringtrue check --help']
  ])(
    'answers a usage error (%o) in two lines pointing at that command’s help, exit 2',
    (args, first, help) => {
      const run = cli(...args)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(`${first}\n(see \`${help}\`)\n`)
    }
  )

  it('shows a subcommand’s own help with `help jobs list`, the same as `jobs list --help`', () => {
    const viaHelp = cli('help', 'jobs', 'list')
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toMatch(/^Usage: ringtrue jobs list \[options\]\n/)
    expect(viaHelp.stdout).toContain('--status <status>')
    expect(viaHelp.stdout).toBe(cli('jobs', 'list', '--help').stdout)
  })

  it('lists every exit code in the help of check, 130 included', () => {
    const run = cli('check', '--help')
    expect(run.code).toBe(0)
    expect(run.stdout.replace(/\s+/g, ' ')).toMatch(
      /Exit codes: 0 done 1 .*2 bad usage.*3 paused.*4 stopped.*130 quit/
    )
  })
})

describe('ringtrue check', () => {
  it('imports, checks and exports with a JSON summary', () => {
    const out = join(work, 'clean.xlsx')
    const run = cli('check', 'list.csv', '--region', 'US', '--out', out, '--json')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ rows: 4, numbers: 4, phoneColumns: ['Mobile'], output: [out] })
    expect(summary.unique).toBe(3)
    expect(summary.byStatus.invalid).toBe(2)
    expect(summary.byStatus.unchecked).toBe(2)
    expect(typeof summary.jobId).toBe('string')
    const book = XLSX.read(readFileSync(out))
    const sheet = book.Sheets[book.SheetNames[0]]
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })
    expect(rows[0].slice(0, 4)).toEqual(['Name', 'Mobile', 'Notes', 'E.164'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Ann', 'Dan'])
  })

  it('uses the named column and prints a human summary', () => {
    const run = cli('check', 'list.csv', '--region', 'US', '--column', 'B')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Phone columns: Mobile/)
    expect(run.stdout).toMatch(/4 rows · 4 numbers · 3 unique/)
  })

  it.each([
    [['check', 'missing.csv'], /missing\.csv does not exist/],
    [['check', 'list.csv', '--region', 'Atlantis'], /--region must be a two-letter country code/],
    [['check', 'list.csv', '--column', 'Fax'], /No column "Fax"/],
    [['check', 'list.csv', '--out', 'out.pdf'], /--out must end in \.csv or \.xlsx/],
    [['check', 'list.csv', '--provider', 'acme'], /Unknown provider "acme"/],
    [['check', 'list.csv', '--export', 'everything', '--out', 'x.csv'], /--export must be one of/],
    [['jobs', 'show', 'nosuchjob'], /^ringtrue: No job nosuchjob in /]
  ])('exits 2 with one line for %j', (args, message) => {
    const run = cli(...args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/)
  })

  it('refuses a file with no phone-like column', () => {
    writeFileSync(join(work, 'nophones.csv'), 'Name,City\nAnn,Paris\nBob,Rome\nCat,Oslo\n')
    const run = cli('check', 'nophones.csv', '--region', 'FR')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/No phone column found/)
  })

  it('never overwrites the input, with or without --force', () => {
    const before = readFileSync(join(work, 'list.csv'), 'utf8')
    for (const force of [[], ['--force']]) {
      const run = cli(
        'check',
        'list.csv',
        '--region',
        'US',
        '--out',
        'list.csv',
        '--export',
        'full',
        ...force
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(
        /--out list\.csv is the file being checked; Ringtrue never overwrites its input/
      )
    }
    expect(readFileSync(join(work, 'list.csv'), 'utf8')).toBe(before)
  })
})

describe('ringtrue jobs', () => {
  it('lists, shows, exports and deletes stored jobs', () => {
    const list = cli('jobs', 'list', '--json')
    expect(list.code).toBe(0)
    const jobs = JSON.parse(list.stdout).jobs as { id: string; status: string }[]
    expect(jobs.length).toBeGreaterThanOrEqual(2)
    const id = jobs[0].id

    const show = cli('jobs', 'show', id, '--json')
    expect(JSON.parse(show.stdout)).toMatchObject({
      id,
      status: 'done',
      headers: ['Name', 'Mobile', 'Notes']
    })

    const split = cli('jobs', 'export', id, '--out', 'parts.csv', '--export', 'split', '--json')
    expect(split.code).toBe(0)
    expect(
      JSON.parse(split.stdout)
        .output.map((p: string) => basename(p))
        .sort()
    ).toEqual(['parts-invalid.csv', 'parts-unchecked.csv'])
    expect(readFileSync(join(work, 'parts-invalid.csv'), 'utf8')).toMatch(/Cat;|Cat,/)

    const again = cli('jobs', 'export', id, '--out', 'parts.csv', '--export', 'split')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already exists\. Add --force/)

    expect(cli('jobs', 'delete', id).code).toBe(0)
    expect(cli('jobs', 'show', id).code).toBe(2)
  })
})

describe('ringtrue jobs compare', () => {
  it('compares two checks of a list number by number, as a table, as JSON and into a file', () => {
    writeFileSync(
      join(work, 'april.csv'),
      ['Name;Mobile', 'Eve;+1 201-555-0177', 'Cat;not a phone'].join('\n')
    )
    const march = JSON.parse(cli('check', 'list.csv', '--region', 'US', '--json').stdout).jobId as string
    const april = JSON.parse(cli('check', 'april.csv', '--region', 'US', '--json').stdout).jobId as string

    const table = cli('jobs', 'compare', march, april)
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^ {2}added +1$/m)
    expect(table.stdout).toMatch(/^ {2}removed +1$/m)
    expect(table.stdout).toMatch(/^ {2}newly inactive +0$/m)

    const json = cli('jobs', 'compare', march, april, '--json', '--out', 'changes.csv')
    expect(json.code).toBe(0)
    const result = JSON.parse(json.stdout)
    expect(result.older.id).toBe(march)
    expect(result.newer.name).toBe('april')
    expect(result.counts).toMatchObject({ added: 1, removed: 1, unchanged: 0, revived: 0 })
    expect(result.output).toEqual([join(work, 'changes.csv')])
    const lines = readFileSync(join(work, 'changes.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(lines).toEqual([
      'E.164,Change,Old Status,New Status,Old Line Type,New Line Type,Old Carrier,New Carrier',
      '+12015550123,removed,unchecked,,fixed_line_or_mobile,,,',
      '+12015550177,added,,unchecked,,fixed_line_or_mobile,,'
    ])

    const same = cli('jobs', 'compare', march, march)
    expect(same.code).toBe(2)
    expect(same.stderr).toMatch(/two different jobs/)
    const missing = cli('jobs', 'compare', march, 'nosuchjob')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^ringtrue: No job nosuchjob in /)
  })
})

describe.skipIf(!builtAvailable)('the built bin', () => {
  it('runs from out/ under plain Node', () => {
    const run = spawnSync(process.execPath, [BUILT_BIN, 'jobs', 'list'], {
      env: { ...process.env, RINGTRUE_DATA_DIR: dataDir },
      encoding: 'utf8'
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^ID +CREATED +STATUS +ROWS +NAME\n/)
  })
})

const skipExternal = externalSkipReason()
describe.skipIf(skipExternal !== null)(`refused real files ${skipExternal ?? ''}`, () => {
  it('exits 2 naming the problem for an encrypted workbook', () => {
    const run = cli(
      'check',
      join(EXTERNAL_DIR, 'spreadsheets', 'lo__simple-encryption-2010.xlsx'),
      '--region',
      'US'
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/password|encrypt/i)
  })
})

describe('ringtrue providers and keys', () => {
  const secret = 'sk-cli-test-9f8e7d6c5b4a'
  const keychainReady = !!process.env.DBUS_SESSION_BUS_ADDRESS
  if (!keychainReady && process.env.RINGTRUE_REQUIRE_KEYCHAIN === '1') {
    throw new Error(
      'RINGTRUE_REQUIRE_KEYCHAIN=1 but there is no D-Bus session (run inside scripts/with-keyring.sh)'
    )
  }

  it.skipIf(!keychainReady)(
    'stores a key read from stdin in the keychain, shows only its state, and removes it',
    () => {
      const set = cliWith({ input: `${secret}\n` }, 'keys', 'set', 'acedata')
      expect(set.stderr).toBe('')
      expect(set.code).toBe(0)
      const listed = cli('providers', 'list', '--json')
      expect(listed.code).toBe(0)
      expect(listed.stdout).not.toContain(secret)
      const acedata = JSON.parse(listed.stdout).providers.find((p: { id: string }) => p.id === 'acedata')
      expect(acedata.keys[0]).toMatchObject({
        field: 'apiKey',
        set: true,
        source: 'keychain',
        maskedTail: '••••5b4a'
      })
      expect(cli('keys', 'delete', 'acedata').code).toBe(0)
      const after = JSON.parse(cli('providers', 'list', '--json').stdout).providers.find(
        (p: { id: string }) => p.id === 'acedata'
      )
      expect(after.keys[0]).toMatchObject({ set: false, source: null })
    }
  )

  it('reports a key from the environment without printing it', () => {
    const listed = cliWith({ env: { RINGTRUE_TOOLKK_KEY: secret } }, 'providers', 'list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/toolkk .* apiKey set \(environment\)/)
    expect(listed.stdout).not.toContain(secret)
  })

  it('refuses an unknown provider, a missing key on stdin, and never takes the key as an argument', () => {
    expect(cli('keys', 'set', 'acme').stderr).toMatch(/Unknown provider "acme"/)
    const empty = cli('keys', 'set', 'toolkk')
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/No key on stdin/)
    const asArgument = cli('keys', 'set', 'toolkk', secret)
    expect(asArgument.code).toBe(2)
    expect(asArgument.stderr).not.toContain(secret)
  })

  it('says clearly when there is no keychain and offers the environment variable', () => {
    const run = cliWith(
      {
        input: secret,
        env: { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined, XDG_RUNTIME_DIR: work }
      },
      'keys',
      'set',
      'acedata'
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/RINGTRUE_ACEDATA_KEY/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr + run.stdout).not.toContain(secret)
  })
})
