// A key is only ever sent to the origin (scheme, host, port) it was entered for (issue 8, "A compromised renderer
// must not reach keys"). Keys live in a test service of the real OS keychain (gnome-keyring under
// scripts/with-keyring.sh); the "attacker" is a loopback server that records every header it receives.
import { spawnSync } from 'node:child_process'
import type { IncomingHttpHeaders } from 'node:http'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Channels } from '../../../src-preload/contract/channels'
import type { ConnectionTestResult, ProvidersOverview } from '../../../src-preload/contract/types'
import { createDispatch, type Dispatch } from '../../../src-main/api/dispatch'
import { createHandlers } from '../../../src-main/api/handlers'
import { createServices } from '../../../src-main/core/services'
import { KeytarSecretStore, SECRET_ACCOUNTS, type KeytarModule } from '../../../src-main/core/secrets'
import {
  CHECKMOBI_SIM_KEY,
  startCheckmobiSimulator,
  type CheckmobiSimulator
} from '../../fakes/checkmobi-simulator'
import { listenOnLoopback, PendingReplies } from '../../fakes/loopback-server'
import { createPaidJob, paidPlan, writeNumbers } from '../../helpers/paid-job'
import { sourceWorkers, tempServices, type TempServices } from '../../helpers/services'

const ROOT = resolve(__dirname, '../../..')
const TSX = require.resolve('tsx/cjs')
const SERVICE = `Ringtrue-test-key-origin-${process.pid}`
const KEY = 'sk-live-ace-7f3e9a1c5b2d4e6f'
const ACE_DEFAULT_ORIGIN = 'https://api.acedata.cloud'

interface Recorder {
  url: string
  origin: string
  requests: { path: string; headers: IncomingHttpHeaders }[]
  close(): Promise<void>
}

/** Any server a compromised renderer could point a provider at: it keeps what it is sent and answers 401. */
async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = []
  const server = await listenOnLoopback((req, res) => {
    requests.push({ path: req.url ?? '/', headers: req.headers })
    req.resume()
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end('{"error":{"code":"invalid_token","message":"recorded"}}')
    })
  }, new PendingReplies())
  const url = `http://127.0.0.1:${server.port}`
  return { url, origin: url, requests, close: () => server.close() }
}

/** Every header value a request carried, to look for the key in any of them (Authorization, X-Api-Key, …). */
function headerText(recorder: Recorder): string {
  return recorder.requests.map((r) => JSON.stringify(r.headers)).join('\n')
}

function acedataView(overview: ProvidersOverview) {
  const view = overview.providers.find((p) => p.id === 'acedata')
  if (!view) throw new Error('acedata missing from the overview')
  return view
}

const store = new KeytarSecretStore({ service: SERVICE })
const availability = await store.availability()
const required = process.env.RINGTRUE_REQUIRE_KEYCHAIN === '1'
const usable = availability.available || required

function rawKeytar(): KeytarModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as KeytarModule
}

async function clearKeychain(): Promise<void> {
  if (availability.available) for (const account of SECRET_ACCOUNTS) await store.delete(account)
}

describe.runIf(usable)('a keychain key is bound to the origin it was entered for', () => {
  let recorder: Recorder
  let t: TempServices
  let dispatch: Dispatch

  beforeAll(async () => {
    expect(availability).toEqual({ available: true })
    recorder = await startRecorder()
  })
  afterAll(async () => {
    await recorder.close()
    await clearKeychain()
  })
  beforeEach(async () => {
    await clearKeychain()
    recorder.requests.length = 0
    t = tempServices({ secrets: store })
    const platform = {
      pickSpreadsheet: async () => null,
      pickSavePath: async () => null,
      reveal: async () => {}
    }
    const handlers = createHandlers({ services: t.services, platform, version: 't', locale: 'en-US' })
    dispatch = createDispatch(handlers, (error) => {
      throw error
    })
  })
  afterEach(() => t.cleanup())

  /** What the renderer can do, through the validated handler table. */
  async function renderer<T>(channel: string, payload: unknown): Promise<T> {
    const envelope = await dispatch(channel as never, payload)
    if (!envelope.ok) throw new Error(`${channel} refused: ${envelope.error.message}`)
    return envelope.value as T
  }

  it('providers:save-settings to another origin then providers:test sends no key there, and says why', async () => {
    await t.services.providers.setKey('acedata', 'apiKey', KEY)
    // The attack: a compromised renderer points Ace at its own server and asks for a connection test.
    const overview = await renderer<ProvidersOverview>(Channels.saveProviderSettings, {
      id: 'acedata',
      patch: { baseUrl: recorder.url }
    })
    const test = await renderer<ConnectionTestResult>(Channels.testProvider, 'acedata')

    expect(recorder.requests).toEqual([])
    expect(headerText(recorder)).not.toContain(KEY)
    expect(test.ok).toBe(false)
    expect(test.message).toContain('acedata')
    expect(test.message).toContain(`entered for ${ACE_DEFAULT_ORIGIN}, not for ${recorder.origin}`)
    expect(test.message).not.toContain(KEY)

    // The Settings card learns the same, with the sentence it shows.
    const view = acedataView(overview)
    expect(view.keys[0]).toMatchObject({ set: true, source: 'keychain', boundOrigin: ACE_DEFAULT_ORIGIN })
    expect(view.keyMismatch).toMatchObject({
      keyOrigin: ACE_DEFAULT_ORIGIN,
      baseUrlOrigin: recorder.origin,
      fields: ['apiKey']
    })
    expect(view.keyMismatch?.message).toContain(
      `The key was entered for ${ACE_DEFAULT_ORIGIN}; enter it again to use it with ${recorder.origin}`
    )

    // Every other path that sends a key refuses the same way: a paid run's runtime and the balance call.
    await expect(t.services.providers.runtime('acedata')).rejects.toMatchObject({
      code: 'key_origin_mismatch',
      message: expect.stringMatching(
        new RegExp(`^Ace Data Cloud: .*${ACE_DEFAULT_ORIGIN}.*${recorder.origin.replace(/\./g, '\\.')}`)
      )
    })
    await expect(t.services.providers.balance('acedata')).rejects.toMatchObject({
      code: 'key_origin_mismatch'
    })
    expect(recorder.requests).toEqual([])

    // The binding is not a setting: the renderer cannot move it (no patch field reaches it).
    const moved = await dispatch(Channels.saveProviderSettings, {
      id: 'acedata',
      patch: { baseUrl: recorder.url, keyOrigin: recorder.origin }
    } as never)
    expect(moved.ok).toBe(false)
    expect(await store.entry('acedata')).toEqual({ secret: KEY, origin: ACE_DEFAULT_ORIGIN })
  })

  it('a key entered again while the new base URL is in effect is sent there', async () => {
    await t.services.providers.setKey('acedata', 'apiKey', KEY)
    await renderer(Channels.saveProviderSettings, { id: 'acedata', patch: { baseUrl: recorder.url } })
    const overview = await renderer<ProvidersOverview>(Channels.setProviderKey, {
      id: 'acedata',
      field: 'apiKey',
      secret: KEY
    })
    expect(acedataView(overview).keyMismatch).toBeNull()
    expect(acedataView(overview).keys[0].boundOrigin).toBe(recorder.origin)
    await renderer(Channels.testProvider, 'acedata')
    expect(recorder.requests.length).toBeGreaterThan(0)
    expect(recorder.requests[0].headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it('a path change on the same origin keeps working; another scheme, host or port does not', async () => {
    await renderer(Channels.saveProviderSettings, { id: 'acedata', patch: { baseUrl: recorder.url } })
    await t.services.providers.setKey('acedata', 'apiKey', KEY)

    await renderer(Channels.saveProviderSettings, {
      id: 'acedata',
      patch: { baseUrl: `${recorder.url}/proxy/ace/v2` }
    })
    await renderer(Channels.testProvider, 'acedata')
    expect(recorder.requests).toHaveLength(1)
    expect(recorder.requests[0].path).toMatch(/^\/proxy\/ace\/v2\//)
    expect(recorder.requests[0].headers.authorization).toBe(`Bearer ${KEY}`)

    const port = new URL(recorder.url).port
    for (const other of [`http://localhost:${port}`, `https://127.0.0.1:${port}`, 'http://127.0.0.1:9']) {
      await renderer(Channels.saveProviderSettings, { id: 'acedata', patch: { baseUrl: other } })
      const test = await renderer<ConnectionTestResult>(Channels.testProvider, 'acedata')
      expect(test.ok).toBe(false)
      expect(test.message).toContain(`entered for ${recorder.origin}, not for ${new URL(other).origin}`)
    }
    expect(recorder.requests).toHaveLength(1)
  })

  it('a plain keychain value from before keys were bound counts as entered for the provider’s default origin', async () => {
    // Written behind the store's back, exactly as an earlier version of Ringtrue left it.
    await rawKeytar().setPassword(SERVICE, 'acedata', KEY)

    const moved = acedataView(
      await renderer<ProvidersOverview>(Channels.saveProviderSettings, {
        id: 'acedata',
        patch: { baseUrl: recorder.url }
      })
    )
    const test = await renderer<ConnectionTestResult>(Channels.testProvider, 'acedata')
    expect(recorder.requests).toEqual([])
    expect(test.ok).toBe(false)
    expect(test.message).toContain(`entered for ${ACE_DEFAULT_ORIGIN}, not for ${recorder.origin}`)
    expect(moved.keyMismatch?.keyOrigin).toBe(ACE_DEFAULT_ORIGIN)

    // Back at the documented address it is used as before (runtime only assembles the call; nothing is sent).
    const view = acedataView(
      await renderer<ProvidersOverview>(Channels.saveProviderSettings, {
        id: 'acedata',
        patch: { baseUrl: null }
      })
    )
    expect(view.keys[0]).toMatchObject({ set: true, boundOrigin: ACE_DEFAULT_ORIGIN })
    expect(view.keyMismatch).toBeNull()
    const runtime = await t.services.providers.runtime('acedata')
    expect(runtime.credentials).toEqual({ apiKey: KEY })
    expect(runtime.settings.baseUrl).toBe(ACE_DEFAULT_ORIGIN)
    // Read as it is, not rewritten.
    expect(await store.entry('acedata')).toEqual({ secret: KEY, origin: null })
  })

  it('a key from the environment (automation) is not bound', async () => {
    t.cleanup()
    t = tempServices({ secrets: store, env: { RINGTRUE_ACEDATA_KEY: KEY } })
    t.services.providers.saveSettings('acedata', { baseUrl: recorder.url })
    expect(acedataView(await t.services.providers.list()).keyMismatch).toBeNull()
    await t.services.providers.testConnection('acedata')
    expect(recorder.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
  })
})

describe.runIf(usable)('ringtrue keys set binds the key to the base URL in effect', () => {
  let recorder: Recorder
  let t: TempServices | undefined
  beforeAll(async () => {
    recorder = await startRecorder()
  })
  afterAll(async () => {
    await recorder.close()
    await clearKeychain()
  })
  afterEach(() => t?.cleanup())

  function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
    const result = spawnSync(
      process.execPath,
      ['--require', TSX, join(ROOT, 'src-main', 'cli', 'index.ts'), ...args],
      {
        env: {
          ...process.env,
          RINGTRUE_DATA_DIR: dataDir,
          RINGTRUE_KEYCHAIN_SERVICE: SERVICE,
          RINGTRUE_ACEDATA_KEY: '',
          RINGTRUE_ACEDATA_BASE_URL: '',
          TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
          ...env
        },
        encoding: 'utf8',
        input: `${KEY}\n`,
        timeout: 120_000
      }
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    return result.stdout
  }

  function keysSet(dataDir: string, env: Record<string, string> = {}): string {
    return cli(['keys', 'set', 'acedata'], dataDir, env)
  }

  it('with RINGTRUE_ACEDATA_BASE_URL, and with the saved base URL', async () => {
    await clearKeychain()
    t = tempServices({ secrets: store })
    const dataDir = join(t.dir, 'data')

    const saved = keysSet(dataDir, { RINGTRUE_ACEDATA_BASE_URL: `${recorder.url}/from-env` })
    expect(saved).toContain(`it is only sent to ${recorder.origin}`)
    expect(saved).not.toContain(KEY)
    // `providers list` names the origin, and says the key is not sent to the default address now in effect.
    const listed = cli(['providers', 'list'], dataDir)
    expect(listed).toContain(`set (keychain for ${recorder.origin})`)
    expect(listed).toMatch(/not sent: The key was entered for http:\/\/127\.0\.0\.1:\d+; enter it again/)
    expect(listed).not.toContain(KEY)
    // Without the variable the default address is in effect: the key is not sent there…
    await expect(t.services.providers.runtime('acedata')).rejects.toMatchObject({
      code: 'key_origin_mismatch'
    })
    expect(await store.entry('acedata')).toEqual({ secret: KEY, origin: recorder.origin })
    // …and with it, it is.
    const withEnv = createServices({
      dataDir,
      ...sourceWorkers(),
      secrets: store,
      env: { RINGTRUE_ACEDATA_BASE_URL: recorder.url }
    })
    try {
      await withEnv.providers.testConnection('acedata')
    } finally {
      withEnv.close()
    }
    expect(recorder.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`])

    // Saved in Settings (the data folder the CLI shares with the app), no variable: bound to the saved URL.
    t.services.providers.saveSettings('acedata', { baseUrl: 'http://127.0.0.1:9/proxy' })
    keysSet(dataDir)
    expect(await store.entry('acedata')).toEqual({ secret: KEY, origin: 'http://127.0.0.1:9' })
  })
})

describe.runIf(usable)('a paid job whose provider was pointed at another origin', () => {
  let first: CheckmobiSimulator
  let second: CheckmobiSimulator
  let t: TempServices
  beforeAll(async () => {
    first = await startCheckmobiSimulator({ ratePerSecond: 1000 })
    second = await startCheckmobiSimulator({ ratePerSecond: 1000 })
  })
  afterAll(async () => {
    t?.cleanup()
    await first.close()
    await second.close()
    await clearKeychain()
  })

  it('refuses the pre-flight balance call and the run, sending nothing, until the key is entered again', async () => {
    await clearKeychain()
    t = tempServices({ secrets: store })
    const providers = t.services.providers
    // The simulators' URLs carry a path (/v1): a key is bound to the origin only.
    const [from, to] = [new URL(first.url).origin, new URL(second.url).origin]
    providers.saveSettings('checkmobi', { baseUrl: first.url, ratePerSecond: 50 })
    await providers.setKey('checkmobi', 'apiKey', CHECKMOBI_SIM_KEY)
    const numbers = ['+12015550100', '+12015550101', '+12015550103']
    const file = writeNumbers(t.dir, 'us.csv', numbers)
    const jobId = await createPaidJob(t.services, file, paidPlan('checkmobi'), { region: 'US' })

    // Rebound to another origin after the key was entered.
    providers.saveSettings('checkmobi', { baseUrl: second.url })
    const preflight = await t.services.jobs.preflight(jobId)
    const line = preflight.providers[0]
    expect(line.problem ?? 'no problem reported').toContain('CheckMobi')
    expect(line.problem).toContain(`entered for ${from}, not for ${to}`)
    expect(line.problem).not.toContain(CHECKMOBI_SIM_KEY)
    expect(line.balance).toBeNull()

    const before = t.services.jobs.get(jobId)
    await expect(t.services.jobs.startLive({ jobId })).rejects.toMatchObject({
      message: expect.stringContaining(`entered for ${from}, not for ${to}`)
    })
    await expect(t.services.jobs.startLive({ jobId })).rejects.toThrow(
      /^CheckMobi HLR lookup: checkmobi: the API key saved in the keychain was entered for /
    )
    expect(second.requests).toEqual([])
    expect(first.requests).toEqual([])
    const after = t.services.jobs.get(jobId)
    expect(after.status).toBe(before.status)
    expect(after.live?.answered ?? 0).toBe(0)

    // Entered again for the new origin: the pre-flight reads the balance there and the run finishes there.
    await providers.setKey('checkmobi', 'apiKey', CHECKMOBI_SIM_KEY)
    const ready = await t.services.jobs.preflight(jobId)
    expect(ready.providers[0].problem).toBeNull()
    expect(ready.providers[0].balance).not.toBeNull()
    await t.services.jobs.startLive({ jobId })
    const done = await t.services.jobs.waitFor(jobId)
    expect(done.status, done.live?.pauseMessage ?? '').toBe('done')
    expect(second.requests.length).toBeGreaterThan(numbers.length)
    expect(second.requests.every((r) => r.headers.authorization === CHECKMOBI_SIM_KEY)).toBe(true)
    expect(first.requests).toEqual([])
  })
})
