// Settings screen end to end: keys go into a test service of the real keychain (scripts/with-keyring.sh), the
// connection test reaches the Ace Data Cloud and CheckMobi simulators on 127.0.0.1, and the key itself never
// reaches the page.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import {
  CHECKMOBI_SIM_KEY,
  startCheckmobiSimulator,
  type CheckmobiSimulator
} from '../fakes/checkmobi-simulator'
import { MemorySecretStore } from '../fakes/memory-secret-store'
import { startHost, type TestHost } from './host'
import { queuePath } from './queue'

const SCREENS = resolve(__dirname, '../../test-results/screens')
const WRONG_KEY = 'ace-wrong-token-77d0e3'
let host: TestHost
let ace: AcedataSimulator
let checkmobi: CheckmobiSimulator

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), animations: 'disabled' })
}

/** Everything a script in the page could read: the DOM with live input values, and the window's own state. */
async function pageText(page: Page): Promise<string> {
  // A string body, because this file is compiled without the DOM library.
  const live = (await page.evaluate(`(() => {
    const values = Array.from(document.querySelectorAll('input')).map((input) => input.value)
    const own = []
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        const value = window[name]
        if (typeof value === 'string') own.push(value)
      } catch {}
    }
    return [...values, ...own, document.documentElement.outerHTML].join('\\n')
  })()`)) as string
  return (await page.content()) + '\n' + live
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  ace = await startAcedataSimulator()
  checkmobi = await startCheckmobiSimulator()
  host = await startHost({
    baseUrls: { acedata: ace.url },
    // CheckMobi is pointed at its simulator through the environment, so the screen shows the override.
    env: { RINGTRUE_CHECKMOBI_BASE_URL: checkmobi.url }
  })
})

test.afterAll(async () => {
  await host?.close()
  await ace?.close()
  await checkmobi?.close()
})

test('keys: set, test against the simulator, wrong key, delete — and the key never reaches the page', async ({
  page
}) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  for (const id of ['offline', 'acedata', 'toolkk', 'checknumber', 'telesign', 'checkmobi']) {
    await expect(page.getByTestId(`settings-nav-${id}`)).toBeVisible()
  }
  // Settings opens on the first paid provider.
  await expect(page.getByTestId('provider-card-acedata')).toBeVisible()
  await expect(page.getByTestId('keychain-unavailable')).toHaveCount(0)
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText('Not set')
  await expect(page.getByTestId('base-url-acedata')).toHaveValue(ace.url)
  // The main area scrolls, not the page: a tall viewport captures every card at once.
  await page.setViewportSize({ width: 1280, height: 3000 })
  await shot(page, '20-settings')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Testing without a key says what to do instead of calling anything.
  await page.getByTestId('test-connection-acedata').click()
  await expect(page.getByTestId('test-result-acedata')).toContainText(/no API key/i)
  await expect(page.getByTestId('test-result-acedata')).toContainText('RINGTRUE_ACEDATA_KEY')

  await page.getByTestId('key-input-acedata-apiKey').fill(ACEDATA_SIM_KEY)
  await page.getByTestId('key-save-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText(
    `Key set ••••${ACEDATA_SIM_KEY.slice(-4)} (keychain)`
  )
  await expect(page.getByTestId('key-input-acedata-apiKey')).toHaveValue('')
  expect(await pageText(page)).not.toContain(ACEDATA_SIM_KEY)

  await page.getByTestId('test-connection-acedata').click()
  const result = page.getByTestId('test-result-acedata')
  await expect(result).toHaveClass(/is-ok/)
  await expect(result).toContainText('Connected.')
  await expect(result).toContainText('The token works')
  expect(ace.requests.length).toBeGreaterThan(0)
  await page.getByTestId('provider-card-acedata').scrollIntoViewIfNeeded()
  await shot(page, '21-settings-test-ok')

  // A wrong key: a clear failure, and neither key anywhere in the page.
  await page.getByTestId('key-input-acedata-apiKey').fill(WRONG_KEY)
  await page.getByTestId('key-save-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText(
    `Key set ••••${WRONG_KEY.slice(-4)} (keychain)`
  )
  await page.getByTestId('test-connection-acedata').click()
  await expect(result).toHaveClass(/is-failed/)
  await expect(result).toContainText('Failed.')
  await expect(result).toContainText(/token|key|auth/i)
  const text = await pageText(page)
  expect(text).not.toContain(WRONG_KEY)
  expect(text).not.toContain(ACEDATA_SIM_KEY)
  await shot(page, '22-settings-test-failed')

  await page.getByTestId('key-delete-acedata-apiKey').click()
  await expect(page.getByTestId('key-state-acedata-apiKey')).toHaveText('Not set')
  await expect(page.getByTestId('key-delete-acedata-apiKey')).toBeDisabled()
})

test('settings: saved, validated, and an environment override is shown', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-checkmobi').click()
  const card = page.getByTestId('provider-card-checkmobi')
  await expect(page.getByTestId('base-url-env-checkmobi')).toContainText('RINGTRUE_CHECKMOBI_BASE_URL')
  await expect(page.getByTestId('base-url-env-checkmobi')).toContainText(checkmobi.url)

  // CheckMobi answers the connection test with the account balance.
  await page.getByTestId('key-input-checkmobi-apiKey').fill(CHECKMOBI_SIM_KEY)
  await page.getByTestId('key-save-checkmobi-apiKey').click()
  await expect(page.getByTestId('key-state-checkmobi-apiKey')).toContainText('Key set ••••')
  await page.getByTestId('test-connection-checkmobi').click()
  await expect(page.getByTestId('test-result-checkmobi')).toHaveClass(/is-ok/)
  await card.scrollIntoViewIfNeeded()
  await shot(page, '23-settings-checkmobi')

  // A base URL that is not http(s) is refused at the field, before any save; a good one is kept.
  await page.getByTestId('settings-nav-toolkk').click()
  await page.getByTestId('base-url-toolkk').fill('ftp://example.com')
  await expect(page.getByTestId('base-url-toolkk-error')).toContainText(/http:\/\/ or https:\/\//)
  await expect(page.getByTestId('settings-save-toolkk')).toBeDisabled()
  await page.getByTestId('base-url-toolkk').fill('https://proxy.example.com/toolkk/')
  await page.getByTestId('concurrency-toolkk').fill('3')
  await page.getByTestId('settings-save-toolkk').click()
  await expect(page.getByTestId('base-url-toolkk')).toHaveValue('https://proxy.example.com/toolkk')
  await page.reload()
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-toolkk').click()
  await expect(page.getByTestId('base-url-toolkk')).toHaveValue('https://proxy.example.com/toolkk')
  await expect(page.getByTestId('concurrency-toolkk')).toHaveValue('3')
  // The switch is controlled by main's answer, so it flips once the save is confirmed, not on the click itself.
  await page.getByTestId('provider-enabled-toolkk').click({ force: true })
  await expect(page.getByTestId('provider-card-toolkk')).toHaveClass(/is-enabled/)
  await expect(page.getByTestId('provider-enabled-toolkk')).toBeChecked()
  await expect(page.getByTestId('settings-nav-toolkk')).toContainText('Enabled')
  await page.getByTestId('settings-nav-checkmobi').click()
  await page.getByTestId('key-input-checkmobi-apiKey').fill('x')
  expect(await pageText(page)).not.toContain(CHECKMOBI_SIM_KEY)
})

test('a key entered for one address is not sent to another: the card asks for it again', async ({ page }) => {
  const KEY = 'cn-origin-bound-key-4e5f6a7b'
  const elsewhere = 'http://127.0.0.1:9'
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-checknumber').click()
  const card = page.getByTestId('provider-card-checknumber')
  // Entered while the provider's own address is in effect.
  await page.getByTestId('key-input-checknumber-apiKey').fill(KEY)
  await page.getByTestId('key-save-checknumber-apiKey').click()
  await expect(page.getByTestId('key-state-checknumber-apiKey')).toContainText('Key set ••••')
  await expect(page.getByTestId('key-origin-checknumber')).toHaveCount(0)

  // The base URL moves to another origin: the card says the key will not go there until entered again.
  await page.getByTestId('base-url-checknumber').fill(`${elsewhere}/proxy`)
  await page.getByTestId('settings-save-checknumber').click()
  const note = page.getByTestId('key-origin-checknumber')
  await expect(note).toHaveText(
    `The key was entered for https://api.checknumber.ai; enter it again to use it with ${elsewhere}. ` +
      'Until then Ringtrue does not send it.'
  )
  await expect(page.getByTestId('settings-nav-checknumber')).toContainText('Key for another address')
  await page.getByTestId('test-connection-checknumber').click()
  await expect(page.getByTestId('test-result-checknumber')).toContainText(
    `entered for https://api.checknumber.ai, not for ${elsewhere}`
  )
  await card.scrollIntoViewIfNeeded()
  await shot(page, '25-settings-key-origin')

  // Entered again with the new address in effect: the note goes, and the test now reaches that address.
  await page.getByTestId('key-input-checknumber-apiKey').fill(KEY)
  await page.getByTestId('key-save-checknumber-apiKey').click()
  await expect(note).toHaveCount(0)
  await page.getByTestId('test-connection-checknumber').click()
  await expect(page.getByTestId('test-result-checknumber')).toContainText(/ECONNREFUSED/)
  expect(await pageText(page)).not.toContain(KEY)
  await page.getByTestId('key-delete-checknumber-apiKey').click()
  await expect(page.getByTestId('key-state-checknumber-apiKey')).toHaveText('Not set')
})

test('without a keychain the screen says why, offers the variable, and disables key entry', async ({
  page
}) => {
  const keychain = new MemorySecretStore()
  keychain.unavailable = {
    reason: 'No Secret Service answered on the session bus (gnome-keyring or KWallet is not running).',
    hint: 'Start your keyring, or set RINGTRUE_<PROVIDER>_KEY in the environment for Ringtrue to use.'
  }
  const bare = await startHost({
    secrets: keychain,
    env: { RINGTRUE_TOOLKK_KEY: 'tk-from-the-environment-42' }
  })
  try {
    await page.goto(bare.url)
    await page.getByTestId('nav-settings').click()
    const banner = page.getByTestId('keychain-unavailable')
    await expect(banner).toContainText('No Secret Service answered')
    await expect(banner).toContainText('RINGTRUE_<PROVIDER>_KEY')
    await expect(page.getByTestId('key-input-acedata-apiKey')).toBeDisabled()
    await expect(page.getByTestId('settings-nav-toolkk')).toContainText('Key from environment')
    await page.getByTestId('settings-nav-toolkk').click()
    await expect(page.getByTestId('key-state-toolkk-apiKey')).toHaveText(
      'Key set ••••t-42 from RINGTRUE_TOOLKK_KEY (environment)'
    )
    await shot(page, '24-settings-no-keychain')
    expect(await pageText(page)).not.toContain('tk-from-the-environment-42')
  } finally {
    await bare.close()
  }
})

test('the list selects a provider and shows only its detail', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-nav-acedata')).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('settings-nav-offline')).toContainText('No key needed')
  await page.getByTestId('settings-nav-telesign').click()
  await expect(page.getByTestId('settings-nav-telesign')).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('settings-nav-acedata')).not.toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('provider-card-telesign')).toBeVisible()
  await expect(page.getByTestId('key-input-telesign-customerId')).toBeVisible()
  await expect(page.getByTestId('provider-card-acedata')).toHaveCount(0)
  await page.getByTestId('settings-nav-offline').click()
  await expect(page.getByTestId('provider-card-offline')).toContainText('numbering-plan data')
  await expect(page.locator('[data-testid^="provider-card-"]')).toHaveCount(1)
})

test('“Set it in Settings” from a paid check opens Settings on that provider, cursor in its key', async ({
  page
}) => {
  const work = mkdtempSync(join(tmpdir(), 'ringtrue-settings-'))
  const file = join(work, 'cn.csv')
  writeFileSync(file, 'Name,Mobile\r\na,+8613800000001\r\n')
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-telesign').click()
  const enabled = page.getByTestId('provider-enabled-telesign')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()

  await page.getByTestId('new-check').click()
  await queuePath(host, 'open-path', file)
  await page.getByTestId('choose-file').click()
  await page.getByTestId('paid-toggle').click({ force: true })
  await page.getByTestId('add-provider').selectOption('telesign')
  await page.getByTestId('route-key-missing-telesign').getByRole('button').click()

  await expect(page.getByTestId('settings-nav-telesign')).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('provider-card-telesign')).toBeVisible()
  await expect(
    page.locator('[data-testid="provider-card-telesign"] input[type="password"]').first()
  ).toBeFocused()
  await enabled.click({ force: true })
  await expect(enabled).not.toBeChecked()
})

test('a value out of range is refused at the field and Save stays disabled; a valid one saves', async ({
  page
}) => {
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  const field = page.getByTestId('concurrency-acedata')
  const save = page.getByTestId('settings-save-acedata')
  await field.fill('-3')
  const error = page.getByTestId('concurrency-acedata-error')
  await expect(error).toHaveText('Enter a whole number from 1 to 64.')
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  const errorId = await error.getAttribute('id')
  expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId)
  await expect(save).toBeDisabled()
  await expect(page.getByTestId('settings-invalid-acedata')).toBeVisible()

  await field.fill('5')
  await expect(error).toHaveCount(0)
  await expect(field).not.toHaveAttribute('aria-invalid', 'true')
  await expect(save).toBeEnabled()
  await save.click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await page.reload()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('concurrency-acedata')).toHaveValue('5')
  await page.getByTestId('concurrency-acedata').fill('8')
  await page.getByTestId('settings-save-acedata').click()
  await expect(page.getByTestId('concurrency-acedata')).toHaveValue('8')
})

test('简体中文 from Settings re-renders the page in Chinese and is kept after a reload', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-appearance').click()
  // The host stands in for an English OS, so "System" names English.
  await expect(page.getByTestId('appearance-settings')).toContainText('System (English)')
  await expect(page.getByTestId('appearance-settings')).toContainText('简体中文')
  await page.getByTestId('language-zh-CN').check({ force: true })

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.locator('.page-title')).toHaveText('设置')
  // Still on the appearance entry after the app re-rendered in the new language.
  await expect(page.getByTestId('appearance-settings')).toContainText('外观与语言')
  await expect(page.getByTestId('language-zh-CN')).toBeChecked()
  await page.getByTestId('settings-nav-acedata').click()
  await expect(page.getByTestId('provider-card-acedata')).toContainText('中国大陆手机号码')
  await page.getByTestId('concurrency-acedata').fill('-3')
  await expect(page.getByTestId('concurrency-acedata-error')).toHaveText('请输入 1 到 64 之间的整数。')
  await shot(page, '26-settings-zh')

  await page.reload()
  await page.getByTestId('nav-settings').click()
  await expect(page.locator('.page-title')).toHaveText('设置')
  await expect(page.getByTestId('settings-nav-appearance')).toContainText('中文')
  await page.getByTestId('settings-nav-appearance').click()
  await expect(page.getByTestId('language-zh-CN')).toBeChecked()
  await page.getByTestId('language-en').check({ force: true })
  await expect(page.locator('.page-title')).toHaveText('Settings')
})

test('Theme Dark is applied at once and kept; Theme System follows the colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-appearance').click()
  const html = page.locator('html')
  await expect(html).toHaveAttribute('data-theme', 'light')
  await page.getByTestId('theme-dark').check({ force: true })
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('settings-nav-appearance')).toContainText('Dark')
  await page.reload()
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(html).toHaveAttribute('data-theme', 'dark')

  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-nav-appearance').click()
  await expect(page.getByTestId('theme-dark')).toBeChecked()
  await page.getByTestId('theme-system').check({ force: true })
  await expect(html).toHaveAttribute('data-theme', 'light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(html).toHaveAttribute('data-theme', 'light')
})

test('at 1280×800, 1024×700 and 900×600 the settings fit the window in both languages', async ({ page }) => {
  const zh = await startHost({ locale: 'zh-CN' })
  try {
    for (const url of [host.url, zh.url]) {
      await page.goto(url)
      await page.getByTestId('nav-settings').click()
      for (const [width, height] of [
        [1280, 800],
        [1024, 700],
        [900, 600]
      ]) {
        await page.setViewportSize({ width, height })
        for (const section of ['checknumber', 'telesign', 'appearance']) {
          await page.getByTestId(`settings-nav-${section}`).click()
          await expect(page.getByTestId('settings-detail')).toBeVisible()
          // Nothing wider than the window, and no list entry or button cut short.
          const cut = (await page.evaluate(`(() => {
            const root = document.documentElement
            const wide = root.scrollWidth > root.clientWidth ? ['page'] : []
            const clipped = Array.from(document.querySelectorAll('.page-settings, .settings-nav-item, .page-settings .btn'))
              .filter((element) => element.scrollWidth > element.clientWidth + 1)
              .map((element) => element.getAttribute('data-testid') || element.className)
            return [...wide, ...clipped]
          })()`)) as string[]
          expect(cut, `${url} ${width}×${height} ${section}`).toEqual([])
        }
      }
    }
  } finally {
    await zh.close()
  }
})
