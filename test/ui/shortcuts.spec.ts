// The application menu's keys as page shortcuts (Chromium has no app menu; the renderer handles the same keys),
// and a running import that is only stopped after the user confirms.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

let host: TestHost
let work: string

function csv(rows: number): string {
  const lines = ['Name,Phone']
  for (let i = 0; i < rows; i++) lines.push(`Person ${i},+1 201 555 ${String(i % 10000).padStart(4, '0')}`)
  return lines.join('\n')
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-keys-'))
  writeFileSync(join(work, 'first.csv'), csv(20))
  writeFileSync(join(work, 'second.csv'), csv(30))
  // Large enough that its import is still reading when the user asks to stop it.
  writeFileSync(join(work, 'large.csv'), csv(200_000))
  host = await startHost()
})

test.afterAll(async () => {
  await host?.close()
})

test('Ctrl+O opens a file, Ctrl+, opens Settings and Ctrl+F goes to the search', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

  for (const name of ['first.csv', 'second.csv']) {
    await queuePath(host, 'open-path', join(work, name))
    await page.keyboard.press('Control+O')
    await expect(page.getByTestId('preview-panel')).toBeVisible()
    await page.getByTestId('start-import').click()
    await expect(page.getByTestId('results-table')).toBeVisible()
  }

  await page.keyboard.press('Control+,')
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page')

  await page.keyboard.press('Control+F')
  const focused = page.locator(':focus')
  await expect(focused).toHaveAttribute('data-shortcut', 'find')
  await page.keyboard.type('second')
  await expect(page.getByTestId('job-search')).toHaveValue('second')
})

test('stopping a running import asks first, and “Keep importing” lets it finish', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await queuePath(host, 'open-path', join(work, 'large.csv'))
  await page.getByTestId('new-check').click()
  await page.keyboard.press('Control+O')
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await page.getByTestId('start-import').click()

  const progress = page.getByTestId('job-progress')
  await expect(progress).toHaveAttribute('data-phase', 'importing')
  await page.getByTestId('cancel-job').click()
  const dialog = page.getByTestId('cancel-import-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Stop importing large.csv?')
  await expect(dialog).toContainText(/rows? (has|have) been read so far/)

  await dialog.getByRole('button', { name: 'Keep importing' }).click()
  await expect(dialog).toHaveCount(0)
  // Not cancelled: the import runs to its end and the results open.
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 120_000 })
  const item = page.locator('[data-testid^="job-item-"]', { hasText: 'large.csv' })
  await expect(item).toHaveAttribute('data-status', 'done')
})
