// Every --json document the CLI prints, produced by real commands and validated against its JSON Schema in
// resources/schemas. The paid documents come from runs against the Ace Data Cloud simulator on 127.0.0.1, which
// answers in this process: the CLI is always spawned asynchronously.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { ROOT, cn, startCli, type Run } from '../helpers/cli-child'
import { schemaCommands, validDocument } from '../helpers/json-schemas'

const SLOW = { timeout: 240_000 }
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/

let sim: AcedataSimulator
let dir: string

beforeAll(async () => {
  sim = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  dir = mkdtempSync(join(tmpdir(), 'ringtrue-cli-json-'))
  const rows = [['Name', 'Phone']]
  for (let i = 0; i < 6; i++) rows.push([`cn${i}`, cn(i)])
  rows.push(['us1', '+1 201-555-0123'], ['bad', '12'])
  writeFileSync(join(dir, 'list.csv'), rows.map((r) => r.join(',')).join('\n'))
  // A list of Chinese and US numbers: two of those written without a country code read validly in both.
  writeFileSync(
    join(dir, 'mixed.csv'),
    [
      'Name,Phone',
      'Ann,+86 138 0013 8000',
      'Bo,+86 139 1234 5670',
      'Cy,+8613712345670',
      'Fay,18575770520',
      'Gus,(212) 555-0100',
      'Ivy,1-415-555-0132',
      'Jo,+1 646 555 0199',
      'Lee,13245805710'
    ].join('\n')
  )
})
afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RINGTRUE_DATA_DIR: join(dir, 'data'),
    RINGTRUE_KEYCHAIN_SERVICE: `Ringtrue-clijsontest-${process.pid}`,
    RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY,
    RINGTRUE_ACEDATA_BASE_URL: sim.url,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
  }
}

function cli(...args: string[]): Promise<Run> {
  return startCli(args, dir, env()).done
}

/** Runs a command that must succeed and returns its one document, checked against the schema of `command`. */
async function documentOf<T = Record<string, unknown>>(command: string, ...args: string[]): Promise<T> {
  const run = await cli(...args)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout.trim().split('\n')).toHaveLength(1)
  return validDocument<T>(command, run.stdout)
}

describe('the --json documents follow their schemas', SLOW, () => {
  it('check, jobs list/show/export/resolve/compare/delete and providers list', async () => {
    const checked = await documentOf<{ jobId: string; output: string[]; byStatus: object }>(
      'check',
      ...['check', 'list.csv', '--region', 'CN', '--out', 'clean.csv', '--json']
    )
    expect(checked.output).toHaveLength(1)
    expect(checked.byStatus).toEqual({ active: 0, unchecked: 7, unknown: 0, inactive: 0, invalid: 1 })
    const second = await documentOf<{ jobId: string; countries: { defaultRegion: string } }>(
      'check',
      ...['check', 'mixed.csv', '--region', 'US', '--json']
    )
    expect(second.countries.defaultRegion).toBe('US')

    const list = await documentOf<{ jobs: Record<string, unknown>[] }>('jobs.list', 'jobs', 'list', '--json')
    expect(list.jobs.map((j) => j.id).sort()).toEqual([checked.jobId, second.jobId].sort())
    const listed = list.jobs.find((j) => j.id === checked.jobId)
    expect(listed).toMatchObject({ name: 'list', file: 'list.csv', status: 'done', rows: 8, numbers: 8 })
    expect(listed?.createdAt).toMatch(ISO_WITH_OFFSET)
    expect(listed).not.toHaveProperty('counts')

    const shown = await documentOf<Record<string, unknown>>(
      'jobs.show',
      'jobs',
      'show',
      checked.jobId,
      '--json'
    )
    expect(shown).toMatchObject({
      id: checked.jobId,
      file: 'list.csv',
      phoneColumns: ['Phone'],
      countryColumn: null,
      defaultRegion: 'CN',
      live: null
    })

    const exported = await documentOf<{ output: string[] }>(
      'jobs.export',
      ...['jobs', 'export', checked.jobId, '--out', 'parts.csv', '--export', 'split', '--json']
    )
    expect(exported.output.length).toBeGreaterThan(1)

    const choices = await documentOf<{ choices: { country: string; numbers: number }[] }>(
      'jobs.resolve',
      ...['jobs', 'resolve', second.jobId, '--json']
    )
    expect(choices.choices).toEqual([
      { country: 'CN', numbers: 2 },
      { country: 'US', numbers: 2 }
    ])
    const resolved = await documentOf<{ resolved: number; left: unknown[] }>(
      'jobs.resolve',
      ...['jobs', 'resolve', second.jobId, '--region', 'CN', '--json']
    )
    expect(resolved).toMatchObject({ region: 'CN', resolved: 2, queued: 0, left: [], status: 'done' })

    const compared = await documentOf<{ output: string[]; older: { id: string } }>(
      'jobs.compare',
      ...['jobs', 'compare', checked.jobId, second.jobId, '--out', 'changes.csv', '--json']
    )
    expect(compared.older.id).toBe(checked.jobId)
    expect(compared.output).toHaveLength(1)

    const providers = await documentOf<{ providers: { id: string }[] }>(
      'providers.list',
      ...['providers', 'list', '--json']
    )
    expect(providers.providers.map((p) => p.id)).toContain('acedata')

    const deleted = await documentOf('jobs.delete', 'jobs', 'delete', second.jobId, '--json')
    expect(deleted).toEqual({ schema: 'ringtrue.jobs.delete/1', jobId: second.jobId, deleted: true })
  })

  it('the paid check: pre-flight only, resume, uncertain, resume of a done job, recheck, cancel', async () => {
    const preflight = await documentOf<{
      jobId: string
      status: string
      preflight: { providers: { provider: string; toPay: number }[] }
      live: { pauseReason: string; providers: string[] }
    }>(
      'check',
      ...['check', 'list.csv', '--region', 'CN', '--provider', 'acedata', '--preflight-only', '--json']
    )
    expect(preflight.status).toBe('paused')
    expect(preflight.live).toMatchObject({ pauseReason: 'confirm', providers: ['acedata'] })
    expect(preflight.preflight.providers).toMatchObject([{ provider: 'acedata', toPay: 6 }])

    const resumed = await documentOf<{ status: string; live: { spend: unknown[]; answered: number } }>(
      'jobs.resume',
      ...['jobs', 'resume', preflight.jobId, '--yes', '--json']
    )
    expect(resumed.status).toBe('done')
    expect(resumed.live.answered).toBe(6)
    expect(resumed.live.spend).toEqual([{ currency: 'USD', amount: 0.18, estimated: false }])
    const uncertain = await documentOf('jobs.uncertain', 'jobs', 'uncertain', preflight.jobId, '--json')
    expect(uncertain).toEqual({ schema: 'ringtrue.jobs.uncertain/1', jobId: preflight.jobId, requests: [] })
    const again = await documentOf<{ status: string }>(
      'jobs.resume',
      ...['jobs', 'resume', preflight.jobId, '--json']
    )
    expect(again.status).toBe('done')

    const recheck = await documentOf<{ status: string }>(
      'jobs.recheck',
      ...['jobs', 'recheck', preflight.jobId, '--status', 'unknown', '--yes', '--json']
    )
    expect(recheck.status).toBe('done')

    const waiting = await documentOf<{ jobId: string }>(
      'check',
      ...['check', 'list.csv', '--region', 'CN', '--provider', 'acedata', '--preflight-only', '--json']
    )
    const cancelled = await documentOf('jobs.cancel', 'jobs', 'cancel', waiting.jobId, '--json')
    expect(cancelled).toEqual({ schema: 'ringtrue.jobs.cancel/1', jobId: waiting.jobId, status: 'cancelled' })
  })
})

describe('jobs resume of a paid check interrupted in its offline phase', SLOW, () => {
  it('prints a jobs.resume document, not the check summary', async () => {
    const lines = ['Name,Phone']
    for (let i = 0; i < 150_000; i++) lines.push(`P${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
    for (let i = 0; i < 6; i++) lines.push(`cn${i},${cn(i)}`)
    writeFileSync(join(dir, 'big.csv'), lines.join('\n'))
    const args = [
      'check',
      'big.csv',
      '--region',
      'CN',
      '--provider',
      'acedata',
      '--yes',
      '--progress',
      'plain'
    ]
    const running = startCli(args, dir, env())
    await vi.waitFor(() => expect(running.stderr).toMatch(/^ringtrue: offline check started · job (\w+)/m), {
      timeout: 120_000,
      interval: 20
    })
    running.signal('SIGINT')
    const stopped = await running.done
    expect(stopped.code).toBe(3)
    const id = /jobs resume (\w+)/.exec(stopped.stderr)?.[1] as string
    const resumed = await documentOf<{ jobId: string; status: string; countries: object }>(
      'jobs.resume',
      ...['jobs', 'resume', id, '--yes', '--json']
    )
    expect(resumed).toMatchObject({ jobId: id, status: 'done', rows: 150_006 })
  })
})

describe('the schema files', () => {
  /** The commands named where the CLI prints a document: printJson, printResult and reportPaidRun. */
  function printedCommands(): string[] {
    const found = new Set<string>()
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (entry.name.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8')
          for (const m of source.matchAll(/\b(?:printJson|printResult|reportPaidRun)\(\s*'([\w.]+)'/g)) {
            found.add(m[1])
          }
          for (const m of source.matchAll(/\bschemaId\(\s*'([\w.]+)'/g)) found.add(m[1])
        }
      }
    }
    walk(join(ROOT, 'src-main', 'cli'))
    return [...found].sort()
  }

  it('exist for every document the CLI prints, and every one is used', () => {
    const printed = printedCommands()
    expect(printed).toContain('jobs.show')
    expect(printed).toContain('progress')
    expect(schemaCommands()).toEqual(printed)
  })

  it('name their document in $id and schema', () => {
    for (const command of schemaCommands()) {
      const schema = JSON.parse(
        readFileSync(join(ROOT, 'resources', 'schemas', `ringtrue.${command}.schema.json`), 'utf8')
      )
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
      expect(schema.$id).toBe(`https://ringtrue.app/schemas/ringtrue.${command}/1`)
      expect(typeof schema.title).toBe('string')
    }
  })
})
