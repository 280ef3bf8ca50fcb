import { describe, expect, it, vi } from 'vitest'
import { createAppStore } from '@renderer/store/create-store'
import { PAGE_SIZE, cleanFilter } from '@renderer/store/results-slice'
import type { ResultPage, ResultQuery } from '@contract/types'
import { fakeApi, flush, makeRow } from './fake-api'

describe('results slice', () => {
  it('loads the first page and facets when a job is opened', async () => {
    const api = fakeApi(1000)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    await flush()
    expect(api.results.query).toHaveBeenCalledWith({
      jobId: 'job-1',
      filter: {},
      offset: 0,
      limit: PAGE_SIZE
    })
    expect(api.results.facets).toHaveBeenCalledWith({ jobId: 'job-1', filter: {} })
    expect(store.getState().total).toBe(1000)
    expect(store.getState().pages[0]).toHaveLength(PAGE_SIZE)
  })

  it('fetches only the pages a visible range needs, once each', async () => {
    const api = fakeApi(1000)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    await flush()
    store.getState().ensureRows(390, 420)
    store.getState().ensureRows(395, 425)
    await flush()
    // The table's pages (the rows read to size the columns are asked for apart).
    const offsets = api.results.query.mock.calls.filter(([q]) => q.limit === PAGE_SIZE).map(([q]) => q.offset)
    expect(offsets).toEqual([0, 200, 400])
  })

  it('reads rows from across a long list to size its columns by', async () => {
    const api = fakeApi(10_000)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    await flush()
    await flush()
    const sampled = api.results.query.mock.calls.map(([q]) => q).filter((q) => q.limit === 100)
    expect(sampled.map((q) => q.offset)).toEqual([2_500, 5_000, 7_500])
    expect(store.getState().widthSample?.rows).toHaveLength(300)
  })

  it('a jump far from the loaded rows asks only for where the view stops', async () => {
    const api = fakeApi(1_000_000)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    await flush()
    vi.useFakeTimers()
    try {
      // A fast scrollbar drag passes over many pages in a few frames.
      for (const row of [100_000, 300_000, 500_000, 700_050]) store.getState().ensureRows(row, row + 30)
      expect(
        api.results.query.mock.calls.filter(([q]) => q.limit === PAGE_SIZE).map(([q]) => q.offset)
      ).toEqual([0])
      vi.advanceTimersByTime(100)
    } finally {
      vi.useRealTimers()
    }
    await flush()
    expect(
      api.results.query.mock.calls.filter(([q]) => q.limit === PAGE_SIZE).map(([q]) => q.offset)
    ).toEqual([0, 700_000])
  })

  it('drops answers that arrive after the filter changed', async () => {
    const api = fakeApi(1000)
    let release: (() => void) | undefined
    api.results.query.mockImplementationOnce(
      (q: ResultQuery) =>
        new Promise<ResultPage>((resolve) => {
          release = () => resolve({ total: 1000, offset: q.offset, rows: [makeRow(0)] })
        })
    )
    api.results.query.mockImplementationOnce(async (q: ResultQuery) => ({
      total: 3,
      offset: q.offset,
      rows: [makeRow(7), makeRow(8), makeRow(9)]
    }))
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    store.getState().setFilter({ statuses: ['invalid'] })
    await flush()
    release?.()
    await flush()
    expect(store.getState().total).toBe(3)
    expect(store.getState().pages[0].map((row) => row.rowIndex)).toEqual([7, 8, 9])
    expect(api.results.query.mock.calls[1][0].filter).toEqual({ statuses: ['invalid'] })
  })

  it('toggles statuses and clears every filter', async () => {
    const api = fakeApi(10)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    store.getState().toggleStatus('invalid')
    store.getState().toggleStatus('active')
    expect(store.getState().filter.statuses).toEqual(['invalid', 'active'])
    store.getState().toggleStatus('invalid')
    expect(store.getState().filter.statuses).toEqual(['active'])
    store.getState().setFilter({ search: '  anna ' })
    expect(store.getState().filter).toEqual({ statuses: ['active'], search: 'anna' })
    store.getState().clearFilters()
    expect(store.getState().filter).toEqual({})
  })

  it('asks the facets once per filter change: the store counts each field under the other filters', async () => {
    const api = fakeApi(10)
    const store = createAppStore(api)
    store.getState().openResults('job-1')
    await flush()
    api.results.facets.mockClear()
    store.getState().setFilter({ reasons: ['too_short'], statuses: ['invalid'] })
    await flush()
    const filters = api.results.facets.mock.calls.map(([request]) => request.filter)
    expect(filters).toEqual([{ statuses: ['invalid'], reasons: ['too_short'] }])
  })

  it('cleans empty parts out of the filter DTO', () => {
    expect(cleanFilter({ statuses: [], reasons: ['x'], search: '   ' })).toEqual({ reasons: ['x'] })
  })
})
