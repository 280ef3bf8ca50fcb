// The untranslated-word scanner for the zh-CN pass of issue 12: on a page rendered in Chinese, every Latin word
// the user can see (text, placeholders, tooltips, accessible names) should be a name or an abbreviation that is
// written the same in Chinese, or come from the user's own data. Whatever else it finds was left in English.
import type { Page } from '@playwright/test'

// The functions given to page.evaluate run in Chromium, but this file is type-checked for Node (no DOM
// library): these are the few DOM pieces they use.
export interface DomRect {
  left: number
  right: number
  width: number
  height: number
}
export interface DomElement {
  tagName: string
  className: unknown
  textContent: string | null
  clientWidth: number
  scrollWidth: number
  parentElement: DomElement | null
  getAttribute(name: string): string | null
  getBoundingClientRect(): DomRect
  checkVisibility(options?: { visibilityProperty?: boolean; opacityProperty?: boolean }): boolean
  closest(selector: string): DomElement | null
  matches(selector: string): boolean
  querySelectorAll(selector: string): ArrayLike<DomElement>
}
interface DomNode {
  textContent: string | null
  parentElement: DomElement | null
}
declare const document: {
  body: DomElement
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null }
}
declare const NodeFilter: { SHOW_TEXT: number }

/**
 * Written as-is in Chinese UI text: product and provider names, file formats, technical abbreviations, units.
 * Phrases (several words) are taken out of the text before it is cut into words.
 */
export const DEFAULT_ALLOW: readonly string[] = [
  'Ringtrue',
  'Ace Data Cloud',
  'toolkk',
  'CheckNumber.ai',
  'Telesign',
  'PhoneID',
  'CheckMobi',
  'CSV',
  'Excel',
  // Each language's name is written in that language where the user picks one.
  'English',
  // Providers' product names as main lists them.
  'CheckMobi HLR lookup',
  'CheckNumber.ai Number Active Check',
  'Telesign PhoneID Live',
  'XLSX',
  'XLS',
  // File extensions as the drop zone lists them (.xlsx, .csv…) and the encoding name.
  'xlsx',
  'xls',
  'xlsb',
  'ods',
  'csv',
  'tsv',
  'txt',
  'vcf',
  'utf-8',
  'UTF-8',
  'API',
  'E.164',
  'HLR',
  'MNP',
  'HTTP',
  'HTTPS',
  'URL',
  'JSON',
  'PNG',
  'ID',
  'TSA',
  'HMAC',
  'D-Bus',
  'USD',
  'CNY',
  'EUR',
  'KB',
  'MB',
  'GB',
  'Ctrl',
  'Cmd',
  'Shift',
  'Alt',
  'Esc',
  'Enter',
  'Tab'
]

/**
 * Text that comes from the user's data, never translated: grid cells, and anything marked `data-user-text`
 * (file, sheet and column names, sample values, job names).
 */
export const USER_TEXT = '[data-user-text], [role=grid] [role=gridcell]'

export interface Untranslated {
  /** The Latin word as it appears. */
  word: string
  /** Where: text, placeholder, title or aria-label. */
  source: 'text' | 'placeholder' | 'title' | 'aria-label'
  /** The whole text it was found in, to find it on the page. */
  context: string
}

export interface ScanOptions {
  /** More words or phrases to accept, on top of DEFAULT_ALLOW (matched case-sensitively, as written). */
  allow?: readonly string[]
  /** Replace DEFAULT_ALLOW instead of adding to it. */
  replaceDefaults?: boolean
}

/**
 * The Latin words visible on the page that are not in the allow-list, outside user data. Single capital
 * letters, a text that is only a column letter ("AB") and words with digits (ids, "E164") are not words.
 */
export async function findUntranslated(page: Page, options: ScanOptions = {}): Promise<Untranslated[]> {
  const allow = [...(options.replaceDefaults ? [] : DEFAULT_ALLOW), ...(options.allow ?? [])]
  // Scripts run through tsx (esbuild keepNames) wrap inner functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name ??= (fn) => fn')
  const found = await page.evaluate(
    ({ userText }) => {
      const out: { text: string; source: 'text' | 'placeholder' | 'title' | 'aria-label' }[] = []
      const shown = (el: DomElement): boolean =>
        el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && !el.closest(userText)
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement
        const text = node.textContent?.trim() ?? ''
        if (!text || !parent || parent.closest('script, style, noscript, template')) continue
        if (!shown(parent)) continue
        // Text clipped to nothing (an sr-only label) is still read out, so it counts too.
        out.push({ text, source: 'text' })
      }
      for (const attribute of ['placeholder', 'title', 'aria-label'] as const) {
        for (const el of Array.from(document.body.querySelectorAll(`[${attribute}]`))) {
          const text = el.getAttribute(attribute)?.trim() ?? ''
          if (text && shown(el)) out.push({ text, source: attribute })
        }
      }
      return out
    },
    { userText: USER_TEXT }
  )
  const phrases = [...allow].sort((a, b) => b.length - a.length)
  const allowedWords = new Set(allow)
  const result: Untranslated[] = []
  for (const { text, source } of found) {
    // A text that is only a spreadsheet column letter (the "AB" badge of the mapping) is not a word.
    if (/^[A-Z]{1,3}$/.test(text)) continue
    // Web addresses, file paths and environment variable names are written the same in every language.
    let rest = text
      .replace(/\bhttps?:\/\/\S+/g, ' ')
      .replace(/(^|\s)(\/[^\s/]+)+\/?/g, ' ')
      .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, ' ')
    // Phrases and dotted names first, so "Ace Data Cloud" or "E.164" are not cut into words.
    for (const phrase of phrases) if (/[ .-]/.test(phrase)) rest = rest.split(phrase).join(' ')
    for (const match of rest.matchAll(/[A-Za-z][A-Za-z0-9'’]*/g)) {
      const word = match[0]
      // One capital letter (a column), two (a country code such as CN) or a word with digits (an id) is no word.
      if (allowedWords.has(word) || /^[A-Z]{1,2}$/.test(word) || /\d/.test(word)) continue
      result.push({ word, source, context: text })
    }
  }
  return result
}
