// Two checks of the same list compared number by number (E.164): which numbers went inactive, came back, were
// added or removed, changed line type or carrier. The comparison is worked out once in SQL (a full outer join of
// the two jobs' numbers, each side indexed by E.164) into a temporary table of this connection, and read from there page by page; it is
// worked out again when either job's results change.
import { CHANGES, type Change, type ComparedJob, type ComparedNumber, type Comparison } from '../domain'
import type { Db } from './db'
import type { JobKeys } from './job-keys'

/** The first change that applies, in CHANGES order. */
const CHANGE_SQL = `CASE
  WHEN o.e164 IS NULL THEN 'added'
  WHEN n.e164 IS NULL THEN 'removed'
  WHEN n.status = 'inactive' AND o.status <> 'inactive' THEN 'newly_inactive'
  WHEN o.status = 'inactive' AND n.status = 'active' THEN 'revived'
  WHEN o.line_type IS NOT NULL AND n.line_type IS NOT NULL AND o.line_type <> n.line_type THEN 'line_type_changed'
  WHEN o.carrier IS NOT NULL AND n.carrier IS NOT NULL AND o.carrier <> n.carrier THEN 'carrier_changed'
  ELSE 'unchanged' END`

const NUMBERS_OF_JOB = `SELECT e164, status, line_type, carrier FROM main.numbers
  WHERE id BETWEEN ? AND ? AND e164 IS NOT NULL`

interface Stamp {
  key: string
}

export class CompareRepo {
  private readonly made = new Map<string, Stamp>()
  private prepared = false

  constructor(
    private readonly db: Db,
    private readonly keys: JobKeys
  ) {}

  /** How the numbers changed from the older check to the newer one. */
  compare(olderId: string, newerId: string): Comparison {
    const pair = this.ensure(olderId, newerId)
    const counts = Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<Change, number>
    for (const row of this.db
      .prepare('SELECT change, COUNT(*) AS n FROM temp.comparisons WHERE pair = ? GROUP BY change')
      .all(pair) as { change: Change; n: number }[]) {
      counts[row.change] = row.n
    }
    return {
      older: this.job(olderId),
      newer: this.job(newerId),
      counts,
      total: Object.values(counts).reduce((sum, n) => sum + n, 0)
    }
  }

  /** A page of the compared numbers with one of `changes` (all but unchanged when none are given), by E.164. */
  compareRows(
    olderId: string,
    newerId: string,
    changes: readonly Change[] | undefined,
    offset: number,
    limit: number
  ): { total: number; rows: ComparedNumber[] } {
    const pair = this.ensure(olderId, newerId)
    const wanted = JSON.stringify(changes?.length ? changes : CHANGES.filter((c) => c !== 'unchanged'))
    const where = 'pair = ? AND change IN (SELECT value FROM json_each(?))'
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM temp.comparisons WHERE ${where}`)
      .pluck()
      .get(pair, wanted) as number
    const rows = (
      this.db
        .prepare(`SELECT * FROM temp.comparisons WHERE ${where} ORDER BY e164 LIMIT ? OFFSET ?`)
        .all(pair, wanted, limit, offset) as DbRow[]
    ).map(toCompared)
    return { total, rows }
  }

  /** Every compared number with one of `changes` (all but unchanged when none are given), by E.164. */
  *iterateRows(olderId: string, newerId: string, changes?: readonly Change[]): Generator<ComparedNumber> {
    const page = 5000
    for (let offset = 0; ; offset += page) {
      const { rows } = this.compareRows(olderId, newerId, changes, offset, page)
      yield* rows
      if (rows.length < page) return
    }
  }

  private job(jobId: string): ComparedJob {
    const row = this.db
      .prepare(
        'SELECT j.id, j.name, i.file_name AS fileName, j.created_at AS createdAt FROM jobs j JOIN imports i ON i.id = j.import_id WHERE j.id = ?'
      )
      .get(jobId) as ComparedJob | undefined
    if (!row) throw new Error(`job ${jobId} not found`)
    return row
  }

  /** The comparison's key in the temporary table, worked out (again) when missing or out of date. */
  private ensure(olderId: string, newerId: string): string {
    const pair = `${olderId}:${newerId}`
    const stamp = this.stampOf(olderId, newerId)
    if (this.made.get(pair)?.key === stamp) return pair
    if (!this.prepared) {
      this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS comparisons (
        pair TEXT NOT NULL, e164 TEXT NOT NULL, change TEXT NOT NULL,
        old_status TEXT, new_status TEXT, old_line_type TEXT, new_line_type TEXT, old_carrier TEXT, new_carrier TEXT,
        PRIMARY KEY (pair, change, e164)) WITHOUT ROWID`)
      this.prepared = true
    }
    const [oldLo, oldHi] = this.keys.numberRange(olderId)
    const [newLo, newHi] = this.keys.numberRange(newerId)
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM temp.comparisons WHERE pair = ?').run(pair)
      // Each side in a temporary table indexed by E.164, so both directions are lookups (a full outer join of
      // the numbers themselves scanned one side once per number of the other: minutes at 100k).
      for (const [side, lo, hi] of [
        ['compare_old', oldLo, oldHi],
        ['compare_new', newLo, newHi]
      ] as const) {
        this.db.exec(`DROP TABLE IF EXISTS temp.${side}`)
        this.db.exec(
          `CREATE TEMP TABLE ${side} (e164 TEXT PRIMARY KEY, status TEXT, line_type TEXT, carrier TEXT)`
        )
        this.db.prepare(`INSERT OR IGNORE INTO temp.${side} ${NUMBERS_OF_JOB}`).run(lo, hi)
      }
      this.db
        .prepare(
          `INSERT OR IGNORE INTO temp.comparisons SELECT ?, o.e164, ${CHANGE_SQL},
           o.status, n.status, o.line_type, n.line_type, o.carrier, n.carrier
           FROM temp.compare_old o LEFT JOIN temp.compare_new n ON n.e164 = o.e164`
        )
        .run(pair)
      this.db
        .prepare(
          `INSERT OR IGNORE INTO temp.comparisons SELECT ?, n.e164, 'added', NULL, n.status, NULL, n.line_type,
           NULL, n.carrier FROM temp.compare_new n WHERE NOT EXISTS (SELECT 1 FROM temp.compare_old o WHERE o.e164 = n.e164)`
        )
        .run(pair)
      this.db.exec('DROP TABLE temp.compare_old; DROP TABLE temp.compare_new')
    })()
    this.made.set(pair, { key: stamp })
    return pair
  }

  /** Changes when either job's results do (status, progress, or a change after the check: result_versions). */
  private stampOf(olderId: string, newerId: string): string {
    const read = this.db.prepare(
      `SELECT j.status || ':' || j.done || ':' || COALESCE(j.offline_checked_at, '') || ':' ||
       COALESCE((SELECT version FROM result_versions v WHERE v.job = j.seq), 0) FROM jobs j WHERE j.id = ?`
    )
    const older = read.pluck().get(olderId) as string | undefined
    const newer = read.pluck().get(newerId) as string | undefined
    if (older === undefined) throw new Error(`job ${olderId} not found`)
    if (newer === undefined) throw new Error(`job ${newerId} not found`)
    return `${older}|${newer}`
  }
}

interface DbRow {
  e164: string
  change: Change
  old_status: ComparedNumber['oldStatus']
  new_status: ComparedNumber['newStatus']
  old_line_type: ComparedNumber['oldLineType']
  new_line_type: ComparedNumber['newLineType']
  old_carrier: string | null
  new_carrier: string | null
}

function toCompared(row: DbRow): ComparedNumber {
  return {
    e164: row.e164,
    change: row.change,
    oldStatus: row.old_status,
    newStatus: row.new_status,
    oldLineType: row.old_line_type,
    newLineType: row.new_line_type,
    oldCarrier: row.old_carrier,
    newCarrier: row.new_carrier
  }
}
