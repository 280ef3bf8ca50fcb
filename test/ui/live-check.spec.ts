// The paid ("live") check end to end: real handlers and SQLite behind the WebSocket host, the Ace Data Cloud
// simulator on 127.0.0.1 (test/fakes/acedata-simulator.ts: the last digit of a +86 138… mobile picks the
// answer — 0 in service, 1 suspended, 2 cancelled, 3 vacant, 4 not in network, 5–8 unknown, 9 bad format;
// 0–5 are billed), the key in a test service of the real keychain (scripts/with-keyring.sh).
//
// data-testid hooks added for the paid check (stable; tests and docs rely on them):
//   Import form     paid-check (section), paid-toggle (on/off switch), add-provider (select),
//                   route-step-<i> (data-provider), route-up-<i>, route-down-<i>, route-remove-<i>,
//                   route-limit-<i>, route-countries-<i> (country combobox), route-country-<i>-<CC>,
//                   route-key-missing-<provider>, paid-no-providers, fallback-select, paid-spend-cap,
//                   line-type-<type>, paid-advanced (details), freshness-<state>, import-summary, new-check
//   Job page        live-view (data-status, data-reason), live-progress, live-progress-bar, live-done,
//                   live-rate, live-eta, live-spend, live-answered, live-cached, live-pending, live-inflight,
//                   live-failed, live-uncertain, live-errors, live-last-error, pause-live, cancel-live,
//                   cancel-live-dialog, show-results, back-to-live, paused-notice, live-error
//   Pre-flight      preflight, preflight-refresh, preflight-count-<rows|numbers|duplicates|invalid|notSent|
//                   noCoverage|alreadyAnswered|uncertain>, preflight-provider-<id>, preflight-routed-<id>,
//                   preflight-cached-<id>, preflight-topay-<id>, preflight-cost-<id>, preflight-balance-<id>,
//                   preflight-problem-<id>, preflight-settings-<id>, preflight-total, preflight-blocked,
//                   spend-cap-input, sample-size, start-sample, start-live, start-live-dialog, confirm-cost,
//                   sample-outcome, sample-<state>, sample-projected-cost
//   Paused          pause-banner (data-reason), pause-message, resume-live, open-settings, raise-cap-input,
//                   raise-cap-submit, uncertain-panel, uncertain-count, uncertain-list, recheck-uncertain
//   Results         total-spend, recheck-menu, recheck-<status>, uncertain-notice, open-uncertain,
//                   uncertain-dialog, resend-uncertain
//   Row drawer      detail-answered, check-<provider>, check-cost, raw-answer-toggle, raw-answer
//   Job list        job-status-<jobId>, job-spend-<jobId> (and data-reason on job-item-<jobId>)
//   Settings        billed-test-dialog-telesign (Telesign's connection test is a billed query)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { TOOLKK_SIM_KEY, startToolkkSimulator, type ToolkkSimulator } from '../fakes/toolkk-simulator'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
const WRONG_KEY = 'ace-wrong-token-31c7b0'
let host: TestHost
let ace: AcedataSimulator
let toolkk: ToolkkSimulator
let work: string

/** A mainland mobile as a +86 number: `prefix` (e.g. 138) keeps each test's numbers apart, so no cache hits. */
function cn(prefix: string, i: number, last: number): string {
  return `+86${prefix}${String(i).padStart(7, '0')}${last}`
}

function writeCsv(name: string, rows: string[][]): string {
  const file = join(work, name)
  writeFileSync(file, [['Name', 'Mobile'], ...rows].map((r) => r.join(',')).join('\r\n'))
  return file
}

function queueOpen(path: string): Promise<void> {
  return queuePath(host, 'open-path', path)
}

async function shot(page: Page, name: string, fullHeight?: number): Promise<void> {
  if (fullHeight) await page.setViewportSize({ width: 1280, height: fullHeight })
  await page.screenshot({ path: join(SCREENS, `${name}.png`), animations: 'disabled' })
  if (fullHeight) await page.setViewportSize({ width: 1280, height: 800 })
}

/** Everything a script in the page could read: the DOM with live input values, and the window's own state. */
async function pageText(page: Page): Promise<string> {
  const live = (await page.evaluate(`(() => {
    const values = Array.from(document.querySelectorAll('input')).map((input) => input.value)
    const own = []
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        const value = window[name]
        if (typeof value === 'string') own.push(value)
        else if (value && typeof value === 'object' && !(value instanceof Node)) own.push(JSON.stringify(value))
      } catch {}
    }
    return [...values, ...own, document.documentElement.outerHTML].join('\\n')
  })()`)) as string
  return (await page.content()) + '\n' + live
}

/** Settings: save a key for Ace, make sure it is offered for checks, and optionally test it. */
async function setAceKey(page: Page, key: string, test = false): Promise<void> {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('key-input-acedata-apiKey').fill(key)
  await page.getByTestId('key-save-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText(
    `Key set ••••${key.slice(-4)} (keychain)`
  )
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) {
    await enabled.click({ force: true })
    await expect(enabled).toBeChecked()
  }
  if (test) {
    await page.getByTestId('test-connection-acedata').click()
    await expect(page.getByTestId('test-result-acedata')).toHaveClass(/is-ok/)
  }
}

/** New check → file → paid check on Ace → Import; leaves the page at the pre-flight. */
async function importWithAce(page: Page, file: string, setup?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByTestId('new-check').click()
  await queueOpen(file)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await expect(page.getByTestId('paid-toggle')).not.toBeChecked()
  await page.getByTestId('paid-toggle').click({ force: true })
  await expect(page.getByTestId('paid-toggle')).toBeChecked()
  await page.getByTestId('add-provider').selectOption('acedata')
  await expect(page.getByTestId('route-step-0')).toHaveAttribute('data-provider', 'acedata')
  if (setup) await setup(page)
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')
  await expect(page.getByTestId('preflight')).toBeVisible()
}

/** Start (or continue) from the pre-flight through its confirmation dialog. */
async function confirmStart(page: Page): Promise<void> {
  await page.getByTestId('start-live').click()
  await expect(page.getByTestId('start-live-dialog')).toBeVisible()
  await page.getByTestId('confirm-accept').click()
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-live-'))
  ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  toolkk = await startToolkkSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  host = await startHost({ baseUrls: { acedata: ace.url, toolkk: toolkk.url } })
})

test.afterAll(async () => {
  await host?.close()
  await ace?.close()
  await toolkk?.close()
})

test('key in Settings → import with the paid check → pre-flight → start → statuses, raw answer, no key in the page', async ({
  page
}) => {
  // Ten mobiles ending 0–9, a duplicate of the first, a US number (no coverage) and an invalid entry.
  const numbers = Array.from({ length: 10 }, (_, i) => cn('138', i, i))
  const file = writeCsv('cn-mobiles.csv', [
    ...numbers.map((n, i) => [`cn${i}`, n]),
    ['dup', numbers[0]],
    ['us', '+1 201-555-0123'],
    ['bad', '12']
  ])

  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await setAceKey(page, ACEDATA_SIM_KEY, true)
  await expect(page.getByTestId('test-result-acedata')).toContainText('Connected.')

  // The import form: the paid check is off until switched on; then Ace is the first step of the chain.
  await page.getByTestId('new-check').click()
  await queueOpen(file)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('paid-toggle')).not.toBeChecked()
  await expect(page.getByTestId('import-summary')).toContainText('offline check only')
  await page.getByTestId('paid-toggle').click({ force: true })
  await expect(page.getByTestId('start-import')).toBeDisabled()
  await expect(page.getByTestId('import-summary')).toContainText('Choose at least one provider')
  await page.getByTestId('add-provider').selectOption('acedata')
  const step = page.getByTestId('route-step-0')
  await expect(step).toContainText('Ace Data Cloud')
  await expect(step).toContainText('Mainland China')
  await expect(page.getByTestId('route-key-missing-acedata')).toHaveCount(0)
  for (const type of ['mobile', 'fixed_line_or_mobile', 'unknown']) {
    await expect(page.getByTestId(`line-type-${type}`)).toBeChecked()
  }
  await expect(page.getByTestId('line-type-fixed_line')).not.toBeChecked()
  await page.getByTestId('paid-advanced').locator('summary').click()
  await expect(page.getByTestId('freshness-active')).toHaveValue('30')
  await expect(page.getByTestId('import-summary')).toContainText('then a paid check with Ace Data Cloud')
  await page.getByTestId('paid-check').scrollIntoViewIfNeeded()
  await shot(page, '30-import-paid-check')

  // After the offline check the job waits at the pre-flight; nothing has reached the simulator.
  const before = ace.requests.length
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('10')
  await expect(page.getByTestId('preflight-routed-acedata')).toHaveText('10')
  await expect(page.getByTestId('preflight-cached-acedata')).toHaveText('0')
  await expect(page.getByTestId('preflight-cost-acedata')).toHaveText('0.30 USD')
  await expect(page.getByTestId('preflight-total')).toContainText('0.30 USD')
  await expect(page.getByTestId('preflight-count-rows')).toHaveText('13')
  await expect(page.getByTestId('preflight-count-duplicates')).toHaveText('1')
  await expect(page.getByTestId('preflight-count-invalid')).toHaveText('1')
  await expect(page.getByTestId('preflight-count-noCoverage')).toHaveText('1')
  await expect(page.getByTestId('preflight-balance-acedata')).toContainText('no balance API')
  expect(ace.requests.length).toBe(before)
  const item = page.locator('[data-testid^="job-item-"]').first()
  await expect(item).toHaveAttribute('data-reason', 'confirm')
  await shot(page, '31-preflight', 1000)

  await page.getByTestId('start-live').click()
  const dialog = page.getByTestId('start-live-dialog')
  await expect(dialog).toContainText('10 numbers to Ace Data Cloud')
  await expect(page.getByTestId('confirm-cost')).toContainText('Estimated cost: 0.30 USD')
  await shot(page, '32-start-confirm')
  await page.getByTestId('confirm-accept').click()

  // Mapped statuses, as the simulator dictates: 0 → active (twice, with the duplicate row), 1–4 → inactive,
  // 5–8 → unknown, 9 → invalid (plus "12" offline), the US number stays unchecked. Six lookups were billed.
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-active')).toContainText('2')
  await expect(page.getByTestId('status-chip-inactive')).toContainText('4')
  await expect(page.getByTestId('status-chip-unknown')).toContainText('4')
  await expect(page.getByTestId('status-chip-invalid')).toContainText('2')
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('1')
  await expect(page.getByTestId('total-spend')).toHaveText('0.18 USD')
  await expect(page.locator('[data-testid^="job-spend-"]').first()).toHaveText('0.18 USD')
  await expect(page.getByTestId('result-row-0')).toContainText('Ace Data Cloud')
  await expect(page.getByTestId('result-row-0')).toContainText('today')
  await expect(page.getByTestId('result-row-12')).toContainText('Offline check')
  await shot(page, '33-results-paid')

  // The drawer: the paid answer first with its raw JSON, the offline verdict kept below it.
  await page.getByTestId('result-row-1').click()
  const drawer = page.getByTestId('row-detail')
  await expect(page.getByTestId('detail-answered')).toContainText('Ace Data Cloud')
  await expect(page.getByTestId('detail-answered')).toContainText('checked today')
  const check = drawer.getByTestId('check-acedata')
  await expect(check).toContainText('Inactive')
  await expect(check).toContainText('Suspended')
  await expect(check.getByTestId('check-cost')).toHaveText('0.03 USD')
  await expect(check.getByTestId('raw-answer')).toBeVisible()
  await expect(check.getByTestId('raw-answer')).toContainText('"status_code"')
  await expect(drawer.getByTestId('check-offline').getByTestId('raw-answer')).toBeHidden()
  await drawer.getByTestId('check-offline').getByTestId('raw-answer-toggle').click()
  await expect(drawer.getByTestId('check-offline').getByTestId('raw-answer')).toContainText('lineType')
  await shot(page, '34-drawer-paid')
  await page.keyboard.press('Escape')

  // The key never reached the renderer: not in the DOM, not in an input, not on window.
  const text = await pageText(page)
  expect(text).not.toContain(ACEDATA_SIM_KEY)
  const globals = (await page.evaluate(`Object.keys(window.api).sort()`)) as string[]
  expect(globals).not.toContain('getKey')
})

test('a sample first, then a spending cap pauses the check and raising it finishes it', async ({ page }) => {
  // 30 numbers that all get a billed, definite answer (last digits 0–4).
  const file = writeCsv(
    'cn-capped.csv',
    Array.from({ length: 30 }, (_, i) => [`p${i}`, cn('139', i, i % 5)])
  )
  await page.goto(host.url)
  await setAceKey(page, ACEDATA_SIM_KEY)
  await importWithAce(page, file)
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('30')

  await page.getByTestId('sample-size').fill('5')
  await page.getByTestId('start-sample').click()
  await expect(page.getByTestId('confirm-cost')).toContainText('about 0.15 USD')
  await page.getByTestId('confirm-accept').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'sample')
  const sample = page.getByTestId('sample-outcome')
  await expect(sample).toContainText('Sample of 5 checked')
  await expect(page.getByTestId('sample-projected-cost')).toContainText('0.75 USD')
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('25')
  await expect(page.getByTestId('preflight-count-alreadyAnswered')).toHaveText('5')
  await shot(page, '35-sample-outcome', 1100)

  // A cap of 0.30 USD: 0.15 already spent on the sample leaves room for five more lookups.
  await page.getByTestId('spend-cap-input').fill('0.30')
  await confirmStart(page)
  const banner = page.getByTestId('pause-banner')
  await expect(banner).toHaveAttribute('data-reason', 'spend_cap')
  await expect(page.getByTestId('pause-message')).toContainText('spending cap')
  await expect(page.getByTestId('live-spend')).toContainText('0.30 USD')
  await expect(page.getByTestId('live-answered')).toHaveText('10')
  await expect(page.locator('[data-testid^="job-item-"]').first()).toHaveAttribute('data-reason', 'spend_cap')
  await shot(page, '36-paused-spend-cap')

  // Results so far while paused, and back.
  await page.getByTestId('show-results').click()
  await expect(page.getByTestId('paused-notice')).toContainText('Spending cap reached')
  await page.getByTestId('back-to-live').click()

  await page.getByTestId('raise-cap-input').fill('0.20')
  await expect(page.getByTestId('raise-cap-submit')).toBeDisabled()
  await page.getByTestId('raise-cap-input').fill('5')
  await page.getByTestId('raise-cap-submit').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('total-spend')).toHaveText('0.90 USD')
  await expect(page.getByTestId('status-chip-active')).toContainText('6')
  await expect(page.getByTestId('status-chip-inactive')).toContainText('24')
})

test('a refused key pauses with a banner; fixed in Settings it resumes; re-check, pause and resume', async ({
  page
}) => {
  // Mostly inactive numbers (last digits 1–4), so "Re-check inactive" has more than one batch to send.
  const file = writeCsv(
    'cn-refused.csv',
    Array.from({ length: 30 }, (_, i) => [`r${i}`, cn('137', i, 1 + (i % 4))])
  )
  await page.goto(host.url)
  await setAceKey(page, WRONG_KEY)
  await importWithAce(page, file)
  await confirmStart(page)

  const banner = page.getByTestId('pause-banner')
  await expect(banner).toHaveAttribute('data-reason', 'auth')
  await expect(banner).toContainText('A provider refused the API key')
  await expect(page.getByTestId('pause-message')).toContainText('Ace Data Cloud')
  expect(await pageText(page)).not.toContain(WRONG_KEY)
  await shot(page, '37-paused-auth')

  // Settings opens on Ace's card; the right key, then back to the job and try again.
  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('settings-screen')).toBeVisible()
  await expect(page.getByTestId('key-input-acedata-apiKey')).toBeFocused()
  await setAceKey(page, ACEDATA_SIM_KEY)
  await page.locator('[data-testid^="job-item-"]').first().click()
  await expect(page.getByTestId('pause-banner')).toHaveAttribute('data-reason', 'auth')
  await page.getByTestId('resume-live').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-inactive')).toContainText('30')

  // Re-check inactive: queued again, skipping the cache, and the pre-flight says what it costs.
  await page.getByTestId('recheck-menu').click()
  await expect(page.getByTestId('recheck-inactive')).toContainText('30')
  await shot(page, '38-recheck-menu')
  await page.getByTestId('recheck-inactive').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('30')
  await expect(page.getByTestId('preflight-cost-acedata')).toHaveText('0.90 USD')

  // Slow answers, so the check is still running when Pause is pressed.
  ace.setMode('slow', 1500)
  try {
    await confirmStart(page)
    await expect(page.getByTestId('live-view')).toHaveAttribute('data-status', 'running')
    await expect(page.getByTestId('live-inflight')).not.toHaveText('0')
    await shot(page, '39-live-running')
    await page.getByTestId('pause-live').click()
    await expect(page.getByTestId('pause-banner')).toHaveAttribute('data-reason', 'user')
    await expect(page.getByTestId('live-pending')).not.toHaveText('0')
    await expect(page.getByTestId('live-inflight')).toHaveText('0')
    await shot(page, '40-paused-user')
  } finally {
    ace.setMode('normal')
  }
  await page.getByTestId('resume-live').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-inactive')).toContainText('30')
})

test('answers lost after sending are listed as possibly charged and re-sent only when ticked', async ({
  page
}) => {
  const file = writeCsv(
    'cn-dropped.csv',
    Array.from({ length: 30 }, (_, i) => [`d${i}`, cn('136', i, i % 5)])
  )
  await page.goto(host.url)
  await setAceKey(page, ACEDATA_SIM_KEY)
  await importWithAce(page, file)
  ace.setMode('drop_after_body')
  try {
    await confirmStart(page)
    await expect(page.getByTestId('pause-banner')).toHaveAttribute('data-reason', 'error_rate')
  } finally {
    ace.setMode('normal')
  }
  const panel = page.getByTestId('uncertain-panel')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('uncertain-list').locator('tbody tr').first()).toContainText('+86136')
  await expect(page.getByTestId('live-last-error')).toBeVisible()
  await expect(page.getByTestId('recheck-uncertain')).not.toBeChecked()
  await shot(page, '41-paused-uncertain', 1100)

  await page.getByTestId('recheck-uncertain').check()
  await page.getByTestId('resume-live').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('uncertain-notice')).toHaveCount(0)
  await expect(page.getByTestId('status-chip-active')).toContainText('6')
})

test('a provider without a key is flagged on the form and blocks the start until the key is set', async ({
  page
}) => {
  const file = writeCsv(
    'cn-nokey.csv',
    Array.from({ length: 6 }, (_, i) => [`k${i}`, cn('135', i, i % 5)])
  )
  await page.goto(host.url)
  await setAceKey(page, ACEDATA_SIM_KEY)
  await page.getByTestId('key-delete-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText('Not set')

  await importWithAce(page, file, async () => {
    await expect(page.getByTestId('route-key-missing-acedata')).toBeVisible()
    await page.getByTestId('route-limit-0').click()
    await page.getByTestId('route-countries-0').fill('China')
    await page.getByRole('option', { name: /China/ }).first().click()
    await expect(page.getByTestId('route-country-0-CN')).toBeVisible()
    await page.getByTestId('paid-spend-cap').fill('2')
    await page.getByTestId('route-step-0').scrollIntoViewIfNeeded()
    await shot(page, '43-import-no-key')
  })
  await expect(page.getByTestId('preflight-problem-acedata')).toContainText('No API key')
  await expect(page.getByTestId('start-live')).toBeDisabled()
  await expect(page.getByTestId('spend-cap-input')).toHaveValue('2')
  await shot(page, '44-preflight-no-key')

  await page.getByTestId('preflight-settings-acedata').click()
  await expect(page.getByTestId('key-input-acedata-apiKey')).toBeFocused()
  await setAceKey(page, ACEDATA_SIM_KEY)
  await page.locator('[data-testid^="job-item-"]').first().click()
  await expect(page.getByTestId('preflight-problem-acedata')).toHaveCount(0)
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('6')
  await confirmStart(page)
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('total-spend')).toHaveText('0.18 USD')
})

test('Telesign’s connection test asks first, because it is a billed query', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-telesign').click()
  // Without credentials nothing would be sent, so there is nothing to confirm.
  await page.getByTestId('test-connection-telesign').click()
  await expect(page.getByTestId('billed-test-dialog-telesign')).toHaveCount(0)
  await expect(page.getByTestId('test-result-telesign')).toContainText(/customer ID|API key/i)

  for (const field of ['customerId', 'apiKey']) {
    await page.getByTestId(`key-input-telesign-${field}`).fill(`ts-${field}-0d1e2f`)
    await page.getByTestId(`key-save-telesign-${field}`).click()
    await expect(page.getByTestId(`key-state-telesign-${field}`)).toContainText('••••1e2f')
  }
  await page.getByTestId('test-connection-telesign').click()
  const dialog = page.getByTestId('billed-test-dialog-telesign')
  await expect(dialog).toContainText('billed')
  await expect(dialog).toContainText('0.02 USD')
  await page.getByTestId('provider-card-telesign').scrollIntoViewIfNeeded()
  await shot(page, '42-telesign-billed-test')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('test-result-telesign')).toHaveCount(0)
})

test('a provider that does not document its billing: spend and answer cost are shown as estimates (≈)', async ({
  page
}) => {
  // toolkk publishes no billing rules: each answer is counted at the configured price and marked as an estimate.
  const numbers = [0, 1, 2].map((last) => cn('139', 7, last))
  const file = writeCsv(
    'cn-toolkk.csv',
    numbers.map((n, i) => [`t${i}`, n])
  )
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-toolkk').click()
  await page.getByTestId('key-input-toolkk-apiKey').fill(TOOLKK_SIM_KEY)
  await page.getByTestId('key-save-toolkk-apiKey').click()
  await expect(page.getByTestId('key-state-toolkk-apiKey')).toContainText(`••••${TOOLKK_SIM_KEY.slice(-4)}`)
  const enabled = page.getByTestId('provider-enabled-toolkk')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })

  await page.getByTestId('new-check').click()
  await queueOpen(file)
  await page.getByTestId('choose-file').click()
  // The country panel's warning appears once the split is read and moves the switch down: click after that.
  await expect(page.getByTestId('country-split')).toHaveAttribute('data-state', 'ready')
  await page.getByTestId('paid-toggle').click({ force: true })
  await expect(page.getByTestId('paid-toggle')).toBeChecked()
  await page.getByTestId('add-provider').selectOption('toolkk')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('preflight')).toBeVisible()
  await confirmStart(page)

  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('total-spend')).toHaveText('≈0.15 CNY')
  await expect(page.locator('[data-testid^="job-spend-"]').first()).toHaveText('≈0.15 CNY')
  await page.getByTestId('result-row-1').click()
  const check = page.getByTestId('row-detail').getByTestId('check-toolkk')
  await expect(check.getByTestId('check-cost')).toHaveText('≈0.05 CNY (estimated)')
  await page.keyboard.press('Escape')
})
