// Issue 11, "Compare two runs of a list": a hand-made pair of jobs (an older and a newer check of a list that lost
// one number and gained another, with paid answers set by hand) compares exactly as worked out by hand.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

const opened: TempServices[] = []
afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup()
})

/** US numbers +1 212 555 01nn for the given nn. */
function e164(n: number): string {
  return `+1212555${String(100 + n).padStart(4, '0')}`
}

function list(t: TempServices, name: string, numbers: number[]): string {
  const file = join(t.dir, name)
  writeFileSync(
    file,
    ['Name,Phone', ...numbers.map((n) => `P${n},(212) 555-${String(100 + n).padStart(4, '0')}`)].join('\n')
  )
  return file
}

/** Sets what a paid check would have said about one number of a job. */
function answer(
  t: TempServices,
  jobId: string,
  n: number,
  fields: { status: string; carrier?: string | null; lineType?: string }
): void {
  const [lo, hi] = t.services.store.keys.numberRange(jobId)
  const changed = t.services.db
    .prepare(
      'UPDATE numbers SET status = ?, carrier = ?, line_type = COALESCE(?, line_type) WHERE id BETWEEN ? AND ? AND e164 = ?'
    )
    .run(fields.status, fields.carrier ?? null, fields.lineType ?? null, lo, hi, e164(n)).changes
  expect(changed).toBe(1)
}

describe('comparing two checks of a list', () => {
  it('finds the numbers gone inactive, revived, added, removed, and with a new line type or carrier', async () => {
    const t = tempServices({ checkWorkers: 1 })
    opened.push(t)
    const older = await startListJob(t, list(t, 'march.csv', [1, 2, 3, 4, 5, 6]), 'US')
    expect((await t.services.jobs.waitFor(older)).status).toBe('done')
    const newer = await startListJob(t, list(t, 'april.csv', [2, 3, 4, 5, 6, 7]), 'US')
    expect((await t.services.jobs.waitFor(newer)).status).toBe('done')

    answer(t, older, 2, { status: 'active' })
    answer(t, older, 3, { status: 'inactive' })
    answer(t, older, 4, { status: 'inactive' })
    answer(t, older, 5, { status: 'active', carrier: 'Verizon' })
    answer(t, newer, 2, { status: 'inactive' })
    answer(t, newer, 3, { status: 'active' })
    answer(t, newer, 4, { status: 'inactive' })
    answer(t, newer, 5, { status: 'active', carrier: 'T-Mobile' })
    answer(t, newer, 6, { status: 'unchecked', lineType: 'mobile' })

    const comparison = t.services.store.compare.compare(older, newer)
    expect(comparison.older.name).toBe('march')
    expect(comparison.newer.fileName).toBe('april.csv')
    expect(comparison.counts).toEqual({
      newly_inactive: 1,
      revived: 1,
      added: 1,
      removed: 1,
      line_type_changed: 1,
      carrier_changed: 1,
      unchanged: 1
    })
    expect(comparison.total).toBe(7)

    const changed = t.services.store.compare.compareRows(older, newer, undefined, 0, 100)
    expect(changed.total).toBe(6)
    expect(changed.rows.map((r) => [r.e164, r.change])).toEqual([
      [e164(1), 'removed'],
      [e164(2), 'newly_inactive'],
      [e164(3), 'revived'],
      [e164(5), 'carrier_changed'],
      [e164(6), 'line_type_changed'],
      [e164(7), 'added']
    ])
    expect(changed.rows[3]).toMatchObject({ oldCarrier: 'Verizon', newCarrier: 'T-Mobile' })
    expect(changed.rows[4]).toMatchObject({ oldLineType: 'fixed_line_or_mobile', newLineType: 'mobile' })
    expect(changed.rows[0]).toMatchObject({ oldStatus: 'unchecked', newStatus: null })
    const unchanged = t.services.store.compare.compareRows(older, newer, ['unchanged'], 0, 100)
    expect(unchanged.rows.map((r) => r.e164)).toEqual([e164(4)])

    // A later answer in the newer job is seen: the comparison is worked out again.
    answer(t, newer, 4, { status: 'active' })
    expect(t.services.store.compare.compare(older, newer).counts).toMatchObject({ revived: 2, unchanged: 0 })
  })
})
