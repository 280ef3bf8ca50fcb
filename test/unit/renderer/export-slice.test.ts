import { afterEach, describe, expect, it } from 'vitest'
import type { ExportFileRequest, ExportOutcome } from '@contract/api'
import type { ExportProgress } from '@contract/types'
import { applyLanguage } from '@renderer/i18n'
import { createAppStore } from '@renderer/store/create-store'
import type { ExportAsk } from '@renderer/store/export-slice'
import { fakeApi, flush } from './fake-api'

const ASK: ExportAsk = {
  jobId: 'job-1',
  mode: 'full',
  format: 'csv',
  keepUnknown: false,
  target: `fh_${'1'.repeat(32)}`,
  overwrite: false,
  fileLanguage: 'en'
}

const OUTCOME: ExportOutcome = { files: ['/tmp/out.csv'], rowsWritten: 12_000, written: [] }

/** An api whose export waits for `finish`, and whose progress events the test pushes. */
function exportingApi() {
  const api = fakeApi()
  const listeners = new Set<(p: ExportProgress) => void>()
  let finish: (outcome: ExportOutcome) => void = () => undefined
  let fail: (error: unknown) => void = () => undefined
  api.onExportProgress.mockImplementation(((listener: (p: ExportProgress) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }) as never)
  api.exports.run.mockImplementation(
    (_request: ExportFileRequest) =>
      new Promise<ExportOutcome>((resolve, reject) => {
        finish = resolve
        fail = reject
      })
  )
  return {
    api,
    push: (p: ExportProgress) => listeners.forEach((listener) => listener(p)),
    listeners,
    finish: (outcome: ExportOutcome) => finish(outcome),
    fail: (error: unknown) => fail(error)
  }
}

afterEach(() => applyLanguage('en'))

describe('export slice', () => {
  it('names the export, sends the UI language for the labels and follows only its own progress', async () => {
    applyLanguage('zh-CN')
    const { api, push, listeners, finish } = exportingApi()
    const store = createAppStore(api)
    const done = store.getState().runExport(ASK)
    const sent = api.exports.run.mock.calls[0][0] as ExportFileRequest
    expect(sent).toEqual({
      ...ASK,
      exportId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      labelsLanguage: 'zh-CN'
    })
    const exportId = sent.exportId!
    expect(store.getState().exportRun).toEqual({ exportId, rowsWritten: 0, total: null, cancelling: false })

    push({ exportId, rowsWritten: 5000, total: 12_000 })
    push({ exportId: 'someone-elses', rowsWritten: 9999, total: 10_000 })
    expect(store.getState().exportRun).toMatchObject({ rowsWritten: 5000, total: 12_000 })

    finish(OUTCOME)
    await expect(done).resolves.toEqual(OUTCOME)
    expect(store.getState().exportRun).toBeNull()
    expect(listeners.size).toBe(0)
  })

  it('cancels its own export once, and is cleared when the export ends cancelled', async () => {
    const { api, fail } = exportingApi()
    const store = createAppStore(api)
    const done = store.getState().runExport(ASK)
    const { exportId } = api.exports.run.mock.calls[0][0] as ExportFileRequest
    expect((api.exports.run.mock.calls[0][0] as ExportFileRequest).labelsLanguage).toBe('en')

    await store.getState().cancelExport()
    await store.getState().cancelExport()
    expect(api.exports.cancel).toHaveBeenCalledTimes(1)
    expect(api.exports.cancel).toHaveBeenCalledWith(exportId)
    expect(store.getState().exportRun?.cancelling).toBe(true)

    fail(Object.assign(new Error('cancelled'), { code: 'export_cancelled' }))
    await expect(done).rejects.toMatchObject({ code: 'export_cancelled' })
    expect(store.getState().exportRun).toBeNull()
    await flush()
  })

  it('does nothing on cancel when no export runs', async () => {
    const api = fakeApi()
    const store = createAppStore(api)
    await store.getState().cancelExport()
    expect(api.exports.cancel).not.toHaveBeenCalled()
  })
})
