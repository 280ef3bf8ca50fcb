import { describe, expect, it, vi } from 'vitest'
import { ApiError, type BridgeApi } from '@contract/api'
import { fromBridge } from '@contract/bridge'
import { Channels } from '@contract/channels'
import { createApi } from '@contract/client'
import type { Envelope } from '@contract/envelope'
import { errorCode, toUiError } from '@renderer/lib/errors'

/** A transport whose every call answers `answer(channel, payload)`. */
function bridgeWith(answer: (channel: string, payload: unknown) => Promise<Envelope<unknown>>) {
  const invoke = vi.fn(answer)
  const pathForDroppedFile = vi.fn((_file: File): string | null => null)
  const bridge = createApi({
    invoke: invoke as never,
    onJobProgress: () => () => undefined,
    onExportProgress: () => () => undefined,
    pathForDroppedFile
  })
  return { bridge, invoke, pathForDroppedFile }
}

/** What contextBridge lets through: structured clones, so only data survives. */
function cloned<T>(value: T): T {
  return structuredClone(value)
}

describe('the bridge carries envelopes; the renderer unwraps them', () => {
  it('resolves with the envelope as data, so the error code survives a structured clone', async () => {
    const { bridge } = bridgeWith(async () => ({
      ok: false,
      error: { code: 'file_exists', message: 'out.csv already exists.' }
    }))
    const envelope = cloned(
      await bridge.exports.run({
        jobId: 'j',
        mode: 'full',
        format: 'csv',
        keepUnknown: false,
        target: 'fh_0',
        overwrite: false
      })
    )
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'file_exists', message: 'out.csv already exists.' }
    })
  })

  it('turns an error envelope into an ApiError created on the renderer side, code intact', async () => {
    const { bridge } = bridgeWith(async () => ({
      ok: false,
      error: { code: 'file_exists', message: 'out.csv already exists.' }
    }))
    const api = fromBridge(bridge)
    const error = await api.files.reveal('fh_x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(errorCode(error)).toBe('file_exists')
    expect(toUiError(error)).toEqual({ code: 'file_exists', message: 'out.csv already exists.' })
  })

  it('resolves values and leaves synchronous members (subscriptions) alone', async () => {
    const { bridge } = bridgeWith(async () => ({ ok: true, value: [{ id: 'a' }] }))
    const api = fromBridge(bridge)
    await expect(api.jobs.list()).resolves.toEqual([{ id: 'a' }])
    const off = api.onJobProgress(() => undefined)
    expect(typeof off).toBe('function')
  })

  it('never rejects across the bridge: a failed transport is an envelope too', async () => {
    const { bridge } = bridgeWith(async () => {
      throw new Error("Error invoking remote method 'jobs:list': no handler")
    })
    await expect(bridge.jobs.list()).resolves.toMatchObject({
      ok: false,
      error: { code: 'transport_failed' }
    })
    await expect(fromBridge(bridge).jobs.list()).rejects.toMatchObject({ code: 'transport_failed' })
  })

  it('refuses an answer that is not an envelope instead of passing it on as a value', async () => {
    const bridge = { app: { info: async () => ({ version: 'x' }) } } as unknown as BridgeApi
    await expect(fromBridge(bridge).app.info()).rejects.toMatchObject({ code: 'bad_response' })
  })

  it('registers a dropped file by the path the preload learns, and answers null without one', async () => {
    const picked = { handle: 'fh_1', name: 'list.csv', path: '/home/u/list.csv' }
    const { bridge, invoke, pathForDroppedFile } = bridgeWith(async () => ({ ok: true, value: picked }))
    const file = new File(['x'], 'list.csv')
    await expect(bridge.files.registerDroppedFile(file)).resolves.toEqual({ ok: true, value: null })
    expect(invoke).not.toHaveBeenCalled()
    pathForDroppedFile.mockImplementation(() => {
      throw new TypeError('not a File')
    })
    await expect(bridge.files.registerDroppedFile(file)).resolves.toEqual({ ok: true, value: null })
    pathForDroppedFile.mockReturnValue('/home/u/list.csv')
    await expect(bridge.files.registerDroppedFile(file)).resolves.toEqual({ ok: true, value: picked })
    expect(invoke).toHaveBeenCalledWith(Channels.registerDrop, '/home/u/list.csv')
  })
})
