import { afterEach, describe, expect, it } from 'vitest'
import { applyLanguage } from '@renderer/i18n'
import {
  formatAge,
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatRelativeTime,
  formatShortDate,
  formatTime,
  regionName
} from '@renderer/lib/format'

// The vitest config runs in UTC, so these local times are the times written.
const now = new Date('2026-03-14T15:30:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()

afterEach(() => applyLanguage('en'))

describe('formatting for the UI language', () => {
  it('writes counts, sizes and money in English', () => {
    applyLanguage('en')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatBytes(5 * 1024 * 1024 + 300 * 1024)).toBe('5.3 MB')
    expect(formatMoney(1234.5, 'USD')).toBe('1,234.50 USD')
    expect(formatMoney(0.0035, 'CNY')).toBe('0.0035 CNY')
  })

  it('writes counts, sizes and money in Chinese', () => {
    applyLanguage('zh-CN')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatBytes(5 * 1024 * 1024 + 300 * 1024)).toBe('5.3 MB')
    expect(formatMoney(1234.5, 'CNY')).toBe('1,234.50 CNY')
  })

  it('writes durations in each language', () => {
    applyLanguage('en')
    expect(formatDuration(125)).toBe('2 min 5 s')
    expect(formatDuration(0.2)).toBe('less than a second')
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min')
    applyLanguage('zh-CN')
    expect(formatDuration(125)).toBe('2 分 5 秒')
    expect(formatDuration(43)).toBe('43 秒')
    expect(formatDuration(0.2)).toBe('不到 1 秒')
    expect(formatDuration(3 * 3600 + 120)).toBe('3 小时 2 分')
  })

  it('writes dates and times in each language', () => {
    const iso = '2026-03-14T14:05:00Z'
    applyLanguage('en')
    expect(formatShortDate(iso, now)).toBe('Today, 2:05 PM')
    expect(formatShortDate('2026-01-02T08:00:00Z', now)).toBe('Jan 2')
    expect(formatShortDate('2024-01-02T08:00:00Z', now)).toBe('Jan 2, 2024')
    expect(formatDate(iso)).toBe('Mar 14, 2026')
    expect(formatTime(iso)).toBe('2:05 PM')
    expect(formatDateTime(iso)).toBe('Mar 14, 2026, 2:05 PM')
    applyLanguage('zh-CN')
    expect(formatShortDate(iso, now)).toBe('今天 14:05')
    expect(formatShortDate('2026-01-02T08:00:00Z', now)).toBe('1月2日')
    expect(formatShortDate('2024-01-02T08:00:00Z', now)).toBe('2024年1月2日')
    expect(formatDate(iso)).toBe('2026年3月14日')
    expect(formatTime(iso)).toBe('14:05')
    expect(formatDateTime(iso)).toBe('2026年3月14日 14:05')
  })

  it('writes relative times in each language', () => {
    applyLanguage('en')
    expect(formatRelativeTime(ago(3 * 60_000), now)).toBe('3 minutes ago')
    expect(formatRelativeTime(ago(10_000), now)).toBe('now')
    expect(formatRelativeTime(ago(5 * 3600_000), now)).toBe('5 hours ago')
    expect(formatAge(ago(12 * 86_400_000), now)).toBe('12 days ago')
    expect(formatAge(ago(90 * 86_400_000), now)).toBe('2 months ago')
    applyLanguage('zh-CN')
    expect(formatRelativeTime(ago(3 * 60_000), now)).toBe('3分钟前')
    expect(formatRelativeTime(ago(5 * 3600_000), now)).toBe('5小时前')
    expect(formatAge(ago(0), now)).toBe('今天')
    expect(formatAge(ago(86_400_000), now)).toBe('昨天')
    expect(formatAge(ago(12 * 86_400_000), now)).toBe('12天前')
  })

  it('names countries in the UI language', () => {
    const listed = [{ code: 'DE', name: 'Germany' }]
    applyLanguage('en')
    expect(regionName('DE', listed)).toBe('Germany')
    applyLanguage('zh-CN')
    expect(regionName('DE', listed)).toBe('德国')
    expect(regionName('XY', listed)).toBe('XY')
  })
})
