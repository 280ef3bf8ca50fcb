import { describe, expect, it } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import type { ImportPreview, JobProgress } from '@contract/types'
import { fakeApi, flush, makeJob } from './fake-api'

const preview: ImportPreview = {
  filePath: '/tmp/contacts.csv',
  fileName: 'contacts.csv',
  fileSize: 120,
  format: 'csv',
  sheets: [{ name: 'contacts', hidden: false, rows: 3, columns: 2 }],
  sheet: 'contacts',
  headerRow: 0,
  columns: [
    { index: 0, letter: 'A', header: 'Name', phoneConfidence: 0, countryConfidence: 0, samples: ['Ann'] },
    {
      index: 1,
      letter: 'B',
      header: 'Phone',
      phoneConfidence: 0.97,
      countryConfidence: 0,
      samples: ['+49 170 1']
    }
  ],
  suggestedPhoneColumns: [1],
  suggestedCountryColumn: null,
  sampleRows: [
    ['Name', 'Phone'],
    ['Ann', '+49 170 1']
  ],
  sampleRowIndexes: [0, 1],
  totalRows: 2,
  encoding: 'utf-8',
  delimiter: ',',
  warnings: []
}

const HANDLE = 'fh_0123456789abcdef0123456789abcdef'
const picked = { handle: HANDLE, name: 'contacts.csv', path: '/tmp/contacts.csv' }

describe('import slice', () => {
  it('tells the user to use Choose file… when a dropped file has no path', async () => {
    const api = fakeApi()
    const store = createAppStore(api)
    await store.getState().dropFile({ name: 'list.xlsx' } as File)
    expect(store.getState().importError?.code).toBe('no_dropped_path')
    expect(store.getState().importError?.message).toMatch(/Choose file/)
    expect(api.imports.preview).not.toHaveBeenCalled()
  })

  it('previews a dropped file by the handle main issued for it', async () => {
    const api = fakeApi()
    api.files.registerDroppedFile.mockResolvedValue(picked)
    api.imports.preview.mockResolvedValue(preview)
    const store = createAppStore(api)
    const file = { name: 'contacts.csv' } as File
    await store.getState().dropFile(file)
    expect(api.files.registerDroppedFile).toHaveBeenCalledWith(file)
    expect(api.imports.preview).toHaveBeenCalledWith({ file: HANDLE })
    expect(store.getState().importFile).toEqual(picked)
    await store.getState().changeSheet('other')
    expect(api.imports.preview).toHaveBeenLastCalledWith({ file: HANDLE, sheet: 'other' })
  })

  it('applies the suggestions and creates the job with the chosen mapping', async () => {
    const api = fakeApi()
    api.imports.preview.mockResolvedValue(preview)
    const store = createAppStore(api)
    await store.getState().loadAppInfo()
    await store.getState().previewFile(picked)
    expect(store.getState().phoneColumns).toEqual([1])
    store.getState().togglePhoneColumn(0)
    store.getState().setDefaultRegion('US')
    await store.getState().startImport()
    expect(api.jobs.create).toHaveBeenCalledWith({
      file: HANDLE,
      mapping: {
        sheet: 'contacts',
        headerRow: 0,
        phoneColumns: [0, 1],
        countryColumn: null,
        defaultRegion: 'US'
      }
    })
    expect(store.getState().view).toEqual({ kind: 'job', jobId: 'job-1' })
  })

  it('shows the ApiError message when a preview is refused', async () => {
    const api = fakeApi()
    api.imports.preview.mockRejectedValue(
      Object.assign(new Error('This workbook is password-protected.'), { code: 'encrypted' })
    )
    const store = createAppStore(api)
    await store.getState().previewFile({ handle: HANDLE, name: 'secret.xlsx', path: '/tmp/secret.xlsx' })
    expect(store.getState().importError).toEqual({
      code: 'encrypted',
      message: 'This workbook is password-protected.'
    })
    expect(store.getState().importPhase).toBe('idle')
  })
})

describe('jobs slice', () => {
  it('re-reads the open job and the list when progress reports the end', async () => {
    const api = fakeApi()
    api.jobs.get.mockResolvedValueOnce(makeJob({ status: 'running', phase: 'checking' }))
    const store = createAppStore(api)
    await store.getState().openJob('job-1')
    expect(store.getState().job?.status).toBe('running')
    const progress: JobProgress = {
      jobId: 'job-1',
      status: 'done',
      phase: 'finished',
      done: 10,
      total: 10,
      counts: makeJob().counts,
      ratePerSecond: 0,
      etaSeconds: 0,
      message: null,
      live: null
    }
    store.getState().receiveProgress(progress)
    await flush()
    expect(store.getState().job?.status).toBe('done')
    expect(api.jobs.list).toHaveBeenCalled()
  })
})
