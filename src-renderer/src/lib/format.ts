const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

export function formatCount(value: number): string {
  return integer.format(value)
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
  return perSecond >= 100 ? integer.format(perSecond) : oneDecimal.format(perSecond)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value >= 100 ? integer.format(value) : oneDecimal.format(value)} ${units[unit]}`
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return 'less than a second'
  if (seconds < 60) return `${Math.ceil(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) {
    const rest = Math.round(seconds % 60)
    return rest > 0 && minutes < 10 ? `${minutes} min ${rest} s` : `${minutes} min`
  }
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

function parseDate(iso: string | null): Date | null {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
const shortDateYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

export function formatDateTime(iso: string | null): string {
  const date = parseDate(iso)
  return date ? dateTime.format(date) : '—'
}

/** Compact form for lists: time today, day and month this year, full date otherwise. */
export function formatShortDate(iso: string | null, now: Date = new Date()): string {
  const date = parseDate(iso)
  if (!date) return '—'
  if (date.toDateString() === now.toDateString()) return `Today, ${timeOnly.format(date)}`
  if (date.getFullYear() === now.getFullYear()) return shortDate.format(date)
  return shortDateYear.format(date)
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

let displayNames: Intl.DisplayNames | null | undefined

/**
 * A country's name: the name main lists for it (the same Intl.DisplayNames reading main uses), else the engine's
 * own English name, else the code itself.
 */
export function regionName(code: string, regions?: readonly { code: string; name: string }[] | null): string {
  const listed = regions?.find((r) => r.code === code)?.name
  if (listed) return listed
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region' })
    } catch {
      displayNames = null
    }
  }
  try {
    return displayNames?.of(code) ?? code
  } catch {
    return code
  }
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

/** "0.18 USD", "0.0035 USD": enough decimals for per-lookup prices, never fewer than two. */
export function formatMoney(amount: number, currency: string): string {
  const digits = amount !== 0 && Math.abs(amount) < 0.1 ? 4 : 2
  const text = amount.toLocaleString('en-US', {
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

/** "today", "yesterday", "12 days ago", "3 months ago", "2 years ago". */
export function formatAge(iso: string | null, now: Date = new Date()): string {
  const days = daysAgo(iso, now)
  if (days === null) return '—'
  if (days === 0) return 'today'
  if (days === 1) return 'yesterday'
  if (days < 60) return `${days} days ago`
  const months = Math.floor(days / 30.4)
  if (months < 24) return `${months} months ago`
  return `${Math.floor(days / 365)} years ago`
}

/** A user-typed amount: null for empty, NaN for anything that is not a number of zero or more. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  // A comma is refused rather than guessed: "1,000" and "0,5" mean different things in different places.
  const value = /^\d*\.?\d+$|^\d+\.$/.test(trimmed) ? Number(trimmed) : Number.NaN
  return Number.isFinite(value) && value >= 0 ? value : Number.NaN
}
