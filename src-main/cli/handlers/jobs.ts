// The `jobs` commands that act on a stored job: export, resume, recheck, resolve, uncertain, cancel, delete and
// compare. `jobs list` and `jobs show` read the store alone (jobs-read.ts).
import { resolve } from 'node:path'
import type { JobDetail, Status } from '@contract/types'
import { CHANGES, STATUSES, type Change } from '@contract/types'
import { CliExit, EXIT, UsageError } from '../errors'
import { formatChoices, parseRegion } from '../region'
import { confirmAndRun, outcomeExit, parseMaxCost, parseSample, type PaidRunOptions } from '../live'
import {
  checkOut,
  exportFormatFor,
  exportJob,
  parseMode,
  reserveStdoutForExport,
  STDOUT_OUT
} from '../out-file'
import { withJob, withServices } from '../services'
import { jobIdIn } from '../job-id'
import { askYesNo, terminalAvailable } from '../prompt'
import { costs } from '../format'
import { reportPaidRun, summaryJson, summaryLines } from '../summary'
import { choicesJson, comparisonJson, uncertainJson } from '../json'
import { printJson, printResult } from '../output'
import { printable } from '../text'
import { afterOffline, runOffline } from './check'

export const jobsExport = async (
  given: string,
  options: {
    out: string
    export: string
    keepUnknown?: boolean
    force?: boolean
    bom?: boolean
    outFormat?: string
    json?: boolean
    dataDir?: string
  }
) => {
  const mode = parseMode(options.export)
  checkOut(options.out, mode, { force: options.force, outFormat: options.outFormat })
  if (options.out === STDOUT_OUT) reserveStdoutForExport()
  await withJob(options, 'read', given, async (services, id) => {
    const job = services.jobs.get(id)
    const files = await exportJob(services, job, options.out, {
      mode,
      keepUnknown: options.keepUnknown ?? false,
      force: options.force ?? false,
      bom: options.bom !== false,
      outFormat: options.outFormat
    })
    printResult('jobs.export', options.json, {
      json: () => ({ jobId: id, output: files }),
      text: () => [`Exported to ${files[0] === STDOUT_OUT ? 'stdout' : files.join(', ')}`]
    })
  })
}

export const jobsResume = async (
  given: string,
  options: PaidRunOptions & { maxCost?: string; sample?: string; dataDir?: string }
) => {
  const run: PaidRunOptions = {
    yes: options.yes,
    maxCost: parseMaxCost(options.maxCost),
    sample: parseSample(options.sample),
    recheckUncertain: options.recheckUncertain,
    json: options.json
  }
  await withJob(options, 'write', given, async (services, id) => {
    let job = services.jobs.get(id)
    if (services.jobs.offlineUnfinished(job)) {
      // Interrupted (or killed) before its offline check finished: run that again, then its paid check.
      job = await runOffline(services, async () => {
        await services.jobs.resumeOffline(id)
        return id
      })
      if (!job.live) {
        printResult('jobs.resume', run.json, {
          json: () => summaryJson(job, null),
          text: () => summaryLines(job, null, false)
        })
        return
      }
      await afterOffline(
        services,
        job,
        { yes: run.yes, maxCost: options.maxCost, sample: options.sample, json: run.json },
        'cleaned',
        'jobs.resume'
      )
      return
    }
    if (!job.live) {
      throw new UsageError(
        `Job ${id} has no paid check (it ran the offline check only); start one with: ringtrue check <file> --provider <id>`
      )
    }
    if (job.status === 'done' && !run.recheckUncertain) {
      const uncertain = job.live.uncertain
      if (options.json) {
        printJson('jobs.resume', summaryJson(job, null))
      } else {
        process.stdout.write(
          `Job ${id} is done; nothing to resume.` +
            (uncertain > 0
              ? ` ${uncertain} requests may have been charged without an answer; re-send them (paying again) with --recheck-uncertain.`
              : '') +
            '\n'
        )
      }
      return
    }
    const paid = await confirmAndRun(services, id, run)
    reportPaidRun('jobs.resume', paid.job, paid.preflight, run.json === true, outcomeExit(paid.job))
  })
}

export const jobsRecheck = async (
  given: string,
  options: PaidRunOptions & { status: string[]; maxCost?: string; dataDir?: string }
) => {
  const statuses = [...new Set(options.status.flatMap((s) => s.split(',')).map((s) => s.trim()))]
  const bad = statuses.find((s) => !(STATUSES as readonly string[]).includes(s))
  if (bad !== undefined) throw new UsageError(`--status must be one of ${STATUSES.join(', ')} (got "${bad}")`)
  const run: PaidRunOptions = {
    yes: options.yes,
    maxCost: parseMaxCost(options.maxCost),
    json: options.json
  }
  const consented = run.yes === true || run.maxCost !== undefined
  await withJob(options, 'write', given, async (services, id) => {
    if (!consented && !terminalAvailable()) {
      throw new CliExit(
        EXIT.usage,
        `No consent to spend: add --yes, or --max-cost <amount> to cap the spend. Nothing was queued; job ${id} is left as it was.`
      )
    }
    const { queued, undo } = services.jobs.recheckUndoable(id, statuses as Status[])
    if (queued === 0) {
      const job = services.jobs.get(id)
      printResult('jobs.recheck', options.json, {
        json: () => ({ ...summaryJson(job, null), queued }),
        text: () => [
          `Nothing to re-check: no row of job ${id} with status ${statuses.join(' or ')} has a number the chosen providers cover.`
        ]
      })
      return
    }
    if (!run.json) process.stdout.write(`Queued ${queued} numbers for a fresh answer.\n`)
    let paid: Awaited<ReturnType<typeof confirmAndRun>>
    try {
      paid = await confirmAndRun(services, id, run)
    } catch (error) {
      // Refused at the prompt, or a provider cannot run: nothing started, so nothing stays queued.
      if (!services.jobs.isRunning(id) && services.jobs.get(id).live?.pauseReason === 'confirm') {
        undo()
        if (error instanceof CliExit && error.code === EXIT.paused) {
          throw new CliExit(
            EXIT.paused,
            `Not started; nothing was queued or spent. Job ${id} is left as it was.`,
            true
          )
        }
      }
      throw error
    }
    reportPaidRun('jobs.recheck', paid.job, paid.preflight, run.json === true, outcomeExit(paid.job))
  })
}

export const jobsResolve = async (
  given: string,
  options: { region?: string; json?: boolean; dataDir?: string }
) => {
  // Checked before the store is opened: a typo must not look like "nothing to resolve".
  const region = options.region === undefined ? null : parseRegion(options.region)
  await withJob(options, region === null ? 'read' : 'write', given, async (services, id) => {
    const choices = services.jobs.ambiguousChoices(id)
    if (region === null) {
      printResult('jobs.resolve', options.json, {
        json: () => ({ jobId: id, choices: choicesJson(choices) }),
        text: () =>
          choices.length === 0
            ? [`No number of job ${id} is held back as valid in several countries.`]
            : [formatChoices(choices), `Choose with: ringtrue jobs resolve ${id} --region CC`]
      })
      return
    }
    const pendingBefore = services.jobs.get(id).live?.pending ?? 0
    const resolved = choices.length === 0 ? 0 : services.jobs.resolveAmbiguous(id, region)
    const job = services.jobs.get(id)
    // A planned paid check takes the chosen numbers it covers; the job then waits for a go-ahead.
    const queued = Math.max(0, (job.live?.pending ?? 0) - pendingBefore)
    const left = services.jobs.ambiguousChoices(id)
    if (options.json) {
      printJson('jobs.resolve', {
        jobId: id,
        region,
        resolved,
        queued,
        left: choicesJson(left),
        status: job.status
      })
      return
    }
    const lines = [
      resolved === 0
        ? choices.length === 0
          ? `No number of job ${id} is held back as valid in several countries.`
          : `None of the held-back numbers of job ${id} is valid in ${region}; they can be read in: ${formatChoices(choices)}.`
        : `Read ${resolved} ${resolved === 1 ? 'number' : 'numbers'} of job ${id} in ${region} (reason region_chosen).`
    ]
    if (resolved > 0 && left.length > 0) lines.push(`Still held back: ${formatChoices(left)}.`)
    if (queued > 0) {
      lines.push(
        `${queued} of them are queued for the paid check; review the pre-flight and start it with: ringtrue jobs resume ${id}`
      )
    }
    process.stdout.write(`${lines.join('\n')}\n`)
  })
}

export const jobsUncertain = async (given: string, options: { json?: boolean; dataDir?: string }) => {
  await withJob(options, 'read', given, async (services, id) => {
    const attempts = services.jobs.uncertain(id)
    if (options.json) {
      printJson('jobs.uncertain', uncertainJson(id, attempts))
      return
    }
    if (attempts.length === 0) {
      process.stdout.write(`No request of job ${id} is possibly charged.\n`)
      return
    }
    for (const a of attempts) {
      process.stdout.write(
        `${a.sentAt.slice(0, 19).replace('T', ' ')}  ${a.provider.padEnd(11)} ${a.e164}${a.error ? `  ${a.error}` : ''}\n`
      )
    }
    process.stdout.write(
      `${attempts.length} requests may have been charged without an answer. Re-send them (paying again) with: ` +
        `ringtrue jobs resume ${id} --recheck-uncertain --yes\n`
    )
  })
}

export const jobsCancel = async (given: string, options: { json?: boolean; dataDir?: string }) => {
  await withJob(options, 'write', given, async (services, id) => {
    const job = services.jobs.get(id)
    if (job.status === 'running') {
      // Still running after start-up recovery means another live Ringtrue process owns it.
      throw new UsageError(
        `Job ${id} is running in another Ringtrue process; pause it there (Ctrl-C or Pause in the app), then cancel it.`
      )
    }
    if (job.status !== 'paused') {
      throw new UsageError(`Job ${id} is ${job.status}; there is nothing to cancel.`)
    }
    await services.jobs.cancel(id)
    printResult('jobs.cancel', options.json, {
      json: () => ({ jobId: id, status: services.jobs.get(id).status }),
      text: () => [`Cancelled job ${id}; every answer received is kept.`]
    })
  })
}

/** "3 paid answers (spent USD 0.12)": what deleting the job throws away that cost money; null for none. */
function paidAnswers(live: JobDetail['live']): string | null {
  if (!live) return null
  const spent = live.spend.filter((line) => line.amount > 0)
  if (live.answered === 0 && spent.length === 0) return null
  const answers = `${live.answered} paid ${live.answered === 1 ? 'answer' : 'answers'}`
  return spent.length > 0 ? `${answers} (spent ${costs(spent)})` : answers
}

export const jobsDelete = async (
  given: string,
  options: { yes?: boolean; json?: boolean; dataDir?: string }
) => {
  await withJob(options, 'write', given, async (services, id) => {
    const job = services.jobs.get(id)
    const paid = paidAnswers(job.live)
    // Paid answers cannot be had again without paying again: ask before throwing them away.
    if (paid !== null && options.yes !== true) {
      const agreed = await askYesNo(
        `Delete job ${id} (${printable(job.name)}) and its ${paid}? [y/N] `,
        `Job ${id} holds ${paid}; nothing was deleted. Add --yes to delete it without asking.`
      )
      if (!agreed) throw new CliExit(EXIT.usage, `Not deleted: job ${id} is kept.`, true)
    }
    await services.jobs.remove(id)
    printResult('jobs.delete', options.json, {
      json: () => ({ jobId: id, deleted: true }),
      text: () => [`Deleted job ${id}`]
    })
  })
}

/** How each change is named in the table `jobs compare` prints. */
const CHANGE_WORDS: Record<Change, string> = {
  newly_inactive: 'newly inactive',
  revived: 'revived',
  added: 'added',
  removed: 'removed',
  line_type_changed: 'line type changed',
  carrier_changed: 'carrier changed',
  unchanged: 'unchanged'
}

export const jobsCompare = async (
  olderGiven: string,
  newerGiven: string,
  options: { out?: string; force?: boolean; json?: boolean; dataDir?: string }
) => {
  if (options.out) checkOut(options.out, 'full', { force: options.force })
  await withServices(options, 'read', async (services) => {
    const olderId = jobIdIn(services, olderGiven)
    const newerId = jobIdIn(services, newerGiven)
    if (olderId === newerId)
      throw new UsageError('Name two different jobs: the older check, then the newer one.')
    const comparison = services.store.compare.compare(olderId, newerId)
    const written = options.out
      ? await services.exports.runComparison({
          olderId,
          newerId,
          format: exportFormatFor(options.out),
          outPath: resolve(options.out),
          overwrite: options.force ?? false
        })
      : null
    if (options.json) {
      printJson('jobs.compare', comparisonJson(comparison, written?.files ?? []))
      return
    }
    const { older, newer, counts, total } = comparison
    const lines = [
      `${printable(older.name)} (${older.id}, ${older.createdAt}) → ${printable(newer.name)} (${newer.id}, ${newer.createdAt})`,
      `${total} numbers in either check:`,
      ...CHANGES.map((change) => `  ${CHANGE_WORDS[change].padEnd(18)} ${counts[change]}`)
    ]
    if (written) lines.push(`Wrote ${written.rowsWritten} changed numbers to ${written.files[0]}`)
    process.stdout.write(`${lines.join('\n')}\n`)
  })
}
