// The store's repositories on one connection, one per aggregate: imports (and their source rows), jobs (read
// here; written only through jobs-repo.ts's jobsWriter), results, the paid check's ledger, and deletion.
import { redoableTransaction, type Db } from './database'
import { ImportsRepo } from './imports-repo'
import { JobDeletion } from './job-deletion'
import { CompareRepo } from './compare-repo'
import { JobKeys } from './job-keys'
import { JobsRepo, type JobsReader } from './jobs-repo'
import { LiveStore } from './live-store'
import { NotePhrases } from './note-phrases'
import { ResultsRepo } from './results-repo'

export class JobStore {
  readonly imports: ImportsRepo
  /** Reads only: writing a job's row takes jobsWriter() (jobs-repo.ts). */
  readonly jobs: JobsReader
  readonly results: ResultsRepo
  /** The paid check's ledger: attempts, checks, bulk tasks, the numbers' live state. */
  readonly live: LiveStore
  readonly deletion: JobDeletion
  /** Two checks of a list compared number by number. */
  readonly compare: CompareRepo
  /** Jobs' integer keys. */
  readonly keys: JobKeys

  constructor(readonly db: Db) {
    this.keys = new JobKeys(db)
    const notes = new NotePhrases(db)
    this.imports = new ImportsRepo(db)
    // The job list shows each job's paid-check summary, which the ledger counts.
    const jobs = new JobsRepo(db, (jobId, persisted) => this.live.summary(jobId, persisted))
    this.jobs = jobs
    this.live = new LiveStore(db, this.keys, jobs)
    this.results = new ResultsRepo(db, this.keys, notes, this.imports.blocks, (jobId) => jobs.refs(jobId))
    this.deletion = new JobDeletion(db, this.keys, notes, jobs, this.imports)
    this.compare = new CompareRepo(db, this.keys)
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** A transaction of import or offline-check writes, which a rerun redoes from the source file (see database.ts). */
  redoableTransaction<T>(fn: () => T): T {
    return redoableTransaction(this.db, fn)
  }
}
