// The CLI the way users get it: `npm pack` the repository, install the tarball globally into a temporary prefix
// and run `ringtrue` through the bin symlink npm creates. There is no internet here, so the dependencies come
// from a registry on 127.0.0.1 that serves the versions of package-lock.json with the tarballs already in the
// npm cache; install scripts are skipped and the native modules built in this checkout are copied in.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const BUILT = join(ROOT, 'out', 'main', 'cli.js')
const NATIVE = ['better-sqlite3', 'keytar']

interface LockEntry {
  name?: string
  version: string
  integrity?: string
  dev?: boolean
  devOptional?: boolean
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  bin?: Record<string, string>
  engines?: Record<string, string>
  license?: string
}

interface Cacache {
  get: { byDigest(cache: string, integrity: string): Promise<Buffer> }
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdin.end()
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

/** npm's own cache library (bundled with npm), to read tarballs from the cache by their integrity. */
function loadCacache(): Cacache | null {
  const npmCli = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim()
  for (const base of [join(npmCli, 'npm'), '/usr/lib/node_modules/npm', '/usr/local/lib/node_modules/npm']) {
    try {
      return createRequire(join(base, 'package.json'))('cacache') as Cacache
    } catch {
      // try the next place npm may live
    }
  }
  return null
}

/** A registry on 127.0.0.1 with exactly the production dependencies of package-lock.json. */
async function startMirror(npmCache: string, cacache: Cacache): Promise<{ url: string; server: Server }> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const byName = new Map<string, LockEntry[]>()
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev || entry.devOptional || !entry.integrity) continue
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    byName.set(name, [...(byName.get(name) ?? []), { ...entry, name }])
  }
  const tarballs = new Map<string, string>()
  let url = ''
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]).slice(1)
      const integrity = tarballs.get(path)
      if (integrity) {
        const data = await cacache.get.byDigest(join(npmCache, '_cacache'), integrity)
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length })
        res.end(data)
        return
      }
      const entries = byName.get(path)
      if (!entries) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end('{"error":"not found"}')
        return
      }
      const versions: Record<string, unknown> = {}
      for (const e of entries) {
        const file = `${path}/-/${path.split('/').pop()}-${e.version}.tgz`
        tarballs.set(file, e.integrity as string)
        versions[e.version] = {
          name: path,
          version: e.version,
          dependencies: e.dependencies ?? {},
          optionalDependencies: e.optionalDependencies,
          peerDependencies: e.peerDependencies,
          peerDependenciesMeta: e.peerDependenciesMeta,
          bin: e.bin,
          engines: e.engines,
          license: e.license,
          dist: { tarball: `${url}/${file}`, integrity: e.integrity }
        }
      }
      const latest = entries[entries.length - 1].version
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ name: path, 'dist-tags': { latest }, versions }))
    })().catch((error: unknown) => {
      res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, server }
}

let work: string
let mirror: { url: string; server: Server } | null = null

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-install-'))
  if (!existsSync(BUILT)) {
    const build = await run(process.execPath, [join(ROOT, 'node_modules', '.bin', 'electron-vite'), 'build'])
    expect(build.code).toBe(0)
  }
})
afterAll(() => {
  mirror?.server.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the installed ringtrue command', () => {
  it('packs, installs from the tarball and runs --help and a check through the npm bin symlink', async () => {
    const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim()
    const cacache = loadCacache()
    expect(cacache, 'npm’s cacache library').not.toBeNull()
    mirror = await startMirror(npmCache, cacache as Cacache)
    const npmEnv = {
      ...process.env,
      npm_config_registry: `${mirror.url}/`,
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false'
    }

    // 1. The tarball users would get: the built CLI with both workers, and the bin.
    const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      env: npmEnv
    })
    expect(packed.code, packed.stderr).toBe(0)
    const [pack] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
    const files = pack.files.map((f) => f.path)
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/ringtrue.js',
        'out/main/cli.js',
        'out/main/import-worker.js',
        'out/main/jobs-worker.js',
        'package.json'
      ])
    )
    expect(files.filter((f) => f.startsWith('src-main/') || f.startsWith('test/'))).toEqual([])

    // 2. A global install into a temporary prefix, without install scripts (nothing is downloaded or built).
    const prefix = join(work, 'prefix')
    const installed = await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--ignore-scripts', join(work, pack.filename)],
      { env: npmEnv }
    )
    expect(installed.code, installed.stderr).toBe(0)
    const pkg = join(prefix, 'lib', 'node_modules', 'ringtrue')
    for (const name of NATIVE) {
      // The native builds of this checkout (built for this Node) stand in for the skipped install scripts.
      const target = join(pkg, 'node_modules', name, 'build')
      expect(existsSync(dirname(target)), `${name} installed`).toBe(true)
      cpSync(join(ROOT, 'node_modules', name, 'build', 'Release'), join(target, 'Release'), {
        recursive: true,
        filter: (source) => !source.includes(`${join('Release', 'obj')}`)
      })
    }
    const bin = join(prefix, 'bin', 'ringtrue')
    expect(lstatSync(bin).isSymbolicLink()).toBe(true)

    // 3. Through the symlink, as `ringtrue` on the PATH.
    const userEnv = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` }
    const help = await run('ringtrue', ['--help'], { cwd: work, env: userEnv })
    expect(help.stderr).toBe('')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: ringtrue/)
    expect(help.stdout).toMatch(/check \[options\] <files\.\.\.>/)

    writeFileSync(join(work, 'tiny.csv'), 'Name,Phone\nAnn,+1 201-555-0123\nBob,12\n')
    const checked = await run(
      'ringtrue',
      ['check', 'tiny.csv', '--region', 'US', '--data-dir', join(work, 'data'), '--json'],
      { cwd: work, env: userEnv }
    )
    expect(checked.stderr).toBe('')
    expect(checked.code).toBe(0)
    expect(JSON.parse(checked.stdout)).toMatchObject({ status: 'done', rows: 2, phoneColumns: ['Phone'] })

    const usage = await run('ringtrue', ['check', 'missing.csv', '--data-dir', join(work, 'data')], {
      cwd: work,
      env: userEnv
    })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/missing\.csv does not exist/)
  }, 600_000)
})
