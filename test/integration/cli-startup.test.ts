// What the built CLI loads before it answers. `--help`, a usage error, `jobs list` and `jobs show` must not load
// SheetJS, the phone metadata or the provider adapters, and `providers list` loads the adapters alone: a `--require` hook writes the modules Node loaded when the
// process exits, and the bundled chunks among them are read for the source files they were built from.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const BIN = join(ROOT, 'bin', 'ringtrue.js')
const OUT_MAIN = join(ROOT, 'out', 'main')
const builtAvailable = existsSync(join(OUT_MAIN, 'cli.js'))

let work: string
let hook: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-startup-'))
  hook = join(work, 'record-modules.cjs')
  // Test-only: the product has no hook of its own. require.cache holds every CommonJS file the process loaded.
  writeFileSync(
    hook,
    "const { writeFileSync } = require('node:fs')\n" +
      "process.on('exit', () => writeFileSync(process.env.RECORD_MODULES_TO, Object.keys(require.cache).join('\\n')))\n"
  )
  writeFileSync(join(work, 'list.csv'), 'Name,Mobile\nAnn,+1 201-555-0123\nBob,not a phone\n')
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Loaded {
  code: number
  stdout: string
  stderr: string
  /** Files Node loaded from node_modules, as package-relative paths ("xlsx/xlsx.js"). */
  packages: string[]
  /** Source files of Ringtrue whose code ran, read from the module markers of the loaded chunks. */
  sources: string[]
}

let runs = 0

function runBuilt(dataDir: string, ...args: string[]): Loaded {
  const record = join(work, `modules-${++runs}.txt`)
  const result = spawnSync(process.execPath, ['--require', hook, BIN, ...args], {
    cwd: work,
    env: { ...process.env, RINGTRUE_DATA_DIR: dataDir, RECORD_MODULES_TO: record },
    encoding: 'utf8',
    input: '',
    timeout: 120_000
  })
  const files = readFileSync(record, 'utf8').split('\n')
  const packages = files
    .filter((f) => f.includes('/node_modules/'))
    .map((f) => f.slice(f.lastIndexOf('/node_modules/') + '/node_modules/'.length))
  const sources = new Set<string>()
  for (const file of files.filter((f) => f.startsWith(OUT_MAIN))) {
    // The bundle marks each source file it inlines with a "// src-main/…" line.
    for (const match of readFileSync(file, 'utf8').matchAll(/^\/\/ (src-[a-z]+\/\S+\.tsx?)$/gm)) {
      sources.add(match[1])
    }
  }
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    packages,
    sources: [...sources]
  }
}

/** The heavy parts a light command must leave unloaded. */
function heavy(loaded: Loaded): string[] {
  return [
    ...loaded.packages.filter((p) => /^(xlsx|libphonenumber-js|keytar|papaparse)\//.test(p)),
    ...loaded.sources.filter(
      (s) =>
        // providers/types.ts is the list of provider ids the help names; the adapters are the rest.
        (s.startsWith('src-main/core/providers/') && s !== 'src-main/core/providers/types.ts') ||
        s.startsWith('src-main/core/phone/') ||
        s === 'src-main/core/provider-registry.ts' ||
        s.startsWith('src-main/core/export/') ||
        (s.startsWith('src-main/core/import/') && s !== 'src-main/core/import/errors.ts')
    )
  ]
}

describe.skipIf(!builtAvailable)('the built CLI loads only what a command needs', () => {
  it('--help, help <command>, a usage error and completion load none of SheetJS, zod, the phone metadata or the providers', () => {
    const dataDir = join(work, 'none')
    const help = runBuilt(dataDir, '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: ringtrue')
    // The provider ids still reach the help, from the light list of ids.
    const checkHelp = runBuilt(dataDir, 'help', 'check')
    expect(checkHelp.code).toBe(0)
    expect(checkHelp.stdout.replace(/\s+/g, ' ')).toContain(
      'acedata, toolkk, checknumber, telesign, checkmobi'
    )
    const usage = runBuilt(dataDir, 'jobs', 'nosuchcommand')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain("unknown command 'nosuchcommand'")
    const completion = runBuilt(dataDir, 'completion', 'bash')
    expect(completion.code).toBe(0)
    expect(completion.stdout).toContain('complete -o filenames -F _ringtrue ringtrue')
    for (const loaded of [help, checkHelp, usage, completion]) {
      expect(heavy(loaded)).toEqual([])
      expect(loaded.packages.some((p) => p.startsWith('better-sqlite3/'))).toBe(false)
      // Nor the schema library the contract validates IPC payloads with: the help reads plain lists of words.
      expect(loaded.packages.filter((p) => p.startsWith('zod/'))).toEqual([])
    }
  })

  it('check loads them (the hook sees what a command uses); jobs list and jobs show on its store do not', () => {
    const dataDir = join(work, 'data')
    const check = runBuilt(dataDir, 'check', 'list.csv', '--region', 'US', '--json')
    expect(check.stderr).toBe('')
    expect(check.code).toBe(0)
    const jobId = (JSON.parse(check.stdout) as { jobId: string }).jobId
    expect(check.packages.some((p) => p.startsWith('libphonenumber-js/'))).toBe(true)
    // The file is read in the import worker: the main thread of a CSV check never loads SheetJS.
    expect(check.packages.some((p) => p.startsWith('xlsx/'))).toBe(false)
    expect(check.sources).toContain('src-main/core/providers/acedata.ts')

    const list = runBuilt(dataDir, 'jobs', 'list')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(
      new RegExp(`^ID +CREATED +STATUS +ROWS +NAME\\n${jobId}  .* done +2  list\\n$`)
    )
    const show = runBuilt(dataDir, 'jobs', 'show', jobId)
    expect(show.code).toBe(0)
    expect(show.stdout).toContain('Status:  active 0 · unchecked 1 · unknown 0 · inactive 0 · invalid 1')
    const unknown = runBuilt(dataDir, 'jobs', 'show', 'nosuchjob')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(`ringtrue: No job nosuchjob in ${dataDir}.\n`)
    for (const loaded of [list, show, unknown]) expect(heavy(loaded)).toEqual([])
  })

  it('providers list loads the adapters but neither SheetJS nor the phone metadata', () => {
    const dataDir = join(work, 'providers')
    const list = runBuilt(dataDir, 'providers', 'list')
    expect(list.stderr).toBe('')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^acedata +Ace Data Cloud/m)
    expect(list.stdout).toMatch(/^checknumber +/m)
    const json = runBuilt(dataDir, 'providers', 'list', '--json')
    expect(json.code).toBe(0)
    const ids = (JSON.parse(json.stdout) as { providers: { id: string }[] }).providers.map((p) => p.id)
    expect(ids).toEqual(['offline', 'acedata', 'toolkk', 'checknumber', 'telesign', 'checkmobi'])
    for (const loaded of [list, json]) {
      expect(loaded.sources).toContain('src-main/core/providers/checknumber.ts')
      expect(loaded.sources).toContain('src-main/core/providers/china.ts')
      expect(loaded.packages.filter((p) => /^(xlsx|libphonenumber-js|papaparse)\//.test(p))).toEqual([])
      const heavySources = loaded.sources.filter(
        (s) => /^src-main\/core\/(phone|import|export)\//.test(s) && s !== 'src-main/core/import/errors.ts'
      )
      expect(heavySources).toEqual([])
    }
  })

  it('jobs list on a data folder that does not exist yet stays light too', () => {
    const list = runBuilt(join(work, 'missing'), 'jobs', 'list', '--json')
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual({ schema: 'ringtrue.jobs.list/1', jobs: [] })
    expect(heavy(list)).toEqual([])
  })
})
