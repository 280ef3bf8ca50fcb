// The suggested country column is visible as a suggestion, undone (and redone) in one click, and a number the
// row's country does not fit keeps its own valid reading with a visible reason.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
let host: TestHost
let work: string

function queue(kind: 'open-path', path: string): Promise<void> {
  return queuePath(host, kind, path)
}

async function openCrm(page: Page): Promise<void> {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await queue('open-path', join(work, 'crm.csv'))
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-country-'))
  writeFileSync(
    join(work, 'crm.csv'),
    [
      'Name,Phone,Country',
      'Ann,(212) 555-0100,Ghana',
      'Bob,024 123 4567,Ghana',
      'Cat,+44 20 7946 0958,United Kingdom'
    ].join('\r\n')
  )
  host = await startHost()
})

test.afterAll(async () => {
  await host?.close()
})

test('the suggested country column is marked, undone in one click, and its misfits keep their reading', async ({
  page
}) => {
  await openCrm(page)
  const select = page.getByTestId('country-select')
  const note = page.getByTestId('country-note')

  // Pre-selected, and visibly a suggestion with what it does.
  await expect(select).toHaveValue('2')
  await expect(select.locator('option:checked')).toHaveText('C · Country (suggested)')
  await expect(note).toContainText('Suggested: each row’s country from the column “Country”')
  await expect(note).toContainText('applied to numbers written without a country code')
  await page.screenshot({ path: join(SCREENS, 'country-suggested.png'), animations: 'disabled' })

  // One click stops using it; one click uses it again.
  await page.getByTestId('country-dont-use').click()
  await expect(select).toHaveValue('none')
  await expect(note).toContainText('The column “Country” looks like each row’s country; it is not used.')
  await page.getByTestId('country-use-suggested').click()
  await expect(select).toHaveValue('2')

  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('3')
  await expect(page.getByTestId('result-row-0')).toContainText(
    'Country column did not fit; read with the default country'
  )

  await page.getByTestId('result-row-0').click()
  const drawer = page.getByTestId('row-detail')
  await expect(drawer).toContainText('+12125550100')
  await expect(drawer).toContainText('country_column_mismatch')
  await page.screenshot({ path: join(SCREENS, 'country-mismatch-drawer.png'), animations: 'disabled' })
  await expect(drawer).toContainText(
    'Not a valid number for the row’s country GH; read with the default country US'
  )
  await page.keyboard.press('Escape')

  await page.getByTestId('result-row-1').click()
  await expect(drawer).toContainText('+233241234567')
  await expect(drawer).not.toContainText('country_column_mismatch')
})

test('without the country column numbers keep the default’s reading; its text is only evidence', async ({
  page
}) => {
  await openCrm(page)
  await page.getByTestId('country-dont-use').click()
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  // Ann's New York number stays American; Bob's 024 is no US number, and his row names Ghana, where it is one.
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('3')
  await expect(page.getByTestId('status-chip-invalid')).toContainText('0')
  await expect(page.getByTestId('result-row-0')).not.toContainText('Country column did not fit')
  await expect(page.getByTestId('result-row-0')).not.toContainText('Country inferred')
  await expect(page.getByTestId('result-row-1')).toContainText('Country inferred from the list')
})
