// A compromised renderer can send any payload on any channel. Paths must come from the user: file channels
// accept only handles main issued for a path picked in a native dialog, dropped, imported or written by an
// export, each good only for its use. These tests drive the real handler table with hostile payloads.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ExportOutcome, JobView, PickedFile } from '../../src-preload/contract/api'
import { Channels } from '../../src-preload/contract/channels'
import type { Envelope } from '../../src-preload/contract/envelope'
import { createDispatch, type Dispatch } from '../../src-main/api/dispatch'
import { createHandlers } from '../../src-main/api/handlers'
import type { Platform } from '../../src-main/api/platform'
import { tempServices, type TempServices } from '../helpers/services'

const MAPPING = {
  sheet: 'contacts',
  headerRow: 0,
  phoneColumns: [1],
  countryColumn: null,
  defaultRegion: 'US'
}
const forged = (): string => `fh_${randomBytes(16).toString('hex')}`

describe('a hostile renderer cannot reach files through the handler table', () => {
  let t: TempServices
  let dispatch: Dispatch
  let home: string
  let bashrc: string
  let contacts: string
  let jobId: string
  const queue = { open: [] as string[], save: [] as string[] }
  const revealed: string[] = []
  const unexpected: unknown[] = []

  async function call<T>(channel: string, payload?: unknown): Promise<Envelope<T>> {
    return (await dispatch(channel, payload)) as Envelope<T>
  }

  async function value<T>(channel: string, payload?: unknown): Promise<T> {
    const result = await call<T>(channel, payload)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value
  }

  async function pickOpen(path: string): Promise<PickedFile> {
    queue.open.push(path)
    return value<PickedFile>(Channels.pickSpreadsheet)
  }

  async function pickSave(path: string): Promise<PickedFile> {
    queue.save.push(path)
    return value<PickedFile>(Channels.pickSavePath, { defaultName: 'out.csv', format: 'csv' })
  }

  const exportTo = (target: string, overwrite: boolean) => ({
    jobId,
    mode: 'full',
    format: 'csv',
    keepUnknown: false,
    target,
    overwrite
  })

  beforeAll(async () => {
    t = tempServices()
    home = join(t.dir, 'home')
    mkdirSync(home)
    bashrc = join(home, '.bashrc')
    contacts = join(t.dir, 'contacts.csv')
    writeFileSync(contacts, 'Name,Phone\nAnn,+1 201 555 0100\nBob,+1 201 555 0101\n')
    const platform: Platform = {
      pickSpreadsheet: async () => queue.open.shift() ?? null,
      pickSavePath: async () => queue.save.shift() ?? null,
      reveal: async (p) => void revealed.push(p)
    }
    dispatch = createDispatch(
      createHandlers({ services: t.services, platform, version: 'test', locale: 'en-US' }),
      (e) => unexpected.push(e)
    )
    // The job comes from core directly, so the hostile cases below do not depend on the handle flow.
    ;({ jobId } = await t.services.jobs.create({ filePath: contacts, mapping: MAPPING }))
    await t.services.jobs.waitFor(jobId)
  })
  afterAll(() => t.cleanup())
  beforeEach(() => {
    writeFileSync(bashrc, 'export PATH=original\n')
    revealed.length = 0
  })

  it('refuses /etc/passwd as a preview path: no rows come back', async () => {
    for (const payload of [
      { filePath: '/etc/passwd' },
      { file: '/etc/passwd' },
      { file: '../../etc/passwd' }
    ]) {
      const result = await call(Channels.preview, payload)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
      expect(JSON.stringify(result)).not.toContain('root:')
    }
  })

  it('refuses /etc/passwd as a job source: no job is created', async () => {
    const before = (await value<unknown[]>(Channels.listJobs)).length
    for (const payload of [
      { filePath: '/etc/passwd', mapping: { ...MAPPING, phoneColumns: [0] } },
      { file: '/etc/passwd', mapping: { ...MAPPING, phoneColumns: [0] } }
    ]) {
      expect(await call(Channels.createJob, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' }
      })
    }
    expect(await value<unknown[]>(Channels.listJobs)).toHaveLength(before)
  })

  it('refuses ~/.bashrc or any path string as an export target, even with overwrite', async () => {
    for (const target of [bashrc, '~/.bashrc', `file://${bashrc}`]) {
      const result = await call(Channels.runExport, { ...exportTo(target, true) })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    }
    const { target: _target, ...withoutTarget } = exportTo('', true)
    expect(await call(Channels.runExport, { ...withoutTarget, outPath: bashrc })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' }
    })
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=original\n')
  })

  it('refuses an unknown or forged handle on every file channel', async () => {
    const handle = forged()
    const refused = { ok: false, error: { code: 'invalid_handle' } }
    expect(await call(Channels.preview, { file: handle })).toMatchObject(refused)
    expect(await call(Channels.createJob, { file: handle, mapping: MAPPING })).toMatchObject(refused)
    expect(await call(Channels.runExport, exportTo(handle, true))).toMatchObject(refused)
    expect(await call(Channels.reveal, handle)).toMatchObject(refused)
    const result = await call(Channels.preview, { file: handle })
    if (!result.ok) expect(result.error.message).toMatch(/choose the file again/i)
    expect(revealed).toEqual([])
    expect(unexpected).toEqual([])
  })

  it('refuses a save handle for reading: it is good only for writing that one path', async () => {
    // The user picked the contact list itself in the save dialog: that does not let the renderer read it.
    const save = await pickSave(contacts)
    const refused = { ok: false, error: { code: 'handle_not_allowed' } }
    expect(await call(Channels.preview, { file: save.handle })).toMatchObject(refused)
    expect(await call(Channels.createJob, { file: save.handle, mapping: MAPPING })).toMatchObject(refused)
    expect(await call(Channels.reveal, save.handle)).toMatchObject(refused)
  })

  it('refuses an open handle as an export target', async () => {
    const opened = await pickOpen(bashrc)
    const result = await call(Channels.runExport, exportTo(opened.handle, true))
    expect(result).toMatchObject({ ok: false, error: { code: 'handle_not_allowed' } })
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=original\n')
  })

  it('refuses to reveal an arbitrary path', async () => {
    for (const payload of ['/etc/passwd', bashrc, '~', { file: '/etc/passwd' }]) {
      expect(await call(Channels.reveal, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' }
      })
    }
    expect(revealed).toEqual([])
  })

  it('writes a picked save path only after confirmation, then the handle is spent', async () => {
    const save = await pickSave(bashrc)
    expect(save.name).toBe('.bashrc')
    expect(await call(Channels.runExport, exportTo(save.handle, false))).toMatchObject({
      ok: false,
      error: { code: 'file_exists' }
    })
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=original\n')
    // The user confirmed the replacement of the path they picked.
    const outcome = await value<ExportOutcome>(Channels.runExport, exportTo(save.handle, true))
    expect(outcome.files).toEqual([bashrc])
    expect(readFileSync(bashrc, 'utf8')).toMatch(/^\uFEFF?Name,Phone/)
    // Writing there again needs the save dialog again.
    expect(await call(Channels.runExport, exportTo(save.handle, true))).toMatchObject({
      ok: false,
      error: { code: 'invalid_handle' }
    })
    // The written file can be revealed through the handle main issued for it, and only revealed.
    const [written] = outcome.written
    expect(written.handle).toMatch(/^fh_[0-9a-f]{32}$/)
    expect(await call(Channels.reveal, written.handle)).toMatchObject({ ok: true })
    expect(revealed).toEqual([bashrc])
    expect(await call(Channels.preview, { file: written.handle })).toMatchObject({
      ok: false,
      error: { code: 'handle_not_allowed' }
    })
    expect(await call(Channels.runExport, exportTo(written.handle, true))).toMatchObject({
      ok: false,
      error: { code: 'handle_not_allowed' }
    })
  })

  it("reveals a job's source through the handle in its detail, and nothing more", async () => {
    const job = await value<JobView>(Channels.getJob, jobId)
    expect(job.filePath).toBe(contacts)
    expect(job.sourceFile).toMatch(/^fh_[0-9a-f]{32}$/)
    expect(await call(Channels.reveal, job.sourceFile)).toMatchObject({ ok: true })
    expect(revealed).toEqual([contacts])
    expect(await call(Channels.preview, { file: job.sourceFile })).toMatchObject({
      ok: false,
      error: { code: 'handle_not_allowed' }
    })
    expect(await call(Channels.runExport, exportTo(job.sourceFile, true))).toMatchObject({
      ok: false,
      error: { code: 'handle_not_allowed' }
    })
  })

  it('issues unguessable handles: a fresh random id per file', async () => {
    const a = await pickOpen(contacts)
    const b = await pickSave(join(t.dir, 'b.csv'))
    expect(a.handle).toMatch(/^fh_[0-9a-f]{32}$/)
    expect(b.handle).toMatch(/^fh_[0-9a-f]{32}$/)
    expect(a.handle).not.toBe(b.handle)
  })

  it('registers a dropped file (the preload sends its path) and refuses what is not a file', async () => {
    const dropped = await value<PickedFile>(Channels.registerDrop, contacts)
    expect(dropped).toMatchObject({ name: 'contacts.csv', path: contacts })
    const preview = await value<{ columns: unknown[] }>(Channels.preview, { file: dropped.handle })
    expect(preview.columns).toHaveLength(2)
    expect(await call(Channels.registerDrop, home)).toMatchObject({
      ok: false,
      error: { code: 'not_a_file' }
    })
    expect(await call(Channels.registerDrop, 'contacts.csv')).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' }
    })
  })
})
