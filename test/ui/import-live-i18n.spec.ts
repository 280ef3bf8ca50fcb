// The import form, the country panel and the pre-flight in Simplified Chinese (the OS locale stands in as
// zh-CN), and the pre-flight laid out inside a 900×600 window: no sideways page scroll, the Start button inside
// its card. The key comes from the environment and the Ace Data Cloud simulator answers on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

let host: TestHost
let english: TestHost
let ace: AcedataSimulator
let work: string

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-i18n-'))
  ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  host = await startHost({
    locale: 'zh-CN',
    baseUrls: { acedata: ace.url },
    env: { RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY }
  })
  english = await startHost({
    baseUrls: { acedata: ace.url },
    env: { RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY }
  })
})

test.afterAll(async () => {
  await host?.close()
  await english?.close()
  await ace?.close()
})

/** Twelve mainland mobiles (ten distinct) and one entry that is no number. */
function writeList(name = '客户名单.csv'): string {
  const file = join(work, name)
  const rows = Array.from({ length: 10 }, (_, i) => [`客户${i}`, `+86139${String(i).padStart(7, '0')}${i}`])
  rows.push(['重复', rows[0][1]], ['重复2', rows[1][1]], ['错误', '12'])
  writeFileSync(file, [['姓名', '手机'], ...rows].map((r) => r.join(',')).join('\r\n'))
  return file
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })'
  )) as { scrollWidth: number; innerWidth: number }
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
}

async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  const a = await inner.boundingBox()
  const b = await outer.boundingBox()
  expect(a && b).toBeTruthy()
  if (!a || !b) return
  expect(a.x).toBeGreaterThanOrEqual(b.x)
  expect(a.y).toBeGreaterThanOrEqual(b.y)
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width)
  expect(a.y + a.height).toBeLessThanOrEqual(b.y + b.height)
}

test('import, country panel and pre-flight in Chinese, readable at 900×600', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 600 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

  // Ace has its key from the environment; it only has to be offered for checks.
  await page.getByTestId('nav-settings').click()
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()

  await page.getByTestId('new-check').click()
  const drop = page.getByTestId('drop-zone')
  await expect(drop).toContainText('拖入联系人列表')
  await expect(page.getByTestId('choose-file')).toHaveText('选择文件…')
  await expect(drop).not.toContainText('Drop a contact list')

  await queuePath(host, 'open-path', writeList())
  await page.getByTestId('choose-file').click()
  const preview = page.getByTestId('preview-panel')
  await expect(preview).toBeVisible()
  await expect(page.getByTestId('file-meta')).toContainText('13 行')
  await expect(page.getByTestId('column-1')).toContainText('电话号码')
  await expect(page.getByTestId('import-summary')).toHaveText('1 个号码列：手机 · 仅离线检查')
  await expect(page.getByTestId('start-import')).toHaveText('导入并检测 13 行')

  const split = page.getByTestId('country-split')
  await expect(split).toHaveAttribute('data-state', 'ready')
  await expect(split).toContainText('列表中的国家')
  await expect(split).toContainText('全部 13 行，按检测时的方式读取')
  await expect(page.getByTestId('split-inferred')).toHaveText('0 个推断')
  await expect(page.getByTestId('split-invalid')).toContainText('1 个无效')
  await expect(page.getByTestId('country-split-list')).toContainText('中国')
  await noSidewaysScroll(page)

  const paid = page.getByTestId('paid-check')
  // The switch's input is visually hidden; at 600 px high the action bar covers where a click would land.
  await page.getByTestId('paid-toggle').dispatchEvent('click')
  await expect(paid).toContainText('服务商顺序')
  await expect(page.getByTestId('import-summary')).toHaveText('请为付费检测至少选择一个服务商。')
  await page.getByTestId('add-provider').selectOption('acedata')
  await expect(page.getByTestId('import-summary')).toContainText('然后用 Ace Data Cloud 付费检测')
  await expect(paid).toContainText('发送的线路类型')
  await noSidewaysScroll(page)

  const english = [
    'Countries in this list',
    'Import and check',
    'offline check only',
    'Provider chain',
    'Columns'
  ]
  const previewText = await preview.innerText()
  for (const words of english) expect(previewText).not.toContain(words)

  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')
  const preflight = page.getByTestId('preflight')
  await expect(preflight).toContainText('核对付费检测')
  await expect(preflight).toContainText('尚未发送任何内容')
  await expect(page.getByTestId('preflight-topay-acedata')).toHaveText('10')
  await expect(page.getByTestId('preflight-provider-acedata')).toContainText('需付费')
  await expect(page.getByTestId('preflight-provider-acedata')).toContainText('缓存免费')
  await expect(page.getByTestId('preflight-total')).toContainText('预计费用')
  await expect(page.getByTestId('preflight-total')).toContainText('需付费查询 10 次')
  await expect(page.getByTestId('start-live')).toHaveText('开始付费检测')
  await expect(page.getByTestId('cancel-live')).toHaveText('跳过付费检测')

  const live = page.getByTestId('live-view')
  const liveText = await live.innerText()
  for (const words of [
    'Review the paid check',
    'Start paid check',
    'Estimated cost',
    'lookups to pay',
    'To pay'
  ]) {
    expect(liveText).not.toContain(words)
  }

  // 900×600: the page does not scroll sideways, and the Start button lies inside its card.
  await noSidewaysScroll(page)
  await page.getByTestId('start-live').scrollIntoViewIfNeeded()
  await expectInside(page.getByTestId('start-live'), page.locator('.preflight-actions'))
  await expectInside(page.getByTestId('preflight-provider-acedata'), preflight)

  // The confirmation says what is sent, in Chinese.
  await page.getByTestId('start-live').click()
  const dialog = page.getByTestId('start-live-dialog')
  await expect(dialog).toContainText('开始付费检测？')
  await expect(dialog).toContainText('Ringtrue 将发送：10 个号码给 Ace Data Cloud。')
  await expect(page.getByTestId('confirm-cost')).toContainText('未设支出上限')
  expect(ace.requests.length).toBe(0)
})

test('the English pre-flight fits a 900×600 window too: no sideways scroll, every figure and button inside', async ({
  page
}) => {
  await page.setViewportSize({ width: 900, height: 600 })
  await page.goto(english.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()

  await page.getByTestId('new-check').click()
  await queuePath(english, 'open-path', writeList('customers.csv'))
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('paid-toggle').dispatchEvent('click')
  await page.getByTestId('add-provider').selectOption('acedata')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'confirm')
  const preflight = page.getByTestId('preflight')
  await expect(preflight).toContainText('Review the paid check')
  await expect(page.getByTestId('preflight-total')).toContainText('10 lookups to pay')

  await noSidewaysScroll(page)
  await page.getByTestId('start-live').scrollIntoViewIfNeeded()
  await expect(page.getByTestId('start-live')).toHaveText('Start paid check')
  await expectInside(page.getByTestId('start-live'), page.locator('.preflight-actions'))
  await expectInside(page.getByTestId('preflight-total'), page.locator('.preflight-actions'))
  for (const id of ['routed', 'cached', 'topay', 'cost', 'balance']) {
    await expectInside(
      page.getByTestId(`preflight-${id}-acedata`),
      page.getByTestId('preflight-provider-acedata')
    )
  }
  await expectInside(page.getByTestId('preflight-provider-acedata'), preflight)
})

test('a web page instead of the API’s answer is summarized in Chinese in the paused view, never shown raw', async ({
  page
}) => {
  await page.setViewportSize({ width: 900, height: 600 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()

  await page.getByTestId('new-check').click()
  // Numbers of their own (prefix 135), so no answer of the other tests is reused from the cache.
  const file = join(work, '网页.csv')
  const rows = Array.from({ length: 24 }, (_, i) => [`客户${i}`, `+86135${String(i).padStart(7, '0')}0`])
  writeFileSync(file, [['姓名', '手机'], ...rows].map((r) => r.join(',')).join('\r\n'))
  await queuePath(host, 'open-path', file)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('paid-toggle').dispatchEvent('click')
  await page.getByTestId('add-provider').selectOption('acedata')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('preflight-total')).toBeVisible()

  // The provider's address now answers every lookup with a web server's HTML 501 page.
  ace.setMode('not_implemented_page')
  try {
    await page.getByTestId('start-live').click()
    await page.getByTestId('confirm-accept').click()
    await expect(page.getByTestId('live-view')).toHaveAttribute('data-reason', 'error_rate')
    const summary = '服务器返回了一个网页（HTTP 501），而不是 API 的结果。'
    const message = page.getByTestId('pause-message')
    await expect(message).toContainText(summary)
    await expect(page.getByTestId('live-last-error')).toContainText(summary)
    await expect(page.getByTestId('uncertain-list')).toContainText(summary)
    const shown = await page.getByTestId('live-view').innerText()
    for (const raw of ['<', 'nginx', 'Not Implemented', 'DOCTYPE', 'web page'])
      expect(shown).not.toContain(raw)
    await noSidewaysScroll(page)
    // At 900 px every figure's label is whole (可能已计费 was cut to 可能已…).
    const cut = (await page.evaluate(
      `Array.from(document.querySelectorAll('.live-counters dt, .live-counters dd'))
        .filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent)`
    )) as string[]
    expect(cut).toEqual([])
  } finally {
    ace.setMode('normal')
  }
})
