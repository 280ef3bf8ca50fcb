// A mixed list (Chinese, US and London numbers, a City column) imported with the default country United States:
// the mapping screen shows how its numbers split by country and offers the fix; the results show the inferred
// countries and let the user choose for a number valid in two countries; the pre-flight of a paid check says how
// many numbers to send had their country inferred.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { startHost, type TestHost } from './host'
import { AMBIGUOUS_NUMBER, AMBIGUOUS_ROW, writeMixedList } from './mixed-list-fixture'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
let host: TestHost
let ace: AcedataSimulator
let work: string
let listFile: string

function queueOpen(path: string): Promise<void> {
  return queuePath(host, 'open-path', path)
}

async function chooseDefaultCountry(page: Page, name: string, code: string): Promise<void> {
  const region = page.getByTestId('region-select')
  await region.click()
  await region.fill(name)
  await region.press('Enter')
  await expect(region).toHaveAttribute('data-value', code)
}

async function openList(page: Page): Promise<void> {
  await queueOpen(listFile)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await chooseDefaultCountry(page, 'United States', 'US')
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-mixed-'))
  listFile = join(work, 'mixed-contacts.csv')
  writeMixedList(listFile)
  ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  host = await startHost({ baseUrls: { acedata: ace.url } })
})

test.afterAll(async () => {
  await host?.close()
  await ace?.close()
})

test('the mapping screen shows the list’s countries and fixes the default; results show inferred and chosen countries', async ({
  page
}) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await openList(page)

  // 65 numbers: 37 Chinese (27 bare, 6 with +86, 4 with 0086), 24 US, 3 London, 1 valid in both CN and US.
  const panel = page.getByTestId('country-split')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  const list = page.getByTestId('country-split-list')
  await expect(list.locator('li').first()).toContainText('China')
  await expect(list.locator('li').first()).toContainText('37')
  await expect(list.locator('li').first()).toContainText('57%')
  await expect(page.getByTestId('split-country-US')).toContainText('United States (default)')
  await expect(page.getByTestId('split-country-US')).toContainText('37%')
  await expect(page.getByTestId('split-country-GB')).toContainText('5%')
  await expect(page.getByTestId('split-inferred')).toHaveText('27 inferred')
  await expect(page.getByTestId('split-ambiguous')).toContainText('1 ambiguous')
  await expect(page.getByTestId('split-invalid')).toContainText('0 invalid')
  const warning = page.getByTestId('country-mismatch')
  await expect(warning).toContainText(
    '57% of these numbers look like numbers of China; the default country is United States.'
  )
  await panel.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENS, 'mixed-country-split.png'), animations: 'disabled' })
  await panel.screenshot({ path: join(SCREENS, 'mixed-country-split-panel.png'), animations: 'disabled' })

  // One click makes China the default; the warning goes, and the split is read again with the new default.
  await page.getByTestId('use-split-country').click()
  await expect(page.getByTestId('use-split-country')).toHaveText('Use China as default')
  await expect(page.getByTestId('region-select')).toHaveAttribute('data-value', 'CN')
  await expect(warning).toHaveCount(0)
  await expect(page.getByTestId('split-country-CN')).toContainText('China (default)')

  // Back to the United States: the job reads bare Chinese mobiles as Chinese on the list's evidence anyway.
  await chooseDefaultCountry(page, 'United States', 'US')
  await expect(warning).toBeVisible()
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('64')

  // Row 1 is the bare mobile 15249817734 with City Shanghai.
  await expect(page.getByTestId('result-row-0')).toContainText('CN')
  await expect(page.getByTestId('result-row-0')).toContainText('Country inferred from the list')
  await page.getByTestId('result-row-0').click()
  const drawer = page.getByTestId('row-detail')
  await expect(drawer).toContainText('+8615249817734')
  await expect(drawer).toContainText('Country inferred from the list')
  await expect(drawer).toContainText('region_inferred')
  await expect(drawer).toContainText('China (CN)')
  await expect(drawer).toContainText('read as China')
  await page.keyboard.press('Escape')

  // The number valid as +1 and as +86 was held back; the banner lets the user choose.
  const banner = page.getByTestId('ambiguous-banner')
  await expect(banner).toContainText('1 row has a number valid in more than one country, not checked.')
  await expect(page.getByTestId('ambiguous-choose-CN')).toHaveText('China (1)')
  await expect(page.getByTestId('ambiguous-choose-US')).toHaveText('United States (1)')
  await page.screenshot({ path: join(SCREENS, 'mixed-ambiguous-banner.png'), animations: 'disabled' })

  await page.getByTestId('ambiguous-show').click()
  await expect(page.getByTestId('row-count')).toContainText('1')
  const ambiguousRow = page.getByTestId(`result-row-${AMBIGUOUS_ROW}`)
  await expect(ambiguousRow).toContainText(AMBIGUOUS_NUMBER)
  await expect(ambiguousRow).toContainText('Valid in several countries — choose one')
  await ambiguousRow.click()
  await expect(drawer).toContainText('ambiguous_region')
  await expect(drawer).toContainText('+1 312 555 0100')
  await expect(drawer).toContainText('+86 131 2555 0100')
  await page.keyboard.press('Escape')

  await page.getByTestId('ambiguous-choose-US').click()
  await expect(page.getByTestId('toast').last()).toContainText('1 number read as United States')
  await expect(banner).toHaveCount(0)
  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('65')
  await page.getByTestId('search-input').fill(AMBIGUOUS_NUMBER)
  await expect(page.getByTestId('row-count')).toContainText('1')
  await page.getByTestId(`result-row-${AMBIGUOUS_ROW}`).click()
  await expect(drawer).toContainText('+13125550100')
  await expect(drawer).toContainText('Country chosen by you')
  await expect(drawer).toContainText('you chose United States')
})

test('the pre-flight of a paid check says how many numbers had their country inferred and which are held back', async ({
  page
}) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('key-input-acedata-apiKey').fill(ACEDATA_SIM_KEY)
  await page.getByTestId('key-save-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toContainText('Key set')
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()

  await page.getByTestId('new-check').click()
  await openList(page)
  await page.getByTestId('paid-toggle').click({ force: true })
  await page.getByTestId('add-provider').selectOption('acedata')
  await expect(page.getByTestId('route-step-0')).toHaveAttribute('data-provider', 'acedata')
  const before = ace.requests.length
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')

  // Ace covers mainland China: the 37 Chinese mobiles are sent, 27 of them read as Chinese on the list's
  // evidence; the number valid in two countries is not sent.
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('37')
  await expect(page.getByTestId('preflight-inferred')).toHaveText(
    '27 of these numbers had their country inferred from the list'
  )
  await expect(page.getByTestId('preflight-ambiguous')).toHaveText(
    '1 number valid in several countries is held back (not sent)'
  )
  await page.getByTestId('preflight').screenshot({
    path: join(SCREENS, 'mixed-preflight.png'),
    animations: 'disabled'
  })
  expect(ace.requests.length).toBe(before)
})
