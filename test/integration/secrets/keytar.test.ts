// Runs against the real OS keychain: on Linux, the throwaway unlocked gnome-keyring that scripts/with-keyring.sh
// starts inside a private D-Bus session. Everything goes under a service name of its own ('Ringtrue-test-<pid>'),
// so a developer's real 'Ringtrue' entries are never read, written or deleted.

import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  InvalidSecretError,
  KeytarSecretStore,
  MAX_SECRET_LENGTH,
  SECRET_ACCOUNTS,
  type KeytarModule
} from '../../../src-main/core/secrets'

const ROOT = resolve(__dirname, '../../..')
const SECRETS_MODULE = join(ROOT, 'src-main', 'core', 'secrets', 'index.ts')
const TSX = require.resolve('tsx/cjs')
const SERVICE = `Ringtrue-test-${process.pid}`
const OTHER_SERVICE = `${SERVICE}-other`

type RawKeytar = KeytarModule & {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

/** The real module, for checks behind the store's back and for cleanup. */
function rawKeytar(): RawKeytar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as RawKeytar
}

async function keychainSkipReason(): Promise<string | null> {
  const availability = await new KeytarSecretStore({ service: SERVICE }).availability()
  if (availability.available) return null
  const bus = process.env.DBUS_SESSION_BUS_ADDRESS ? 'is set' : 'is not set'
  const why = `${availability.reason.replace(/\.$/, '')} (DBUS_SESSION_BUS_ADDRESS ${bus})`
  if (process.env.RINGTRUE_REQUIRE_KEYCHAIN === '1') {
    throw new Error(`RINGTRUE_REQUIRE_KEYCHAIN=1 but the keychain is not usable: ${why}`)
  }
  const message = `skipped: no usable keychain: ${why}. Run through scripts/with-keyring.sh for a throwaway unlocked gnome-keyring.`
  console.warn(`[keytar.test] ${message}`)
  return message
}

const skip = await keychainSkipReason()

describe.skipIf(skip !== null)(skip ?? 'the real keychain through keytar', () => {
  const store = new KeytarSecretStore({ service: SERVICE })
  const other = new KeytarSecretStore({ service: OTHER_SERVICE })
  let keytar: RawKeytar

  beforeAll(() => {
    keytar = rawKeytar()
  })

  afterAll(async () => {
    for (const service of [SERVICE, OTHER_SERVICE]) {
      for (const { account } of await keytar.findCredentials(service))
        await keytar.deletePassword(service, account)
      expect(await keytar.findCredentials(service)).toEqual([])
    }
  })

  it('is available, and the availability probe leaves nothing behind', async () => {
    expect(await store.availability()).toEqual({ available: true })
    expect(await keytar.findCredentials(SERVICE)).toEqual([])
  })

  it.each(SECRET_ACCOUNTS)('%s: set, get, has, describe, delete', async (account) => {
    const secret = `test-${account}-${randomUUID()}`
    expect(await store.has(account)).toBe(false)
    await store.set(account, secret)
    // Really in the keychain, under the test service and the account name: read behind the store's back.
    expect(await keytar.getPassword(SERVICE, account)).toBe(secret)
    expect(await store.get(account)).toBe(secret)
    expect(await store.has(account)).toBe(true)
    expect(await store.describe(account)).toEqual({ set: true, maskedTail: `••••${secret.slice(-4)}` })
    expect(await new KeytarSecretStore({ service: SERVICE }).get(account)).toBe(secret)

    expect(await store.delete(account)).toBe(true)
    expect(await store.get(account)).toBeNull()
    expect(await store.has(account)).toBe(false)
    expect(await store.describe(account)).toEqual({ set: false, maskedTail: null })
    expect(await keytar.getPassword(SERVICE, account)).toBeNull()
  })

  it('keeps every account apart', async () => {
    for (const account of SECRET_ACCOUNTS) await store.set(account, `value-of-${account}`)
    for (const account of SECRET_ACCOUNTS) expect(await store.get(account)).toBe(`value-of-${account}`)
    expect((await keytar.findCredentials(SERVICE)).map((entry) => entry.account).sort()).toEqual(
      [...SECRET_ACCOUNTS].sort()
    )
    for (const account of SECRET_ACCOUNTS) expect(await store.delete(account)).toBe(true)
    expect(await keytar.findCredentials(SERVICE)).toEqual([])
  })

  it('overwrites a key', async () => {
    await store.set('acedata', 'first-key-0000aaaa')
    await store.set('acedata', 'second-key-1111bbbb')
    expect(await store.get('acedata')).toBe('second-key-1111bbbb')
    expect(await store.describe('acedata')).toEqual({ set: true, maskedTail: '••••bbbb' })
    expect(
      (await keytar.findCredentials(SERVICE)).filter((entry) => entry.account === 'acedata')
    ).toHaveLength(1)
    expect(await store.delete('acedata')).toBe(true)
  })

  it('keeps the origin a key was entered for with the key, in the keychain entry itself', async () => {
    await store.set('checkmobi', 'cm-bound-key-2222cccc', 'https://proxy.example.com/checkmobi/v1')
    const raw = await keytar.getPassword(SERVICE, 'checkmobi')
    expect(JSON.parse(raw ?? '')).toEqual({
      secret: 'cm-bound-key-2222cccc',
      origin: 'https://proxy.example.com'
    })
    expect(await store.entry('checkmobi')).toEqual({
      secret: 'cm-bound-key-2222cccc',
      origin: 'https://proxy.example.com'
    })
    expect(await store.get('checkmobi')).toBe('cm-bound-key-2222cccc')
    expect(await store.describe('checkmobi')).toEqual({ set: true, maskedTail: '••••cccc' })
    // Re-entered for another origin: one entry, the new binding.
    await store.set('checkmobi', 'cm-bound-key-2222cccc', 'http://127.0.0.1:18809')
    expect((await store.entry('checkmobi'))?.origin).toBe('http://127.0.0.1:18809')
    expect(
      (await keytar.findCredentials(SERVICE)).filter((entry) => entry.account === 'checkmobi')
    ).toHaveLength(1)
    expect(await store.delete('checkmobi')).toBe(true)
  })

  it('deletes a missing key without an error', async () => {
    expect(await store.delete('checkmobi')).toBe(false)
    await store.set('checkmobi', 'cm-key')
    expect(await store.delete('checkmobi')).toBe(true)
    expect(await store.delete('checkmobi')).toBe(false)
  })

  it('round-trips a unicode secret', async () => {
    const secret = 'ключ-秘密-🔑-ÄÖÜ-é\u0301-1a2b'
    await store.set('telesign', secret)
    expect(await store.get('telesign')).toBe(secret)
    expect(await keytar.getPassword(SERVICE, 'telesign')).toBe(secret)
    expect(await store.describe('telesign')).toEqual({
      set: true,
      maskedTail: `••••${Array.from(secret).slice(-4).join('')}`
    })
    expect(await store.delete('telesign')).toBe(true)
  })

  it('stores a pasted key trimmed, and the longest allowed key', async () => {
    await store.set('toolkk', '  tk-pasted-key-9876\n')
    expect(await keytar.getPassword(SERVICE, 'toolkk')).toBe('tk-pasted-key-9876')
    const longest = 'k'.repeat(MAX_SECRET_LENGTH - 4) + 'tail'
    await store.set('checknumber', longest)
    expect(await store.get('checknumber')).toBe(longest)
    await expect(store.set('checknumber', longest + 'x')).rejects.toThrow(InvalidSecretError)
    expect(await store.get('checknumber')).toBe(longest)
    await store.delete('toolkk')
    await store.delete('checknumber')
  })

  it('keeps services apart, so the test service never sees or touches another one', async () => {
    await store.set('acedata', 'in-the-test-service')
    expect(await other.get('acedata')).toBeNull()
    expect(await other.delete('acedata')).toBe(false)
    expect(await store.get('acedata')).toBe('in-the-test-service')
    await store.delete('acedata')
  })

  it('shares keys between processes, the way the app and the CLI do', async () => {
    await store.set('checkmobi', 'saved-by-this-process')
    const child = spawnSync(
      process.execPath,
      [
        '--require',
        TSX,
        '-e',
        `const { KeytarSecretStore } = require(process.argv[1])
         new KeytarSecretStore({ service: process.argv[2] }).get('checkmobi').then((v) => process.stdout.write(String(v)))`,
        SECRETS_MODULE,
        SERVICE
      ],
      { encoding: 'utf8', timeout: 60_000 }
    )
    expect(child.stderr).toBe('')
    expect(child.stdout).toBe('saved-by-this-process')
    await store.delete('checkmobi')
  })
})

// This one needs no keychain: it proves what happens where there is none, so it runs with or without the wrapper.
describe.skipIf(process.platform !== 'linux')('a process without a session bus', () => {
  let runtimeDir: string
  beforeAll(() => {
    runtimeDir = mkdtempSync(join(tmpdir(), 'ringtrue-nobus-'))
  })
  afterAll(() => rmSync(runtimeDir, { recursive: true, force: true }))

  it('reports the keychain unavailable with the reason and the variable to use, and leaks no secret', () => {
    const secret = `sk_live_canary_${randomUUID()}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RINGTRUE_TEST_SECRET: secret,
      // An empty runtime dir: GDBus would otherwise find the systemd user bus at $XDG_RUNTIME_DIR/bus.
      XDG_RUNTIME_DIR: runtimeDir
    }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    const script = `
      const { KeytarSecretStore, KeychainUnavailableError } = require(process.argv[1])
      const secret = process.env.RINGTRUE_TEST_SECRET
      delete process.env.RINGTRUE_TEST_SECRET
      const describeError = (e) => ({
        unavailable: e instanceof KeychainUnavailableError,
        name: e.name, code: e.code, kind: e.kind, reason: e.reason, hint: e.hint, detail: e.detail,
        message: e.message, text: String(e), stack: e.stack, json: JSON.stringify(e)
      })
      ;(async () => {
        const store = new KeytarSecretStore({ service: 'Ringtrue-test-nobus-' + process.pid })
        const availability = await store.availability()
        let set = null
        try { await store.set('acedata', secret) } catch (e) { set = describeError(e) }
        let get = null
        try { await store.get('telesign:customer-id') } catch (e) { get = describeError(e) }
        process.stdout.write(JSON.stringify({ availability, set, get }))
      })()
    `
    const child = spawnSync(process.execPath, ['--require', TSX, '-e', script, SECRETS_MODULE], {
      env,
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(child.status, child.stderr).toBe(0)
    expect(child.stdout + child.stderr).not.toContain(secret)
    const result = JSON.parse(child.stdout)

    expect(result.availability).toEqual({
      available: false,
      reason: 'No desktop session bus (D-Bus) is running, so Ringtrue cannot reach the system keychain.',
      hint: expect.stringContaining('RINGTRUE_ACEDATA_KEY')
    })
    expect(result.set).toMatchObject({
      unavailable: true,
      name: 'KeychainUnavailableError',
      code: 'keychain_unavailable',
      kind: 'no_session_bus',
      reason: result.availability.reason,
      hint: 'Run Ringtrue from a desktop session, or set RINGTRUE_ACEDATA_KEY in the environment instead.',
      detail: 'Cannot autolaunch D-Bus without X11 $DISPLAY'
    })
    expect(result.get).toMatchObject({
      unavailable: true,
      kind: 'no_session_bus',
      hint: expect.stringContaining('RINGTRUE_TELESIGN_CUSTOMER_ID')
    })
  })
})

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0
}

const KEYRING_TOOLS = ['dbus-run-session', 'gnome-keyring-daemon']

function failureModesSkipReason(): string | null {
  if (process.platform !== 'linux') return 'skipped: Secret Service failure modes are Linux only'
  const missing = KEYRING_TOOLS.filter((tool) => !hasCommand(tool))
  if (missing.length === 0) return null
  if (process.env.RINGTRUE_REQUIRE_KEYCHAIN === '1') {
    throw new Error(`RINGTRUE_REQUIRE_KEYCHAIN=1 but ${missing.join(' and ')} is not installed`)
  }
  return `skipped: Secret Service failure modes need ${missing.join(' and ')}`
}

// A session bus that knows no services at all, as on a desktop with no keyring installed.
const BARE_BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`

const skipFailureModes = failureModesSkipReason()

// Each case runs a child in its own private bus and HOME, reproducing the states measured in
// research/reliability-performance.md §3.3 with a real gnome-keyring, and checks what the store makes of them.
describe.skipIf(skipFailureModes !== null)(
  skipFailureModes ?? 'a real Secret Service that cannot store keys',
  () => {
    let work: string
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'ringtrue-keyring-modes-'))
      writeFileSync(join(work, 'bare-bus.conf'), BARE_BUS_CONFIG)
    })
    afterAll(() => rmSync(work, { recursive: true, force: true }))

    const script = `
    const { KeytarSecretStore } = require(process.argv[1])
    const store = new KeytarSecretStore({ service: process.argv[2] })
    const kindOf = (e) => ({ kind: e.kind ?? e.name, message: e.message })
    ;(async () => {
      if (process.argv[3] === 'seed') {
        await store.set('acedata', 'seeded-key-0000')
        return process.stdout.write(JSON.stringify({ seeded: true }))
      }
      const availability = await store.availability()
      const get = await store.get('acedata').then((value) => ({ value }), kindOf)
      const set = await store.set('acedata', process.env.RINGTRUE_TEST_SECRET).then(() => ({ stored: true }), kindOf)
      process.stdout.write(JSON.stringify({ availability, get, set }))
    })()
  `

    /** Runs the script in a fresh session bus with `home` as HOME; `unlock` first unlocks gnome-keyring with it. */
    function inSession(home: string, options: { mode?: 'seed'; unlock?: string; busConfig?: string }) {
      mkdirSync(join(home, '.run'), { recursive: true, mode: 0o700 })
      const secret = `sk_live_canary_${randomUUID()}`
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_RUNTIME_DIR: join(home, '.run'),
        RINGTRUE_TEST_SECRET: secret
      }
      delete env.DBUS_SESSION_BUS_ADDRESS
      delete env.DISPLAY
      delete env.WAYLAND_DISPLAY
      const node = [
        process.execPath,
        '--require',
        TSX,
        '-e',
        script,
        SECRETS_MODULE,
        SERVICE,
        options.mode ?? 'probe'
      ]
      const inner = options.unlock
        ? [
            'bash',
            '-c',
            'printf "%s" "$0" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"',
            options.unlock,
            ...node
          ]
        : node
      const busArgs = options.busConfig ? [`--config-file=${options.busConfig}`] : []
      const child = spawnSync('dbus-run-session', [...busArgs, '--', ...inner], {
        env,
        encoding: 'utf8',
        timeout: 60_000
      })
      expect(child.status, child.stderr).toBe(0)
      expect(child.stdout + child.stderr).not.toContain(secret)
      return JSON.parse(child.stdout)
    }

    it('no Secret Service on the bus: unavailable, and reads fail too', () => {
      const home = join(work, 'bare')
      const result = inSession(home, { busConfig: join(work, 'bare-bus.conf') })
      expect(result.availability).toEqual({
        available: false,
        reason:
          'No keychain service (such as GNOME Keyring or KWallet) is installed or running on this system.',
        hint: expect.stringMatching(
          /^Install and start gnome-keyring or KWallet, or set the key in an environment/
        )
      })
      expect(result.get).toMatchObject({ kind: 'no_secret_service' })
      expect(result.set).toMatchObject({
        kind: 'no_secret_service',
        message: expect.stringContaining('RINGTRUE_ACEDATA_KEY')
      })
    })

    it('a fresh keyring with no login collection and no prompter: unavailable, though reads say "not set"', () => {
      const result = inSession(join(work, 'fresh'), {})
      expect(result.availability).toMatchObject({
        available: false,
        reason: expect.stringContaining('no default (login) keyring')
      })
      expect(result.get).toEqual({ value: null })
      expect(result.set).toMatchObject({ kind: 'no_collection' })
    })

    it('a locked login keyring: unavailable, though reads say "not set" even for a stored key', () => {
      const home = join(work, 'locked')
      expect(inSession(home, { mode: 'seed', unlock: 'first-password' })).toEqual({ seeded: true })
      // Unlocking with another password leaves the collection locked (the pitfall in §3.3).
      for (const unlock of [undefined, 'another-password']) {
        const result = inSession(home, { unlock })
        expect(result.availability).toEqual({
          available: false,
          reason: 'The keychain is locked, and no unlock prompt can be shown here.',
          hint: expect.stringContaining('RINGTRUE_ACEDATA_KEY')
        })
        // This is why availability() writes a probe instead of reading: the key is there, the read says null.
        expect(result.get).toEqual({ value: null })
        expect(result.set).toMatchObject({ kind: 'locked' })
      }
      expect(inSession(home, { unlock: 'first-password' }).get).toEqual({ value: 'seeded-key-0000' })
    })
  }
)
