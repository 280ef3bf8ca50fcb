// Every main screen at the three window sizes of issue 12 (1280×800, 1024×700, 900×600 — 900 is the window's
// minimum width), in the light and the dark theme, in English and in Simplified Chinese (a host whose OS locale
// is zh-CN): neither the page nor a pane scrolls sideways, no element pokes out past the right edge (except
// inside a declared scroller such as the data grid: DECLARED_SCROLLERS), and no count (`[data-count]`) is cut.
// In Chinese, no English word is left on the screen (i18n-scan.ts; names and the user's own data excepted).
// Plus: the theme follows prefers-color-scheme while the choice is System, charts included.
//
// Each screen is reached once (a page shared by its cases); its cases only resize the window and switch the
// colour scheme. A screenshot of every case lands in test-results/screens-sizes/ for a human to look at.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { ACEDATA_SIM_KEY, startAcedataSimulator, type AcedataSimulator } from '../fakes/acedata-simulator'
import { startHost, type TestHost } from './host'
import { findUntranslated, type DomElement } from './i18n-scan'
import { queuePath } from './queue'

// The functions given to page.evaluate run in Chromium, but this file is type-checked for Node (no DOM
// library): these are the few DOM pieces they use (the element types are shared with i18n-scan.ts).
declare const document: { documentElement: DomElement; body: DomElement } & Pick<
  DomElement,
  'querySelectorAll'
>
declare const window: { innerWidth: number }
declare function getComputedStyle(element: DomElement): { overflowX: string; backgroundColor: string }

const SCREENS = resolve(__dirname, '../../test-results/screens-sizes')
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 900, height: 600 }
] as const
const THEMES = ['light', 'dark'] as const

const LOCALES = ['en-US', 'zh-CN'] as const

/**
 * Words that come from the lists these screens import (file and sheet names, headers, cells) and the test host's
 * version string ("test"): the user's data, shown as written in any language.
 */
const DATA_WORDS = [
  'contacts',
  'march',
  'april',
  'cn',
  'First Name',
  'Last Name',
  'Mobile Phone',
  'Company',
  'Acme',
  'Row',
  'Name',
  'Phone',
  'Mobile',
  'test'
]
type Locale = (typeof LOCALES)[number]

/** One host per OS locale; `host` is the one the screens below are being opened in. */
const hosts = {} as Record<Locale, TestHost>
let host: TestHost
let ace: AcedataSimulator
let work: string

interface Problem {
  what: string
  right?: number
}

/** 40 contacts: 30 US numbers, 6 broken entries, 4 rows without a number. */
function contactsCsv(): string {
  const lines = ['First Name,Last Name,Mobile Phone,Company']
  for (let i = 0; i < 30; i++)
    lines.push(`Person${i},Surname${i},(201) 555-${String(100 + (i % 25)).padStart(4, '0')},Acme`)
  for (let i = 0; i < 6; i++) lines.push(`Broken${i},Row,12${i},Acme`)
  for (let i = 0; i < 4; i++) lines.push(`Empty${i},Row,,Acme`)
  return lines.join('\r\n')
}

function csv(name: string, rows: string[][]): string {
  const file = join(work, name)
  writeFileSync(file, rows.map((r) => r.join(',')).join('\r\n'))
  return file
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'ringtrue-ui-screens-'))
  writeFileSync(join(work, 'contacts.csv'), contactsCsv())
  ace = await startAcedataSimulator({ rateLimit: { max: 1000, windowMs: 1000 } })
  // The key comes from the environment, so this spec does not need the keychain.
  for (const locale of LOCALES) {
    hosts[locale] = await startHost({
      env: { RINGTRUE_ACEDATA_KEY: ACEDATA_SIM_KEY },
      baseUrls: { acedata: ace.url },
      locale
    })
  }
  host = hosts['en-US']
})

test.afterAll(async () => {
  for (const locale of LOCALES) await hosts[locale]?.close()
  await ace?.close()
})

async function openApp(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  return page
}

async function importFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('new-check').click()
  await queuePath(host, 'open-path', file)
  await page.getByTestId('choose-file').click()
  await expect(page.getByTestId('preview-panel')).toBeVisible()
}

async function importAndCheck(page: Page, file: string, rows: number): Promise<void> {
  await importFile(page, file)
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('results-table')).toBeVisible()
  // "40 of 40 rows" in English, "40 / 40 行" in Chinese.
  await expect(page.getByTestId('row-count')).toContainText(new RegExp(`^${rows}\\D+${rows}\\D`))
}

/** Ace switched on in Settings, then a list of mainland mobiles imported with the paid check: the pre-flight. */
async function openPreflight(page: Page, prefix: string): Promise<void> {
  // The job-progress screen of the other language left the simulator holding answers back.
  ace.setMode('normal')
  await page.getByTestId('nav-settings').click()
  const enabled = page.getByTestId('provider-enabled-acedata')
  if (!(await enabled.isChecked())) await enabled.click({ force: true })
  await expect(enabled).toBeChecked()
  const numbers = Array.from({ length: 10 }, (_, i) => `+86${prefix}${String(i).padStart(7, '0')}${i}`)
  await importFile(
    page,
    csv(`cn-${prefix}.csv`, [['Name', 'Mobile'], ...numbers.map((n, i) => [`cn${i}`, n])])
  )
  await page.getByTestId('paid-toggle').click({ force: true })
  await page.getByTestId('add-provider').selectOption('acedata')
  await page.getByTestId('start-import').click()
  await expect(page.getByTestId('preflight')).toBeVisible()
}

/**
 * Boxes meant to scroll sideways on a small window: the data grid, the preview's sample of the file, the
 * overview's row of charts (kept in one row on purpose), a provider's raw answer; `data-scroll-x` declares more.
 */
const DECLARED_SCROLLERS = '[role=grid], .sample-scroll, .overview, .raw-answer pre, [data-scroll-x]'

/**
 * What overflows at the current size: the page scrolling sideways, any other box scrolling sideways that is not
 * a declared scroller (the main pane, a table wrapper), every visible element whose right edge passes the
 * viewport outside a declared scroller (the body clips it: cut off), and every [data-count] whose text is cut.
 */
function measureOverflow(page: Page): Promise<Problem[]> {
  return page.evaluate((declared) => {
    const problems: { what: string; right?: number }[] = []
    const width = window.innerWidth
    const describe = (el: DomElement): string => {
      const id = el.getAttribute('data-testid')
      const cls =
        typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''
      const text = (el.textContent ?? '').trim().slice(0, 30)
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''} "${text}"`
    }
    const visible = (el: DomElement): boolean => {
      const rect = el.getBoundingClientRect()
      return (
        rect.width > 0 &&
        rect.height > 0 &&
        el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      )
    }
    if (document.documentElement.scrollWidth > width) {
      problems.push({ what: 'page scrolls sideways', right: document.documentElement.scrollWidth })
    }
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!visible(el) || el.closest(declared)) continue
      const overflowX = getComputedStyle(el).overflowX
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        problems.push({ what: `scrolls sideways: ${describe(el)}`, right: el.scrollWidth - el.clientWidth })
      }
      const right = el.getBoundingClientRect().right
      if (right > width + 0.5) problems.push({ what: `past the right edge: ${describe(el)}`, right })
    }
    for (const el of Array.from(document.querySelectorAll('[data-count]'))) {
      if (!visible(el)) continue
      const rect = el.getBoundingClientRect()
      let cut = el.clientWidth > 0 && el.scrollWidth > el.clientWidth
      // A count inside a box that clips it (a chip with an ellipsis) is cut even when its own box is not.
      for (let up = el.parentElement; !cut && up && up !== document.body; up = up.parentElement) {
        if (up.matches(declared)) break
        const overflowX = getComputedStyle(up).overflowX
        if (overflowX !== 'hidden' && overflowX !== 'clip') continue
        const box = up.getBoundingClientRect()
        cut = rect.right > box.right + 0.5 || rect.left < box.left - 0.5
      }
      if (cut) problems.push({ what: `count cut: ${describe(el)}` })
    }
    return problems
  }, DECLARED_SCROLLERS)
}

interface Screen {
  name: string
  /** Brings a fresh page to the screen. */
  open: (page: Page) => Promise<void>
  /** Screens whose counts must carry data-count (so the cut-count check has something to look at). */
  counts?: boolean
}

const SCREEN_LIST: Screen[] = [
  {
    name: 'import-drop-zone',
    open: async (page) => {
      await expect(page.getByTestId('drop-zone')).toBeVisible()
    }
  },
  {
    name: 'preview-mapping',
    open: async (page) => {
      await importFile(page, join(work, 'contacts.csv'))
      await expect(page.getByTestId('phone-toggle-2')).toBeChecked()
    }
  },
  {
    name: 'preflight',
    open: async (page) => {
      await openPreflight(page, '139')
    }
  },
  {
    name: 'job-progress',
    open: async (page) => {
      await openPreflight(page, '137')
      // Every answer held back for ten minutes: the job stays on its progress screen for the whole test.
      ace.setMode('slow', 600_000)
      await page.getByTestId('start-live').click()
      await page.getByTestId('confirm-accept').click()
      await expect(page.getByTestId('live-progress')).toBeVisible()
    }
  },
  {
    name: 'results',
    counts: true,
    open: async (page) => {
      await importAndCheck(page, join(work, 'contacts.csv'), 40)
      await expect(page.getByTestId('overview')).toBeVisible()
      await expect(page.getByTestId('facet-panel')).toBeVisible()
    }
  },
  {
    name: 'compare',
    counts: true,
    open: async (page) => {
      const phone = (n: number): string => `(212) 555-${String(100 + n).padStart(4, '0')}`
      const march = csv('march.csv', [['Name', 'Phone'], ...[1, 2, 3, 4, 5].map((n) => [`P${n}`, phone(n)])])
      const april = csv('april.csv', [['Name', 'Phone'], ...[2, 3, 4, 5, 6].map((n) => [`P${n}`, phone(n)])])
      await importAndCheck(page, march, 5)
      await importAndCheck(page, april, 5)
      await page.getByTestId('open-compare').click()
      await page
        .getByTestId('compare-dialog')
        .getByRole('button', { name: /^march/ })
        .click()
      await expect(page.getByTestId('compare-view')).toBeVisible()
    }
  },
  {
    name: 'export-dialog',
    open: async (page) => {
      await importAndCheck(page, join(work, 'contacts.csv'), 40)
      await page.getByTestId('open-export').click()
      await expect(page.getByTestId('export-dialog')).toBeVisible()
    }
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.getByTestId('nav-settings').click()
      await expect(page.getByTestId('provider-enabled-acedata')).toBeAttached()
    }
  }
]

for (const locale of LOCALES) {
  for (const screen of SCREEN_LIST) {
    test.describe(`${screen.name} fits the window (${locale})`, () => {
      let page: Page

      test.beforeAll(async ({ browser }) => {
        test.setTimeout(120_000)
        host = hosts[locale]
        page = await openApp(browser)
        await screen.open(page)
      })

      test.afterAll(async () => {
        await page?.close()
      })

      if (locale === 'zh-CN') {
        test('no English word is left untranslated', async () => {
          await page.setViewportSize(SIZES[0])
          // One line per text, so a failure names what to translate (or to mark as the user's data-user-text).
          const left = (await findUntranslated(page, { allow: DATA_WORDS })).map(
            (f) => `${f.source}: ${f.context}`
          )
          expect([...new Set(left)]).toEqual([])
        })
      }

      for (const size of SIZES) {
        for (const theme of THEMES) {
          test(`${size.width}×${size.height} ${theme}`, async () => {
            await page.setViewportSize(size)
            await page.emulateMedia({ colorScheme: theme })
            await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
            // Charts and the grid lay out again after a resize (ResizeObserver): wait for the page to settle.
            await expect.poll(() => measureOverflow(page), { timeout: 5_000 }).toEqual([])
            if (screen.counts) expect(await page.locator('[data-count]').count()).toBeGreaterThan(0)
            await page.screenshot({
              path: join(SCREENS, `${screen.name}-${locale}-${size.width}x${size.height}-${theme}.png`),
              animations: 'disabled'
            })
          })
        }
      }
    })
  }
}

test.describe('the theme follows the system while the choice is System', () => {
  test('a dark colour scheme darkens the page and the charts, and light brings them back', async ({
    browser
  }) => {
    const page = await openApp(browser)
    await importAndCheck(page, join(work, 'contacts.csv'), 40)
    const slice = page.getByTestId('overview-status-slice-invalid')
    await expect(slice).toBeVisible()
    const background = (): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor)

    await page.emulateMedia({ colorScheme: 'light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    // The light palette's --bg-main and --invalid (app.css), as the browser reports them.
    expect(await background()).toBe('rgb(252, 252, 253)')
    await expect(slice).toHaveAttribute('fill', '#d7333a')

    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await background()).toBe('rgb(27, 27, 33)')
    await expect(slice).toHaveAttribute('fill', '#f0575e')

    await page.emulateMedia({ colorScheme: 'light' })
    await expect(slice).toHaveAttribute('fill', '#d7333a')
    await page.close()
  })

  test('the first paint already has the system theme (no light flash on a dark system)', async ({
    browser
  }) => {
    const page = await browser.newPage({ colorScheme: 'dark' })
    // Read before the app's own code runs: only the boot script in index.html can have set it.
    await page.route('**/assets/*.js', (route) => route.abort())
    await page.goto(host.url)
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.close()
  })
})
