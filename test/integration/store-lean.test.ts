// The lean store (issue 10, migration 9): one record per number of a row (the first standing for the row), the
// job's numbers in an id range of its own, no index kept up while a list is checked, notes' long phrases kept
// once per job, and everything the results, the row drawer and the counts show read back as the rows said it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NUMBER_ID_SPAN } from '../../src-main/core/store/job-keys'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

let t: TempServices | undefined
afterEach(() => {
  t?.cleanup()
  t = undefined
})

const LIST = [
  'Name,Phone,City',
  'Ann,+1 206 958 8935,Boston',
  'Bob,(206) 958-8935,New York',
  'Cy,138 0013 8000; +86 139 1015 5838,Beijing',
  'Di,,Shanghai',
  'Ed,n/a,Boston'
]

async function checkList(): Promise<string> {
  t = tempServices()
  const file = join(t.dir, 'list.csv')
  writeFileSync(file, LIST.join('\n'))
  const jobId = await startListJob(t, file, 'CN')
  expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
  return jobId
}

describe('the lean store', () => {
  it('stores one record per number of a row and reads every row back as its own reading said', async () => {
    const jobId = await checkList()
    const { db, store } = t!.services
    const seq = store.keys.seqOf(jobId)
    const rows = store.results.queryResults(jobId, {}, 0, 100).rows
    expect(rows.map((r) => [r.rowIndex, r.status, r.reason, r.e164, r.country])).toEqual([
      [0, 'unchecked', null, ['+12069588935'], 'US'],
      // The same number written without its country code: this row's reading inferred the country.
      [1, 'unchecked', 'region_inferred', ['+12069588935'], 'US'],
      [2, 'unchecked', null, ['+8613800138000', '+8613910155838'], 'CN'],
      [3, 'invalid', 'no_number', [], null],
      [4, 'invalid', 'not_a_number', [], null]
    ])
    // Five rows, six records: the row of two numbers has two, the row without a number one.
    expect(db.prepare('SELECT COUNT(*) FROM job_rows WHERE job = ?').pluck().get(seq)).toBe(6)
    const numbers = db
      .prepare(
        'SELECT id, dedupe_key, e164, raw, first_row FROM numbers WHERE id BETWEEN ? AND ? ORDER BY id'
      )
      .all(...store.keys.numberRange(jobId)) as { id: number; dedupe_key: string | null }[]
    // Ids from the job's range; the E.164 is not stored twice as the dedupe key; raw only for a country choice.
    expect(numbers.map((n) => ({ ...n, id: n.id - seq * NUMBER_ID_SPAN }))).toEqual([
      { id: 0, dedupe_key: null, e164: '+12069588935', raw: null, first_row: 0 },
      { id: 1, dedupe_key: null, e164: '+8613800138000', raw: null, first_row: 2 },
      { id: 2, dedupe_key: null, e164: '+8613910155838', raw: null, first_row: 2 },
      { id: 3, dedupe_key: numbers[3].dedupe_key, e164: null, raw: null, first_row: 4 }
    ])
    expect(numbers[3].dedupe_key).not.toBeNull()
    // The repeat's other row is listed for the paid check, which finds a number's rows without an index.
    expect(
      db.prepare('SELECT row_index FROM number_rows WHERE number_id = ?').pluck().all(numbers[0].id)
    ).toEqual([1])
    expect(store.results.computeCounts(jobId, 5)).toMatchObject({
      rows: 5,
      numbers: 5,
      unique: 4,
      emptyRows: 1,
      byStatus: { unchecked: 3, invalid: 2 }
    })
    expect(store.results.facets(jobId, {}).reasons).toEqual([
      { value: '', count: 2 },
      { value: 'no_number', count: 1 },
      { value: 'not_a_number', count: 1 },
      { value: 'region_inferred', count: 1 }
    ])
    expect(
      store.results.queryResults(jobId, { reasons: ['region_inferred'] }, 0, 10).rows.map((r) => r.rowIndex)
    ).toEqual([1])
    expect(store.results.rowNumbers(jobId, 2).map((n) => [n.cell_raw, n.e164])).toEqual([
      ['138 0013 8000', '+8613800138000'],
      ['+86 139 1015 5838', '+8613910155838']
    ])
  })

  it('keeps no index up while a list is checked: the tables it fills are read by their primary keys', async () => {
    await checkList()
    const indexes = t!.services.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('numbers', 'job_rows', 'number_rows', 'note_phrases') ORDER BY name`
      )
      .pluck()
      .all()
    // The paid check's index only holds numbers routed to it (none while a list is checked offline).
    expect(indexes).toEqual(['numbers_by_live'])
    const columns = t!.services.db.prepare("SELECT name FROM pragma_table_info('numbers')").pluck().all()
    expect(columns).not.toContain('job_id')
    expect(columns).not.toContain('national_format')
  })

  it('stores a note’s long phrases once per job and shows the note as it was written', async () => {
    const jobId = await checkList()
    const { db, store } = t!.services
    const [note] = store.results.rowNumbers(jobId, 1).map((n) => n.note)
    expect(note).toBe(
      'As a number of China it would be +86 20 6958 8935 (fixed line); read as United States (the row names a place there)'
    )
    const stored = db
      .prepare('SELECT note FROM job_rows WHERE job = ? AND row_index = 1')
      .pluck()
      .get(store.keys.seqOf(jobId)) as string
    expect(stored.length).toBeLessThan(note!.length / 3)
    expect(stored).toContain('+86 20 6958 8935')
  })
})
