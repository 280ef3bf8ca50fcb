// Numbers, money, sizes, durations and dates for the active UI language, with Intl. Formatters are made once
// per language and kept: the language changes rarely, the formatting happens for every visible row.
import type { UiLanguage } from '@contract/types'
import { currentLanguage } from '../i18n'

interface Formatters {
  integer: Intl.NumberFormat
  oneDecimal: Intl.NumberFormat
  dateTime: Intl.DateTimeFormat
  date: Intl.DateTimeFormat
  time: Intl.DateTimeFormat
  shortDate: Intl.DateTimeFormat
  shortDateYear: Intl.DateTimeFormat
  relative: Intl.RelativeTimeFormat
  relativeAuto: Intl.RelativeTimeFormat
}

const cache = new Map<UiLanguage, Formatters>()

function formatters(language: UiLanguage = currentLanguage()): Formatters {
  let found = cache.get(language)
  if (!found) {
    found = {
      integer: new Intl.NumberFormat(language, { maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }),
      dateTime: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
      date: new Intl.DateTimeFormat(language, { dateStyle: 'medium' }),
      time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }),
      shortDate: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }),
      shortDateYear: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric' }),
      relative: new Intl.RelativeTimeFormat(language, { numeric: 'always' }),
      relativeAuto: new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
    }
    cache.set(language, found)
  }
  return found
}

const zh = (): boolean => currentLanguage() === 'zh-CN'

export function formatCount(value: number): string {
  return formatters().integer.format(value)
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%'
  const pct = (part / whole) * 100
  if (pct > 0 && pct < 1) return '<1%'
  if (pct < 100 && pct > 99) return '99%'
  return `${Math.floor(pct)}%`
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—'
  const f = formatters()
  return perSecond >= 100 ? f.integer.format(perSecond) : f.oneDecimal.format(perSecond)
}

export function formatBytes(bytes: number): string {
  const f = formatters()
  if (bytes < 1024) return `${f.integer.format(bytes)} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value >= 100 ? f.integer.format(value) : f.oneDecimal.format(value)} ${units[unit]}`
}

/** "43 s", "2 min 5 s", "3 h 2 min"; in Chinese "43 秒", "2 分 5 秒", "3 小时 2 分". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  const [h, m, s] = zh() ? ['小时', '分', '秒'] : ['h', 'min', 's']
  if (seconds < 1) return zh() ? '不到 1 秒' : 'less than a second'
  if (seconds < 60) return `${Math.ceil(seconds)} ${s}`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) {
    const rest = Math.round(seconds % 60)
    return rest > 0 && minutes < 10 ? `${minutes} ${m} ${rest} ${s}` : `${minutes} ${m}`
  }
  const hours = Math.floor(minutes / 60)
  return `${hours} ${h} ${minutes % 60} ${m}`
}

function parseDate(iso: string | null): Date | null {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

export function formatDateTime(iso: string | null): string {
  const date = parseDate(iso)
  return date ? formatters().dateTime.format(date) : '—'
}

export function formatDate(iso: string | null): string {
  const date = parseDate(iso)
  return date ? formatters().date.format(date) : '—'
}

export function formatTime(iso: string | null): string {
  const date = parseDate(iso)
  return date ? formatters().time.format(date) : '—'
}

/** Compact form for lists: "Today, 2:05 PM" (今天 14:05) today, day and month this year, full date otherwise. */
export function formatShortDate(iso: string | null, now: Date = new Date()): string {
  const date = parseDate(iso)
  if (!date) return '—'
  const f = formatters()
  if (date.toDateString() === now.toDateString()) {
    const time = f.time.format(date)
    return zh() ? `今天 ${time}` : `Today, ${time}`
  }
  if (date.getFullYear() === now.getFullYear()) return f.shortDate.format(date)
  return f.shortDateYear.format(date)
}

/** "3 minutes ago", "in 2 hours", "3 分钟前": the largest unit that fits, for times close to now. */
export function formatRelativeTime(iso: string | null, now: Date = new Date()): string {
  const date = parseDate(iso)
  if (!date) return '—'
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000)
  const size = Math.abs(seconds)
  const f = formatters()
  if (size < 45) return f.relativeAuto.format(0, 'second')
  if (size < 45 * 60) return f.relative.format(Math.round(seconds / 60), 'minute')
  if (size < 22 * 3600) return f.relative.format(Math.round(seconds / 3600), 'hour')
  return f.relative.format(Math.round(seconds / 86_400), 'day')
}

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return String(value)
}

/** Regional-indicator pair for an ISO 3166-1 alpha-2 code; empty for anything else (e.g. "001"). */
export function flagEmoji(code: string | null): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return ''
  const base = 0x1f1e6
  const upper = code.toUpperCase()
  return String.fromCodePoint(base + upper.charCodeAt(0) - 65, base + upper.charCodeAt(1) - 65)
}

const displayNames = new Map<UiLanguage, Intl.DisplayNames | null>()

function regionNames(language: UiLanguage): Intl.DisplayNames | null {
  if (!displayNames.has(language)) {
    try {
      displayNames.set(language, new Intl.DisplayNames([language], { type: 'region' }))
    } catch {
      displayNames.set(language, null)
    }
  }
  return displayNames.get(language) ?? null
}

/**
 * A country's name. In English: the name main lists for it (the same Intl.DisplayNames reading main uses), else
 * the engine's own English name. In Chinese the engine's Chinese name comes first (main lists English names).
 * The code itself when nothing knows it.
 */
export function regionName(
  given: string,
  regions?: readonly { code: string; name: string }[] | null
): string {
  // Data may carry a lower-case code ("us"); names are known by the upper-case one.
  const code = /^[a-z]{2}$/i.test(given) ? given.toUpperCase() : given
  const language = currentLanguage()
  const own = (): string | null => {
    try {
      const name = regionNames(language)?.of(code)
      return name && name !== code ? name : null
    } catch {
      return null
    }
  }
  if (language !== 'en') {
    const name = own()
    if (name) return name
  }
  return regions?.find((r) => r.code === code)?.name ?? own() ?? code
}

export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

export function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath
}

export { columnLetter } from '@contract/types'

/**
 * "0.18 USD", "0.0035 USD": enough decimals for per-lookup prices, never fewer than two. The currency comes from
 * the data (a provider's price or an account's balance) and is written as its code in both languages, the way
 * the providers' own pages show it.
 */
export function formatMoney(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.1 ? 4 : 2
  const text = amount.toLocaleString(currentLanguage(), {
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
    useGrouping: true
  })
  return currency ? `${text} ${currency}` : text
}

/** Amounts in several currencies side by side ("0.18 USD + 1.20 CNY"); `none` when there is nothing. */
export function formatSpend(
  lines: { currency: string; amount: number; estimated?: boolean }[],
  none = '0.00'
): string {
  const shown = lines.filter((line) => line.amount !== 0)
  if (shown.length === 0) return none
  // "≈": the figure holds an estimate (a provider that does not document what it bills, counted at its price).
  return shown
    .map((line) => `${line.estimated ? '≈' : ''}${formatMoney(line.amount, line.currency)}`)
    .join(' + ')
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole calendar days between a date and now, in local time; null for a missing or unreadable date. */
export function daysAgo(iso: string | null, now: Date = new Date()): number | null {
  const date = parseDate(iso)
  if (!date) return null
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  return Math.max(0, Math.round((start(now) - start(date)) / DAY_MS))
}

/** "today", "yesterday", "12 days ago", "3 months ago", "2 years ago"; "今天", "昨天", "12天前" in Chinese. */
export function formatAge(iso: string | null, now: Date = new Date()): string {
  const days = daysAgo(iso, now)
  if (days === null) return '—'
  const { relativeAuto } = formatters()
  if (days < 60) return relativeAuto.format(-days, 'day')
  const months = Math.floor(days / 30.4)
  if (months < 24) return relativeAuto.format(-months, 'month')
  return relativeAuto.format(-Math.floor(days / 365), 'year')
}

/** A user-typed amount: null for empty, NaN for anything that is not a number of zero or more. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  // A comma is refused rather than guessed: "1,000" and "0,5" mean different things in different places.
  const value = /^\d*\.?\d+$|^\d+\.$/.test(trimmed) ? Number(trimmed) : Number.NaN
  return Number.isFinite(value) && value >= 0 ? value : Number.NaN
}
