// Results in Simplified Chinese at laptop sizes (issue 12): with the OS locale zh-CN, the results header, facet
// panel, overview and comparison speak Chinese (country names too); at 1024×700 and 900×600 no count is cut and
// the page never scrolls sideways; a row reached with the keyboard shows a focus ring.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

let host: TestHost
let workDir: string

// Chinese and German mobiles, a Berlin landline, a US number and one that is too short to be a number.
const MARCH = [
  ['Name', 'Phone'],
  ['Chen', '+86 138 0013 8000'],
  ['Wang', '+86 139 2100 1303'],
  ['Li', '+86 186 2100 7700'],
  ['Müller', '+49 1512 3456789'],
  ['Schmidt', '+49 1522 3456780'],
  ['Amt', '+49 30 901820'],
  ['Smith', '+1 212 555 0101'],
  ['Broken', '+86 12345']
]
// April drops Smith and adds a Chinese mobile: one removed, one added.
const APRIL = [...MARCH.filter((row) => row[0] !== 'Smith'), ['Zhao', '+86 150 2100 3300']]

function writeList(name: string, rows: string[][]): string {
  const path = join(workDir, name)
  writeFileSync(path, rows.map((row) => row.join(',')).join('\n'))
  return path
}

async function importList(page: Page, path: string, rows: number): Promise<void> {
  await page.getByTestId('new-check').click()
  await queuePath(host, 'open-path', path)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('row-count')).toHaveText(`${rows} / ${rows} 行`)
}

// The spec compiles without the DOM library: the few page-side shapes it reads inside `evaluate`.
interface PageElement {
  innerText: string
  textContent: string | null
  className: string
  scrollWidth: number
  clientWidth: number
  parentElement: PageElement | null
  getAttribute: (name: string) => string | null
  getBoundingClientRect: () => { left: number; right: number }
  getClientRects: () => { length: number }
}
interface PageWindow {
  innerWidth: number
  document: { documentElement: { scrollWidth: number } }
  getComputedStyle: (element: PageElement) => {
    display: string
    overflowX: string
    outlineStyle: string
    outlineWidth: string
  }
}

/** Latin words in the visible text of an element (data such as file names is left out by the caller). */
async function latinWords(locator: Locator): Promise<string[]> {
  const text = await locator.evaluate((node) => (node as unknown as PageElement).innerText)
  return text.match(/[A-Za-z]{3,}/g) ?? []
}

/**
 * Every element that shows a count (and every status tile: name and count) whose text does not fit: wider than its
 * own box, or reaching past an ancestor that clips (overflow hidden). A sideways-scrolling ancestor does not cut.
 */
async function cutCounts(page: Page): Promise<string[]> {
  return page.locator('[data-count], .status-tile').evaluateAll((nodes) => {
    const view = globalThis as unknown as PageWindow
    return (nodes as unknown as PageElement[])
      .filter((element) => {
        if (element.getClientRects().length === 0) return false
        const inline = view.getComputedStyle(element).display === 'inline'
        if (!inline && element.scrollWidth > element.clientWidth) return true
        const box = element.getBoundingClientRect()
        for (let up = element.parentElement; up; up = up.parentElement) {
          const overflow = view.getComputedStyle(up).overflowX
          if (overflow === 'auto' || overflow === 'scroll') break
          if (overflow !== 'hidden' && overflow !== 'clip') continue
          const frame = up.getBoundingClientRect()
          if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) return true
        }
        return false
      })
      .map(
        (element) =>
          `${element.getAttribute('data-testid') ?? element.className}: "${element.textContent ?? ''}"`
      )
  })
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const view = globalThis as unknown as PageWindow
    return view.document.documentElement.scrollWidth - view.innerWidth
  })
}

test.beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ringtrue-ui-results-i18n-'))
  host = await startHost({ locale: 'zh-CN' })
})

test.afterAll(async () => {
  await host?.close()
})

test('results, facets, overview and comparison in Chinese; no count cut and no sideways scroll at 1024×700 and 900×600; a focus ring on rows', async ({
  page
}) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await importList(page, writeList('march.csv', MARCH), 8)

  // The header: totals, actions and status tiles.
  const header = page.locator('.results-header')
  await expect(header.locator('.summary-totals')).toContainText('行数')
  await expect(header.locator('.summary-totals')).toContainText('去重后')
  await expect(page.getByTestId('open-export')).toHaveText('导出…')
  await expect(page.getByTestId('open-compare')).toHaveText('对比…')
  await expect(page.getByTestId('status-chip-invalid')).toContainText('无效')
  await expect(page.getByTestId('status-chip-invalid')).toHaveAttribute('title', /点击/)
  // The file's name and date are data; everything else in the header is Chinese.
  expect(await latinWords(header.locator('.page-actions'))).toEqual([])
  expect(await latinWords(header.locator('.summary-strip'))).toEqual([])

  // The filter bar and the search box.
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', '搜索行…')
  await expect(page.getByTestId('search-input')).toHaveAttribute('data-shortcut', 'find')
  await expect(page.getByTestId('open-export')).toHaveAttribute('data-shortcut', 'export')
  await expect(page.getByTestId('filter-summary')).toHaveText('共 8 行')
  expect(await latinWords(page.locator('.filter-bar'))).toEqual([])

  // Facets: field names and countries in Chinese.
  const panel = page.getByTestId('facet-panel')
  await expect(panel.getByTestId('facet-statuses')).toContainText('状态')
  await expect(panel.getByTestId('facet-countries')).toContainText('国家/地区')
  await expect(panel.getByTestId('facet-countries')).toContainText('中国')
  await expect(panel.getByTestId('facet-countries')).toContainText('德国')
  await expect(panel.getByTestId('facet-countries')).toContainText('美国')
  await expect(panel.getByTestId('facet-linetypes')).toContainText('号码类型')
  await panel.getByTestId('facet-countries-CN').check()
  await expect(panel.getByTestId('facet-countries-invert')).toHaveText('反选')
  await expect(page.getByTestId('filter-summary')).toHaveText('8 行中 4 行符合')
  await panel.getByTestId('facet-countries-invert').click()
  await expect(panel.getByTestId('facet-countries-invert')).toHaveText('排除所选')
  await panel.getByTestId('facet-countries-clear').click()
  await expect(page.getByTestId('row-count')).toHaveText('8 / 8 行')
  expect(await latinWords(panel)).toEqual([])

  // The overview: card titles, legend, countries.
  const overview = page.getByTestId('overview')
  await expect(overview.getByTestId('overview-status')).toContainText('状态')
  await expect(overview.getByTestId('overview-countries')).toContainText('主要国家/地区')
  await expect(overview.getByTestId('overview-countries')).toContainText('中国')
  await expect(overview.getByTestId('overview-countries')).toContainText('德国')
  await expect(overview.getByTestId('overview-line-types')).toContainText('号码类型')
  await expect(overview.getByTestId('overview-status-png')).toHaveAttribute('title', '保存为 PNG')
  expect(await latinWords(overview)).toEqual([])
  for (const english of ['Top countries', 'Line types', 'Status', 'China', 'Germany']) {
    await expect(page.locator('.page-results')).not.toContainText(english)
  }

  // Every count whole and no sideways scroll, at both small sizes.
  for (const size of [
    { width: 1024, height: 700 },
    { width: 900, height: 600 }
  ]) {
    await page.setViewportSize(size)
    await expect(page.getByTestId('status-chip-unchecked')).toBeVisible()
    expect(await page.locator('[data-count]').count()).toBeGreaterThan(10)
    expect(await cutCounts(page), `cut counts at ${size.width}×${size.height}`).toEqual([])
    expect(await pageOverflow(page), `overflow at ${size.width}×${size.height}`).toBeLessThanOrEqual(0)
  }

  // A row reached with the keyboard: a visible outline, not just a tint. From the search box (focused by keyboard
  // as far as the page can tell), focus moves to the first row and Arrow Down to the next.
  await page.getByTestId('search-input').focus()
  await page.getByTestId('result-row-0').focus()
  await page.keyboard.press('ArrowDown')
  const focused = page.locator('[data-testid^=result-row-]:focus-visible')
  await expect(focused).toHaveAttribute('data-testid', 'result-row-1')
  const ring = await focused.evaluate((row) => {
    const style = (globalThis as unknown as PageWindow).getComputedStyle(row as unknown as PageElement)
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
  })
  expect(ring.style).toBe('solid')
  expect(ring.width).toBeGreaterThanOrEqual(2)

  // The comparison of two checks of the list.
  await page.setViewportSize({ width: 1024, height: 700 })
  await importList(page, writeList('april.csv', APRIL), 8)
  await page.getByTestId('open-compare').click()
  const dialog = page.getByTestId('compare-dialog')
  await expect(dialog).toContainText('与另一次检测对比')
  await dialog.locator('[data-testid^=compare-with-]').first().click()
  const view = page.getByTestId('compare-view')
  await expect(view.getByTestId('compare-change-added')).toContainText('新增')
  await expect(view.getByTestId('compare-change-removed')).toContainText('移除')
  await expect(view.getByTestId('compare-count-added')).toHaveText('1')
  await expect(view.getByTestId('compare-count-removed')).toHaveText('1')
  await expect(page.getByTestId('compare-row-count')).toHaveText('2 个号码有变化')
  await expect(page.getByTestId('compare-row-+12125550101')).toContainText('移除')
  await expect(page.getByTestId('compare-close')).toHaveText('关闭对比')
  for (const english of ['Added', 'Removed', 'Unchanged', 'changed numbers', 'Close comparison']) {
    await expect(view).not.toContainText(english)
  }
  for (const size of [
    { width: 1024, height: 700 },
    { width: 900, height: 600 }
  ]) {
    await page.setViewportSize(size)
    expect(await cutCounts(page), `cut counts at ${size.width}×${size.height}`).toEqual([])
    expect(await pageOverflow(page), `overflow at ${size.width}×${size.height}`).toBeLessThanOrEqual(0)
  }
})
