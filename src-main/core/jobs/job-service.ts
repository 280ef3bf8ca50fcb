import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { CreateJobRequest, ExportResult, PreviewRequest } from '../domain'
import type { EngineTuning } from '../engine/live-run'
import { newLive } from '../store/live-store'
import { LiveService } from '../engine/live-service'
import type { ProviderService } from '../settings/provider-service'
import type {
  AmbiguousChoice,
  CountrySplit,
  ImportMapping,
  ImportPreview,
  JobCounts,
  JobDetail,
  JobProgress,
  JobStatus,
  JobSummary,
  LivePlan,
  Preflight,
  StartLiveRequest,
  Status,
  UncertainAttempt
} from '../domain'
import { columnLetter, MAX_PHONE_COLUMNS } from '../domain'
import { ImportError } from '../import/errors'
import { ImportSession, type WorkerScript } from '../import/worker-client'
import { checkNumberText, regionName } from '../phone'
import type { PreviewWithRows } from '../import/preview'
import { RegionStore } from '../store/region-store'
import { placeColumnsOf, splitOfRows, splitOfTally } from './country-split'
import type { JobStore } from '../store/job-store'
import type { ImportRecord } from '../store/imports-repo'
import { jobsWriter, type JobsRepo } from '../store/jobs-repo'
import { emptyCounts } from '../store/results-repo'
import { mapStoreErrors } from '../store/database'
import { ServiceError } from './service-error'
import { assertExportTargets } from './export-service'
import { JobRunner, type ProgressReporter, type RunHandle, type StopReason } from './job-runner'
import type { JobsWorkerOptions } from './worker-runner'
import { OFFLINE_PROVIDER, OfflineCheck, type ExportWhenChecked } from './offline-check'

/** When silence from the process that runs a job means it died (JobRunner beats every 10 s). */
const HEARTBEAT_STALE_MS = 60_000
const INTERRUPTED_OFFLINE =
  'Interrupted before the offline check finished; nothing was spent. Resume to run the offline check again.'

type ProgressListener = (progress: JobProgress) => void

export interface CreateOptions {
  /** Only for a job without a paid check; its outcome is taken with takeFollowedExport once the job is done. */
  exportWhenChecked?: ExportWhenChecked
}

type FollowedOutcome = { ok: true; result: ExportResult } | { ok: false; error: unknown }

/** Data rows of the preview the country split reads on the mapping screen. */
const SPLIT_ROWS = 2000

/** Imports a file into the store and runs the offline check over it, as one job with progress. */
export class JobService {
  /** Every phase of every job this process runs: running map, stop, progress, heartbeat, lifecycle writes. */
  readonly runner: JobRunner
  /** The user previews right before importing; keeping the last few answers avoids parsing a workbook twice. */
  private readonly previews = new Map<string, PreviewWithRows>()
  /** Keeps the last preview's parse in its worker, so the import that follows does not read the file again. */
  private readonly importSession: ImportSession
  /** Exports asked for with a job, until its offline check starts them. */
  private readonly exportsAsked = new Map<string, ExportWhenChecked>()
  /** What those exports came to, until the caller takes it. */
  private readonly exportsDone = new Map<string, FollowedOutcome>()
  /** Deletions resumed at start-up. */
  private sweeping: Promise<void> = Promise.resolve()

  /** The paid check that follows the offline one when the job has a provider chain. */
  readonly live: LiveService
  private readonly regions: RegionStore
  /** This service creates jobs, keeps their offline-check time and hides deleted ones; the runner does the rest. */
  private readonly jobs: JobsRepo

  constructor(
    private readonly store: JobStore,
    importWorker: WorkerScript,
    private readonly jobsWorker: JobsWorkerOptions,
    providers: ProviderService,
    tuning?: Partial<EngineTuning>
  ) {
    this.regions = new RegionStore(store.db)
    this.importSession = new ImportSession(importWorker)
    this.jobs = jobsWriter(store)
    this.runner = new JobRunner({ jobs: this.jobs })
    this.live = new LiveService({ store, live: store.live, providers, tuning, runner: this.runner })
  }

  onProgress(listener: ProgressListener): () => void {
    return this.runner.onProgress(listener)
  }

  /**
   * Jobs still marked running whose process died: say so instead of showing a frozen run. A job another live
   * process is running (the app while the CLI starts, or the other way round) is left alone.
   */
  recoverInterrupted(): string[] {
    const now = Date.now()
    const dead = this.store.jobs.running().filter((job) => {
      if (this.isRunning(job.id)) return false
      if (job.ownerPid === null || job.ownerPid === process.pid) return true
      const fresh = job.heartbeatAt !== null && now - Date.parse(job.heartbeatAt) < HEARTBEAT_STALE_MS
      return !(fresh && processAlive(job.ownerPid))
    })
    for (const job of dead) {
      // A paid check resumes where it stopped. An import or offline check of a job with a paid plan pauses, so
      // resume runs the offline check again and then the paid one; without a plan the user simply runs it again.
      if (job.phase === 'live') this.live.recover(job.id)
      else if (this.store.live.loadLive(job.id)) this.markInterrupted(job.id, null)
      else
        this.runner.finish(
          job.id,
          'failed',
          null,
          'Interrupted: Ringtrue stopped while this job was running.'
        )
    }
    return dead.map((job) => job.id)
  }

  async preview(request: PreviewRequest): Promise<ImportPreview> {
    // A job usually follows a preview: its check workers load their code while the file is read.
    this.jobsWorker.reserve?.fill()
    const { splitRows: _rows, ...preview } = await this.previewWithRows(request)
    return preview
  }

  /** The preview, cached, with the data rows the country split reads (they stay in main). */
  private async previewWithRows(request: PreviewRequest): Promise<PreviewWithRows> {
    const info = await assertReadableFile(request.filePath)
    const key = JSON.stringify([
      request.filePath,
      info.size,
      info.mtimeMs,
      request.sheet ?? null,
      request.headerRow
    ])
    const cached = this.previews.get(key)
    if (cached) return cached
    const preview: PreviewWithRows = await this.importSession.preview(request.filePath, {
      sheet: request.sheet,
      headerRow: request.headerRow,
      splitRows: SPLIT_ROWS
    })
    this.previews.set(key, preview)
    // The resolved sheet and header row are what create() asks for next; remember the preview under them too.
    const resolvedKey = JSON.stringify([
      request.filePath,
      info.size,
      info.mtimeMs,
      preview.sheet,
      preview.headerRow
    ])
    this.previews.set(resolvedKey, preview)
    while (this.previews.size > 8) this.previews.delete(this.previews.keys().next().value as string)
    return preview
  }

  /**
   * How the numbers of the mapping's phone columns split by likely country, read from the preview's first rows
   * exactly as the job would read them; flags a default region most numbers do not fit.
   */
  async countrySplit(request: { filePath: string; mapping: ImportMapping }): Promise<CountrySplit> {
    const { mapping } = request
    const preview = await this.previewWithRows({
      filePath: request.filePath,
      sheet: mapping.sheet,
      headerRow: mapping.headerRow
    })
    checkMapping(preview, mapping)
    return splitOfRows(preview.splitRows ?? [], {
      phoneColumns: mapping.phoneColumns,
      countryColumn: mapping.countryColumn,
      defaultRegion: mapping.defaultRegion,
      placeColumns: placeColumnsOf(
        preview.columns.map((c) => c.header),
        mapping
      )
    })
  }

  /** The split of a checked job's numbers (every row), for `check --json` and the pre-flight. */
  jobCountrySplit(jobId: string): CountrySplit {
    const job = this.get(jobId)
    return splitOfTally(this.regions.countryTally(jobId), job.counts.rows, job.defaultRegion)
  }

  /** The countries the job's ambiguous numbers read in, most numbers first. */
  ambiguousChoices(jobId: string): AmbiguousChoice[] {
    this.assertExists(jobId)
    const counts = new Map<string, number>()
    for (const n of this.regions.ambiguousNumbers(jobId)) {
      for (const region of n.alternatives) counts.set(region, (counts.get(region) ?? 0) + 1)
    }
    return [...counts]
      .map(([country, numbers]) => ({ country, numbers }))
      .sort((a, b) => b.numbers - a.numbers || a.country.localeCompare(b.country))
  }

  /**
   * Reads the job's ambiguous numbers in `country` wherever that reading is valid (reason region_chosen).
   * Returns how many numbers changed.
   */
  resolveAmbiguous(jobId: string, country: string): number {
    this.assertExists(jobId)
    if (this.runner.isRunning(jobId, 'offline')) {
      throw new ServiceError('job_running', 'The job is still importing or checking offline.', {
        variant: 'offline'
      })
    }
    const region = country.toUpperCase()
    const name = regionName(region)
    const chosen = this.live.numbersChosen(jobId, () => {
      const ids: number[] = []
      for (const n of this.regions.ambiguousNumbers(jobId)) {
        if (!n.alternatives.includes(region)) continue
        const reading = checkNumberText(n.raw, region)
        if (reading.status !== 'unchecked' || !reading.e164) continue
        ids.push(
          this.regions.choose(jobId, n.id, {
            e164: reading.e164,
            lineType: reading.lineType,
            country: reading.country,
            note: `Valid in several countries; you chose ${name}`
          })
        )
      }
      return ids
    })
    return chosen.length
  }

  async create(request: CreateJobRequest, options: CreateOptions = {}): Promise<{ jobId: string }> {
    const { filePath, mapping } = request
    const info = await assertReadableFile(filePath)
    const preview = await this.preview({ filePath, sheet: mapping.sheet, headerRow: mapping.headerRow })
    checkMapping(preview, mapping)
    const plan = request.live ?? null
    if (plan) validatePlan(plan)
    const exportAsked = options.exportWhenChecked ?? null
    if (exportAsked) {
      // A paid check changes results after the offline check: that job is exported once it is done.
      if (plan)
        throw new ServiceError('bad_plan', 'A job with a paid check is exported after its paid check.', {
          variant: 'exportAfterLive'
        })
      assertExportTargets(exportAsked, filePath)
    }
    const fileHash = await hashFile(filePath)
    const importId = randomUUID()
    const jobId = randomUUID().replace(/-/g, '').slice(0, 16)
    const fileName = basename(filePath)
    this.store.transaction(() => {
      this.store.imports.insert({
        id: importId,
        filePath,
        fileName,
        fileSize: info.size,
        fileHash,
        format: preview.format,
        sheet: mapping.sheet,
        headerRow: mapping.headerRow,
        headers: preview.columns.map((c) => c.header),
        phoneColumns: mapping.phoneColumns,
        countryColumn: mapping.countryColumn,
        defaultRegion: mapping.defaultRegion,
        encoding: preview.encoding,
        delimiter: preview.delimiter,
        warnings: preview.warnings
      })
      this.jobs.insert({
        id: jobId,
        importId,
        name: request.name?.trim() || fileName.replace(/\.[^.]+$/, ''),
        providers: [
          OFFLINE_PROVIDER,
          ...new Set([
            ...(plan?.route.map((s) => s.provider) ?? []),
            ...(plan?.fallback ? [plan.fallback] : [])
          ])
        ]
      })
      // The paid plan is stored with the job, so a job killed or interrupted during the offline check still
      // knows its paid check and resumes into it.
      if (plan) this.store.live.saveLive(jobId, newLive(plan))
    })
    if (exportAsked) this.exportsAsked.set(jobId, exportAsked)
    this.launch(jobId, importId, preview.totalRows, plan, false)
    return { jobId }
  }

  private launch(
    jobId: string,
    importId: string,
    expectedRows: number,
    plan: LivePlan | null,
    skipImport: boolean
  ): void {
    void this.runner.start(jobId, 'offline', (run) =>
      this.run(jobId, importId, expectedRows, plan, run, skipImport)
    )
  }

  /**
   * The export asked for with create(): its result once the job is done, null when none was asked for or the job
   * did not get to it. Throws the export's own error (a full disk, say) when writing it failed.
   */
  takeFollowedExport(jobId: string): ExportResult | null {
    const outcome = this.exportsDone.get(jobId)
    this.exportsDone.delete(jobId)
    if (!outcome) return null
    if (!outcome.ok) throw outcome.error
    return outcome.result
  }

  /** A job stopped (interrupted, or its process died) before its offline check finished. */
  offlineUnfinished(job: JobDetail): boolean {
    return job.status === 'paused' && (job.phase === 'importing' || job.phase === 'checking')
  }

  /**
   * Runs the offline check of an interrupted job again: from the stored rows when the import had finished,
   * else from the file (which must be unchanged). Its paid plan, if any, follows as after create().
   */
  async resumeOffline(jobId: string): Promise<void> {
    const job = this.get(jobId)
    if (this.isRunning(jobId) || job.status === 'running') {
      throw new ServiceError('job_running', 'The job is already running.', { variant: 'already' })
    }
    if (!this.offlineUnfinished(job)) {
      throw new ServiceError(
        'bad_plan',
        `The offline check of this job is not interrupted (it is ${job.status}).`,
        { variant: 'notInterrupted', status: job.status }
      )
    }
    const record = this.store.imports.get(job.importId)
    if (!record) throw new ServiceError('import_missing', 'The import record disappeared.')
    const reimport = !record.complete
    if (reimport) {
      await assertReadableFile(record.filePath)
      if ((await hashFile(record.filePath)) !== record.fileHash) {
        throw new ServiceError(
          'file_changed',
          `${record.fileName} changed since the job started, so its import cannot be finished; start a new check of it.`,
          { name: record.fileName }
        )
      }
    }
    const persisted = this.store.live.loadLive(jobId)
    this.store.transaction(() => {
      // What an interrupted offline check (and import) wrote goes, so they run again from the start.
      this.store.results.clear(jobId)
      if (reimport) this.store.imports.clearRows(record.id)
      if (persisted) this.store.live.saveLive(jobId, newLive(persisted.plan))
      this.runner.setState(jobId, 'running', reimport ? 'importing' : 'checking', null, false)
    })
    this.launch(jobId, record.id, record.rowCount, persisted?.plan ?? null, !reimport)
  }

  /**
   * Stops the import or offline check of a running job and marks it paused as interrupted (Ctrl-C in the CLI),
   * so it can be resumed; a paid check pauses through pause().
   */
  interrupt(jobId: string): boolean {
    return this.runner.isRunning(jobId, 'offline') && this.runner.stop(jobId, 'interrupt')
  }

  private markInterrupted(jobId: string, counts: JobCounts | null): void {
    const persisted = this.store.live.loadLive(jobId)
    this.store.transaction(() => {
      if (persisted) {
        persisted.pauseReason = 'interrupted'
        persisted.pauseMessage = INTERRUPTED_OFFLINE
        persisted.pauseDetail = INTERRUPTED_OFFLINE
        persisted.pauseProvider = null
        this.store.live.saveLive(jobId, persisted)
      }
      this.runner.finish(jobId, 'paused', counts, INTERRUPTED_OFFLINE)
    })
  }

  /** Resolves when the job's run ends (whatever its outcome), including a paid run started after it. */
  async waitFor(jobId: string): Promise<JobDetail> {
    if (this.runner.isRunning(jobId, 'offline')) await this.runner.waitFor(jobId)
    await this.live.waitFor(jobId)
    return this.get(jobId)
  }

  /** Whether the job imports, checks or runs its paid check here (an export running does not count). */
  isRunning(jobId: string): boolean {
    return this.runner.isRunning(jobId, 'offline') || this.runner.isRunning(jobId, 'live')
  }

  /** Jobs whose paid check is running right now (the window asks before closing over them). */
  runningLiveJobs(): string[] {
    return this.live.runningJobIds()
  }

  /**
   * Pauses every running paid check and waits for the requests in flight to answer, at most `timeoutMs`;
   * anything still in flight after that is recovered as "possibly charged" on the next start.
   */
  async pauseAll(timeoutMs = 15_000): Promise<void> {
    const ids = this.live.runningJobIds()
    for (const id of ids) this.live.pause(id)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.all(ids.map((id) => this.live.waitFor(id))), timeout])
    clearTimeout(timer)
  }

  list(): JobSummary[] {
    return this.store.jobs.list()
  }

  preflight(jobId: string): Promise<Preflight> {
    this.assertExists(jobId)
    return this.live.preflight(jobId)
  }

  startLive(request: StartLiveRequest): Promise<void> {
    if (this.runner.isRunning(request.jobId, 'offline')) {
      throw new ServiceError('job_running', 'The job is still importing or checking offline.', {
        variant: 'offline'
      })
    }
    const job = this.store.jobs.get(request.jobId)
    // Interrupted before its offline check finished: that runs again first, then waits at the pre-flight.
    if (job && this.offlineUnfinished(job)) return this.resumeOffline(request.jobId)
    return this.live.start(request)
  }

  pause(jobId: string): void {
    this.assertExists(jobId)
    this.live.pause(jobId)
  }

  recheck(jobId: string, statuses: Status[]): number {
    this.assertExists(jobId)
    return this.live.recheck(jobId, statuses)
  }

  /**
   * Like recheck(), and returns how to undo it: the numbers queued and the job's state go back exactly as they
   * were (the CLI undoes a re-check the user did not agree to pay for).
   */
  recheckUndoable(jobId: string, statuses: Status[]): { queued: number; undo: () => void } {
    this.assertExists(jobId)
    const restoreJob = this.jobs.snapshot(jobId)
    const restoreNumbers = this.store.live.snapshotNumbers(jobId)
    const undo = (): void =>
      this.store.transaction(() => {
        restoreNumbers()
        restoreJob()
      })
    return { queued: this.live.recheck(jobId, statuses), undo }
  }

  uncertain(jobId: string): UncertainAttempt[] {
    this.assertExists(jobId)
    return this.live.uncertain(jobId)
  }

  /** Throws job_not_found; cheaper than get(), which also summarizes the paid check. */
  assertExists(jobId: string): void {
    if (!this.store.jobs.exists(jobId)) throw new ServiceError('job_not_found', 'That job no longer exists.')
  }

  get(jobId: string): JobDetail {
    const job = this.store.jobs.get(jobId)
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    return job
  }

  async cancel(jobId: string): Promise<void> {
    this.assertExists(jobId)
    if (this.runner.isRunning(jobId, 'offline')) {
      this.runner.stop(jobId, 'cancel')
      return
    }
    const job = this.get(jobId)
    if (this.offlineUnfinished(job)) {
      // Interrupted before its offline check finished: it ends here, still short of the paid phase.
      const persisted = this.store.live.loadLive(jobId)
      this.store.transaction(() => {
        if (persisted) this.store.live.saveLive(jobId, newLive(persisted.plan))
        this.runner.finish(jobId, 'cancelled', null, 'Cancelled by the user.')
      })
      return
    }
    await this.live.cancel(jobId)
  }

  async remove(jobId: string): Promise<void> {
    this.assertExists(jobId)
    if (this.runner.isRunning(jobId, 'offline')) {
      this.runner.stop(jobId, 'cancel')
      await this.runner.waitFor(jobId)
    }
    if (this.live.isRunning(jobId)) await this.live.cancel(jobId)
    // Hidden at once; the rows go in short transactions so other jobs stay readable and writable meanwhile.
    this.storeCall(() => this.jobs.markDeleted(jobId))
    await this.sweepDeleted(jobId)
  }

  /** Finishes the deletions a stopped Ringtrue left half done (in the background at start-up). */
  resumeDeletes(): Promise<void> {
    const pending = this.store.jobs.deleting()
    this.sweeping = (async () => {
      for (const jobId of pending) {
        try {
          await this.sweepDeleted(jobId)
        } catch {
          // Busy or failing store: the job stays hidden and the next start tries again.
        }
      }
      try {
        // Pages a stopped deletion had freed but not yet given back.
        await this.returnFreePages()
      } catch {
        // Busy or failing store: the next deletion or start gives them back.
      }
    })()
    return this.sweeping
  }

  /** Resolves once the deletions resumed at start-up are done (or stopped by close). */
  whenSwept(): Promise<void> {
    return this.sweeping
  }

  private async sweepDeleted(jobId: string): Promise<void> {
    // A closed store stops the sweep; the next start finishes it.
    while (this.store.db.open && !this.storeCall(() => this.store.deletion.sweep(jobId))) {
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    await this.returnFreePages()
  }

  /** Gives freed pages back to the file system, in steps as short as the deletion's. */
  private async returnFreePages(): Promise<void> {
    while (this.store.db.open && !this.storeCall(() => this.store.deletion.returnFreePages())) {
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /** Store failures (busy past the timeout, read-only, damaged…) as one message with the path. */
  private storeCall<T>(fn: () => T): T {
    return mapStoreErrors(this.store.db.name, fn)
  }

  private async run(
    jobId: string,
    importId: string,
    expectedRows: number,
    plan: LivePlan | null,
    { signal, progress }: RunHandle,
    skipImport = false
  ): Promise<void> {
    const exportAsked = this.exportsAsked.get(jobId) ?? null
    this.exportsAsked.delete(jobId)
    let check: OfflineCheck | null = null
    try {
      const record = this.store.imports.get(importId)
      if (!record) throw new ServiceError('import_missing', 'The import record disappeared.')
      check = new OfflineCheck({
        store: this.store,
        jobs: this.jobs,
        regions: this.regions,
        worker: this.jobsWorker,
        jobId,
        record,
        signal,
        progress
      })
      const rowCount = skipImport
        ? record.rowCount
        : await this.importRows(record, expectedRows, signal, progress, check)
      check.importDone(rowCount, exportAsked)
      const following = await check.finish()
      check = null
      if (following) {
        try {
          this.exportsDone.set(jobId, { ok: true, result: await following.result })
        } catch (error) {
          this.exportsDone.set(jobId, { ok: false, error })
        }
        await following.exited
      }
      // The bulk load is over: fold the WAL into the database so the folder holds the job once, not twice.
      this.store.live.checkpoint()
      const counts = this.store.results.computeCounts(jobId, rowCount)
      this.runner.saveProgress(jobId, 'checking', rowCount, rowCount, counts)
      if (plan && this.live.prepare(jobId, plan)) {
        // Nothing is spent before the user has seen the pre-flight and said go.
        const summary = this.live.summary(jobId)
        progress.final(
          'paused',
          'live',
          summary?.total ?? 0,
          summary?.total ?? 0,
          counts,
          summary?.pauseMessage ?? null,
          summary
        )
        return
      }
      this.runner.finish(jobId, 'done', counts, null)
      progress.final('done', 'finished', rowCount, rowCount, counts, null, this.live.summary(jobId))
    } catch (error) {
      await check?.abandon()
      const interrupted = signal.aborted && signal.reason === ('interrupt' satisfies StopReason)
      const cancelled = signal.aborted && !interrupted
      const status: JobStatus = interrupted ? 'paused' : cancelled ? 'cancelled' : 'failed'
      const message = interrupted
        ? INTERRUPTED_OFFLINE
        : cancelled
          ? 'Cancelled by the user.'
          : describeFailure(error)
      try {
        const job = this.store.jobs.get(jobId)
        const rows = job ? this.store.imports.get(importId)?.rowCount : 0
        const counts = job ? this.store.results.computeCounts(jobId, rows ?? 0) : null
        if (job && interrupted) this.markInterrupted(jobId, counts)
        else if (job) this.runner.finish(jobId, status, counts, message)
        progress.final(status, job?.phase ?? 'finished', 0, 0, counts ?? emptyCounts(), message)
      } catch {
        // The store itself is gone (closed at quit, disk full): the job stays 'running' in the database and
        // the next start reports it as interrupted instead of this run crashing the process.
      }
    }
  }

  /**
   * Reads the file into the store. When the reader hands over its sample of the list, the offline check starts
   * at once and follows the stored rows, so both cores work during the import.
   */
  private async importRows(
    record: ImportRecord,
    expectedRows: number,
    signal: AbortSignal,
    progress: ProgressReporter,
    check: OfflineCheck
  ): Promise<number> {
    const importId = record.id
    let firstStored: number | null = null
    let rowsStored = 0
    let widest = 0
    // The reader announces the total before its first batch (exact, or an estimate for a big text file), and it
    // stays the progress total for the whole import; the preview's count stands in until then.
    let total = expectedRows
    let estimated = false
    const counts = emptyCounts()
    const result = await this.importSession.read(record.filePath, {
      sheet: record.sheet,
      headerRow: record.headerRow,
      signal,
      onTotal: (t) => {
        total = t.rows
        estimated = !t.exact
      },
      onSample: (rows) => check.startDuringImport(rows),
      // Batches arrive in their stored form, encoded in the import worker: this thread only inserts them.
      onBlocks: (batch) => {
        this.store.redoableTransaction(() => this.store.imports.insertEncodedRows(importId, batch))
        firstStored ??= batch.firstStored
        check.stored(firstStored, batch.through)
        rowsStored += batch.rows
        if (batch.widest > widest) widest = batch.widest
        counts.rows = rowsStored
        progress.report('importing', () => ({ done: rowsStored, total, counts, totalEstimated: estimated }))
      }
    })
    const named = record.headerRow === null ? record.headers : result.headers
    // Cells past the header still belong to the sheet; give them their column letter so exports keep them.
    const headers = [...named]
    for (let c = headers.length; c < widest; c++) headers.push(columnLetter(c))
    this.store.imports.finish(importId, headers, rowsStored, record.warnings)
    return rowsStored
  }
}

/** A mapping must name columns the sheet has, within the limits, the country column apart from the phones. */
function checkMapping(preview: ImportPreview, mapping: ImportMapping): void {
  const width = preview.columns.length
  const outOfRange = [...mapping.phoneColumns, mapping.countryColumn ?? 0].find(
    (c) => c >= Math.max(width, 1)
  )
  if (outOfRange !== undefined) {
    throw new ServiceError(
      'bad_mapping',
      `Column ${outOfRange + 1} does not exist in sheet "${mapping.sheet}".`,
      { variant: 'column', column: outOfRange + 1, sheet: mapping.sheet }
    )
  }
  if (mapping.phoneColumns.length > MAX_PHONE_COLUMNS) {
    throw new ServiceError(
      'bad_mapping',
      `A job checks at most ${MAX_PHONE_COLUMNS} phone columns; ${mapping.phoneColumns.length} were chosen.`,
      { variant: 'tooMany', max: MAX_PHONE_COLUMNS, count: mapping.phoneColumns.length }
    )
  }
  if (mapping.countryColumn !== null && mapping.phoneColumns.includes(mapping.countryColumn)) {
    throw new ServiceError('bad_mapping', 'The country column cannot also be a phone column.', {
      variant: 'countryIsPhone'
    })
  }
}

async function assertReadableFile(filePath: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(filePath)
    if (!info.isFile())
      throw new ServiceError('not_a_file', `${basename(filePath)} is a folder, not a file.`, {
        variant: 'folder',
        name: basename(filePath)
      })
    return { size: info.size, mtimeMs: info.mtimeMs }
  } catch (error) {
    if (error instanceof ServiceError) throw error
    throw new ServiceError('file_not_found', `${filePath} does not exist or cannot be read.`, {
      path: filePath
    })
  }
}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function describeFailure(error: unknown): string {
  if (error instanceof ImportError || error instanceof ServiceError) return error.message
  if (error instanceof Error) return `Unexpected error: ${error.message}`
  return 'Unexpected error.'
}

/** A plan must name known providers; the schema checks shapes, this checks meaning (also for the CLI). */
function validatePlan(plan: LivePlan): void {
  if (plan.route.length === 0) {
    throw new ServiceError('bad_plan', 'Choose at least one provider for the paid check.', {
      variant: 'noProvider'
    })
  }
  const seen = new Set<string>()
  for (const step of plan.route) {
    if (seen.has(step.provider) && !step.countries) {
      throw new ServiceError('bad_plan', `${step.provider} appears twice in the provider chain.`, {
        variant: 'duplicate',
        provider: step.provider
      })
    }
    seen.add(step.provider)
  }
  if (plan.lineTypes.length === 0) {
    throw new ServiceError('bad_plan', 'Choose at least one line type to send to the paid check.', {
      variant: 'noLineType'
    })
  }
  if (plan.spendCap !== null && !(plan.spendCap >= 0)) {
    throw new ServiceError('bad_plan', 'The spending cap must be zero or more.', { variant: 'spendCap' })
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
