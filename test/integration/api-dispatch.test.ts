import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Channels } from '../../src-preload/contract/channels'
import { createDispatch, type Dispatch } from '../../src-main/api/dispatch'
import { createHandlers } from '../../src-main/api/handlers'
import type { Platform } from '../../src-main/api/platform'
import type { PickedFile } from '../../src-preload/contract/api'
import { tempServices, type TempServices } from '../helpers/services'

describe('the handler table behind IPC validates every payload', () => {
  let t: TempServices
  let dispatch: Dispatch
  const revealed: string[] = []
  const unexpected: unknown[] = []
  const opened: string[] = []
  const saveAs: string[] = []

  beforeAll(() => {
    t = tempServices()
    const platform: Platform = {
      pickSpreadsheet: async () => opened.shift() ?? null,
      pickSavePath: async () => saveAs.shift() ?? null,
      reveal: async (p) => void revealed.push(p)
    }
    dispatch = createDispatch(
      createHandlers({ services: t.services, platform, version: '1.2.3', locale: 'de-DE' }),
      (e) => unexpected.push(e)
    )
  })
  afterAll(() => t.cleanup())

  it('answers app info with the locale’s region and the region list', async () => {
    const result = await dispatch(Channels.appInfo, undefined)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const info = result.value as { version: string; defaultRegion: string; regions: { code: string }[] }
    expect(info.version).toBe('1.2.3')
    expect(info.defaultRegion).toBe('DE')
    expect(info.regions.length).toBeGreaterThan(200)
  })

  it('keeps the language and theme choices and answers them with app info', async () => {
    const saved = await dispatch(Channels.setPreferences, { language: 'zh-CN', theme: 'dark' })
    expect(saved).toEqual({ ok: true, value: { language: 'zh-CN', theme: 'dark' } })
    const info = await dispatch(Channels.appInfo, undefined)
    expect(info).toMatchObject({
      ok: true,
      value: { osLocale: 'de-DE', preferences: { language: 'zh-CN', theme: 'dark' } }
    })
    await dispatch(Channels.setPreferences, { language: 'system', theme: 'system' })
  })

  it.each([
    [Channels.getJob, '../../etc/passwd'],
    [Channels.getJob, 42],
    [Channels.queryResults, { jobId: 'abc', filter: {}, offset: -1, limit: 10 }],
    [Channels.queryResults, { jobId: 'abc', filter: {}, offset: 0, limit: 100000 }],
    [Channels.queryResults, { jobId: 'abc', filter: { statuses: ['alive'] }, offset: 0, limit: 10 }],
    [Channels.queryResults, { jobId: 'abc', filter: {}, offset: 0, limit: 10, sql: 'DROP TABLE jobs' }],
    [
      Channels.createJob,
      {
        file: 'fh_0123456789abcdef0123456789abcdef',
        mapping: { sheet: 'x', headerRow: 0, phoneColumns: [], countryColumn: null, defaultRegion: 'US' }
      }
    ],
    [
      Channels.createJob,
      {
        file: 'fh_0123456789abcdef0123456789abcdef',
        mapping: { sheet: 'x', headerRow: 0, phoneColumns: [0], countryColumn: null, defaultRegion: 'usa' }
      }
    ],
    [
      Channels.runExport,
      {
        jobId: 'abc',
        mode: 'everything',
        format: 'csv',
        keepUnknown: false,
        target: 'fh_0123456789abcdef0123456789abcdef',
        overwrite: false
      }
    ],
    [Channels.reveal, ''],
    [Channels.appInfo, { unexpected: true }],
    [Channels.setPreferences, { theme: 'sepia' }],
    [Channels.setPreferences, { language: 'fr' }],
    [Channels.setPreferences, { language: 'en', dataDir: '/tmp' }],
    [Channels.writeImage, { target: '/tmp/x.png', png: 'iVBORw0KGgo=' }],
    [Channels.writeImage, { target: 'fh_0123456789abcdef0123456789abcdef', png: 'not base64!' }],
    [Channels.spend, '../jobs'],
    [Channels.queryResults, { jobId: 'abc', filter: { exclude: ['everything'] }, offset: 0, limit: 10 }],
    [Channels.queryResults, { jobId: 'abc', filter: {}, offset: 0, limit: 10, sort: { by: 'DROP TABLE' } }]
  ])('refuses a malformed %s payload', async (channel, payload) => {
    const result = await dispatch(channel, payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  })

  it('refuses unknown channels', async () => {
    const result = await dispatch('secrets:dump', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
  })

  it('passes service errors through with their code and no stack', async () => {
    const result = await dispatch(Channels.getJob, 'doesnotexist')
    expect(result).toEqual({
      ok: false,
      error: { code: 'job_not_found', message: 'That job no longer exists.' }
    })
    expect(unexpected).toHaveLength(0)
  })

  it('reports an import refusal as a specific error', async () => {
    const file = join(t.dir, 'empty.csv')
    writeFileSync(file, '')
    opened.push(file)
    const picked = await dispatch(Channels.pickSpreadsheet, undefined)
    if (!picked.ok) throw new Error(picked.error.message)
    const result = await dispatch(Channels.preview, { file: (picked.value as PickedFile).handle })
    expect(result).toMatchObject({ ok: false, error: { code: 'empty_file' } })
    if (!result.ok) expect(result.error.message).toContain('empty.csv')
  })

  it('writes a chart only as a PNG, only to the path the user picked, once', async () => {
    const target = join(t.dir, 'chart.png')
    saveAs.push(target)
    const picked = await dispatch(Channels.pickSavePath, { defaultName: 'chart.png', format: 'png' })
    if (!picked.ok) throw new Error(picked.error.message)
    const handle = (picked.value as PickedFile).handle
    // Anything but a PNG is refused and nothing is written.
    const html = Buffer.from('<html>not a picture</html>').toString('base64')
    expect(await dispatch(Channels.writeImage, { target: handle, png: html })).toMatchObject({
      ok: false,
      error: { code: 'not_an_image' }
    })
    expect(existsSync(target)).toBe(false)
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('rest')
    ])
    const written = await dispatch(Channels.writeImage, { target: handle, png: png.toString('base64') })
    expect(written).toMatchObject({ ok: true, value: { name: 'chart.png' } })
    expect(readFileSync(target)).toEqual(png)
    // The save handle is spent: writing there again needs the dialog again.
    const again = await dispatch(Channels.writeImage, { target: handle, png: png.toString('base64') })
    expect(again.ok).toBe(false)
  })

  it('routes platform calls to the platform, with the path behind the handle', async () => {
    const file = join(t.dir, 'picked.csv')
    writeFileSync(file, 'Phone\n+12015550100\n')
    opened.push(file)
    const picked = await dispatch(Channels.pickSpreadsheet, undefined)
    expect(picked).toMatchObject({ ok: true, value: { name: 'picked.csv', path: file } })
    if (!picked.ok) return
    const result = await dispatch(Channels.reveal, (picked.value as PickedFile).handle)
    expect(result.ok).toBe(true)
    expect(revealed).toEqual([file])
  })

  it('answers a busy store with the folder and what to do, not "database is locked"', async () => {
    // Another process holding the write lock past the busy timeout (5 s) is what users met as a bare SQLite string.
    const other = new Database(join(t.dir, 'data', 'ringtrue.db'))
    other.exec('BEGIN IMMEDIATE')
    try {
      const result = await dispatch(Channels.saveProviderSettings, {
        id: 'acedata',
        patch: { enabled: true }
      })
      expect(result).toMatchObject({ ok: false, error: { code: 'store_locked' } })
      if (!result.ok) {
        expect(result.error.message).toContain(join(t.dir, 'data'))
        expect(result.error.message).not.toMatch(/database is locked/)
      }
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(unexpected).toHaveLength(0)
  }, 20_000)
})
