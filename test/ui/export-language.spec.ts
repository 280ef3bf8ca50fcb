// Issue 12, exports: in a Chinese UI the file's Reason column is Chinese while its headers and status words stay
// English; picking 中文 for the file makes those Chinese too. A long export shows rows written of the total and
// Cancel removes its file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import Papa from 'papaparse'
import { writeCsv } from '../helpers/contacts'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
const ROWS = 100_000
const HAN = /[\u4e00-\u9fff]/
const ENGLISH_STATUSES = ['active', 'inactive', 'unknown', 'invalid', 'unchecked']
const CHINESE_STATUSES = ['有效', '失效', '未知', '无效', '未检测']
let host: TestHost
let workDir: string
let listFile: string

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  workDir = mkdtempSync(join(tmpdir(), 'ringtrue-ui-export-'))
  listFile = join(workDir, 'contacts-100k.csv')
  await writeCsv(listFile, ROWS)
  host = await startHost({ locale: 'zh-CN' })
})

test.afterAll(async () => {
  await host?.close()
})

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  return Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data
}

test('Chinese labels in an English-headed file, a Chinese file on request, and a cancelled export leaves nothing', async ({
  page
}) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await queuePath(host, 'open-path', listFile)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 150_000 })

  // Default settings: the app's language for Reason, English headers and status words.
  const plain = join(workDir, 'plain.csv')
  await page.getByTestId('open-export').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toContainText('导出结果')
  await expect(page.getByTestId('export-file-language-en')).toBeChecked()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-csv').check()
  await page.screenshot({ path: join(SCREENS, 'export-01-dialog-zh.png') })
  await queuePath(host, 'save-path', plain)
  await page.getByTestId('export-confirm').click()
  await expect(page.getByTestId('toast').filter({ hasText: 'plain.csv' })).toContainText(
    `已导出 ${ROWS.toLocaleString('zh-CN')} 行`,
    { timeout: 60_000 }
  )
  const [header, ...rows] = csvRows(plain)
  const status = header.indexOf('Status')
  const reason = header.indexOf('Reason')
  expect(header.slice(-8)).toEqual([
    'E.164',
    'Status',
    'Reason',
    'Line Type',
    // The list has a Country column of its own.
    'Country (Ringtrue)',
    'Carrier',
    'Provider',
    'Checked At'
  ])
  expect(rows).toHaveLength(ROWS)
  const reasons = new Set(rows.map((row) => row[reason]).filter((text) => text !== ''))
  expect(reasons.size).toBeGreaterThan(0)
  for (const text of reasons) expect(text).toMatch(HAN)
  const statuses = new Set(rows.map((row) => row[status]))
  expect(statuses).toContain('unchecked')
  expect([...statuses].filter((word) => !ENGLISH_STATUSES.includes(word))).toEqual([])

  // 中文 for the file: Chinese headers and status words as well.
  const chinese = join(workDir, 'chinese.csv')
  await page.getByTestId('open-export').click()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-csv').check()
  await page.getByTestId('export-file-language-zh-CN').check()
  await queuePath(host, 'save-path', chinese)
  await page.getByTestId('export-confirm').click()
  await expect(page.getByTestId('toast').filter({ hasText: 'chinese.csv' })).toBeVisible({ timeout: 60_000 })
  const [zhHeader, ...zhRows] = csvRows(chinese)
  expect(zhHeader.slice(-8)).toEqual([
    'E.164',
    '状态',
    '原因',
    '号码类型',
    '国家/地区',
    '运营商',
    '服务商',
    '检测时间'
  ])
  const zhStatuses = new Set(zhRows.map((row) => row[zhHeader.indexOf('状态')]))
  expect(zhStatuses).toContain('未检测')
  expect([...zhStatuses].filter((word) => !CHINESE_STATUSES.includes(word))).toEqual([])

  // A long export: rows written of the total, and Cancel removes what it had written.
  const cancelled = join(workDir, 'cancelled.xlsx')
  await page.getByTestId('open-export').click()
  await page.getByTestId('export-mode-full').check()
  await page.getByTestId('export-format-xlsx').check()
  await queuePath(host, 'save-path', cancelled)
  await page.getByTestId('export-confirm').click()
  const bar = page.getByTestId('export-progress-bar')
  await expect(bar).toHaveAttribute('aria-valuemax', String(ROWS))
  await expect(page.getByTestId('export-progress-rows')).toContainText(/已写入 [\d,]+ \/ 100,000 行/)
  await page.screenshot({ path: join(SCREENS, 'export-02-progress-zh.png') })
  await page.getByTestId('export-cancel').click()
  await expect(page.getByTestId('export-cancelled')).toContainText('导出已取消')
  await expect(page.getByTestId('export-progress')).toHaveCount(0)
  await page.screenshot({ path: join(SCREENS, 'export-03-cancelled-zh.png') })
  expect(existsSync(cancelled)).toBe(false)
  expect(readdirSync(workDir).filter((name) => name.includes('cancelled'))).toEqual([])
  // The dialog stays usable: it can be closed and nothing else changed.
  await dialog.getByRole('button', { name: '取消', exact: true }).click()
  await expect(dialog).toHaveCount(0)
})
