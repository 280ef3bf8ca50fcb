// A job's integer key (jobs.seq): child rows carry it instead of the 16-character public id, and a job's numbers
// take their ids from a range of their own, so "this job's numbers" is a range of the numbers' primary key and
// needs no index kept up while a list is checked.
import type { Db } from './db'

/** Ids a job's numbers may take: [seq × NUMBER_ID_SPAN, (seq + 1) × NUMBER_ID_SPAN). Ids stay below 2^53. */
export const NUMBER_ID_SPAN = 2 ** 32

/** The seq of no job (seqs start at 1): its number range holds no number. */
const NO_JOB = 0

export class JobKeys {
  private readonly seqs = new Map<string, number>()
  private readonly lookup

  constructor(db: Db) {
    this.lookup = db.prepare('SELECT seq FROM jobs WHERE id = ?').pluck()
  }

  /** The job's integer key; an unknown job gets one that matches no row. */
  seqOf(jobId: string): number {
    const known = this.seqs.get(jobId)
    if (known !== undefined) return known
    const seq = this.lookup.get(jobId) as number | null | undefined
    if (seq === undefined || seq === null) return NO_JOB
    // A job keeps its seq for life (only a finished deletion frees it, and the job's id with it).
    this.seqs.set(jobId, seq)
    return seq
  }

  /** The first and last number id the job's numbers can have. */
  numberRange(jobId: string): [number, number] {
    const lo = this.seqOf(jobId) * NUMBER_ID_SPAN
    return [lo, lo + NUMBER_ID_SPAN - 1]
  }
}
