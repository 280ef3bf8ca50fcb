// The check pool's bookkeeping with a stand-in worker (plain JS, no store): pages reach the caller in order even
// when workers finish out of order, the pages out at once stay bounded, and one worker's error ends the pool.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CheckedRow } from '../../../src-main/core/jobs/row-check'
import { liveJobsWorkers, startCheckPool } from '../../../src-main/core/jobs/worker-runner'

const dir = mkdtempSync(join(tmpdir(), 'check-pool-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Answers each page with one row per stored index it covers. The page starting at row 0 is answered last of the
 * first round (after the worker saw its own next request or a short timer), so later pages arrive before it; the
 * page starting at `failFrom` fails.
 */
function fakeWorker(failFrom: number | null): string {
  const file = join(dir, `fake-${failFrom ?? 'ok'}.js`)
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads')
const failFrom = ${JSON.stringify(failFrom)}
parentPort.on('message', (m) => {
  if (m.type === 'profile') parentPort.postMessage({ type: 'profile', profile: { regions: [] } })
  else if (m.type === 'page') {
    if (m.from === failFrom) {
      parentPort.postMessage({ type: 'error', code: 'worker_failed', message: 'Stand-in failure at ' + m.from })
      return
    }
    const rows = []
    for (let i = m.from; i < m.to; i += 100) rows.push({ rowIndex: i, numbers: [] })
    const answer = () => parentPort.postMessage({ type: 'page', page: m.page, rows })
    if (m.from === 0) setTimeout(answer, 50)
    else answer()
  } else if (m.type === 'stop') parentPort.close()
})
`
  )
  return file
}

describe('startCheckPool', () => {
  it('hands pages over in order, with at most workers + 1 out at once', async () => {
    const seen: number[] = []
    let most = 0
    const pool = startCheckPool(
      { script: { path: fakeWorker(null) }, databaseFile: ':memory:', checkWorkers: 3 },
      {
        importId: 'i',
        settings: { phoneColumns: [0], countryColumn: null, defaultRegion: 'US' },
        pageRows: 1000,
        span: { first: 0, last: 19_999 }
      },
      async (rows: CheckedRow[]) => {
        most = Math.max(most, pool.outstanding())
        seen.push(rows[0].rowIndex)
        // A slow store: the workers get ahead while it runs.
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    )
    await pool.result
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000))
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(4)
    expect(liveJobsWorkers()).toBe(0)
  })

  it("rejects once with a worker's error after every worker exited", async () => {
    const pool = startCheckPool(
      { script: { path: fakeWorker(7000) }, databaseFile: ':memory:', checkWorkers: 3 },
      {
        importId: 'i',
        settings: { phoneColumns: [0], countryColumn: null, defaultRegion: 'US' },
        pageRows: 1000,
        span: { first: 0, last: 19_999 }
      },
      () => undefined
    )
    await expect(pool.result).rejects.toMatchObject({
      code: 'worker_failed',
      message: 'Stand-in failure at 7000'
    })
    expect(liveJobsWorkers()).toBe(0)
  })

  it('starts no worker for an import without rows', async () => {
    const pool = startCheckPool(
      { script: { path: fakeWorker(null) }, databaseFile: ':memory:', checkWorkers: 3 },
      {
        importId: 'i',
        settings: { phoneColumns: [0], countryColumn: null, defaultRegion: 'US' },
        pageRows: 1000,
        span: null
      },
      () => undefined
    )
    await pool.result
    expect(liveJobsWorkers()).toBe(0)
  })
})
