// Region inference on the command line: the country split of `check` (a line, --json, the warning for a default
// that most numbers do not fit), --preflight-only, the pre-flight's inferred/ambiguous lines, `jobs resolve`,
// and the acceptance runs on make_contacts.py. The CLI runs from source as a child process; the Ace Data
// Cloud simulator runs in this process, so the child is spawned asynchronously.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { ROOT, sendsPerNumber, startCli, withoutProgress, type Run } from '../helpers/cli-child'
import { reasonCodeOf } from '../helpers/labels'

/** Each test spawns the CLI several times under tsx; a busy two-core machine needs room. */
const SLOW = { timeout: 240_000 }

// A list of Chinese and US numbers with region US. By hand:
// - Ann, Bo, Cy: +86 written, CN, no reason (and the evidence that the list holds China).
// - Di: 158-1979-5570 grouped 3-4-4 as China writes mobiles; as US it would be +1 581 979 5570 grouped
//   otherwise, so CN, region_inferred.
// - Ed: 15249817730 in Shanghai; as US it is a 524 personal number: CN, region_inferred.
// - Fay 18575770520 (+86 185… mobile or +1 857… Boston) and Lee 13245805710 (+86 132… or +1 324…): valid in
//   both, nothing on the row, bare digits: ambiguous_region, status unknown.
// - Gus, Hal, Ivy, Jo: US in its own written forms. Kim: 12345, invalid.
// So of 12 numbers: CN 5, US 4, invalid 1, inferred 2, ambiguous 2; the default US holds 4 of 12, China 5.
const MIXED = [
  'Name,Phone,City',
  'Ann,+86 138 0013 8000,',
  'Bo,+86 139 1234 5670,',
  'Cy,+8613712345670,',
  'Di,158-1979-5570,',
  'Ed,15249817730,Shanghai',
  'Fay,18575770520,',
  'Gus,(212) 555-0100,',
  'Hal,212.555.0101,',
  'Ivy,1-415-555-0132,',
  'Jo,+1 646 555 0199,',
  'Kim,12345,',
  'Lee,13245805710,'
].join('\n')

// Mostly Chinese: the default US fits one number in six.
const MOSTLY_CN = [
  'Name,Phone,City',
  'Ann,+86 138 0013 8000,',
  'Bo,+86 139 1234 5670,',
  'Cy,+8613712345670,',
  'Di,158-1979-5570,',
  'Ed,15249817730,Shanghai',
  'Gus,(212) 555-0100,'
].join('\n')

// Mostly US, one Chinese number written with +86: the default fits.
const MOSTLY_US = [
  'Name,Phone,City',
  'Gus,(212) 555-0100,New York',
  'Hal,212.555.0101,',
  'Ivy,1-415-555-0132,Boston',
  'Jo,+1 646 555 0199,',
  'Ann,+86 138 0013 8000,Shanghai'
].join('\n')

let sim: AcedataSimulator
let work: string

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-cliregion-'))
  writeFileSync(join(work, 'mixed.csv'), MIXED)
  writeFileSync(join(work, 'us.csv'), MOSTLY_US)
  writeFileSync(join(work, 'cn.csv'), MOSTLY_CN)
})
afterAll(async () => {
  await sim.close()
  rmSync(work, { recursive: true, force: true })
})

let dataDir: string
let runs = 0
beforeEach(() => {
  dataDir = join(work, `data-${++runs}`)
  sim.requests.length = 0
  sim.setMode('normal')
})

function cli(...args: string[]): Promise<Run> {
  return startCli(args, work, {
    ...process.env,
    RINGTRUE_DATA_DIR: dataDir,
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-cliregion-${process.pid}`,
    RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
    RINGTRUE_ACEDATA_BASE_URL: sim.url,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
  }).done
}

async function ok(...args: string[]): Promise<Run> {
  const run = await cli(...args)
  expect(run.stderr, `stderr of ${args.join(' ')}`).not.toMatch(/\bat .*\.(ts|js):\d+/)
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0)
  return run
}

/** A CSV without quoted separators (these files have none) as rows of cells. */
function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','))
}

/** First column → [E.164, Status, Reason, Country] of an exported full list. */
function byName(rows: string[][]): Record<string, string[]> {
  const [header] = rows
  const at = (name: string): number => header.indexOf(name)
  return Object.fromEntries(
    rows
      .slice(1)
      .map((r) => [r[0], [r[at('E.164')], r[at('Status')], reasonCodeOf(r[at('Reason')]), r[at('Country')]]])
  )
}

/** Status, Reason and Country of a row (what a choice of country changes in the export). */
const reading = (row: string[]): string[] => row.slice(1)

async function exportFull(id: string): Promise<Record<string, string[]>> {
  const out = join(work, `export-${++runs}.csv`)
  await ok('jobs', 'export', id, '--out', out, '--export', 'full')
  return byName(readCsv(out))
}

const WARNING =
  'Warning: 83% of the numbers look like numbers of China, but the default region is US. Numbers written ' +
  "without +86 were read by the list's evidence where possible; to read them as numbers of China by default, " +
  'run again with --region CN.'

describe('ringtrue check: how the numbers split by country', SLOW, () => {
  it('--json reports the split with the counts of each country, inferred and ambiguous numbers', async () => {
    const run = await ok('check', 'mixed.csv', '--region', 'US', '--json')
    expect(run.stderr).toBe('')
    const summary = JSON.parse(run.stdout) as Record<string, unknown>
    expect(summary.countries).toEqual({
      rows: 12,
      numbers: 12,
      countries: [
        { country: 'CN', numbers: 5, share: 5 / 12 },
        { country: 'US', numbers: 4, share: 4 / 12 }
      ],
      invalid: 1,
      inferred: 2,
      ambiguous: 2,
      defaultRegion: 'US',
      defaultShare: 4 / 12,
      // China holds more numbers than the default, but not clearly more (1.5 times): a mixed list, no warning.
      mismatch: null
    })
    expect(summary.byStatus).toEqual({ active: 0, unchecked: 9, unknown: 2, inactive: 0, invalid: 1 })
  })

  it('prints the split on one line and warns on stderr, naming the fix, when most numbers do not fit', async () => {
    const run = await ok('check', 'cn.csv', '--region', 'US')
    expect(run.stdout).toContain('Countries: CN 83.3% · US 16.7% · 2 inferred · 0 ambiguous')
    expect(withoutProgress(run.stderr).trim()).toBe(WARNING)
    const mixed = await ok('check', 'mixed.csv', '--region', 'US')
    expect(mixed.stdout).toContain('Countries: CN 41.7% · US 33.3% · 2 inferred · 2 ambiguous')
    expect(withoutProgress(mixed.stderr)).toBe('')
  })

  it('does not warn when the default region fits most numbers', async () => {
    const run = await ok('check', 'us.csv', '--region', 'US')
    expect(run.stdout).toContain('Countries: US 80.0% · CN 20.0% · 0 inferred · 0 ambiguous')
    expect(run.stderr).not.toMatch(/Warning/)
    const json = JSON.parse((await ok('check', 'us.csv', '--region', 'US', '--json')).stdout) as {
      countries: { mismatch: unknown; defaultShare: number }
    }
    expect(json.countries.mismatch).toBeNull()
    expect(json.countries.defaultShare).toBe(0.8)
  })
})

describe('ringtrue check --preflight-only', SLOW, () => {
  it('without a provider prints the offline summary and the split, and keeps the job', async () => {
    const run = await ok('check', 'mixed.csv', '--region', 'US', '--preflight-only')
    expect(run.stdout).toContain('active 0 · unchecked 9 · unknown 2 · inactive 0 · invalid 1')
    expect(run.stdout).toContain('Countries: CN 41.7% · US 33.3% · 2 inferred · 2 ambiguous')
    const id = /Pre-flight only: nothing was sent or spent\. Job (\w+) is kept/.exec(run.stdout)?.[1]
    expect(id).toBeDefined()
    const list = JSON.parse((await ok('jobs', 'list', '--json')).stdout).jobs as {
      id: string
      status: string
    }[]
    expect(list.map((j) => [j.id, j.status])).toEqual([[id, 'done']])
  })

  it('with a provider prints the paid pre-flight, sends nothing, and jobs resume continues the job', async () => {
    const run = await ok('check', 'mixed.csv', '--region', 'US', '--provider', 'acedata', '--preflight-only')
    const id = /start its paid check with: ringtrue jobs resume (\w+)/.exec(run.stdout)?.[1] as string
    expect(id).toMatch(/^\w+$/)
    // Ace Data Cloud covers China: the five CN mobiles, two of them read as Chinese on the list's evidence.
    expect(run.stdout).toContain('acedata (Ace Data Cloud): 5 to check · 0 cached · 5 to pay')
    expect(run.stdout).toContain(
      '  2 of the numbers to send had their country inferred from the list (reason region_inferred)'
    )
    expect(run.stdout).toContain(
      `  2 numbers valid in several countries are held back (ambiguous_region); choose with: ringtrue jobs resolve ${id} --region CC`
    )
    expect(run.stdout).toContain('Countries: CN 41.7% · US 33.3% · 2 inferred · 2 ambiguous')
    expect(withoutProgress(run.stderr)).toBe('')
    expect(sim.requests).toHaveLength(0)

    const list = JSON.parse((await ok('jobs', 'list', '--json')).stdout).jobs as {
      id: string
      status: string
    }[]
    expect(list.map((j) => [j.id, j.status])).toEqual([[id, 'paused']])
    expect(sim.requests).toHaveLength(0)

    const resumed = await ok('jobs', 'resume', id, '--yes', '--json')
    expect(JSON.parse(resumed.stdout)).toMatchObject({ jobId: id, status: 'done' })
    expect([...sendsPerNumber(sim.requests)].sort()).toEqual([
      ['13712345670', 1],
      ['13800138000', 1],
      ['13912345670', 1],
      ['15249817730', 1],
      ['15819795570', 1]
    ])
  })

  it('--json carries the pre-flight and the split; nothing is sent', async () => {
    const run = await ok(
      'check',
      'mixed.csv',
      '--region',
      'US',
      '--provider',
      'acedata',
      '--preflight-only',
      '--json'
    )
    expect(run.stderr).toBe('')
    const summary = JSON.parse(run.stdout) as {
      status: string
      preflight: { inferred: number; ambiguous: number; providers: { toPay: number }[] }
      countries: { inferred: number; ambiguous: number }
    }
    expect(summary.status).toBe('paused')
    expect(summary.preflight).toMatchObject({ inferred: 2, ambiguous: 2 })
    expect(summary.preflight.providers.map((p) => p.toPay)).toEqual([5])
    expect(summary.countries).toMatchObject({ inferred: 2, ambiguous: 2 })
    expect(sim.requests).toHaveLength(0)
  })

  it('refuses --yes, --sample and --out with exit 2', async () => {
    for (const extra of [['--yes'], ['--sample', '2'], ['--out', 'x.csv']]) {
      const run = await cli('check', 'mixed.csv', '--region', 'US', '--preflight-only', ...extra)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/'--preflight-only' cannot be used with option/)
    }
  })
})

describe('ringtrue jobs resolve', SLOW, () => {
  async function offlineJob(): Promise<string> {
    return (
      JSON.parse((await ok('check', 'mixed.csv', '--region', 'US', '--json')).stdout) as { jobId: string }
    ).jobId
  }

  it('lists the choices, reads the ambiguous numbers in the chosen country, and the export says so', async () => {
    const id = await offlineJob()
    const listed = await ok('jobs', 'resolve', id)
    expect(listed.stdout).toBe(`CN 2 · US 2\nChoose with: ringtrue jobs resolve ${id} --region CC\n`)
    expect(JSON.parse((await ok('jobs', 'resolve', id, '--json')).stdout)).toEqual({
      schema: 'ringtrue.jobs.resolve/1',
      jobId: id,
      choices: [
        { country: 'CN', numbers: 2 },
        { country: 'US', numbers: 2 }
      ]
    })
    const before = await exportFull(id)
    expect(before.Fay).toEqual(['', 'unknown', 'ambiguous_region', ''])
    expect(before.Lee).toEqual(['', 'unknown', 'ambiguous_region', ''])

    const resolved = await ok('jobs', 'resolve', id, '--region', 'us')
    expect(resolved.stdout).toBe(`Read 2 numbers of job ${id} in US (reason region_chosen).\n`)
    const after = await exportFull(id)
    expect(after.Fay[1]).toBe('unchecked')
    expect(after.Fay.slice(2)).toEqual(['region_chosen', 'US'])
    expect(after.Fay[0]).toMatch(/^\+1\d{10}$/)
    expect(reading(after.Lee)).toEqual(['unchecked', 'region_chosen', 'US'])
    expect(after.Lee[0]).toMatch(/^\+1\d{10}$/)
    // The rest is as it was.
    expect(after.Ed).toEqual(['+8615249817730', 'unchecked', 'region_inferred', 'CN'])
    expect(after.Gus).toEqual(['+12125550100', 'unchecked', '', 'US'])
    expect((await ok('jobs', 'resolve', id)).stdout).toBe(
      `No number of job ${id} is held back as valid in several countries.\n`
    )
  })

  it('--json says how many were read in the country', async () => {
    const id = await offlineJob()
    const run = await ok('jobs', 'resolve', id, '--region', 'CN', '--json')
    expect(JSON.parse(run.stdout)).toEqual({
      schema: 'ringtrue.jobs.resolve/1',
      jobId: id,
      region: 'CN',
      resolved: 2,
      queued: 0,
      left: [],
      status: 'done'
    })
    const after = await exportFull(id)
    expect(reading(after.Fay)).toEqual(['unchecked', 'region_chosen', 'CN'])
    expect(reading(after.Lee)).toEqual(['unchecked', 'region_chosen', 'CN'])
  })

  it('a country none of them is valid in changes nothing and names the choices', async () => {
    const id = await offlineJob()
    const run = await ok('jobs', 'resolve', id, '--region', 'GB')
    expect(run.stdout).toBe(
      `None of the held-back numbers of job ${id} is valid in GB; they can be read in: CN 2 · US 2.\n`
    )
    expect((await exportFull(id)).Fay).toEqual(['', 'unknown', 'ambiguous_region', ''])
  })

  it('an unknown region exits 2 with one line and changes nothing', async () => {
    const id = await offlineJob()
    const run = await cli('jobs', 'resolve', id, '--region', 'XX')
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      'ringtrue: --region must be a two-letter country code such as US, GB or DE (got "XX")\n'
    )
    expect((await exportFull(id)).Lee).toEqual(['', 'unknown', 'ambiguous_region', ''])
  })

  it('before a planned paid check, the chosen numbers are queued and resume sends them', async () => {
    const run = await ok(
      'check',
      'mixed.csv',
      '--region',
      'US',
      '--provider',
      'acedata',
      '--preflight-only',
      '--json'
    )
    const { jobId: id } = JSON.parse(run.stdout) as { jobId: string }
    const resolved = await ok('jobs', 'resolve', id, '--region', 'CN')
    expect(resolved.stdout).toBe(
      `Read 2 numbers of job ${id} in CN (reason region_chosen).\n` +
        `2 of them are queued for the paid check; review the pre-flight and start it with: ringtrue jobs resume ${id}\n`
    )
    expect(sim.requests).toHaveLength(0)
    const resumed = await ok('jobs', 'resume', id, '--yes')
    // The pre-flight now counts the chosen two among the numbers to pay, and nothing is held back.
    expect(resumed.stdout).toContain('acedata (Ace Data Cloud): 7 to check · 0 cached · 7 to pay')
    expect(resumed.stdout).not.toContain('held back')
    expect([...sendsPerNumber(sim.requests).keys()].sort()).toEqual([
      '13245805710',
      '13712345670',
      '13800138000',
      '13912345670',
      '15249817730',
      '15819795570',
      '18575770520'
    ])
    expect(sim.requests).toHaveLength(7)
    // A number ending in 0 is in service for the simulator; the answer's reason replaces region_chosen.
    expect(reading((await exportFull(id)).Fay)).toEqual(['active', 'in_service', 'CN'])
  })

  it('the help explains the command with an example', async () => {
    const run = await ok('jobs', 'resolve', '--help')
    expect(run.stdout).toContain('ambiguous_region')
    expect(run.stdout).toContain('ringtrue jobs resolve <id> --region CN')
  })
})

// ── the acceptance on make_contacts.py ──────────────────────────────────────────────────────────────

/** The generator sits beside the repository in CI (../shared); a clone of the repository alone may lack it. */
const MAKE_CONTACTS = resolve(ROOT, '../shared/bench/make_contacts.py')
const PYTHON = '/usr/bin/python3'
const acceptanceSkip = !existsSync(MAKE_CONTACTS)
  ? `skipped: ${MAKE_CONTACTS} is absent (it ships with CI, not with a clone of this repository)`
  : !existsSync(PYTHON)
    ? `skipped: ${PYTHON} is absent`
    : null

describe.skipIf(acceptanceSkip !== null)(acceptanceSkip ?? 'make_contacts.py 20000', SLOW, () => {
  let rows: Record<string, string>[]
  const columns = (path: string): Record<string, string>[] => {
    const [header, ...data] = readCsv(path)
    return data.map((cells) =>
      Object.fromEntries(
        header.map((h, i) => [h, h === 'Reason' ? reasonCodeOf(cells[i] ?? '') : (cells[i] ?? '')])
      )
    )
  }
  const checked = async (region: string): Promise<Record<string, string>[]> => {
    const out = join(work, `contacts-${region}.csv`)
    await ok('check', 'contacts.csv', '--region', region, '--export', 'full', '--out', out, '--force')
    rows = columns(out)
    expect(rows).toHaveLength(20000)
    return rows
  }

  beforeAll(() => {
    const made = spawnSync(PYTHON, [MAKE_CONTACTS, '20000', join(work, 'contacts.csv')], { encoding: 'utf8' })
    expect(made.status, made.stderr).toBe(0)
  })

  it('with --region US, 3-4-4 dashed Chinese mobiles are read as +86', async () => {
    const rows = await checked('US')
    // By hand, from the generator's first rows.
    const person = (n: number): Record<string, string> => rows[n]
    expect([person(2).Phone, person(2)['E.164'], person(2).Reason]).toEqual([
      '15249817734',
      '+8615249817734',
      'region_inferred'
    ])
    expect([person(5).Phone, person(5)['E.164'], person(5).Reason]).toEqual([
      '158-1979-5579',
      '+8615819795579',
      'region_inferred'
    ])
    // Every dashed 3-4-4 number with a mobile prefix China uses (13x, 15x but 154, 18x): +86 and its digits.
    const dashed = rows.filter((r) => /^1(3\d|5[0-35-9]|8\d)-\d{4}-\d{4}$/.test(r.Phone))
    expect(dashed.length).toBeGreaterThan(1000)
    const wrong = dashed.filter((r) => r['E.164'] !== `+86${r.Phone.replace(/-/g, '')}`)
    expect(wrong.map((r) => `${r.Name}: ${r.Phone} → ${r['E.164'] || r.Reason}`)).toEqual([])
    // Every bare 11-digit one with such a prefix too, whatever the row's (random) City says: the list writes
    // its bare 11-digit numbers the Chinese way, and that outweighs a place name.
    const bare = rows.filter((r) => /^1(3\d|5[0-35-9]|8\d)\d{8}$/.test(r.Phone))
    expect(bare.length).toBeGreaterThan(1000)
    const misread = bare.filter((r) => r['E.164'] !== `+86${r.Phone}`)
    expect(misread.map((r) => `${r.Name}: ${r.Phone}, ${r.City} → ${r['E.164'] || r.Reason}`)).toEqual([])
  })

  it('with --region CN, NANP-written numbers are +1 or ambiguous_region, never +86', async () => {
    const rows = await checked('CN')
    expect([rows[1].Phone, rows[1]['E.164'], rows[1].Reason]).toEqual([
      '(206) 958-8935',
      '+12069588935',
      'region_inferred'
    ])
    const nanp = rows.filter((r) =>
      /^(\(\d{3}\) \d{3}-\d{4}|1-\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})$/.test(r.Phone)
    )
    expect(nanp.length).toBeGreaterThan(5000)
    const wrong = nanp.filter((r) => !r['E.164'].startsWith('+1') && r.Reason !== 'ambiguous_region')
    expect(wrong.map((r) => `${r.Name}: ${r.Phone} → ${r['E.164'] || r.Reason}`)).toEqual([])
  })
})
