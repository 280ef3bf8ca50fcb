// Review of a 100,000-row job (issue 11): the facet panel counts every field under the other filters, ticks
// several values at once and inverts a field to "everything but"; a header click sorts the table by that column.
// Counts are read from the panel and checked against the rows the table then lists.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import * as XLSX from 'xlsx'
import { writeCsv } from '../helpers/contacts'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
const ROWS = 100_000
let host: TestHost
let listFile: string
let workDir: string

function count(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''))
}

function queue(kind: 'open-path' | 'save-path', path: string): Promise<void> {
  return queuePath(host, kind, path)
}

async function rowCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('row-count').textContent()) ?? ''
  return count(text.split(' of ')[0])
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  workDir = mkdtempSync(join(tmpdir(), 'ringtrue-ui-review-'))
  listFile = join(workDir, 'contacts-100k.csv')
  await writeCsv(listFile, ROWS)
  host = await startHost()
})

test.afterAll(async () => {
  await host?.close()
})

test('overview charts filter on click and save as PNG; facets with counts, multi-select and "everything but"; sorting; export this view', async ({
  page
}) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1280, height: 860 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await queue('open-path', listFile)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('start-import').click()
  // The progress view may not be up yet when this first looks (no progress yet reads as done): the results
  // table is what says the check finished, on a loaded machine too.
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('job-progress')).toHaveCount(0)
  await expect(page.getByTestId('row-count')).toContainText('100,000 of 100,000')

  // The overview: status split, countries and line types; a click on a chart narrows the table to it.
  const overview = page.getByTestId('overview')
  await expect(overview.getByTestId('overview-status')).toBeVisible()
  await expect(overview.getByTestId('overview-countries')).toBeVisible()
  const invalid = count(
    await overview.getByTestId('overview-status-invalid').locator('.overview-legend-count').textContent()
  )
  expect(invalid).toBeGreaterThan(0)
  await page.screenshot({ path: join(SCREENS, 'review-00-overview.png') })
  await overview.getByTestId('overview-status-invalid').click()
  await expect(overview.getByTestId('overview-status-invalid')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => rowCount(page)).toBe(invalid)
  await overview.getByTestId('overview-status-invalid').click()
  await expect.poll(() => rowCount(page)).toBe(ROWS)
  // A bar of the countries chart: its rows only.
  const bar = overview.locator('[data-testid^=overview-countries-bar-]').first()
  const barCode = ((await bar.getAttribute('data-testid')) ?? '').replace('overview-countries-bar-', '')
  await bar.click()
  await expect(page.getByTestId(`facet-countries-${barCode}`)).toBeChecked()
  const barCount = count(await page.getByTestId(`facet-countries-${barCode}-count`).textContent())
  await expect.poll(() => rowCount(page)).toBe(barCount)
  await page.getByTestId(`facet-countries-${barCode}`).uncheck()
  await expect.poll(() => rowCount(page)).toBe(ROWS)
  // Saved as PNG where the user picks.
  const png = join(workDir, 'status.png')
  await queue('save-path', png)
  await overview.getByTestId('overview-status-png').click()
  await expect(page.getByTestId('toast')).toContainText('Saved the chart to status.png')
  expect(readFileSync(png).subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  )

  const panel = page.getByTestId('facet-panel')
  const countries = panel.getByTestId('facet-countries')
  await expect(countries).toBeVisible()
  // The list holds numbers of five countries: their counts add up to the rows that have a country.
  const values = await countries
    .locator('input[type=checkbox]')
    .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-testid') ?? ''))
  const codes = values.map((id) => id.replace('facet-countries-', '')).filter((code) => code !== 'none')
  expect(codes.length).toBeGreaterThanOrEqual(2)
  const countOf = async (code: string): Promise<number> =>
    count(await panel.getByTestId(`facet-countries-${code}-count`).textContent())
  const [first, second] = codes
  const a = await countOf(first)
  const b = await countOf(second)

  // Two countries ticked: the table lists both, and nothing else.
  await panel.getByTestId(`facet-countries-${first}`).check()
  await expect.poll(() => rowCount(page)).toBe(a)
  await panel.getByTestId(`facet-countries-${second}`).check()
  await expect.poll(() => rowCount(page)).toBe(a + b)
  // The other fields are counted within that selection; the country counts themselves stay whole.
  expect(await countOf(first)).toBe(a)
  const statusTotal = await panel
    .getByTestId('facet-statuses')
    .locator('.facet-count')
    .evaluateAll((cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.textContent?.replace(/\D/g, '')), 0)
    )
  expect(statusTotal).toBe(a + b)
  await page.screenshot({ path: join(SCREENS, 'review-01-facets.png') })

  // Export this view: exactly the rows the table lists, nothing else.
  const viewFile = join(workDir, 'view.csv')
  await page.getByTestId('open-export').click()
  await expect(page.getByTestId('export-scope-view')).toBeChecked()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-csv').check()
  await queue('save-path', viewFile)
  await page.getByTestId('export-confirm').click()
  // Writing 40,000 rows takes a while on a machine shared by several test runs.
  await expect(page.getByTestId('toast').filter({ hasText: 'Exported' })).toContainText(
    `Exported ${(a + b).toLocaleString('en-US')} rows`,
    { timeout: 90_000 }
  )
  const lines = readFileSync(viewFile, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  expect(lines).toHaveLength(a + b + 1)
  const header = lines[0].split(',')
  const country = header.lastIndexOf('Country')
  expect(country).toBeGreaterThan(0)
  const exported = new Set(lines.slice(1).map((line) => line.split(',')[country]))
  expect([...exported].sort()).toEqual([first, second].sort())

  // Everything but those two countries.
  await panel.getByTestId('facet-countries-invert').click()
  await expect(panel.getByTestId('facet-countries-invert')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => rowCount(page)).toBe(ROWS - a - b)
  await page.screenshot({ path: join(SCREENS, 'review-02-inverted.png') })
  await panel.getByTestId('facet-countries-clear').click()
  await expect.poll(() => rowCount(page)).toBe(ROWS)

  // Sort by the Country result column: ascending, then descending; rows without a country stay last.
  const table = page.getByTestId('results-table')
  const firstRowCountry = async (): Promise<string> =>
    (
      (await table
        .locator('[role=row][data-testid^=result-row-]')
        .first()
        .locator('.country-cell')
        .textContent()) ?? ''
    ).replace(/[^A-Z]/g, '')
  await page.getByTestId('results-table-sort-country').click()
  await expect(page.locator('[role=columnheader][aria-sort=ascending]')).toContainText('Country')
  const sortedCodes = [...codes].sort()
  await expect.poll(firstRowCountry).toBe(sortedCodes[0])
  await page.getByTestId('results-table-sort-country').click()
  await expect(page.locator('[role=columnheader][aria-sort=descending]')).toContainText('Country')
  await expect.poll(firstRowCountry).toBe(sortedCodes[sortedCodes.length - 1])
  await page.screenshot({ path: join(SCREENS, 'review-03-sorted.png') })
  // A third click gives the list its own order back.
  await page.getByTestId('results-table-sort-country').click()
  await expect(page.locator('[role=columnheader][aria-sort=descending]')).toHaveCount(0)
  await expect(table.locator('[data-testid^=result-row-]').first()).toHaveAttribute(
    'data-testid',
    'result-row-0'
  )
})

test('compare two checks of a list: counts as worked out by hand, the changed numbers, a diff file', async ({
  page
}) => {
  test.setTimeout(90_000)
  const march = join(workDir, 'march.csv')
  const april = join(workDir, 'april.csv')
  const phone = (n: number): string => `(212) 555-${String(100 + n).padStart(4, '0')}`
  // March holds numbers 1–5; April drops 1 and adds 6: one removed, one added, four unchanged.
  writeFileSync(march, ['Name,Phone', ...[1, 2, 3, 4, 5].map((n) => `P${n},${phone(n)}`)].join('\n'))
  writeFileSync(april, ['Name,Phone', ...[2, 3, 4, 5, 6].map((n) => `P${n},${phone(n)}`)].join('\n'))
  await page.setViewportSize({ width: 1280, height: 860 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  for (const file of [march, april]) {
    await page.getByTestId('new-check').click()
    await queue('open-path', file)
    await page.getByTestId('choose-file').click()
    await expect(page.getByTestId('preview-panel')).toBeVisible()
    await page.getByTestId('start-import').click()
    await expect(page.getByTestId('row-count')).toContainText('5 of 5')
  }
  await page.getByTestId('open-compare').click()
  const dialog = page.getByTestId('compare-dialog')
  await dialog.getByRole('button', { name: /^march/ }).click()
  const view = page.getByTestId('compare-view')
  await expect(view).toContainText('march')
  await expect(view.getByTestId('compare-count-added')).toHaveText('1')
  await expect(view.getByTestId('compare-count-removed')).toHaveText('1')
  await expect(view.getByTestId('compare-count-unchanged')).toHaveText('4')
  await expect(view.getByTestId('compare-count-newly_inactive')).toHaveText('0')
  await expect(page.getByTestId('compare-row-count')).toContainText('2 changed numbers')
  await expect(page.getByTestId('compare-row-+12125550101')).toContainText('Removed')
  await expect(page.getByTestId('compare-row-+12125550106')).toContainText('Added')
  await page.screenshot({ path: join(SCREENS, 'review-04-compare.png') })
  // Only the added numbers.
  await view.getByTestId('compare-change-added').click()
  await expect(page.getByTestId('compare-row-count')).toContainText('1 number with the chosen changes')
  await expect(page.getByTestId('compare-row-+12125550101')).toHaveCount(0)

  const out = join(workDir, 'changes.xlsx')
  await queue('save-path', out)
  await view.getByTestId('compare-export').click()
  await expect(page.getByTestId('toast').filter({ hasText: 'changed' })).toContainText(
    'Exported 1 changed number'
  )
  const book = XLSX.read(readFileSync(out))
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1 })
  expect(rows[0].slice(0, 2)).toEqual(['E.164', 'Change'])
  expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([['+12125550106', 'added']])

  await view.getByTestId('compare-close').click()
  await expect(page.getByTestId('compare-view')).toHaveCount(0)
  await expect(page.getByTestId('results-table')).toBeVisible()

  // The history can be searched by name, file or sheet.
  const history = page.getByTestId('job-list')
  await page.getByTestId('job-search').fill('MARCH')
  await expect(history.locator('[data-testid^=job-item-]')).toHaveCount(1)
  await expect(history).toContainText('march.csv')
  await page.getByTestId('job-search').fill('no such list')
  await expect(page.getByTestId('job-search-none')).toBeVisible()
  await page.getByTestId('job-search').fill('')
  await expect(history.locator('[data-testid^=job-item-]')).toHaveCount(3)
})

test('compare a 100k-row check with a later one that adds ten numbers: exactly those ten are new', async ({
  page
}) => {
  test.setTimeout(240_000)
  // The first test checked contacts-100k.csv; June's list is the same file with ten new numbers appended.
  const june = join(workDir, 'contacts-june.csv')
  const added = Array.from({ length: 10 }, (_, k) => `+1415555010${k}`)
  writeFileSync(
    june,
    readFileSync(listFile, 'utf8') +
      added.map((_, k) => `New,Person${k},(415) 555-010${k},new${k}@example.com,Newco,US,\n`).join('')
  )
  await page.setViewportSize({ width: 1280, height: 860 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('new-check').click()
  await queue('open-path', june)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('row-count')).toContainText('100,010 of 100,010', { timeout: 90_000 })
  await expect(page.getByTestId('job-progress')).toHaveCount(0)
  await page.getByTestId('open-compare').click()
  await page
    .getByTestId('compare-dialog')
    .getByRole('button', { name: /^contacts-100k contacts-100k\.csv/ })
    .click()
  const view = page.getByTestId('compare-view')
  await expect(view.getByTestId('compare-count-added')).toHaveText('10')
  for (const change of ['removed', 'newly_inactive', 'revived', 'line_type_changed', 'carrier_changed']) {
    await expect(view.getByTestId(`compare-count-${change}`)).toHaveText('0')
  }
  await expect(page.getByTestId('compare-row-count')).toContainText('10 changed numbers')
  for (const e164 of added) await expect(page.getByTestId(`compare-row-${e164}`)).toContainText('Added')
})
