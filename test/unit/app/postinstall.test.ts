import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// `npm install -g ringtrue` runs the package's postinstall without dev dependencies: patch-package is absent there,
// and the install used to fail on it ("patch-package: not found").

const ROOT = resolve(__dirname, '../../..')
const SCRIPT = join(ROOT, 'scripts/apply-patches.mjs')
let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('the postinstall step', () => {
  it('is the guarded script, shipped in the package with the patches', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
      files: string[]
    }
    expect(manifest.scripts.postinstall).toBe('node scripts/apply-patches.mjs')
    expect(manifest.files).toEqual(expect.arrayContaining(['patches/', 'scripts/apply-patches.mjs']))
  })

  it('succeeds without patch-package, as in an installed package, and says the library stays unpatched', () => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-postinstall-'))
    mkdirSync(join(dir, 'scripts'))
    copyFileSync(SCRIPT, join(dir, 'scripts/apply-patches.mjs'))
    writeFileSync(join(dir, 'package.json'), '{"name":"ringtrue","version":"0.0.0"}')
    const run = spawnSync(process.execPath, ['scripts/apply-patches.mjs'], { cwd: dir, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('libphonenumber-js stays unpatched')
  })

  it('applies the patches in a checkout', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/libphonenumber-js@[\d.]+ ✔/)
  })
})
