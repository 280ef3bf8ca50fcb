// `--out`: the file a command exports to, checked before anything runs or is stored, and the export written there.
// `--out -` sends the export to stdout: it is written to a temporary file as any export is (so the bytes are the
// same as a `--out file.csv` run), then copied to stdout and removed. The temporary folder, not the data folder:
// `jobs export` opens the data folder read-only and may not be able to write there.
import { randomBytes } from 'node:crypto'
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import type { ExportFormat, ExportMode, ExportRequest, JobDetail } from '@contract/types'
import { EXPORT_MODES } from '@contract/types'
import { plannedExportPaths } from '../core/jobs/export-service'
import type { Services } from '../core/services'
import { UsageError } from './errors'
import { printable } from './text'

/** `--out -`: the export goes to stdout. */
export const STDOUT_OUT = '-'

/** What the CLI asks of an export besides its file: --export, --keep-unknown, --force, --no-bom, --out-format. */
export interface ExportChoices {
  mode: ExportMode
  keepUnknown: boolean
  force: boolean
  /** False with --no-bom. */
  bom: boolean
  /** --out-format: the format of `--out -`. */
  outFormat?: string
}

export function exportFormatFor(outPath: string, outFormat?: string): ExportFormat {
  if (outPath === STDOUT_OUT) return outFormat === 'xlsx' ? 'xlsx' : 'csv'
  const ext = extname(outPath).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.xlsx') return 'xlsx'
  throw new UsageError(`--out must end in .csv or .xlsx (got "${outPath}")`)
}

/**
 * --out is checked before anything runs or is stored: its format, its folder (exists, is a folder, takes a new
 * file), an existing file without --force, and the input file of `check` (never overwritten, even with --force).
 */
export function checkOut(
  outPath: string,
  mode: ExportMode,
  options: { force?: boolean; inputFile?: string; outFormat?: string }
): void {
  if (outPath === STDOUT_OUT) {
    if (mode === 'split') {
      throw new UsageError(
        '--export split writes one file per status, which cannot all go to --out -; choose a file name with --out.'
      )
    }
    return
  }
  const format = exportFormatFor(outPath)
  if (options.outFormat !== undefined && options.outFormat !== format) {
    throw new UsageError(
      `--out-format ${options.outFormat} is for --out -; the format of --out ${printable(outPath)} is its extension.`
    )
  }
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

export function parseMode(mode: string): ExportMode {
  if ((EXPORT_MODES as readonly string[]).includes(mode)) return mode as ExportMode
  throw new UsageError(`--export must be one of ${EXPORT_MODES.join(', ')} (got "${mode}")`)
}

/** The export request of `--out` with these choices; `--out -` is staged in a temporary folder first. */
export function exportRequestFor(outPath: string, choices: ExportChoices): Omit<ExportRequest, 'jobId'> {
  const format = exportFormatFor(outPath, choices.outFormat)
  const toStdout = outPath === STDOUT_OUT
  return {
    mode: choices.mode,
    format,
    keepUnknown: choices.keepUnknown,
    outPath: toStdout ? stagingPath(format) : resolve(outPath),
    overwrite: toStdout ? false : choices.force,
    bom: choices.bom
  }
}

function stagingPath(format: ExportFormat): string {
  return join(mkdtempSync(join(tmpdir(), 'ringtrue-out-')), `export.${format}`)
}

/** Exports the job to `--out`; returns the files written, or ["-"] for stdout. */
export async function exportJob(
  services: Services,
  job: JobDetail,
  outPath: string,
  choices: ExportChoices
): Promise<string[]> {
  const request = exportRequestFor(outPath, choices)
  try {
    const result = await services.exports.run({ jobId: job.id, ...request })
    return outPath === STDOUT_OUT ? await sendToStdout(result.files) : result.files
  } finally {
    if (outPath === STDOUT_OUT) removeStaging(request.outPath)
  }
}

/** Removes the temporary folder of an export to stdout (written or not). */
export function removeStaging(stagedPath: string): void {
  rmSync(dirname(stagedPath), { recursive: true, force: true })
}

type ChunkWriter = (chunk: Buffer, done: (error: Error | null | undefined) => void) => boolean

let stdoutWrite: ChunkWriter | null = null

/**
 * With `--out -` stdout carries the export and nothing else: from here on whatever the command prints there
 * (the summary, a JSON document, the pre-flight) goes to stderr, and only sendToStdout reaches stdout.
 */
export function reserveStdoutForExport(): void {
  if (stdoutWrite) return
  const stdout = process.stdout
  stdoutWrite = stdout.write.bind(stdout) as ChunkWriter
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write
}

/**
 * Copies a staged export to stdout, then removes it; returns ["-"], the output as the JSON names it. A reader that
 * goes away (`| head`) ends the copy quietly: the job is stored intact and can be exported again.
 */
export async function sendToStdout(staged: string[]): Promise<string[]> {
  const write = stdoutWrite ?? (process.stdout.write.bind(process.stdout) as ChunkWriter)
  try {
    for (const file of staged) {
      for await (const chunk of createReadStream(file)) {
        const failed = await new Promise<Error | null | undefined>((done) => {
          write(chunk as Buffer, (error) => done(error))
        })
        if (failed) return [STDOUT_OUT]
      }
    }
    return [STDOUT_OUT]
  } finally {
    for (const file of staged) removeStaging(file)
  }
}
