// Files reach the main process only as handles it issued for what the user picked or dropped. This drives the
// drop flow and "Show in folder" through the page, then plays a compromised page: a script calling window.api
// with hostile payloads gets refusals, as data, with their codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

let host: TestHost
let work: string
let contacts: string
let bashrc: string

function queue(kind: 'open-path' | 'save-path' | 'drop-path', path: string): Promise<void> {
  return queuePath(host, kind, path)
}

async function revealed(): Promise<string[]> {
  const response = await fetch(`${host.url}__test/state`)
  return ((await response.json()) as { revealed: string[] }).revealed
}

/** Drops a File named `name` on the drop zone, as the OS would (the page itself never learns its path). */
async function drop(page: Page, name: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer()
    data.items.add(new File(['not read by the page'], ${JSON.stringify(name)}, { type: 'text/csv' }))
    const zone = document.querySelector('[data-testid="drop-zone"]')
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
  })()`)
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-files-'))
  contacts = join(work, 'dropped-contacts.csv')
  bashrc = join(work, '.bashrc')
  const rows = Array.from({ length: 6 }, (_, i) => `Person${i},(201) 555-01${String(i).padStart(2, '0')}`)
  writeFileSync(contacts, ['Name,Mobile Phone', ...rows].join('\r\n'))
  host = await startHost()
})

test.afterAll(async () => {
  await host?.close()
})

test.beforeEach(() => {
  writeFileSync(bashrc, 'export PATH=original\n')
})

test('a dropped file is previewed, imported and revealed through handles', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

  // Nothing queued: the dropped File has no path on disk, so the app says to use Choose file….
  await drop(page, 'no-path.csv')
  await expect(page.getByTestId('error-panel')).toContainText(/Choose file/)

  await queue('drop-path', contacts)
  await drop(page, 'dropped-contacts.csv')
  await expect(page.getByTestId('preview-panel')).toBeVisible()
  await expect(page.getByTestId('preview-panel')).toContainText('dropped-contacts.csv')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  await expect(page.getByTestId('status-chip-unchecked')).toContainText('6')

  await page.getByTestId('reveal-source').click()
  await expect.poll(revealed).toEqual([contacts])

  const out = join(work, 'dropped-out.csv')
  await page.getByTestId('open-export').click()
  await page.getByTestId('export-format-csv').check()
  await queue('save-path', out)
  await page.getByTestId('export-confirm').click()
  const toast = page.getByTestId('toast').filter({ hasText: /Exported/ })
  await expect(toast).toContainText('dropped-out.csv')
  await toast.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(revealed).toEqual([contacts, out])
})

test('a script in the page cannot reach files through window.api', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await queue('open-path', contacts)
  await queue('save-path', contacts)

  const results = (await page.evaluate(`(async () => {
    const api = window.api
    const mapping = { sheet: 'x', headerRow: 0, phoneColumns: [1], countryColumn: null, defaultRegion: 'US' }
    const exportTo = (target) => ({ jobId: 'abc', mode: 'full', format: 'csv', keepUnknown: false, target, overwrite: true })
    const opened = await api.files.pickSpreadsheet()
    const saved = await api.files.pickSavePath({ defaultName: 'out.csv', format: 'csv' })
    const forged = 'fh_' + '0123456789abcdef'.repeat(2)
    const { target: _t, ...withoutTarget } = exportTo('')
    return {
      opened,
      saved,
      previewPath: await api.imports.preview({ filePath: '/etc/passwd' }),
      previewPathAsHandle: await api.imports.preview({ file: '/etc/passwd' }),
      createPath: await api.jobs.create({ file: '/etc/passwd', mapping }),
      exportHome: await api.exports.run(exportTo('~/.bashrc')),
      exportPath: await api.exports.run({ ...withoutTarget, outPath: ${JSON.stringify(bashrc)} }),
      exportOpenHandle: await api.exports.run(exportTo(opened.value.handle)),
      previewForged: await api.imports.preview({ file: forged }),
      revealForged: await api.files.reveal(forged),
      previewSaveHandle: await api.imports.preview({ file: saved.value.handle }),
      createSaveHandle: await api.jobs.create({ file: saved.value.handle, mapping }),
      revealPath: await api.files.reveal('/etc/passwd'),
      dropString: await api.files.registerDroppedFile('/etc/passwd'),
      dropMadeUpFile: await api.files.registerDroppedFile(new File(['x'], '/etc/passwd'))
    }
  })()`)) as Record<string, { ok: boolean; value?: unknown; error?: { code: string; message: string } }>

  expect(results.opened).toMatchObject({ ok: true, value: { name: 'dropped-contacts.csv' } })
  expect(results.saved).toMatchObject({ ok: true, value: { name: 'dropped-contacts.csv' } })
  const refusals: Record<string, string> = {
    previewPath: 'invalid_request',
    previewPathAsHandle: 'invalid_request',
    createPath: 'invalid_request',
    exportHome: 'invalid_request',
    exportPath: 'invalid_request',
    exportOpenHandle: 'handle_not_allowed',
    previewForged: 'invalid_handle',
    revealForged: 'invalid_handle',
    previewSaveHandle: 'handle_not_allowed',
    createSaveHandle: 'handle_not_allowed',
    revealPath: 'invalid_request'
  }
  for (const [name, code] of Object.entries(refusals)) {
    expect({ name, ...results[name] }).toMatchObject({ name, ok: false, error: { code } })
  }
  // A string or a File the page made up has no path on disk: no handle.
  expect(results.dropString).toEqual({ ok: true, value: null })
  expect(results.dropMadeUpFile).toEqual({ ok: true, value: null })
  expect(JSON.stringify(results)).not.toContain('root:')
  expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=original\n')
  expect(await revealed()).not.toContain('/etc/passwd')
})
