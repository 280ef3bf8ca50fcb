import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.ts$/.test(name) ? [path] : []
  })
}

/** Every error code the main process, the preload and the bridge can send, found in their source. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>()
  const note = (code: string, file: string) => {
    if (!found.has(code)) found.set(code, relative(root, file))
  }
  // The CLI (src-main/cli) is a process of its own: its errors end on its stderr and never reach the window.
  const cli = join(root, 'src-main', 'cli')
  const files = [
    ...sources(join(root, 'src-main')).filter((file) => !file.startsWith(`${cli}/`)),
    ...sources(join(root, 'src-preload'))
  ]
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const patterns = [
      // new ServiceError('code', …), including a ternary of two codes as the first argument
      /new (?:ServiceError|ProviderServiceError|StoreError|ApiError)\(\s*([^,]*),/g,
      // subclasses that fix their code: super('code', …) and `readonly code = 'code'`
      /super\(\s*('[a-z_]+')\s*,/g,
      /readonly code = ('[a-z_]+')/g,
      // envelopes written by hand: { code: 'forbidden', message } and failure('transport_failed', …)
      /\{\s*code: ('[a-z_]+'),\s*message/g,
      /failure\(\s*('[a-z_]+')/g,
      // union types of codes: export type StoreErrorCode = | 'store_locked' | …
      /export type \w*ErrorCode =((?:\s*\|\s*'[a-z_]+')+)/g
    ]
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        for (const literal of match[1].matchAll(/'([a-z][a-z0-9_]*)'/g)) note(literal[1], file)
      }
    }
  }
  return found
}

describe('the errors catalogue', () => {
  it('has a message for every error code that can reach the window', async () => {
    // Loaded by path: the renderer's catalogue belongs to the web project, this test to the node one.
    const catalogue = resolve(root, 'src-renderer/src/i18n/en/errors.ts')
    const errors = ((await import(catalogue)) as { default: Record<string, string> }).default
    const codes = thrownCodes()
    // The scan itself must see the codes it is meant to see.
    for (const code of [
      'file_exists',
      'job_running',
      'empty_file',
      'store_locked',
      'invalid_request',
      'internal'
    ])
      expect(codes.has(code), code).toBe(true)
    expect(
      codes.has('transport_failed') && codes.has('bad_response') && codes.has('keychain_unavailable')
    ).toBe(true)
    const missing = [...codes]
      .filter(([code]) => !(code in errors))
      .map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })
})
