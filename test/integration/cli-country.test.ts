// `ringtrue check --country-column`: a country column is applied only when asked for, and --json says which.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ROOT, TSX } from '../helpers/cli-child'
import { reasonCodeOf } from '../helpers/labels'

let work: string
let dataDir: string
let runs = 0

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--require', TSX, CLI, ...args], {
    cwd: work,
    env: {
      ...process.env,
      RINGTRUE_DATA_DIR: dataDir,
      RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clicountry-${process.pid}`,
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
    },
    encoding: 'utf8',
    input: '',
    timeout: 120_000
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

/** The exported CSV as rows of cells (no quoted separators in these files). */
function exported(...args: string[]): { summary: Record<string, unknown>; rows: string[][] } {
  const out = join(work, `out-${++runs}.csv`)
  const run = cli('check', 'crm.csv', '--region', 'US', '--json', '--export', 'full', '--out', out, ...args)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const rows = readFileSync(out, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','))
  return { summary: JSON.parse(run.stdout) as Record<string, unknown>, rows }
}

/** Name → [E.164, Status, Reason, Country] from an exported full list. */
function byName(rows: string[][]): Record<string, string[]> {
  const header = rows[0]
  const at = (name: string): number => header.indexOf(name)
  return Object.fromEntries(
    rows
      .slice(1)
      .map((r) => [
        r[0],
        [r[at('E.164')], r[at('Status')], reasonCodeOf(r[at('Reason')]), r[at('Country (Ringtrue)')]]
      ])
  )
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-clicountry-'))
  dataDir = join(work, 'data')
  writeFileSync(
    join(work, 'crm.csv'),
    [
      'Name,Phone,Country',
      'Ann,(212) 555-0100,Ghana',
      'Bob,024 123 4567,Ghana',
      'Cat,+44 20 7946 0958,United Kingdom',
      'Dan,415.555.0132,Tokelau',
      'Eve,020 7946 0958,United Kingdom'
    ].join('\n')
  )
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('ringtrue check --country-column', () => {
  it('without the option uses no country column, even one it suggests, and says so in --json', () => {
    const { summary, rows } = exported()
    expect(summary).toMatchObject({ phoneColumns: ['Phone'], countryColumn: null })
    // Numbers valid in the default keep that reading whatever the column says; the column's text is only
    // evidence for the two that are not, read where their row says, flagged region_inferred.
    expect(byName(rows)).toEqual({
      Ann: ['+12125550100', 'unchecked', '', 'US'],
      Bob: ['+233241234567', 'unchecked', 'region_inferred', 'GH'],
      Cat: ['+442079460958', 'unchecked', '', 'GB'],
      Dan: ['+14155550132', 'unchecked', '', 'US'],
      Eve: ['+442079460958', 'unchecked', 'region_inferred', 'GB']
    })
  })

  it('mentions the suggestion as a hint in human mode', () => {
    const run = cli('check', 'crm.csv', '--region', 'US')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      'A country column was found: "Country" (C); use --country-column auto to apply it'
    )
    expect(run.stdout).toContain('Country column: none (default region US)')
  })

  it('auto applies the suggestion; a number the row’s country does not fit keeps its own reading', () => {
    const { summary, rows } = exported('--country-column', 'auto')
    expect(summary).toMatchObject({ phoneColumns: ['Phone'], countryColumn: 'Country' })
    expect(byName(rows)).toEqual({
      Ann: ['+12125550100', 'unchecked', 'country_column_mismatch', 'US'],
      Bob: ['+233241234567', 'unchecked', '', 'GH'],
      Cat: ['+442079460958', 'unchecked', '', 'GB'],
      Dan: ['+14155550132', 'unchecked', 'country_column_mismatch', 'US'],
      Eve: ['+442079460958', 'unchecked', '', 'GB']
    })
  })

  it('auto says on stderr which column it used', () => {
    const run = cli('check', 'crm.csv', '--region', 'US', '--country-column', 'auto')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Using the suggested country column "Country" (C).')
    expect(run.stdout).toContain('Country column: Country (default region US)')
  })

  it('auto without a suggestion uses none', () => {
    writeFileSync(join(work, 'plain.csv'), 'Name,Phone\nAnn,(212) 555-0100\n')
    const run = cli('check', 'plain.csv', '--region', 'US', '--country-column', 'auto', '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ countryColumn: null, phoneColumns: ['Phone'] })
  })

  it('takes a column by letter or header', () => {
    for (const name of ['C', 'country']) {
      const { summary } = exported('--country-column', name)
      expect(summary.countryColumn).toBe('Country')
    }
  })

  it('the help says a country column is used only when named, and what auto does', () => {
    const run = cli('check', '--help')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('A country column is used only when you name it')
    expect(run.stdout).toContain('--country-column auto')
    expect(run.stdout).toContain('country_column_mismatch')
  })

  it('exits 2 for a column that does not exist', () => {
    const run = cli('check', 'crm.csv', '--region', 'US', '--country-column', 'Land')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/No column "Land"/)
  })
})
