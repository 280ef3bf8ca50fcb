// `--out`: the file a command exports to, checked before anything runs or is stored, and the export written there.
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs'
import { dirname, extname, join, resolve } from 'node:path'
import type { ExportFormat, ExportMode, ExportRequest, JobDetail } from '@contract/types'
import { EXPORT_MODES } from '@contract/types'
import { plannedExportPaths } from '../core/jobs/export-service'
import type { Services } from '../core/services'
import { UsageError } from './errors'
import { printable } from './text'

export function exportFormatFor(outPath: string): ExportFormat {
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
  options: { force?: boolean; inputFile?: string }
): void {
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

export function parseMode(mode: string): ExportMode {
  if ((EXPORT_MODES as readonly string[]).includes(mode)) return mode as ExportMode
  throw new UsageError(`--export must be one of ${EXPORT_MODES.join(', ')} (got "${mode}")`)
}

/** What `--out`, `--export`, `--keep-unknown` and `--force` ask of an export. */
export function exportRequestFor(
  outPath: string,
  mode: ExportMode,
  keepUnknown: boolean,
  force: boolean
): Omit<ExportRequest, 'jobId'> {
  return { mode, format: exportFormatFor(outPath), keepUnknown, outPath: resolve(outPath), overwrite: force }
}

export async function exportJob(
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
