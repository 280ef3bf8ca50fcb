// `check`: import a list, run its offline check in the foreground, then the paid check the options ask for, the
// export and the summary. `jobs resume` of a job interrupted before its offline check finished runs the same way.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CountrySplit, ExportMode, ImportPreview, JobDetail, Preflight } from '@contract/types'
import { MAX_PHONE_COLUMNS } from '@contract/types'
import { columnIndexOfLetters } from '../../core/domain/columns'
import { defaultRegionFromLocale } from '../../core/phone'
import { ServiceError } from '../../core/jobs/service-error'
import type { Services } from '../../core/services'
import { ProviderServiceError } from '../../core/settings/provider-service'
import { CliExit, EXIT, UsageError } from '../errors'
import { registerUsageError } from '../failure'
import { formatPreflight } from '../format'
import {
  confirmAndRun,
  coverageExit,
  onStopSignals,
  outcomeExit,
  parseMaxCost,
  parsePlan,
  parseSample
} from '../live'
import { checkOut, exportJob, exportRequestFor, parseMode } from '../out-file'
import { offlineProgress } from '../progress'
import { mismatchWarning, parseRegion } from '../region'
import { withServices } from '../services'
import { summaryJson, summaryLines } from '../summary'
import { note, notice } from '../console'
import { printJson } from '../output'
import { printable } from '../text'

registerUsageError(ProviderServiceError)

/** A column named by its header (preferred) or its spreadsheet letter. */
export function resolveColumn(preview: ImportPreview, name: string): number {
  const wanted = name.trim().toLowerCase()
  const byHeader = preview.columns.find((c) => c.header.trim().toLowerCase() === wanted)
  if (byHeader) return byHeader.index
  const byLetter = columnIndexOfLetters(name.trim())
  if (byLetter !== null && byLetter < preview.columns.length) return byLetter
  const shown = preview.columns.slice(0, 20).map((c) => `"${printable(c.header)}" (${c.letter})`)
  const more = preview.columns.length - shown.length
  const known = shown.join(', ') + (more > 0 ? `, and ${more} more` : '')
  throw new UsageError(
    `No column "${printable(name)}" in sheet "${printable(preview.sheet)}". Columns: ${known}`
  )
}

/**
 * Runs an import and offline check in the foreground with its progress bar. Ctrl-C (or SIGTERM/SIGHUP) stops it
 * and the job is kept paused as interrupted, to be resumed; a second one quits at once. Returns the job when its
 * run ended; throws CliExit (3) when it was interrupted.
 */
export async function runOffline(services: Services, start: () => Promise<string>): Promise<JobDetail> {
  const bar = offlineProgress()
  let jobId: string | null = null
  let interrupted = false
  const unsubscribe = services.jobs.onProgress((p) => {
    if (p.jobId === jobId) bar.update(p)
  })
  const offSignals = onStopSignals((count) => {
    bar.stop()
    if (count > 1) {
      process.stderr.write(`Stopped at once.${jobId ? ` Resume with: ringtrue jobs resume ${jobId}` : ''}\n`)
      process.exit(EXIT.aborted)
    }
    notice(
      `${process.stderr.isTTY ? '\n' : ''}Stopping the offline check; press Ctrl-C again to quit at once.`
    )
    interrupted = true
    if (jobId) services.jobs.interrupt(jobId)
  })
  try {
    jobId = await start()
    if (interrupted) services.jobs.interrupt(jobId)
    const job = await services.jobs.waitFor(jobId)
    bar.stop()
    if (services.jobs.offlineUnfinished(job)) {
      throw new CliExit(
        EXIT.paused,
        `Interrupted before the offline check of job ${job.id} finished; nothing was spent. ` +
          `Resume with: ringtrue jobs resume ${job.id}`,
        true
      )
    }
    return job
  } finally {
    offSignals()
    unsubscribe()
    bar.stop()
  }
}

interface CheckOptions {
  sheet?: string
  column?: string[]
  countryColumn?: string
  region?: string
  provider?: string[]
  fallback?: string
  yes?: boolean
  maxCost?: string
  sample?: string
  lineTypes?: string
  out?: string
  export: string
  keepUnknown?: boolean
  force?: boolean
  json?: boolean
  dataDir?: string
  name?: string
  preflightOnly?: boolean
}

export async function runCheck(files: string[], options: CheckOptions): Promise<void> {
  for (const file of files) await checkOne(file, options)
}

async function checkOne(file: string, options: CheckOptions): Promise<void> {
  const plan = parsePlan(options)
  const mode = parseMode(options.export)
  const region = parseRegion(
    options.region ?? defaultRegionFromLocale(Intl.DateTimeFormat().resolvedOptions().locale)
  )
  const filePath = resolve(file)
  if (!existsSync(filePath)) throw new UsageError(`${printable(file)} does not exist`)
  if (options.out) checkOut(options.out, mode, { force: options.force, inputFile: filePath })
  await withServices(options, 'write', async (services) => {
    const preview = await services.jobs.preview({ filePath, sheet: options.sheet })
    const phoneColumns = options.column?.length
      ? [...new Set(options.column.map((c) => resolveColumn(preview, c)))]
      : preview.suggestedPhoneColumns
    if (phoneColumns.length === 0) {
      throw new UsageError(
        `No phone column found in sheet "${printable(preview.sheet)}" of ${printable(preview.fileName)}; name one with --column`
      )
    }
    if (phoneColumns.length > MAX_PHONE_COLUMNS) {
      throw new UsageError(
        `${phoneColumns.length} phone columns ${options.column?.length ? 'were named' : 'were found'} in sheet "${printable(preview.sheet)}"; ` +
          `a job checks at most ${MAX_PHONE_COLUMNS}. Name the ones to check with --column.`
      )
    }
    const countryColumn = chooseCountryColumn(preview, options.countryColumn, options.json === true)
    const job = await runOffline(
      services,
      async () =>
        (
          await services.jobs.create(
            {
              filePath,
              name: options.name,
              mapping: {
                sheet: preview.sheet,
                headerRow: preview.headerRow,
                phoneColumns,
                countryColumn,
                defaultRegion: region
              },
              live: plan ?? undefined
            },
            {
              // Without a paid check the export is written while the offline check stores its rows.
              exportWhenChecked:
                options.out && !plan && !options.preflightOnly
                  ? exportRequestFor(options.out, mode, options.keepUnknown ?? false, options.force ?? false)
                  : undefined
            }
          )
        ).jobId
    )
    await afterOffline(services, job, options, mode)
  })
}

/**
 * The country column a check applies: only one that was asked for. `--country-column NAME` (header or letter)
 * names it; `auto` accepts the detected suggestion (said on stderr); without the option none is used, and a
 * detected one is only mentioned as a hint. Human mode only: --json keeps stderr quiet and reports the column.
 */
export function chooseCountryColumn(
  preview: ImportPreview,
  wanted: string | undefined,
  json: boolean
): number | null {
  const suggested = preview.suggestedCountryColumn
  const describe = (index: number): string => {
    const column = preview.columns[index]
    return `"${printable(column?.header ?? '')}" (${column?.letter ?? index + 1})`
  }
  const say = (text: string): void => {
    if (!json) note(text)
  }
  if (wanted === undefined) {
    if (suggested !== null) {
      say(
        `A country column was found: ${describe(suggested)}; use --country-column auto to apply it ` +
          `(numbers are read with the default region).`
      )
    }
    return null
  }
  if (wanted.trim().toLowerCase() === 'auto') {
    if (suggested === null) {
      say('No country column was found; numbers are read with the default region.')
      return null
    }
    say(`Using the suggested country column ${describe(suggested)}.`)
    return suggested
  }
  return resolveColumn(preview, wanted)
}

/**
 * `check --preflight-only`: the offline check ran; show what the paid check would do (or the offline summary)
 * and the country split, send nothing, and keep the job for `jobs resume`.
 */
async function reportPreflightOnly(
  services: Services,
  job: JobDetail,
  countries: CountrySplit,
  json: boolean
): Promise<void> {
  const plan = job.live?.plan ?? null
  const preflight = plan ? await services.jobs.preflight(job.id) : null
  const waiting = plan !== null && job.status === 'paused'
  if (json) {
    printJson('check', summaryJson(job, null, preflight, countries))
    return
  }
  const lines = preflight ? formatPreflight(preflight) : []
  if (preflight && !waiting) lines.push('Nothing to send to a paid provider.')
  lines.push(...summaryLines(job, null, false, countries))
  lines.push(
    waiting
      ? `Pre-flight only: nothing was sent or spent. Job ${job.id} is kept; start its paid check with: ringtrue jobs resume ${job.id}`
      : `Pre-flight only: nothing was sent or spent. Job ${job.id} is kept: ringtrue jobs show ${job.id}`
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}

/** After the offline check of `check` (or of a resumed interrupted job): the paid check, the export, the summary. */
export async function afterOffline(
  services: Services,
  offline: JobDetail,
  options: Pick<
    CheckOptions,
    'yes' | 'maxCost' | 'sample' | 'json' | 'out' | 'keepUnknown' | 'force' | 'preflightOnly'
  >,
  mode: ExportMode,
  /** The document printed with --json: `jobs resume` of an interrupted job prints its own. */
  command: 'check' | 'jobs.resume' = 'check'
): Promise<void> {
  let job = offline
  const jobId = job.id
  const plan = job.live?.plan ?? null
  if (job.status !== 'done' && !(plan && job.status === 'paused'))
    throw new ServiceError('job_failed', job.error ?? `The job ended as ${job.status}.`)
  const countries = services.jobs.jobCountrySplit(jobId)
  // Said before any consent is asked for: a wrong default region changes what would be paid for.
  const warning = mismatchWarning(countries)
  if (warning && !options.json) note(printable(warning))
  if (options.preflightOnly) {
    await reportPreflightOnly(services, job, countries, options.json === true)
    return
  }
  let preflight: Preflight | null = null
  let exit: CliExit | null = null
  if (plan && job.status === 'paused') {
    const paid = await confirmAndRun(services, jobId, {
      yes: options.yes,
      maxCost: parseMaxCost(options.maxCost),
      sample: parseSample(options.sample),
      json: options.json
    })
    job = paid.job
    preflight = paid.preflight
    exit = outcomeExit(job)
  } else if (plan) {
    // Nothing was routed to a paid provider: say why, and fail when the chosen providers cover none of it.
    preflight = await services.jobs.preflight(jobId)
    exit = coverageExit(job, preflight)
    if (!exit && !options.json) {
      process.stdout.write(`${formatPreflight(preflight).join('\n')}\nNothing to send to a paid provider.\n`)
    }
  }
  const output =
    options.out && job.status === 'done' && !exit
      ? (services.jobs.takeFollowedExport(jobId)?.files ??
        (await exportJob(
          services,
          job,
          options.out,
          mode,
          options.keepUnknown ?? false,
          options.force ?? false
        )))
      : null
  if (options.json) {
    printJson(command, summaryJson(job, output, preflight, countries))
  } else {
    process.stdout.write(`${summaryLines(job, output, Boolean(options.out), countries).join('\n')}\n`)
  }
  if (exit) throw exit
}
