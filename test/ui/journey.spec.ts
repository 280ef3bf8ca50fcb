import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
let host: TestHost
let work: string

// 40 contacts: 30 valid US numbers (5 of them written twice), 6 invalid entries, 4 rows without a number.
function contactsCsv(): string {
  const lines = ['First Name,Last Name,Mobile Phone,Company']
  for (let i = 0; i < 30; i++)
    lines.push(`Person${i},Surname${i},(201) 555-${String(100 + (i % 25)).padStart(4, '0')},Acme`)
  for (let i = 0; i < 6; i++) lines.push(`Broken${i},Row,12${i},Acme`)
  for (let i = 0; i < 4; i++) lines.push(`Empty${i},Row,,Acme`)
  return lines.join('\r\n')
}

function queue(kind: 'open-path' | 'save-path', path: string): Promise<void> {
  return queuePath(host, kind, path)
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), animations: 'disabled' })
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-files-'))
  writeFileSync(join(work, 'contacts.csv'), contactsCsv())
  writeFileSync(join(work, 'empty.csv'), '')
  host = await startHost()
})

test.afterAll(async () => {
  await host?.close()
})

test('import → detect → check → filter → export, end to end', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(page.getByTestId('drop-zone')).toBeVisible()
  await shot(page, '01-empty')

  // A refused file shows a specific error in the app.
  await queue('open-path', join(work, 'empty.csv'))
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('error-panel')).toContainText(/empty/i)
  await shot(page, '02-error')

  await queue('open-path', join(work, 'contacts.csv'))
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await expect(page.getByTestId('phone-toggle-2')).toBeChecked()
  await expect(page.getByTestId('phone-toggle-0')).not.toBeChecked()
  await expect(page.getByTestId('column-2')).toContainText('Mobile Phone')
  await shot(page, '03-preview')

  await page.getByTestId('start-import').click()
  const progress = page.getByTestId('job-progress')
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('30')
  await expect(page.getByTestId('status-chip-invalid')).toContainText('10')
  await expect(progress).toHaveCount(0)
  await expect(page.getByTestId('row-count')).toContainText('40')
  await shot(page, '04-results')

  await page.getByTestId('status-chip-invalid').click()
  await expect(page.getByTestId('status-chip-invalid')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('row-count')).toContainText(/10 of 40/)
  await expect(page.getByTestId('result-row-30')).toBeVisible()
  await expect(page.getByTestId('result-row-0')).toHaveCount(0)
  await shot(page, '05-filtered')

  await page.getByTestId('result-row-30').click()
  await expect(page.getByTestId('row-detail')).toContainText('Broken0')
  await shot(page, '06-row-detail')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('row-detail')).toHaveCount(0)

  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('row-count')).toContainText(/40/)

  const out = join(work, 'contacts-full.csv')
  await page.getByTestId('open-export').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-csv').check()
  await shot(page, '07-export-dialog')
  await queue('save-path', out)
  await page.getByTestId('export-confirm').click()
  await expect(page.getByTestId('toast')).toContainText(/Exported 40 rows/)
  await shot(page, '08-exported')

  const lines = readFileSync(out, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  expect(lines).toHaveLength(41)
  expect(lines[0]).toBe(
    'First Name,Last Name,Mobile Phone,Company,E.164,Status,Reason,Line Type,Country,Carrier,Provider,Checked At'
  )
  expect(lines[1]).toMatch(/^Person0,Surname0,\(201\) 555-0100,Acme,\+12015550100,unchecked,/)
  expect(lines[31]).toMatch(/^Broken0,Row,120,Acme,,invalid,/)
  expect(lines.filter((l) => /,unchecked,/.test(l))).toHaveLength(30)

  // Exporting again to the same path asks before replacing.
  await page.getByTestId('open-export').click()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-csv').check()
  await queue('save-path', out)
  await page.getByTestId('export-confirm').click()
  await expect(page.getByRole('dialog', { name: /replace/i })).toBeVisible()
  await page.getByRole('button', { name: /^replace$/i }).click()
  await expect(page.getByTestId('toast').last()).toContainText(/Exported 40 rows/)

  // The job is in the history and reopens from the store.
  await page.reload()
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  const item = page.getByTestId('job-list').getByText('contacts').first()
  await item.click()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('30')
})

test('the renderer has no Node, no Electron and no way to read keys', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  const globals = await page.evaluate(() => {
    const page = globalThis as unknown as { require?: unknown; process?: unknown; api: object }
    return {
      require: typeof page.require,
      process: typeof page.process,
      apiKeys: Object.keys(page.api).sort()
    }
  })
  expect(globals.require).toBe('undefined')
  expect(globals.process).toBe('undefined')
  expect(globals.apiKeys).toEqual([
    'app',
    'exports',
    'files',
    'imports',
    'jobs',
    'onExportProgress',
    'onJobProgress',
    'providers',
    'results'
  ])
})
