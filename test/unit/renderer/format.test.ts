import { describe, expect, it } from 'vitest'
import { columnLetter, fileStem, flagEmoji, formatDuration, formatPercent } from '@renderer/lib/format'
import { lineTypeLabel, reasonLabel } from '@renderer/lib/labels'
import { toUiError } from '@renderer/lib/errors'

describe('renderer formatting', () => {
  it('writes reasons for people and keeps unknown codes readable', () => {
    expect(reasonLabel('invalid_number')).toBe('Invalid number')
    expect(reasonLabel('lost_digits')).toBe('Digits lost (scientific notation)')
    expect(reasonLabel('some_new_code')).toBe('Some new code')
    expect(reasonLabel(null)).toBe('')
    expect(lineTypeLabel('fixed_line')).toBe('Landline')
  })

  it('turns ISO codes into flags and ignores anything else', () => {
    expect(flagEmoji('de')).toBe('🇩🇪')
    expect(flagEmoji('001')).toBe('')
    expect(flagEmoji(null)).toBe('')
  })

  it('never rounds an unfinished job up to 100%', () => {
    expect(formatPercent(999, 1000)).toBe('99%')
    expect(formatPercent(1, 1000)).toBe('<1%')
    expect(formatPercent(1000, 1000)).toBe('100%')
    expect(formatPercent(0, 0)).toBe('0%')
  })

  it('formats durations, letters and file stems', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(42.2)).toBe('43 s')
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min')
    expect(columnLetter(0)).toBe('A')
    expect(columnLetter(27)).toBe('AB')
    expect(fileStem('C:\\lists\\leads.2025.xlsx')).toBe('leads.2025')
  })

  it('strips the Electron invoke prefix from error messages', () => {
    const error = Object.assign(
      new Error("Error invoking remote method 'imports:preview': Error: The file is empty."),
      {
        code: 'empty_file'
      }
    )
    expect(toUiError(error)).toEqual({ code: 'empty_file', message: 'The file is empty.' })
  })
})

describe('stray_plus is named for people', () => {
  it('the renderer labels the reason (and the lost + next to it)', () => {
    expect(reasonLabel('stray_plus')).toBe('Malformed: + inside the digits')
    expect(reasonLabel('lost_plus')).toBe('Leading + lost')
  })
})
