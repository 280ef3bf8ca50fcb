// The commands that run jobs, keys and exports. The entry (cli.ts) loads this file only for a command that needs
// it, since it pulls in the whole core: the import (SheetJS), the phone metadata and every provider.
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs'
import { dirname, extname, join, resolve } from 'node:path'
import type {
  CountrySplit,
  ExportFormat,
  ExportMode,
  ExportRequest,
  ImportPreview,
  JobDetail,
  JobProgress,
  KeyField,
  Preflight,
  Status
} from '@contract/types'
import { CHANGES, EXPORT_MODES, MAX_PHONE_COLUMNS, STATUSES, type Change } from '@contract/types'
import { columnIndexOfLetters } from '../core/domain/columns'
import { defaultRegionFromLocale } from '../core/phone'
import { databasePath, defaultDataDir } from '../core/paths'
import { LIVE_PROVIDERS } from '../core/provider-registry'
import type { LiveProviderId } from '../core/providers/types'
import { envVarFor, KeytarSecretStore } from '../core/secrets'
import { createServices, type Services } from '../core/services'
import { plannedExportPaths } from '../core/jobs/export-service'
import { ServiceError } from '../core/jobs/service-error'
import type { StoreAccess } from '../core/store/database'
import { ProviderServiceError } from '../core/settings/provider-service'
import { CliExit, EXIT, UsageError } from './errors'
import { noteDatabase, registerUsageError } from './failure'
import { formatCounts, formatCountries, formatPreflight, liveJson, formatLive } from './format'
import {
  confirmAndRun,
  coverageExit,
  outcomeExit,
  parseMaxCost,
  parsePlan,
  parseSample,
  onStopSignals,
  terminalBar,
  type PaidRunOptions
} from './live'
import { assertStoreExists } from './read'
import { formatChoices, mismatchWarning, parseRegion } from './region'
import { printable } from './text'
import { keychainStore } from './keychain'
import { workerScripts } from './workers'

registerUsageError(ProviderServiceError)

/**
 * 'read' for commands that only read the store: they never create the data folder and work on a folder they
 * cannot write (opened read-only).
 */
export function openServices(dataDir: string | undefined, access: StoreAccess = 'write'): Services {
  const service = process.env.RINGTRUE_KEYCHAIN_SERVICE
  const dir = dataDir ? resolve(dataDir) : defaultDataDir()
  noteDatabase(databasePath(dir))
  return createServices({
    dataDir: dir,
    ...workerScripts(),
    secrets: service ? new KeytarSecretStore({ service }) : undefined,
    access
  })
}

function liveProviderId(id: string): LiveProviderId {
  const known = LIVE_PROVIDERS.map((p) => p.info.id)
  if ((known as string[]).includes(id)) return id as LiveProviderId
  throw new UsageError(`Unknown provider "${id}". Providers with keys: ${known.join(', ')}`)
}

function keyField(field: string): KeyField {
  if (field === 'apiKey' || field === 'customerId') return field
  throw new UsageError(`--field must be apiKey or customerId (got "${field}")`)
}

/** A key comes from stdin only, never from an argument (arguments end up in shell history and process lists). */
async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of input) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8').trim()
  }
  process.stderr.write(prompt)
  input.setRawMode(true)
  input.resume()
  return new Promise((resolvePromise, reject) => {
    let typed = ''
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done()
          resolvePromise(typed.trim())
          return
        }
        if (char === '\u0003') {
          done()
          reject(new UsageError('cancelled'))
          return
        }
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    const done = (): void => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
    }
    input.on('data', onData)
  })
}

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

function exportFormatFor(outPath: string): ExportFormat {
  const ext = extname(outPath).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.xlsx') return 'xlsx'
  throw new UsageError(`--out must end in .csv or .xlsx (got "${outPath}")`)
}

/**
 * --out is checked before anything runs or is stored: its format, its folder (exists, is a folder, takes a new
 * file), an existing file without --force, and the input file of `check` (never overwritten, even with --force).
 */
function checkOut(outPath: string, mode: ExportMode, options: { force?: boolean; inputFile?: string }): void {
  const format = exportFormatFor(outPath)
  const target = resolve(outPath)
  const targets = plannedExportPaths({ mode, format, outPath: target })
  const folder = dirname(target)
  let isFolder = false
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    throw new UsageError(`--out ${printable(outPath)}: the folder ${printable(folder)} does not exist.`)
  }
  if (!isFolder) throw new UsageError(`--out ${printable(outPath)}: ${printable(folder)} is not a folder.`)
  // Creating a file is the only reliable test (permissions, read-only mounts, ACLs, root on special folders).
  const probe = join(folder, `.ringtrue-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    closeSync(openSync(probe, 'wx'))
    unlinkSync(probe)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new UsageError(
      `--out ${printable(outPath)}: Ringtrue cannot write to the folder ${printable(folder)} (${code}); choose another folder.`
    )
  }
  for (const file of targets) {
    if (options.inputFile !== undefined && file === resolve(options.inputFile)) {
      throw new UsageError(
        `--out ${printable(outPath)} is the file being checked; Ringtrue never overwrites its input. Choose another name.`
      )
    }
    let existing: ReturnType<typeof statSync> | null = null
    try {
      existing = statSync(file)
    } catch {
      existing = null
    }
    if (existing?.isDirectory()) throw new UsageError(`--out ${printable(file)} is a folder, not a file.`)
    if (existing && !options.force) {
      throw new UsageError(`${printable(file)} already exists. Add --force to overwrite it.`)
    }
  }
}

function parseMode(mode: string): ExportMode {
  if ((EXPORT_MODES as readonly string[]).includes(mode)) return mode as ExportMode
  throw new UsageError(`--export must be one of ${EXPORT_MODES.join(', ')} (got "${mode}")`)
}

function summaryJson(
  job: JobDetail,
  output: string[] | null,
  preflight: Preflight | null = null,
  countries: CountrySplit | null = null
): Record<string, unknown> {
  const summary: Record<string, unknown> = {
    jobId: job.id,
    status: job.status,
    rows: job.counts.rows,
    numbers: job.counts.numbers,
    unique: job.counts.unique,
    byStatus: job.counts.byStatus,
    phoneColumns: job.phoneColumns.map((i) => job.headers[i]),
    countryColumn: job.countryColumn === null ? null : (job.headers[job.countryColumn] ?? null),
    output: output === null ? null : output.length === 1 ? output[0] : output
  }
  if (countries) summary.countries = countries
  if (job.live) {
    summary.live = liveJson(job.live)
    summary.preflight = preflight
  }
  return summary
}

function summaryLines(
  job: JobDetail,
  output: string[] | null,
  wantedExport: boolean,
  countries: CountrySplit | null = null
): string[] {
  const lines = [
    `Job ${job.id}: ${printable(job.fileName)} (sheet "${printable(job.sheet)}")`,
    `Phone columns: ${job.phoneColumns.map((i) => printable(job.headers[i])).join(', ')}`,
    `Country column: ${job.countryColumn === null ? `none (default region ${job.defaultRegion})` : `${printable(job.headers[job.countryColumn] ?? '')} (default region ${job.defaultRegion})`}`,
    `${job.counts.rows} rows · ${job.counts.numbers} numbers · ${job.counts.unique} unique`,
    formatCounts(job.counts.byStatus),
    ...(countries ? [formatCountries(countries)] : [])
  ]
  if (job.live) lines.push(...formatLive(job.live, false, job.status === 'paused'))
  if (job.status === 'paused' && job.live?.pauseReason === 'sample') {
    lines.push(`Continue with: ringtrue jobs resume ${job.id} --yes (or --max-cost <amount>)`)
  }
  if (output) lines.push(`Exported to ${output.join(', ')}`)
  else if (wantedExport && job.status !== 'done') {
    lines.push(`Not exported yet (the job is ${job.status}): ringtrue jobs export ${job.id} --out <file>`)
  }
  return lines
}

/** The end of a command that ran a paid check: the summary, then the exit the outcome calls for. */
function reportPaidRun(
  job: JobDetail,
  preflight: Preflight | null,
  json: boolean,
  exit: CliExit | null
): void {
  process.stdout.write(
    json
      ? `${JSON.stringify(summaryJson(job, null, preflight))}\n`
      : `${summaryLines(job, null, false).join('\n')}\n`
  )
  if (exit) throw exit
}

function progressBar(enabled: boolean): { update(p: JobProgress): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined }
  const bar = terminalBar(' {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s')
  let started = false
  return {
    update(p) {
      const payload = { phase: p.phase === 'importing' ? 'Importing' : 'Checking ', rate: p.ratePerSecond }
      if (!started) {
        bar.start(Math.max(p.total, 1), p.done, payload)
        started = true
      }
      bar.setTotal(Math.max(p.total, 1))
      bar.update(p.done, payload)
    },
    stop() {
      if (started) bar.stop()
    }
  }
}

/**
 * Runs an import and offline check in the foreground with its progress bar. Ctrl-C (or SIGTERM/SIGHUP) stops it
 * and the job is kept paused as interrupted, to be resumed; a second one quits at once. Returns the job when its
 * run ended; throws CliExit (3) when it was interrupted.
 */
async function runOffline(
  services: Services,
  start: () => Promise<string>,
  json: boolean
): Promise<JobDetail> {
  const bar = progressBar(!json && process.stderr.isTTY === true)
  let jobId: string | null = null
  let interrupted = false
  const unsubscribe = services.jobs.onProgress((p) => {
    if (p.jobId === jobId && p.status === 'running' && p.phase !== 'live') bar.update(p)
  })
  const offSignals = onStopSignals((count) => {
    bar.stop()
    if (count > 1) {
      process.stderr.write(`Stopped at once.${jobId ? ` Resume with: ringtrue jobs resume ${jobId}` : ''}\n`)
      process.exit(EXIT.aborted)
    }
    process.stderr.write(
      `${process.stderr.isTTY ? '\n' : ''}Stopping the offline check; press Ctrl-C again to quit at once.\n`
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

/** What `--out`, `--export`, `--keep-unknown` and `--force` ask of an export. */
function exportRequestFor(
  outPath: string,
  mode: ExportMode,
  keepUnknown: boolean,
  force: boolean
): Omit<ExportRequest, 'jobId'> {
  return { mode, format: exportFormatFor(outPath), keepUnknown, outPath: resolve(outPath), overwrite: force }
}

async function exportJob(
  services: Services,
  job: JobDetail,
  outPath: string,
  mode: ExportMode,
  keepUnknown: boolean,
  force: boolean
): Promise<string[]> {
  const result = await services.exports.run({
    jobId: job.id,
    ...exportRequestFor(outPath, mode, keepUnknown, force)
  })
  return result.files
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

export async function runCheck(file: string, options: CheckOptions): Promise<void> {
  const plan = parsePlan(options)
  const mode = parseMode(options.export)
  const region = parseRegion(
    options.region ?? defaultRegionFromLocale(Intl.DateTimeFormat().resolvedOptions().locale)
  )
  const filePath = resolve(file)
  if (!existsSync(filePath)) throw new UsageError(`${printable(file)} does not exist`)
  if (options.out) checkOut(options.out, mode, { force: options.force, inputFile: filePath })
  const services = openServices(options.dataDir)
  try {
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
        ).jobId,
      options.json === true
    )
    await afterOffline(services, job, options, mode)
  } finally {
    services.close()
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
    if (!json) process.stderr.write(`${text}\n`)
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
    process.stdout.write(`${JSON.stringify(summaryJson(job, null, preflight, countries))}\n`)
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
async function afterOffline(
  services: Services,
  offline: JobDetail,
  options: Pick<
    CheckOptions,
    'yes' | 'maxCost' | 'sample' | 'json' | 'out' | 'keepUnknown' | 'force' | 'preflightOnly'
  >,
  mode: ExportMode
): Promise<void> {
  let job = offline
  const jobId = job.id
  const plan = job.live?.plan ?? null
  if (job.status !== 'done' && !(plan && job.status === 'paused'))
    throw new ServiceError('job_failed', job.error ?? `The job ended as ${job.status}.`)
  const countries = services.jobs.jobCountrySplit(jobId)
  // Said before any consent is asked for: a wrong default region changes what would be paid for.
  const warning = mismatchWarning(countries)
  if (warning && !options.json) process.stderr.write(`${printable(warning)}\n`)
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
    process.stdout.write(`${JSON.stringify(summaryJson(job, output, preflight, countries))}\n`)
  } else {
    process.stdout.write(`${summaryLines(job, output, Boolean(options.out), countries).join('\n')}\n`)
  }
  if (exit) throw exit
}

export const keysSet = async (id: string, options: { field: string; dataDir?: string }) => {
  const provider = liveProviderId(id)
  const field = keyField(options.field)
  // Ask for the secret only when it can be stored: no prompt and no read of stdin without a keychain.
  const availability = await keychainStore().availability()
  if (!availability.available) {
    throw new CliExit(
      EXIT.failure,
      `${availability.reason} ${availability.hint} Nothing was read and no key was stored; ` +
        `for this provider set ${envVarFor(provider, field)} in the environment instead.`
    )
  }
  const secret = await readSecret(
    `${field === 'apiKey' ? 'API key' : 'Customer id'} for ${provider} (not shown): `
  )
  if (!secret)
    throw new UsageError(
      'No key on stdin. Pipe it in, e.g. `printf %s "$KEY" | ringtrue keys set ' + provider + '`'
    )
  const services = openServices(options.dataDir)
  try {
    await services.providers.setKey(provider, field, secret)
    const bound = (await services.providers.list()).providers
      .find((p) => p.id === provider)
      ?.keys.find((k) => k.field === field)?.boundOrigin
    process.stdout.write(
      `Saved the ${field === 'apiKey' ? 'API key' : 'customer id'} for ${provider} in the keychain` +
        (bound ? `; it is only sent to ${bound}.\n` : '.\n')
    )
  } finally {
    services.close()
  }
}

export const keysDelete = async (id: string, options: { field: string; dataDir?: string }) => {
  const provider = liveProviderId(id)
  const field = keyField(options.field)
  const services = openServices(options.dataDir)
  try {
    await services.providers.deleteKey(provider, field)
    process.stdout.write(
      `Removed the ${field === 'apiKey' ? 'API key' : 'customer id'} for ${provider} from the keychain.\n`
    )
  } finally {
    services.close()
  }
}

export const jobsExport = async (
  id: string,
  options: {
    out: string
    export: string
    keepUnknown?: boolean
    force?: boolean
    json?: boolean
    dataDir?: string
  }
) => {
  const mode = parseMode(options.export)
  checkOut(options.out, mode, { force: options.force })
  const services = openServices(options.dataDir, 'read')
  try {
    assertStoreExists(services, id)
    const job = services.jobs.get(id)
    const files = await exportJob(
      services,
      job,
      options.out,
      mode,
      options.keepUnknown ?? false,
      options.force ?? false
    )
    process.stdout.write(
      options.json ? `${JSON.stringify({ jobId: id, output: files })}\n` : `Exported to ${files.join(', ')}\n`
    )
  } finally {
    services.close()
  }
}

export const jobsResume = async (
  id: string,
  options: PaidRunOptions & { maxCost?: string; sample?: string; dataDir?: string }
) => {
  const run: PaidRunOptions = {
    yes: options.yes,
    maxCost: parseMaxCost(options.maxCost),
    sample: parseSample(options.sample),
    recheckUncertain: options.recheckUncertain,
    json: options.json
  }
  const services = openServices(options.dataDir)
  try {
    let job = services.jobs.get(id)
    if (services.jobs.offlineUnfinished(job)) {
      // Interrupted (or killed) before its offline check finished: run that again, then its paid check.
      job = await runOffline(
        services,
        async () => {
          await services.jobs.resumeOffline(id)
          return id
        },
        run.json === true
      )
      if (!job.live) {
        const lines = summaryLines(job, null, false)
        process.stdout.write(
          run.json ? `${JSON.stringify(summaryJson(job, null))}\n` : `${lines.join('\n')}\n`
        )
        return
      }
      await afterOffline(
        services,
        job,
        { yes: run.yes, maxCost: options.maxCost, sample: options.sample, json: run.json },
        'cleaned'
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
        process.stdout.write(`${JSON.stringify(summaryJson(job, null))}\n`)
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
    reportPaidRun(paid.job, paid.preflight, run.json === true, outcomeExit(paid.job))
  } finally {
    services.close()
  }
}

export const jobsRecheck = async (
  id: string,
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
  if (!consented && process.stdin.isTTY !== true) {
    throw new CliExit(
      EXIT.usage,
      `No consent to spend: add --yes, or --max-cost <amount> to cap the spend. Nothing was queued; job ${id} is left as it was.`
    )
  }
  const services = openServices(options.dataDir)
  try {
    const { queued, undo } = services.jobs.recheckUndoable(id, statuses as Status[])
    if (queued === 0) {
      const job = services.jobs.get(id)
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...summaryJson(job, null), queued })}\n`
          : `Nothing to re-check: no row of job ${id} with status ${statuses.join(' or ')} has a number the chosen providers cover.\n`
      )
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
    reportPaidRun(paid.job, paid.preflight, run.json === true, outcomeExit(paid.job))
  } finally {
    services.close()
  }
}

export const jobsResolve = async (
  id: string,
  options: { region?: string; json?: boolean; dataDir?: string }
) => {
  // Checked before the store is opened: a typo must not look like "nothing to resolve".
  const region = options.region === undefined ? null : parseRegion(options.region)
  const services = openServices(options.dataDir, region === null ? 'read' : 'write')
  try {
    assertStoreExists(services, id)
    const choices = services.jobs.ambiguousChoices(id)
    if (region === null) {
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ jobId: id, choices })}\n`
          : choices.length === 0
            ? `No number of job ${id} is held back as valid in several countries.\n`
            : `${formatChoices(choices)}\nChoose with: ringtrue jobs resolve ${id} --region CC\n`
      )
      return
    }
    const pendingBefore = services.jobs.get(id).live?.pending ?? 0
    const resolved = choices.length === 0 ? 0 : services.jobs.resolveAmbiguous(id, region)
    const job = services.jobs.get(id)
    // A planned paid check takes the chosen numbers it covers; the job then waits for a go-ahead.
    const queued = Math.max(0, (job.live?.pending ?? 0) - pendingBefore)
    const left = services.jobs.ambiguousChoices(id)
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ jobId: id, region, resolved, queued, left, status: job.status })}\n`
      )
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
  } finally {
    services.close()
  }
}

export const jobsUncertain = (id: string, options: { json?: boolean; dataDir?: string }) => {
  const services = openServices(options.dataDir, 'read')
  try {
    assertStoreExists(services, id)
    const attempts = services.jobs.uncertain(id)
    if (options.json) {
      process.stdout.write(`${JSON.stringify(attempts)}\n`)
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
  } finally {
    services.close()
  }
}

export const jobsCancel = async (id: string, options: { dataDir?: string }) => {
  const services = openServices(options.dataDir)
  try {
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
    process.stdout.write(`Cancelled job ${id}; every answer received is kept.\n`)
  } finally {
    services.close()
  }
}

export const jobsDelete = async (id: string, options: { dataDir?: string }) => {
  const services = openServices(options.dataDir)
  try {
    await services.jobs.remove(id)
    process.stdout.write(`Deleted job ${id}\n`)
  } finally {
    services.close()
  }
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
  olderId: string,
  newerId: string,
  options: { out?: string; force?: boolean; json?: boolean; dataDir?: string }
) => {
  if (olderId === newerId)
    throw new UsageError('Name two different jobs: the older check, then the newer one.')
  if (options.out) checkOut(options.out, 'full', { force: options.force })
  const services = openServices(options.dataDir, 'read')
  try {
    assertStoreExists(services, olderId)
    // Their own messages when a job does not exist.
    services.jobs.get(olderId)
    services.jobs.get(newerId)
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
      process.stdout.write(`${JSON.stringify({ ...comparison, output: written?.files ?? [] })}\n`)
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
  } finally {
    services.close()
  }
}
