// `check`: import a list, run its offline check in the foreground, then the paid check the options ask for, the
// export and the summary. `jobs resume` of a job interrupted before its offline check finished runs the same way.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CountrySplit, ExportMode, ImportPreview, JobDetail, LivePlan, Preflight } from '@contract/types'
import { MAX_PHONE_COLUMNS } from '@contract/types'
import { columnIndexOfLetters } from '../../core/domain/columns'
import { defaultRegionFromLocale } from '../../core/phone'
import { ServiceError } from '../../core/jobs/service-error'
import type { Services } from '../../core/services'
import { ProviderServiceError } from '../../core/settings/provider-service'
import { CliExit, endingName, EXIT, UsageError } from '../errors'
import { failureExit, registerUsageError } from '../failure'
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
import { type CheckInput, inputStem, openInput, removeCopy, STDIN_ARG, sweepOrphanCopies } from '../input'
import {
  checkOut,
  type ExportChoices,
  exportJob,
  exportRequestFor,
  parseMode,
  removeStaging,
  reserveStdoutForExport,
  sendToStdout,
  STDOUT_OUT
} from '../out-file'
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
  outFormat?: string
  export: string
  keepUnknown?: boolean
  force?: boolean
  /** False with --no-bom. */
  bom?: boolean
  json?: boolean
  dataDir?: string
  name?: string
  preflightOnly?: boolean
}

/** `{name}` in --out: each input's base name without its extension. */
const NAME_PLACEHOLDER = '{name}'

/** How far one file's check got. */
interface RunState {
  /** Its summary (or JSON document) is printed. */
  reported: boolean
}

/** What --provider…, --export and --region ask, the same for every file. */
interface SharedChoices {
  plan: LivePlan | null
  mode: ExportMode
  region: string
}

/** What a file of several ended with. */
interface FileOutcome {
  exit: number
  /** A pause, the spending cap or no consent: the files after it are not started. */
  stopsTheRest: boolean
}

/**
 * `check FILE...`: one job per file, in order. A file that fails is reported (naming it) and the others still
 * run; the command ends with the highest exit code. A missing file is such a failure, found in its turn: the
 * files before it are checked (as `cat` or `grep` go on past a missing file).
 */
export async function runCheck(files: string[], options: CheckOptions): Promise<void> {
  const outs = checkArguments(files, options)
  // The options every file shares are checked once, before the first file.
  const shared: SharedChoices = {
    plan: parsePlan(options),
    mode: parseMode(options.export),
    region: parseRegion(
      options.region ?? defaultRegionFromLocale(Intl.DateTimeFormat().resolvedOptions().locale)
    )
  }
  if (options.out === STDOUT_OUT) reserveStdoutForExport()
  if (files.length === 1) {
    await checkOne(files[0], outs[0], options, shared, { reported: false })
    return
  }
  let highest = 0
  for (const [index, file] of files.entries()) {
    if (!options.json) {
      process.stdout.write(`${index > 0 ? '\n' : ''}== ${printable(file)} ==\n`)
    }
    const outcome = await checkOfSeveral(file, outs[index], options, shared)
    highest = Math.max(highest, outcome.exit)
    if (outcome.stopsTheRest && index < files.length - 1) {
      const rest = files.slice(index + 1).map(printable)
      process.stderr.write(`Not started: ${rest.join(', ')}\n`)
      break
    }
  }
  if (highest !== 0) throw new CliExit(highest, '')
}

/**
 * Checks made before any job starts: stdin at most once, and with several files an --out that names each
 * file's export apart ({name}), never stdout. Returns each file's --out.
 */
function checkArguments(files: string[], options: CheckOptions): (string | undefined)[] {
  if (files.filter((f) => f === STDIN_ARG).length > 1) {
    throw new UsageError('"-" (stdin) can be given only once.')
  }
  const out = options.out
  if (out === undefined) return files.map(() => undefined)
  if (files.length > 1 && out === STDOUT_OUT) {
    throw new UsageError(
      "--out - takes the export of one file; with several files, put {name} in --out, e.g. --out 'clean/{name}.csv'"
    )
  }
  if (files.length > 1 && !out.includes(NAME_PLACEHOLDER)) {
    throw new UsageError("with several files, put {name} in --out, e.g. --out 'clean/{name}.csv'")
  }
  const outs = files.map((file) => out.split(NAME_PLACEHOLDER).join(inputStem(file)))
  const seen = new Map<string, string>()
  for (const [index, target] of outs.entries()) {
    const other = seen.get(resolve(target))
    if (other !== undefined) {
      throw new UsageError(
        `${printable(other)} and ${printable(files[index])} would both be exported to ${printable(target)}; check them separately.`
      )
    }
    seen.set(resolve(target), files[index])
  }
  return outs
}

/** One file of several: its failure is reported here (a line on stderr, and a JSON document with --json). */
async function checkOfSeveral(
  file: string,
  out: string | undefined,
  options: CheckOptions,
  shared: SharedChoices
): Promise<FileOutcome> {
  const state: RunState = { reported: false }
  try {
    await checkOne(file, out, options, shared, state)
    return { exit: EXIT.ok, stopsTheRest: false }
  } catch (error) {
    const failure = failureExit(error)
    const stopsTheRest =
      error instanceof CliExit &&
      (failure.code === EXIT.usage ||
        failure.code === EXIT.paused ||
        failure.code === EXIT.spendCap ||
        failure.code === EXIT.aborted)
    const message = printable(failure.message.replace(/\s*\n\s*/g, ' '))
    const named = message.startsWith(printable(file)) ? message : `${printable(file)}: ${message}`
    process.stderr.write(`${failure.plain ? '' : 'ringtrue: '}${named}\n`)
    // A job that ended (paused, spending cap) has printed its own document; only a file without one gets this.
    if (options.json && !state.reported) {
      printJson('check', {
        file,
        error: { code: errorCode(error, failure.code), message: failure.message, exit: failure.code }
      })
    }
    return { exit: failure.code, stopsTheRest }
  }
}

/** The error's code as the JSON names it: the core's code, else the CLI's name for how it ended. */
function errorCode(error: unknown, exit: number): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : endingName(error, exit)
}

async function checkOne(
  file: string,
  out: string | undefined,
  options: CheckOptions,
  { plan, mode, region }: SharedChoices,
  state: RunState
): Promise<void> {
  if (file !== STDIN_ARG && !existsSync(resolve(file))) {
    throw new UsageError(`${printable(file)} does not exist`)
  }
  if (out)
    checkOut(out, mode, { force: options.force, inputFile: resolve(file), outFormat: options.outFormat })
  const choices: ExportChoices = {
    mode,
    keepUnknown: options.keepUnknown ?? false,
    force: options.force ?? false,
    bom: options.bom !== false,
    outFormat: options.outFormat
  }
  await withServices(options, 'write', async (services) => {
    sweepOrphanCopies(services)
    const input = await openInput(file, services.dataDir)
    let keepCopy = false
    try {
      await checkInput(services, input, { out, options, plan, region, choices, state })
    } catch (error) {
      // An offline check interrupted before it finished resumes from the copy (`jobs resume`); a pause later
      // on finds it removed already.
      keepCopy = error instanceof CliExit && error.code === EXIT.paused
      throw error
    } finally {
      if (!keepCopy) removeCopy(input)
    }
  })
}

interface CheckRun {
  out: string | undefined
  options: CheckOptions
  plan: LivePlan | null
  region: string
  choices: ExportChoices
  state: RunState
}

/** Import, offline check, and what follows it (afterOffline), for one input. */
async function checkInput(services: Services, input: CheckInput, run: CheckRun): Promise<void> {
  const { out, options, plan, region, choices } = run
  const filePath = input.filePath
  const preview = await services.jobs.preview({ filePath, sheet: options.sheet })
  const phoneColumns = options.column?.length
    ? [...new Set(options.column.map((c) => resolveColumn(preview, c)))]
    : preview.suggestedPhoneColumns
  if (phoneColumns.length === 0) {
    throw new UsageError(
      `No phone column found in sheet "${printable(preview.sheet)}" of ${printable(input.arg === STDIN_ARG ? 'stdin' : preview.fileName)}; name one with --column`
    )
  }
  if (phoneColumns.length > MAX_PHONE_COLUMNS) {
    throw new UsageError(
      `${phoneColumns.length} phone columns ${options.column?.length ? 'were named' : 'were found'} in sheet "${printable(preview.sheet)}"; ` +
        `a job checks at most ${MAX_PHONE_COLUMNS}. Name the ones to check with --column.`
    )
  }
  const countryColumn = chooseCountryColumn(preview, options.countryColumn, options.json === true)
  // Without a paid check the export is written while the offline check stores its rows.
  const followed = out && !plan && !options.preflightOnly ? exportRequestFor(out, choices) : undefined
  try {
    const job = await runOffline(
      services,
      async () =>
        (
          await services.jobs.create(
            {
              filePath,
              name: options.name ?? (input.copyFolder ? input.defaultName : undefined),
              mapping: {
                sheet: preview.sheet,
                headerRow: preview.headerRow,
                phoneColumns,
                countryColumn,
                defaultRegion: region
              },
              live: plan ?? undefined
            },
            { exportWhenChecked: followed }
          )
        ).jobId
    )
    removeCopy(input)
    await afterOffline(services, job, { ...options, out, file: input.arg, state: run.state }, choices.mode)
  } finally {
    if (followed && out === STDOUT_OUT) removeStaging(followed.outPath)
  }
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
  json: boolean,
  file: string | undefined
): Promise<void> {
  const plan = job.live?.plan ?? null
  const preflight = plan ? await services.jobs.preflight(job.id) : null
  const waiting = plan !== null && job.status === 'paused'
  if (json) {
    printJson('check', {
      ...(file === undefined ? {} : { file }),
      ...summaryJson(job, null, preflight, countries)
    })
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
    | 'yes'
    | 'maxCost'
    | 'sample'
    | 'json'
    | 'out'
    | 'keepUnknown'
    | 'force'
    | 'preflightOnly'
    | 'bom'
    | 'outFormat'
  > & {
    /** `check`'s file argument as given, named in its JSON document. */
    file?: string
    state?: RunState
  },
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
    await reportPreflightOnly(services, job, countries, options.json === true, options.file)
    if (options.state) options.state.reported = true
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
      ? await exportAfterCheck(services, job, options.out, {
          mode,
          keepUnknown: options.keepUnknown ?? false,
          force: options.force ?? false,
          bom: options.bom !== false,
          outFormat: options.outFormat
        })
      : null
  const file = options.file === undefined ? {} : { file: options.file }
  if (options.json) {
    printJson(command, { ...file, ...summaryJson(job, output, preflight, countries) })
  } else {
    const shown = output?.[0] === STDOUT_OUT ? ['stdout'] : output
    process.stdout.write(`${summaryLines(job, shown, Boolean(options.out), countries).join('\n')}\n`)
  }
  if (options.state) options.state.reported = true
  if (exit) throw exit
}

/** The export that followed the offline check (sent on to stdout for `--out -`), or a new one. */
async function exportAfterCheck(
  services: Services,
  job: JobDetail,
  out: string,
  choices: ExportChoices
): Promise<string[]> {
  const followed = services.jobs.takeFollowedExport(job.id)
  if (!followed) return exportJob(services, job, out, choices)
  return out === STDOUT_OUT ? sendToStdout(followed.files) : followed.files
}
