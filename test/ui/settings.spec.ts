// Settings screen end to end: keys go into a test service of the real keychain (scripts/with-keyring.sh), the
// connection test reaches the Ace Data Cloud and CheckMobi simulators on 127.0.0.1, and the key itself never
// reaches the page.
import { mkdirSync } from 'node:fs'
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
    await expect(page.getByTestId(`provider-card-${id}`)).toBeVisible()
  }
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

  // A base URL that is not http(s) is refused by main with a message on the card; a good one is kept.
  await page.getByTestId('base-url-toolkk').fill('ftp://example.com')
  await page.getByTestId('settings-save-toolkk').click()
  await expect(page.getByTestId('provider-card-toolkk')).toContainText(/http:\/\/ or https:\/\//)
  await page.getByTestId('base-url-toolkk').fill('https://proxy.example.com/toolkk/')
  await page.getByTestId('concurrency-toolkk').fill('3')
  await page.getByTestId('settings-save-toolkk').click()
  await expect(page.getByTestId('base-url-toolkk')).toHaveValue('https://proxy.example.com/toolkk')
  await page.reload()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('base-url-toolkk')).toHaveValue('https://proxy.example.com/toolkk')
  await expect(page.getByTestId('concurrency-toolkk')).toHaveValue('3')
  // The switch is controlled by main's answer, so it flips once the save is confirmed, not on the click itself.
  await page.getByTestId('provider-enabled-toolkk').click({ force: true })
  await expect(page.getByTestId('provider-card-toolkk')).toHaveClass(/is-enabled/)
  await expect(page.getByTestId('provider-enabled-toolkk')).toBeChecked()
  await page.getByTestId('key-input-checkmobi-apiKey').fill('x')
  expect(await pageText(page)).not.toContain(CHECKMOBI_SIM_KEY)
})

test('a key entered for one address is not sent to another: the card asks for it again', async ({ page }) => {
  const KEY = 'cn-origin-bound-key-4e5f6a7b'
  const elsewhere = 'http://127.0.0.1:9'
  await page.goto(host.url)
  await page.getByTestId('nav-settings').click()
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
    await expect(page.getByTestId('key-state-toolkk-apiKey')).toHaveText(
      'Key set ••••t-42 from RINGTRUE_TOOLKK_KEY (environment)'
    )
    await shot(page, '24-settings-no-keychain')
    expect(await pageText(page)).not.toContain('tk-from-the-environment-42')
  } finally {
    await bare.close()
  }
})
