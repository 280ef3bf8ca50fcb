import { describe, expect, it } from 'vitest'
import { isoTimestamp, resultValues } from '@core/export/columns'
import { RESULT_COLUMNS, resultColumnNames, sanitizeSheetName, splitPartPaths } from '@core/export'
import { join } from 'node:path'
import { resultRow } from './memory-source'

describe('resultColumnNames', () => {
  it('returns the result columns unchanged when nothing clashes', () => {
    expect(resultColumnNames(['Name', 'Phone'])).toEqual([
      'E.164',
      'Status',
      'Reason',
      'Line Type',
      'Country',
      'Carrier',
      'Provider',
      'Checked At'
    ])
    expect(resultColumnNames([])).toEqual([...RESULT_COLUMNS])
  })

  it('suffixes a name the sheet already uses, ignoring case and surrounding spaces', () => {
    const names = resultColumnNames(['Name', ' status ', 'CARRIER', 'e.164', '', 'Name'])
    expect(names).toEqual([
      'E.164 (Ringtrue)',
      'Status (Ringtrue)',
      'Reason',
      'Line Type',
      'Country',
      'Carrier (Ringtrue)',
      'Provider',
      'Checked At'
    ])
  })

  it('stays unambiguous when re-exporting a file that already has the suffixed columns', () => {
    const names = resultColumnNames(['Status', 'Status (Ringtrue)', 'status (ringtrue 2)'])
    expect(names[1]).toBe('Status (Ringtrue 3)')
  })
})

describe('result values', () => {
  it('joins several numbers with "; " and leaves missing fields empty', () => {
    const row = resultRow(0, [], { e164: ['+447911123456', '+33612345678'], status: 'unknown' })
    expect(resultValues(row)).toEqual([
      '+447911123456; +33612345678',
      'unknown',
      null,
      null,
      null,
      null,
      null,
      null
    ])
  })

  it('writes timestamps as ISO-8601 and reads SQLite timestamps as UTC', () => {
    expect(isoTimestamp('2024-05-01T10:00:00.000Z')).toBe('2024-05-01T10:00:00.000Z')
    expect(isoTimestamp('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T12:00:00+02:00')
    expect(isoTimestamp('2024-05-01 10:00:00')).toBe('2024-05-01T10:00:00.000Z')
    expect(isoTimestamp('2024-05-01T10:00:00')).toBe('2024-05-01T10:00:00.000Z')
    expect(isoTimestamp(null)).toBeNull()
    expect(isoTimestamp('')).toBeNull()
    expect(isoTimestamp('not a date')).toBe('not a date')
  })
})

describe('splitPartPaths', () => {
  it('puts one file per status next to the requested path', () => {
    const dir = join('/tmp', 'out')
    const paths = splitPartPaths(join(dir, 'list.csv'), ['active', 'invalid'])
    expect([...paths.entries()]).toEqual([
      ['active', join(dir, 'list-active.csv')],
      ['invalid', join(dir, 'list-invalid.csv')]
    ])
  })

  it('keeps relative paths relative and copes with names without or with several dots', () => {
    expect(splitPartPaths('list.csv', ['unknown']).get('unknown')).toBe('list-unknown.csv')
    expect(splitPartPaths('my.list.v2.csv', ['active']).get('active')).toBe('my.list.v2-active.csv')
    expect(splitPartPaths(join('d', 'list'), ['active']).get('active')).toBe(join('d', 'list-active'))
  })
})

describe('sanitizeSheetName', () => {
  it('replaces characters Excel forbids and keeps valid names', () => {
    expect(sanitizeSheetName('Contacts')).toBe('Contacts')
    expect(sanitizeSheetName('Q1: leads/[2024]?*\\')).toBe('Q1_ leads__2024____')
    expect(sanitizeSheetName('tab\there')).toBe('tab_here')
  })

  it('limits the length to 31 characters without splitting a surrogate pair', () => {
    expect(sanitizeSheetName('x'.repeat(40))).toBe('x'.repeat(31))
    const emoji = 'a'.repeat(30) + '😀'
    expect(sanitizeSheetName(emoji)).toBe('a'.repeat(30))
  })

  it('handles names Excel refuses outright', () => {
    expect(sanitizeSheetName('')).toBe('Sheet1')
    expect(sanitizeSheetName('   ')).toBe('Sheet1')
    expect(sanitizeSheetName("'quoted'")).toBe('quoted')
    expect(sanitizeSheetName('History')).toBe('History_')
  })
})
