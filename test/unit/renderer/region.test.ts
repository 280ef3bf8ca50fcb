// Region inference in the window: the mapping screen's country split, the results' ambiguous banner, the
// pre-flight's lines and the reason labels.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import { PAGE_SIZE } from '@renderer/store/results-slice'
import { SPLIT_DELAY_MS } from '@renderer/store/import-slice'
import {
  mismatchFix,
  mismatchWarning,
  percent,
  splitEntries,
  splitFigures
} from '@renderer/features/import/country-split'
import { regionNoteLines } from '@renderer/features/live/region-notes'
import { reasonLabel } from '@renderer/lib/labels'
import { regionName } from '@renderer/lib/format'
import type { CountrySplit, Facets, ImportPreview } from '@contract/types'
import { appInfo, fakeApi, flush } from './fake-api'

const names: Record<string, string> = { CN: 'China', US: 'United States', GB: 'United Kingdom' }
const name = (code: string): string => names[code] ?? code

function makeSplit(overrides: Partial<CountrySplit> = {}): CountrySplit {
  return {
    rows: 50,
    numbers: 50,
    countries: [
      { country: 'CN', numbers: 31, share: 0.62 },
      { country: 'US', numbers: 14, share: 0.28 },
      { country: 'GB', numbers: 3, share: 0.06 }
    ],
    invalid: 2,
    inferred: 20,
    ambiguous: 0,
    defaultRegion: 'US',
    defaultShare: 0.28,
    mismatch: { country: 'CN', share: 0.62 },
    ...overrides
  }
}

const preview: ImportPreview = {
  filePath: '/tmp/mixed.csv',
  fileName: 'mixed.csv',
  fileSize: 300,
  format: 'csv',
  sheets: [{ name: 'mixed', hidden: false, rows: 2, columns: 3 }],
  sheet: 'mixed',
  headerRow: 0,
  columns: [
    { index: 0, letter: 'A', header: 'Name', phoneConfidence: 0, countryConfidence: 0, samples: ['Li'] },
    { index: 1, letter: 'B', header: 'Phone', phoneConfidence: 0.9, countryConfidence: 0, samples: ['1'] },
    { index: 2, letter: 'C', header: 'Mobile', phoneConfidence: 0.9, countryConfidence: 0, samples: ['2'] }
  ],
  suggestedPhoneColumns: [1],
  suggestedCountryColumn: null,
  sampleRows: [['Name', 'Phone', 'Mobile']],
  sampleRowIndexes: [0],
  totalRows: 2,
  encoding: 'utf-8',
  delimiter: ',',
  warnings: []
}
const picked = { handle: 'fh_0123456789abcdef0123456789abcdef', name: 'mixed.csv', path: '/tmp/mixed.csv' }

describe('reason labels for region inference', () => {
  it('names the three region reasons in words', () => {
    expect(reasonLabel('region_inferred')).toBe('Country inferred from the list')
    expect(reasonLabel('ambiguous_region')).toBe('Valid in several countries — choose one')
    expect(reasonLabel('region_chosen')).toBe('Country chosen by you')
  })

  it('names a country by the list main gave, else in English', () => {
    expect(regionName('DE', appInfo.regions)).toBe('Germany')
    expect(regionName('CN', appInfo.regions)).toBe('China')
    expect(regionName('CN')).toBe('China')
  })
})

describe('country split wording', () => {
  it('warns when most numbers belong to another country than the default, and offers it', () => {
    const split = makeSplit()
    expect(mismatchWarning(split, name)).toBe(
      '62% of these numbers look like numbers of China; the default country is United States.'
    )
    expect(mismatchFix(split, name)).toEqual({ country: 'CN', label: 'Use China as default' })
  })

  it('says nothing when the default fits', () => {
    const split = makeSplit({ mismatch: null })
    expect(mismatchWarning(split, name)).toBeNull()
    expect(mismatchFix(split, name)).toBeNull()
  })

  it('lists the top countries and sums the rest as other countries', () => {
    const countries = ['CN', 'US', 'GB', 'DE', 'FR', 'IN', 'JP'].map((country, i) => ({
      country,
      numbers: 10 - i,
      share: (10 - i) / 100
    }))
    const entries = splitEntries(makeSplit({ countries }), 5)
    expect(entries.map((e) => e.country)).toEqual(['CN', 'US', 'GB', 'DE', 'FR', null])
    expect(entries[5].numbers).toBe(5 + 4)
    expect(entries[5].share).toBeCloseTo(0.09)
  })

  it('writes shares as whole percents without claiming 0% or 100% for a part', () => {
    expect(percent(0.62)).toBe('62%')
    expect(percent(0.004)).toBe('<1%')
    expect(percent(0.996)).toBe('99%')
    expect(percent(1)).toBe('100%')
  })

  it('shows inferred, ambiguous and invalid counts', () => {
    expect(splitFigures(makeSplit({ ambiguous: 3 })).map((f) => f.text)).toEqual([
      '20 inferred',
      '3 ambiguous',
      '2 invalid'
    ])
  })
})

describe('country split on the mapping screen', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function openPreview() {
    const api = fakeApi()
    api.imports.preview.mockResolvedValue(preview)
    api.imports.countrySplit.mockResolvedValue(makeSplit())
    const store = createAppStore(api)
    await store.getState().loadAppInfo()
    await store.getState().previewFile(picked)
    return { api, store }
  }

  it('asks once, after the changes stop, with the mapping as it is then', async () => {
    const { api, store } = await openPreview()
    expect(store.getState().countrySplitState).toBe('loading')
    store.getState().togglePhoneColumn(2)
    store.getState().setDefaultRegion('US')
    expect(api.imports.countrySplit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    expect(api.imports.countrySplit).toHaveBeenCalledTimes(1)
    expect(api.imports.countrySplit).toHaveBeenCalledWith({
      file: picked.handle,
      mapping: {
        sheet: 'mixed',
        headerRow: 0,
        phoneColumns: [1, 2],
        countryColumn: null,
        defaultRegion: 'US'
      }
    })
    expect(store.getState().countrySplitState).toBe('ready')
    expect(store.getState().countrySplit?.mismatch).toEqual({ country: 'CN', share: 0.62 })
  })

  it('keeps only the newest answer when an older request answers last', async () => {
    const { api, store } = await openPreview()
    let answerOld: (split: CountrySplit) => void = () => undefined
    api.imports.countrySplit.mockReturnValueOnce(new Promise((resolve) => (answerOld = resolve)))
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    store.getState().setDefaultRegion('CN')
    api.imports.countrySplit.mockResolvedValueOnce(makeSplit({ defaultRegion: 'CN', mismatch: null }))
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    expect(store.getState().countrySplit?.defaultRegion).toBe('CN')
    answerOld(makeSplit())
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().countrySplit?.defaultRegion).toBe('CN')
    expect(store.getState().countrySplit?.mismatch).toBeNull()
  })

  it('shows an error of the call in the panel state', async () => {
    const { api, store } = await openPreview()
    api.imports.countrySplit.mockRejectedValueOnce({
      code: 'read_failed',
      message: 'The file changed on disk.'
    })
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    expect(store.getState().countrySplitState).toBe('error')
    expect(store.getState().countrySplitError?.message).toBe('The file changed on disk.')
    expect(store.getState().importError).toBeNull()
  })

  it('the fix makes the mismatching country the default and asks again', async () => {
    const { api, store } = await openPreview()
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    api.imports.countrySplit.mockResolvedValueOnce(makeSplit({ defaultRegion: 'CN', mismatch: null }))
    store.getState().useSplitCountryAsDefault()
    expect(store.getState().defaultRegion).toBe('CN')
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    expect(api.imports.countrySplit).toHaveBeenLastCalledWith(
      expect.objectContaining({ mapping: expect.objectContaining({ defaultRegion: 'CN' }) })
    )
    expect(store.getState().countrySplit?.mismatch).toBeNull()
  })

  it('does not ask without a phone column', async () => {
    const { api, store } = await openPreview()
    store.getState().togglePhoneColumn(1)
    await vi.advanceTimersByTimeAsync(SPLIT_DELAY_MS)
    expect(api.imports.countrySplit).not.toHaveBeenCalled()
    expect(store.getState().countrySplitState).toBe('idle')
  })
})

describe('ambiguous numbers in the results', () => {
  const facets = (count: number): Facets => ({
    statuses: [],
    reasons: count > 0 ? [{ value: 'ambiguous_region', count }] : [],
    lineTypes: [],
    countries: [],
    carriers: [],
    providers: [],
    checkedAges: [],
    total: 1000
  })

  it('reads the choices and how many rows are ambiguous, whatever the table filter', async () => {
    const api = fakeApi()
    api.jobs.ambiguousChoices.mockResolvedValue([
      { country: 'CN', numbers: 812 },
      { country: 'US', numbers: 640 }
    ])
    api.results.facets.mockResolvedValue(facets(900))
    const store = createAppStore(api)
    await store.getState().loadAmbiguous('job-1')
    expect(api.results.facets).toHaveBeenCalledWith({ jobId: 'job-1', filter: {} })
    expect(store.getState().ambiguousChoices.map((c) => c.country)).toEqual(['CN', 'US'])
    expect(store.getState().ambiguousRows).toBe(900)
  })

  it('a choice resolves them, says how many, and refreshes the job, table and banner', async () => {
    const api = fakeApi()
    api.jobs.ambiguousChoices.mockResolvedValueOnce([{ country: 'CN', numbers: 812 }]).mockResolvedValue([])
    api.results.facets.mockResolvedValueOnce(facets(812)).mockResolvedValue(facets(0))
    api.jobs.resolveAmbiguous.mockResolvedValue({ resolved: 812 })
    const store = createAppStore(api)
    await store.getState().loadAppInfo()
    await store.getState().openJob('job-1')
    store.getState().openResults('job-1')
    await store.getState().loadAmbiguous('job-1')
    const jobReads = api.jobs.get.mock.calls.length
    const queries = api.results.query.mock.calls.length

    await store.getState().resolveAmbiguous('CN')
    await flush()
    expect(api.jobs.resolveAmbiguous).toHaveBeenCalledWith({ jobId: 'job-1', country: 'CN' })
    expect(store.getState().toasts.at(-1)).toMatchObject({
      kind: 'success',
      message: '812 numbers read as China'
    })
    expect(api.jobs.get.mock.calls.length).toBe(jobReads + 1)
    expect(api.results.query.mock.calls.length).toBeGreaterThan(queries)
    expect(store.getState().ambiguousChoices).toEqual([])
    expect(store.getState().ambiguousRows).toBe(0)
    expect(store.getState().ambiguousResolving).toBeNull()
  })

  it('a refused choice shows its message and leaves the banner as it was', async () => {
    const api = fakeApi()
    api.jobs.ambiguousChoices.mockResolvedValue([{ country: 'CN', numbers: 3 }])
    api.results.facets.mockResolvedValue(facets(3))
    api.jobs.resolveAmbiguous.mockRejectedValue({
      code: 'job_running',
      message: 'The job is still importing or checking offline.'
    })
    const store = createAppStore(api)
    await store.getState().loadAmbiguous('job-1')
    await store.getState().resolveAmbiguous('CN')
    expect(store.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: 'The job is still importing or checking offline.'
    })
    expect(store.getState().ambiguousRows).toBe(3)
  })

  it('"Show them" narrows the table to the ambiguous rows only', async () => {
    const api = fakeApi()
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    store.getState().setFilter({ statuses: ['unknown'], search: 'Li' })
    store.getState().showAmbiguous()
    expect(store.getState().filter).toEqual({ reasons: ['ambiguous_region'] })
    await flush()
    const pages = api.results.query.mock.calls.map(([q]) => q).filter((q) => q.limit === PAGE_SIZE)
    expect(pages[pages.length - 1]).toMatchObject({ filter: { reasons: ['ambiguous_region'] } })
  })
})

describe('pre-flight lines about countries', () => {
  it('says how many numbers to send were inferred and how many are held back', () => {
    expect(regionNoteLines({ inferred: 37, ambiguous: 2 }).map((l) => l.text)).toEqual([
      '37 of these numbers had their country inferred from the list',
      '2 numbers valid in several countries are held back (not sent)'
    ])
    expect(regionNoteLines({ inferred: 1, ambiguous: 1 }).map((l) => l.text)).toEqual([
      '1 of these numbers had its country inferred from the list',
      '1 number valid in several countries is held back (not sent)'
    ])
  })

  it('says nothing when no number was inferred or held back', () => {
    expect(regionNoteLines({ inferred: 0, ambiguous: 0 })).toEqual([])
  })
})
