// The store side of region inference: the tally behind a job's country split, and the user's choice of country
// for numbers that read validly in several (ambiguous_region).
import type { Db } from './database'

export interface CountryTallyRow {
  country: string | null
  status: string
  reason: string | null
  n: number
}

export interface AmbiguousNumber {
  id: number
  raw: string
  alternatives: string[]
}

/** What a chosen reading writes into a number. */
export interface ChosenReading {
  e164: string
  lineType: string | null
  country: string | null
  nationalFormat: string | null
  internationalFormat: string | null
  note: string
}

export class RegionStore {
  private readonly s

  constructor(readonly db: Db) {
    this.s = {
      span: db.prepare(
        'SELECT MIN(first_row) AS first, MAX(last_row) AS last FROM source_blocks WHERE import_id = ?'
      ),
      // Every number found (a number in two rows counts twice), by its offline reading: what the list holds.
      tally: db.prepare(
        `SELECT n.country, COALESCE(n.offline_status, n.status) AS status,
         COALESCE(n.offline_reason, n.reason) AS reason, COUNT(*) AS n
         FROM row_numbers rn JOIN numbers n ON n.id = rn.number_id WHERE rn.job_id = ? GROUP BY 1, 2, 3`
      ),
      ambiguous: db.prepare(
        `SELECT id, raw, alternatives FROM numbers WHERE job_id = ? AND reason = 'ambiguous_region'
         AND alternatives IS NOT NULL`
      ),
      byKey: db.prepare('SELECT id FROM numbers WHERE job_id = ? AND dedupe_key = ? AND id <> ?').pluck(),
      choose: db.prepare(
        `UPDATE numbers SET dedupe_key = ?, e164 = ?, status = 'unchecked', reason = 'region_chosen',
         line_type = ?, country = ?, national_format = ?, international_format = ?, alternatives = NULL
         WHERE id = ?`
      ),
      noteRows: db.prepare('UPDATE row_numbers SET note = ? WHERE job_id = ? AND number_id = ?'),
      moveRows: db.prepare(
        'UPDATE row_numbers SET number_id = ?, note = ? WHERE job_id = ? AND number_id = ?'
      ),
      deleteNumber: db.prepare('DELETE FROM numbers WHERE id = ?'),
      rowsOf: db.prepare('SELECT row_index FROM row_numbers WHERE job_id = ? AND number_id = ?').pluck(),
      rowE164s: db
        .prepare(
          `SELECT n.e164 FROM row_numbers rn JOIN numbers n ON n.id = rn.number_id
           WHERE rn.job_id = ? AND rn.row_index = ? ORDER BY rn.ordinal`
        )
        .pluck(),
      setRowE164: db.prepare('UPDATE row_results SET e164 = ? WHERE job_id = ? AND row_index = ?')
    }
  }

  /** The first and last stored row index of an import (null when it holds no rows). */
  sourceRowSpan(importId: string): { first: number; last: number } | null {
    const span = this.s.span.get(importId) as { first: number | null; last: number | null }
    return span.first === null || span.last === null ? null : { first: span.first, last: span.last }
  }

  countryTally(jobId: string): CountryTallyRow[] {
    return this.s.tally.all(jobId) as CountryTallyRow[]
  }

  ambiguousNumbers(jobId: string): AmbiguousNumber[] {
    return (this.s.ambiguous.all(jobId) as { id: number; raw: string; alternatives: string }[]).map((r) => ({
      id: r.id,
      raw: r.raw,
      alternatives: JSON.parse(r.alternatives) as string[]
    }))
  }

  /**
   * Gives an ambiguous number its chosen reading. When the job already holds that number (from another cell),
   * the rows are moved onto it and the ambiguous entry removed, so the paid check never asks for it twice.
   * Returns the id of the number the rows now point at.
   */
  choose(jobId: string, numberId: number, reading: ChosenReading): number {
    const rows = this.s.rowsOf.all(jobId, numberId) as number[]
    const existing = this.s.byKey.get(jobId, reading.e164, numberId) as number | undefined
    if (existing !== undefined) {
      this.s.moveRows.run(existing, reading.note, jobId, numberId)
      this.s.deleteNumber.run(numberId)
      this.refreshRowNumbers(jobId, rows)
      return existing
    }
    this.s.choose.run(
      reading.e164,
      reading.e164,
      reading.lineType,
      reading.country,
      reading.nationalFormat,
      reading.internationalFormat,
      numberId
    )
    this.s.noteRows.run(reading.note, jobId, numberId)
    this.refreshRowNumbers(jobId, rows)
    return numberId
  }

  /** The rows' list of numbers (row_results.e164), in cell order; status and reason follow via refreshRows. */
  private refreshRowNumbers(jobId: string, rows: number[]): void {
    for (const rowIndex of rows) {
      const numbers = (this.s.rowE164s.all(jobId, rowIndex) as (string | null)[]).filter(
        (e): e is string => e !== null
      )
      // Stored as the row's results store them: distinct, '; '-separated, null when there are none.
      this.s.setRowE164.run(numbers.length ? [...new Set(numbers)].join('; ') : null, jobId, rowIndex)
    }
  }
}
