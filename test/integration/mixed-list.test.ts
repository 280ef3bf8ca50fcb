// Issue 9, "Done when": a mixed list of Chinese, US, British, German and Indian numbers, national and
// international, with city names, a misleading country column, a card-number column and blank rows. Every
// expected E.164 and reason below was worked out by hand from the numbering plans, not copied from a run.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from 'xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPaidJob, paidPlan, writeNumbers } from '../helpers/paid-job'
import { tempServices, type TempServices } from '../helpers/services'
import { reasonLabel } from '../../src-main/core/domain'

const HEADER = ['Name', 'Phone', 'City', 'Country', 'Card']
// [name, phone, city, country, card] — '' cells are empty; null marks a blank row.
const ROWS: (string[] | null)[] = [
  ['Li', '15249817734', 'Shanghai', 'China', '4111 1111 1111 1111'],
  ['Zhang', '158-1979-5579', '北京', '中国', '5500 0000 0000 0004'],
  ['Wang', '+86 138 0013 8000', '深圳', '中国', '3400 000000 00009'],
  ['Chen', '0086 139 1234 5678', 'Guangzhou', 'China', '4012 8888 8888 1881'],
  ['Ann', '(212) 555-0100', 'New York', 'Ghana', '6011 0000 0000 0004'],
  ['Bob', '1-617-555-0199', 'Boston', 'USA', '3530 1113 3330 0000'],
  ['Cat', '+1 415 555 0132', 'San Francisco', 'United States', '4111 1111 1111 1111'],
  null,
  ['Dan', '020 7946 0958', 'London', 'United Kingdom', '5105 1051 0510 5100'],
  ['Eve', '+44 161 234 5678', 'Manchester', 'UK', '4222 2222 2222 2'],
  ['Gus', '030 12345678', 'Berlin', 'Germany', '4111 1111 1111 1111'],
  ['Hal', '+49 89 1234567', 'München', 'Deutschland', '5500 0000 0000 0004'],
  ['Ida', '0176 12345678', 'Hamburg', 'Germany', '4012 8888 8888 1881'],
  ['Jai', '98765 43210', 'Mumbai', 'India', '6011 0000 0000 0004'],
  ['Kim', '+91 98200 12345', 'Delhi', 'India', '3530 1113 3330 0000'],
  ['Lal', '022 2266 1234', 'Mumbai', 'India', '4111 1111 1111 1111'],
  null,
  null,
  ['Mo', '13125550100', '', '', '5500 0000 0000 0004'],
  ['Ned', '13125550100', 'Shanghai', '', '4012 8888 8888 1881'],
  ['Quinn', '(646) 555-0123', 'Shanghai', 'China', '6011 0000 0000 0004'],
  ['Oli', '12345', '', '', '']
]

describe('a mixed list read with the default United States', () => {
  let t: TempServices
  let jobId: string
  let exported: Record<string, Record<string, string>>

  let file: string
  const mapping = {
    sheet: '',
    headerRow: 0 as number | null,
    phoneColumns: [1],
    countryColumn: null,
    defaultRegion: 'US'
  }

  beforeAll(async () => {
    t = tempServices()
    file = join(t.dir, 'mixed.csv')
    const quote = (c: string): string => (/[",]/.test(c) ? `"${c}"` : c)
    writeFileSync(file, [HEADER, ...ROWS.map((r) => r ?? [])].map((r) => r.map(quote).join(',')).join('\n'))
    const preview = await t.services.jobs.preview({ filePath: file })
    // The card numbers (Luhn-valid, 15–16 digits) are not offered as phones.
    expect(preview.suggestedPhoneColumns).toEqual([1])
    mapping.sheet = preview.sheet
    mapping.headerRow = preview.headerRow
    jobId = (await t.services.jobs.create({ filePath: file, mapping })).jobId
    await t.services.jobs.waitFor(jobId)
    exported = await exportFull(t, jobId, 'full.csv')
  })
  afterAll(() => t.cleanup())

  /** The note of the number in the named person's row (rows are found by their stored cells). */
  function noteOf(name: string): string {
    const rowIndex = ROWS.filter((r) => r !== null).findIndex((r) => r?.[0] === name)
    const stored = t.services.store.results.queryResults(jobId, {}, 0, 100).rows[rowIndex]
    expect(stored.cells[0]).toBe(name)
    return t.services.store.results.rowNumbers(jobId, stored.rowIndex)[0].note ?? ''
  }

  // Name → [E.164, Status, Reason, Country]
  const EXPECTED: Record<string, [string, string, string, string]> = {
    // A US personal number under the default; a mobile in China, which the list and the row (Shanghai) hold.
    Li: ['+8615249817734', 'unchecked', 'region_inferred', 'CN'],
    // Under the default a Canadian +1 581 number, but grouped 3-4-4 as China writes its mobiles.
    Zhang: ['+8615819795579', 'unchecked', 'region_inferred', 'CN'],
    Wang: ['+8613800138000', 'unchecked', '', 'CN'],
    Chen: ['+8613912345678', 'unchecked', '', 'CN'],
    // Ghana in the country column is no evidence against a number valid in the default.
    Ann: ['+12125550100', 'unchecked', '', 'US'],
    Bob: ['+16175550199', 'unchecked', '', 'US'],
    Cat: ['+14155550132', 'unchecked', '', 'US'],
    // A leading 0 is no US number; London's 020 in Britain, which the list holds.
    Dan: ['+442079460958', 'unchecked', 'region_inferred', 'GB'],
    Eve: ['+441612345678', 'unchecked', '', 'GB'],
    Gus: ['+493012345678', 'unchecked', 'region_inferred', 'DE'],
    Hal: ['+49891234567', 'unchecked', '', 'DE'],
    Ida: ['+4917612345678', 'unchecked', 'region_inferred', 'DE'],
    // 987 is no US area code; an Indian mobile, written 5-5 without India's trunk 0.
    Jai: ['+919876543210', 'unchecked', 'region_inferred', 'IN'],
    Kim: ['+919820012345', 'unchecked', '', 'IN'],
    // 022 is Tianjin in China and Mumbai in India, both written 3-4-4; the row says Mumbai.
    Lal: ['+912222661234', 'unchecked', 'region_inferred', 'IN'],
    // Chicago's +1 312 and China's 131 mobiles: nothing on the row, and the list is no majority of either.
    Mo: ['', 'unknown', 'ambiguous_region', ''],
    // The same digits with Shanghai in the row.
    Ned: ['+8613125550100', 'unchecked', 'region_inferred', 'CN'],
    // Shanghai in the row cannot turn a valid New York number into a Chinese one.
    Quinn: ['+16465550123', 'unchecked', '', 'US'],
    Oli: ['', 'invalid', 'too_short', 'US']
  }

  it('reads every number right or marks it, skipping the blank rows', () => {
    const actual = Object.fromEntries(
      Object.entries(exported).map(([name, r]) => [
        name,
        [r['E.164'], r.Status, r.Reason, r['Country (Ringtrue)']]
      ])
    )
    // Exports name the reason in words (the codes above are the store's).
    expect(actual).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED).map(([name, [e164, status, reason, country]]) => [
          name,
          [e164, status, reasonLabel(reason), country]
        ])
      )
    )
    const job = t.services.jobs.get(jobId)
    expect(job.counts.rows).toBe(19)
    expect(job.counts.byStatus).toEqual({ active: 0, unchecked: 17, unknown: 1, inactive: 0, invalid: 1 })
  })

  it('explains each inferred reading and each ambiguous one in the row’s note', () => {
    expect(noteOf('Li')).toBe(
      'As a number of United States it would be +1 524 981 7734 (personal number); read as China (the row names a place there)'
    )
    expect(noteOf('Lal')).toContain('read as India (the row names a place there)')
    expect(noteOf('Mo')).toBe(
      'Could be +1 312 555 0100 (United States) or +86 131 2555 0100 (China); nothing on the row or in the list decides, so it is held back until you choose'
    )
  })

  it('splits the list by country before import and after the check alike', async () => {
    const before = await t.services.jobs.countrySplit({ filePath: file, mapping })
    const after = t.services.jobs.jobCountrySplit(jobId)
    const expected = {
      rows: 19,
      numbers: 19,
      countries: [
        { country: 'CN', numbers: 5, share: 5 / 19 },
        { country: 'US', numbers: 4, share: 4 / 19 },
        { country: 'DE', numbers: 3, share: 3 / 19 },
        { country: 'IN', numbers: 3, share: 3 / 19 },
        { country: 'GB', numbers: 2, share: 2 / 19 }
      ],
      invalid: 1,
      inferred: 8,
      ambiguous: 1,
      defaultRegion: 'US',
      defaultShare: 4 / 19,
      // China holds more than the default, but not clearly more: a mixed list, no warning.
      mismatch: null
    }
    expect(before).toEqual(expected)
    expect(after).toEqual(expected)
  })

  it('lets the user read the ambiguous number in one of its countries', async () => {
    expect(t.services.jobs.ambiguousChoices(jobId)).toEqual([
      { country: 'CN', numbers: 1 },
      { country: 'US', numbers: 1 }
    ])
    const uniqueBefore = t.services.jobs.get(jobId).counts.unique
    expect(t.services.jobs.resolveAmbiguous(jobId, 'US')).toBe(1)
    const after = await exportFull(t, jobId, 'chosen.csv')
    expect([after.Mo['E.164'], after.Mo.Status, after.Mo.Reason, after.Mo['Country (Ringtrue)']]).toEqual([
      '+13125550100',
      'unchecked',
      reasonLabel('region_chosen'),
      'US'
    ])
    expect(noteOf('Mo')).toBe('Valid in several countries; you chose United States')
    const job = t.services.jobs.get(jobId)
    expect(job.counts.unique).toBe(uniqueBefore)
    expect(job.counts.byStatus).toEqual({ active: 0, unchecked: 18, unknown: 0, inactive: 0, invalid: 1 })
    expect(t.services.jobs.ambiguousChoices(jobId)).toEqual([])
    expect(t.services.jobs.resolveAmbiguous(jobId, 'CN')).toBe(0)
  })
})

async function exportFull(
  t: TempServices,
  jobId: string,
  name: string
): Promise<Record<string, Record<string, string>>> {
  const out = join(t.dir, name)
  await t.services.exports.run({
    jobId,
    mode: 'full',
    format: 'csv',
    keepUnknown: true,
    outPath: out,
    overwrite: false
  })
  const book = XLSX.read(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true })
  const records = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets[book.SheetNames[0]], {
    raw: false,
    defval: ''
  })
  return Object.fromEntries(records.map((r) => [r.Name, r]))
}

describe('inferred and ambiguous numbers in a paid check', () => {
  let t: TempServices
  let jobId: string

  beforeAll(async () => {
    t = tempServices()
    const file = writeNumbers(t.dir, 'paid.csv', [
      '+86 138 0013 8000',
      '+86 139 1234 5678',
      '+86 135 1234 5678',
      '+86 131 2555 0100',
      '+1 212 555 0100',
      '+1 415 555 0132',
      '+1 646 555 0199',
      '15249817734', // a Chinese mobile by inference
      '13125550100', // ambiguous; its Chinese reading is already in the list
      '13125550101' // ambiguous; its Chinese reading is new
    ])
    jobId = await createPaidJob(t.services, file, paidPlan('acedata'), { region: 'US' })
  })
  afterAll(() => t.cleanup())

  it('the pre-flight says how many inferred numbers it would send and holds the ambiguous ones back', async () => {
    const preflight = await t.services.jobs.preflight(jobId)
    expect(preflight.inferred).toBe(1)
    expect(preflight.ambiguous).toBe(2)
    // Ace Data Cloud checks mainland numbers: the five Chinese ones, the inferred one included.
    expect(preflight.providers[0]).toMatchObject({ provider: 'acedata', routed: 5 })
  })

  it('a chosen country joins the planned check: a number the list already had is asked once', async () => {
    expect(t.services.jobs.resolveAmbiguous(jobId, 'CN')).toBe(2)
    const preflight = await t.services.jobs.preflight(jobId)
    expect(preflight.ambiguous).toBe(0)
    // +86 131 2555 0100 was already routed; only +86 131 2555 0101 is new.
    expect(preflight.providers[0]).toMatchObject({ provider: 'acedata', routed: 6 })
    const job = t.services.jobs.get(jobId)
    expect(job.status).toBe('paused')
    expect(job.live?.pauseReason).toBe('confirm')
    expect(job.counts.unique).toBe(9)
  })
})
