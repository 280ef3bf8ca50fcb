// A paid job whose offline check was cut short (Ringtrue quit or was killed) opens as interrupted, says that
// nothing was spent, and resumes from the window into the paid check's pre-flight — never straight into spending.
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { createServices } from '../../src-main/core/services'
import { databasePath } from '../../src-main/core/paths'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { createPaidJob, paidPlan, writeNumbers } from '../helpers/paid-job'
import { sourceWorkers } from '../helpers/services'
import { startHost, type TestHost } from './host'

let host: TestHost
let ace: AcedataSimulator
let jobId: string

test.beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-interrupted-'))
  const dataDir = join(work, 'data')
  ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  // A paid job as the app creates it, then left 'running' in its offline check by a process that is gone: the
  // state a crash or a kill during the offline phase leaves in the store.
  const seed = createServices({ dataDir, ...sourceWorkers(), secrets: new MemorySecretStore(), env: {} })
  const numbers = Array.from({ length: 6 }, (_, i) => `+86138${String(i).padStart(7, '0')}0`)
  jobId = await createPaidJob(seed, writeNumbers(work, 'list.csv', numbers), paidPlan('acedata'))
  seed.close()
  const db = new Database(databasePath(dataDir))
  db.prepare(
    "UPDATE jobs SET status = 'running', phase = 'checking', owner_pid = NULL, heartbeat_at = NULL WHERE id = ?"
  ).run(jobId)
  db.close()
  host = await startHost({
    dataDir,
    baseUrls: { acedata: ace.url },
    env: { RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY }
  })
})

test.afterAll(async () => {
  await host?.close()
  await ace?.close()
})

test('an offline check cut short shows as interrupted and resumes into the pre-flight', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId(`job-item-${jobId}`).click()
  const banner = page.getByTestId('interrupted-banner')
  await expect(banner).toBeVisible()
  await expect(banner.getByTestId('pause-message')).toContainText('nothing was spent')
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-status', 'paused')

  await page.getByTestId('resume-offline').click()
  // The offline check runs again, then the job waits for consent at the pre-flight: no lookup was paid for.
  await expect(page.getByTestId('preflight')).toBeVisible()
  await expect(page.getByTestId('preflight-topay-acedata')).toContainText('6')
  expect(ace.requests.length).toBe(0)
})
