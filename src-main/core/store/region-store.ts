// The store side of region inference: the tally behind a job's country split, and the user's choice of country
// for numbers that read validly in several (ambiguous_region).
import type { Db } from './database'
import { JobKeys } from './job-keys'

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
  note: string
}

export class RegionStore {
  private readonly s
  private readonly keys: JobKeys

  constructor(readonly db: Db) {
    this.keys = new JobKeys(db)
    this.s = {
      span: db.prepare(
        'SELECT MIN(first_row) AS first, MAX(last_row) AS last FROM source_blocks WHERE import_id = ?'
      ),
      // Every number found (a number in two rows counts twice), by its offline reading: what the list holds.
      tally: db.prepare(
        `SELECT n.country, COALESCE(n.offline_status, n.status) AS status,
         COALESCE(n.offline_reason, n.reason) AS reason, COUNT(*) AS n
         FROM job_rows rn JOIN numbers n ON n.id = rn.number_id WHERE rn.job = ? GROUP BY 1, 2, 3`
      ),
      ambiguous: db.prepare(
        `SELECT id, raw, alternatives FROM numbers WHERE id BETWEEN ? AND ? AND reason = 'ambiguous_region'
         AND alternatives IS NOT NULL`
      ),
      // A null dedupe_key stands for the E.164 (migration 9).
      byKey: db
        .prepare(
          'SELECT id FROM numbers WHERE id BETWEEN ? AND ? AND COALESCE(dedupe_key, e164) = ? AND id <> ?'
        )
        .pluck(),
      choose: db.prepare(
        `UPDATE numbers SET dedupe_key = NULL, e164 = ?, raw = NULL, status = 'unchecked', reason = 'region_chosen',
         line_type = ?, country = ?, alternatives = NULL WHERE id = ?`
      ),
      noteRow: db.prepare('UPDATE job_rows SET note = ? WHERE job = ? AND row_index = ? AND number_id = ?'),
      moveRow: db.prepare(
        'UPDATE job_rows SET number_id = ?, note = ? WHERE job = ? AND row_index = ? AND number_id = ?'
      ),
      moveLead: db.prepare('UPDATE job_rows SET lead = ? WHERE job = ? AND row_index = ? AND lead = ?'),
      deleteNumber: db.prepare('DELETE FROM numbers WHERE id = ?'),
      firstRowOf: db.prepare('SELECT first_row FROM numbers WHERE id = ?').pluck(),
      moreRowsOf: db.prepare('SELECT row_index FROM number_rows WHERE number_id = ?').pluck(),
      addRow: db.prepare('INSERT OR IGNORE INTO number_rows (number_id, row_index) VALUES (?, ?)'),
      dropRows: db.prepare('DELETE FROM number_rows WHERE number_id = ?'),
      rowE164s: db
        .prepare(
          `SELECT n.e164 FROM job_rows rn JOIN numbers n ON n.id = rn.number_id
           WHERE rn.job = ? AND rn.row_index = ? ORDER BY rn.ordinal`
        )
        .pluck(),
      // Only a row of several numbers keeps its list; a row of one shows its number's.
      setRowE164: db.prepare(
        `UPDATE job_rows SET e164s = ? WHERE job = ? AND row_index = ? AND ordinal = 0
         AND EXISTS (SELECT 1 FROM job_rows x WHERE x.job = job_rows.job AND x.row_index = job_rows.row_index
         AND x.ordinal > 0)`
      )
    }
  }

  /** The first and last stored row index of an import (null when it holds no rows). */
  sourceRowSpan(importId: string): { first: number; last: number } | null {
    const span = this.s.span.get(importId) as { first: number | null; last: number | null }
    return span.first === null || span.last === null ? null : { first: span.first, last: span.last }
  }

  countryTally(jobId: string): CountryTallyRow[] {
    return this.s.tally.all(this.keys.seqOf(jobId)) as CountryTallyRow[]
  }

  ambiguousNumbers(jobId: string): AmbiguousNumber[] {
    return (
      this.s.ambiguous.all(...this.keys.numberRange(jobId)) as {
        id: number
        raw: string
        alternatives: string
      }[]
    ).map((r) => ({
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
    const seq = this.keys.seqOf(jobId)
    const rows = this.rowsOf(numberId)
    const existing = this.s.byKey.get(...this.keys.numberRange(jobId), reading.e164, numberId) as
      number | undefined
    if (existing !== undefined) {
      const existingFirst = this.s.firstRowOf.get(existing) as number | null
      for (const rowIndex of rows) {
        this.s.moveRow.run(existing, reading.note, seq, rowIndex, numberId)
        this.s.moveLead.run(existing, seq, rowIndex, numberId)
        if (rowIndex !== existingFirst) this.s.addRow.run(existing, rowIndex)
      }
      this.s.dropRows.run(numberId)
      this.s.deleteNumber.run(numberId)
      this.refreshRowNumbers(seq, rows)
      return existing
    }
    this.s.choose.run(reading.e164, reading.lineType, reading.country, numberId)
    for (const rowIndex of rows) this.s.noteRow.run(reading.note, seq, rowIndex, numberId)
    this.refreshRowNumbers(seq, rows)
    return numberId
  }

  /** The rows linking a number: its first row and the others number_rows lists. */
  private rowsOf(numberId: number): number[] {
    const first = this.s.firstRowOf.get(numberId) as number | null | undefined
    const rows = first === undefined || first === null ? [] : [first]
    for (const rowIndex of this.s.moreRowsOf.all(numberId) as number[]) rows.push(rowIndex)
    return rows
  }

  /** The rows' list of numbers (row_results.e164), in cell order; status and reason follow via refreshRows. */
  private refreshRowNumbers(seq: number, rows: number[]): void {
    for (const rowIndex of rows) {
      const numbers = (this.s.rowE164s.all(seq, rowIndex) as (string | null)[]).filter(
        (e): e is string => e !== null
      )
      // Stored as the row's results store them: distinct, '; '-separated, null when there are none.
      this.s.setRowE164.run(numbers.length ? [...new Set(numbers)].join('; ') : null, seq, rowIndex)
    }
  }
}
