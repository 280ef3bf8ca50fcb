// Bulk dispatch of a paid run (checknumber.ai and any provider behind the BulkProvider interface): upload a
// task of numbers, poll it, download and keep the result archive, apply it. Every number's ledger entry is
// committed before the upload, and a task id is stored the moment it exists, so a resume never pays twice.
import type { ProviderRuntime } from '../providers/runtime'
import { scrub } from '../providers/runtime'
import type { BulkProvider, BulkTask, LiveResult, ProviderError } from '../providers/types'
import { counterOf, failedOutcome } from './commit-queue'
import type {
  AttemptState,
  BulkTaskRecord,
  LiveNumberState,
  StatusDelta,
  WorkItem
} from '../store/live-store'
import type { ProviderGate } from './provider-gate'
import { asProviderError, describe, PAGE, taskRef, type RunContext } from './run-context'
import { backoffDelay, pause } from './timing'

export class BulkDispatch {
  constructor(private readonly run: RunContext) {}

  async dispatch(runtime: ProviderRuntime, provider: BulkProvider, gate: ProviderGate): Promise<void> {
    const id = provider.info.id
    for (const task of this.run.store.tasks(this.run.jobId)) {
      if (this.run.stopping) return
      if (task.provider !== id || (task.state !== 'submitted' && task.state !== 'downloaded')) continue
      await this.finishTask(runtime, provider, gate, task)
    }
    const items: WorkItem[] = []
    let cursor = 0
    for (;;) {
      const page = this.run.store.pendingPage(this.run.jobId, id, cursor, PAGE)
      if (page.length === 0) break
      for (const item of page) {
        cursor = item.numberId
        if (this.run.only && !this.run.only.has(item.numberId)) continue
        if (!this.run.useCache(item)) items.push(item)
      }
    }
    this.run.queue.flush()
    if (items.length === 0 || this.run.stopping) return
    // No minimum is guessed; one the provider stated when it refused a smaller task is respected (nothing is
    // uploaded that it already said it refuses), and the numbers wait for the user.
    const learned = this.run.store.learnedMinimum(id)
    if (learned && items.length < learned.minimum) {
      const message =
        `${runtime.name} refused a smaller task before and stated a minimum of ${learned.minimum} numbers ` +
        `per task; this job has ${items.length} for it.` +
        (learned.message ? ` It said: ${learned.message}` : '')
      this.run.live.lastError = scrub(runtime, message)
      this.run.stop('provider', scrub(runtime, message), 'Nothing was uploaded.', id)
      return
    }
    // A refused key shows in the free balance call: stop there rather than upload a task.
    if (!(await this.balanceAccepted(runtime, provider))) return
    for (let start = 0; start < items.length && !this.run.stopping; start += provider.maxTaskSize) {
      const chunk = items.slice(start, start + provider.maxTaskSize)
      if (!this.run.reserve(runtime, chunk.length)) return
      try {
        await this.submitTask(runtime, provider, gate, chunk)
      } finally {
        this.run.unreserve(runtime, chunk.length)
      }
    }
  }

  /** False (and the run stopped) when the provider refuses the key on its free balance call. */
  private async balanceAccepted(runtime: ProviderRuntime, provider: BulkProvider): Promise<boolean> {
    try {
      await provider.balance(runtime.credentials, runtime.settings)
      return true
    } catch (error) {
      const failure = asProviderError(provider.info.id, error)
      if (failure.kind !== 'auth') return true
      const message = scrub(runtime, `${runtime.name}: ${failure.message}`)
      this.run.live.lastError = message
      this.run.live.errors++
      this.run.stopForAccount(runtime, failure)
      return false
    }
  }

  private async submitTask(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    gate: ProviderGate,
    chunk: WorkItem[]
  ): Promise<void> {
    const at = new Date().toISOString()
    // The task row and every number's ledger entry are committed before the upload starts.
    const taskRow = this.run.store.transaction(() => {
      const rowId = this.run.store.createTask(
        this.run.jobId,
        provider.info.id,
        chunk.map((c) => c.numberId)
      )
      for (const item of chunk) this.run.store.claim(this.run.jobId, item, `bulk:${rowId}`, at)
      return rowId
    })
    this.run.counters.pending -= chunk.length
    this.run.counters.sent += chunk.length
    const ref = `bulk:${taskRow}`
    let task: BulkTask | null = null
    for (let tries = 1; !task; tries++) {
      if (!(await gate.acquire(this.run.signal))) {
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, null)
        return
      }
      let failure: ProviderError
      try {
        task = await provider.createTask(
          chunk.map((c) => c.e164),
          runtime.credentials,
          runtime.settings
        )
        break
      } catch (error) {
        failure = asProviderError(provider.info.id, error)
      } finally {
        gate.release()
      }
      const message = scrub(runtime, `${runtime.name}: ${failure.message}`)
      this.run.live.lastError = message
      this.run.live.errors++
      if (failure.kind === 'auth' || failure.kind === 'balance' || failure.kind === 'quota') {
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
        this.run.stopForAccount(runtime, failure)
        return
      }
      if (failure.details.providerCode === 'row_count') {
        // Refused for its size (free): the numbers wait, the minimum the provider stated is remembered for the
        // pre-flight, and the job pauses with the provider's own message.
        this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
        const minimum = failure.details.statedMinimum ?? chunk.length + 1
        this.run.store.rememberMinimum(provider.info.id, minimum, scrub(runtime, failure.message))
        this.run.stop(
          'provider',
          scrub(
            runtime,
            `${runtime.name} refused a task of ${chunk.length} numbers for its size (${failure.message}).`
          ),
          failure.details.statedMinimum
            ? `It needs at least ${failure.details.statedMinimum} numbers per task; nothing was charged.`
            : 'Nothing was charged.',
          provider.info.id
        )
        return
      }
      const retryable = failure.details.retryable && !failure.details.maybeProcessed
      if (retryable && tries < this.run.tuning.backoff.maxAttempts) {
        if (failure.kind === 'rate_limit') gate.throttled(failure.details.retryAfterMs)
        await pause(
          backoffDelay(this.run.tuning.backoff, tries, failure.details.retryAfterMs),
          this.run.signal
        )
        if (this.run.stopping) {
          this.settleTask(taskRow, ref, chunk, 'failed', 'pending', null, message)
          return
        }
        continue
      }
      if (failure.details.maybeProcessed) {
        this.settleTask(taskRow, ref, chunk, 'uncertain', 'uncertain', 'possibly_charged', message)
      } else {
        this.settleTask(taskRow, ref, chunk, 'failed', 'failed', 'check_failed', message)
      }
      return
    }
    const taskId = task.taskId
    // Stored the moment it exists: a resume polls this task instead of uploading (and paying) again.
    this.run.store.transaction(() => {
      this.run.store.updateTask(taskRow, 'submitted', taskId, null)
      this.run.store.renameAttemptRef(ref, taskRef(provider.info.id, taskId))
    })
    await this.finishTask(runtime, provider, gate, {
      id: taskRow,
      jobId: this.run.jobId,
      provider: provider.info.id,
      taskId,
      state: 'submitted',
      numberIds: chunk.map((c) => c.numberId),
      result: null,
      error: null
    })
  }

  /** Ends a task that never got an id: its numbers' attempts and states, in one transaction. */
  private settleTask(
    taskRow: number,
    ref: string,
    chunk: WorkItem[],
    attemptState: AttemptState,
    live: LiveNumberState,
    reason: string | null,
    error: string | null
  ): void {
    this.run.queue.flush()
    const delta: StatusDelta = new Map()
    this.run.store.transaction(() => {
      this.run.store.completeAttemptsOf(ref, attemptState, error)
      this.run.store.updateTask(taskRow, attemptState === 'uncertain' ? 'uncertain' : 'failed', null, error)
      const touched = new Set<number>()
      for (const item of chunk) {
        touched.add(item.numberId)
        let state = live
        let provider: string | null = null
        if (state === 'failed') {
          provider = this.run.fallbackFor(item)
          if (provider) state = 'pending'
        }
        this.run.store.setNumberState(
          item.numberId,
          state,
          state === 'pending' ? null : reason,
          error,
          provider
        )
        this.run.counters.sent--
        this.run.counters[counterOf(state)]++
      }
      this.run.store.refreshRows(this.run.jobId, touched, delta)
      this.run.store.saveLive(this.run.jobId, this.run.live)
    })
    this.run.report(delta)
  }

  private async finishTask(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    gate: ProviderGate,
    task: BulkTaskRecord
  ): Promise<void> {
    let archive = task.result
    let failures = 0
    let failureCount: number | null = null
    while (!archive && !this.run.stopping && task.taskId) {
      let status: BulkTask
      try {
        status = await provider.pollTask(task.taskId, runtime.credentials, runtime.settings)
        if (status.status === 'failed') {
          const message = `${runtime.name} reports task ${task.taskId} as failed.`
          this.run.live.lastError = message
          this.settleSubmitted(runtime, task, this.taskItems(task), 'failed', message)
          return
        }
        if (status.failure !== undefined && status.failure !== null) failureCount = status.failure
        if ((status.status === 'completed' || status.status === 'exported') && status.resultUrl) {
          const bytes = await provider.downloadResult(status, runtime.settings)
          archive = Buffer.from(bytes)
          // Kept before it is read: a crash while applying never means downloading (or paying) again.
          this.run.store.storeTaskResult(task.id, archive)
          break
        }
        failures = 0
      } catch (error) {
        const failure = asProviderError(provider.info.id, error)
        const message = scrub(runtime, `${runtime.name}: ${failure.message}`)
        this.run.live.lastError = message
        this.run.live.errors++
        if (failure.kind === 'auth') {
          this.run.stop(
            'auth',
            scrub(
              runtime,
              `${runtime.name} refused the API key while a task was running (${failure.message}).`
            ),
            'The task is kept; fix the key and resume.',
            provider.info.id
          )
          return
        }
        if (failure.kind === 'balance' || failure.kind === 'quota') {
          this.run.stopForAccount(runtime, failure)
          return
        }
        if (!failure.details.retryable) {
          // Asking again cannot help (the task is not found, or its status is one the document does not list):
          // stop once with the provider's words instead of polling forever. The task id stays with the job, so
          // a resume polls it again and support can trace it.
          this.run.stop(
            'provider',
            scrub(runtime, `${runtime.name}: task ${task.taskId} cannot be followed (${failure.message}).`),
            `The task id ${task.taskId} is kept; resume to poll it again.`,
            provider.info.id
          )
          return
        }
        if (failure.kind === 'rate_limit') gate.throttled(failure.details.retryAfterMs)
        failures++
        // Polling and downloading are free: keep trying with a growing pause.
        await pause(
          backoffDelay(this.run.tuning.backoff, Math.min(failures, 6), failure.details.retryAfterMs),
          this.run.signal
        )
        continue
      }
      await pause(this.run.tuning.bulkPollMs, this.run.signal)
    }
    if (!archive) return
    this.applyArchive(runtime, provider, task, archive, failureCount)
  }

  private applyArchive(
    runtime: ProviderRuntime,
    provider: BulkProvider,
    task: BulkTaskRecord,
    archive: Buffer,
    failureCount: number | null = null
  ): void {
    this.run.queue.flush()
    const items = this.taskItems(task)
    let results: LiveResult[]
    try {
      const submitted = items.map((item) => item.e164)
      results = provider.resultsFor(submitted, archive, runtime.pricePerLookup, runtime.currency)
    } catch (error) {
      const message = scrub(
        runtime,
        `${runtime.name}: the result file of task ${task.taskId} cannot be read (${describe(error)}).`
      )
      this.run.live.lastError = message
      this.settleSubmitted(runtime, task, items, 'uncertain', message)
      return
    }
    const byNumber = new Map(results.map((r) => [r.e164, r]))
    const unprocessed = results.filter((r) => provider.isUnprocessed(r)).length
    const failedNote =
      unprocessed > 0
        ? scrub(
            runtime,
            `${runtime.name} could not process ${unprocessed} of the ${items.length} numbers of task ` +
              `${task.taskId}` +
              (failureCount !== null ? ` (its failure count: ${failureCount})` : '') +
              '; they are not counted as answered.'
          )
        : null
    if (failedNote) this.run.live.lastError = failedNote
    const delta: StatusDelta = new Map()
    this.run.store.transaction(() => {
      const touched = new Set<number>()
      const ref = taskRef(provider.info.id, task.taskId ?? '')
      for (const item of items) {
        const result = byNumber.get(item.e164)
        if (!result) continue
        if (provider.isUnprocessed(result)) {
          // A row counted in the documented `failure`: no answer, and not costed as one.
          this.run.store.completeAttemptOfNumber(ref, item.numberId, 'failed', failedNote)
          this.run.queue.apply(failedOutcome(item, null, 'failed', failedNote ?? 'not processed'), touched)
          continue
        }
        this.run.countSpend(result)
        this.run.queue.apply(
          { kind: 'answer', item, claimed: true, attemptId: null, result, cachedFrom: null },
          touched
        )
      }
      this.run.store.completeAttemptsOf(ref, 'answered', null)
      this.run.store.updateTask(task.id, 'applied', null, null)
      this.run.store.refreshRows(this.run.jobId, touched, delta)
      this.run.store.saveLive(this.run.jobId, this.run.live)
    })
    this.run.answers.add(results.length - unprocessed)
    this.run.report(delta)
  }

  /** The numbers a bulk task was created with, as work items (each looked up once). */
  private taskItems(task: BulkTaskRecord): WorkItem[] {
    const items: WorkItem[] = []
    for (const numberId of task.numberIds) {
      const e164 = this.run.store.e164Of(numberId)
      if (e164) items.push({ numberId, e164, country: null, provider: task.provider, tries: 0, force: false })
    }
    return items
  }

  private settleSubmitted(
    runtime: ProviderRuntime,
    task: BulkTaskRecord,
    items: WorkItem[],
    state: 'failed' | 'uncertain',
    message: string
  ): void {
    this.settleTask(
      task.id,
      taskRef(runtime.provider.info.id, task.taskId ?? ''),
      items,
      state,
      state,
      state === 'uncertain' ? 'possibly_charged' : 'check_failed',
      message
    )
  }
}
