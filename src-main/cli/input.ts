// The list `check` reads: a regular file is imported where it is; stdin (`-`), /dev/stdin, a process substitution
// (`<(…)`, a /dev/fd FIFO) or a named pipe can be read only once, so it is first copied into the data folder,
// where the import (and the resume of an interrupted offline check) can read it again.
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, readdirSync, rmSync, statSync, type Stats } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Services } from '../core/services'
import { UsageError } from './errors'
import { printable } from './text'

export const STDIN_ARG = '-'

/** The folder of the data folder that holds the copies of piped lists, one sub-folder per copy. */
const INPUTS_FOLDER = 'inputs'

/**
 * A copy no job names is removed at a later check once it is this old: a younger one may belong to a check in
 * another process that is still copying its input, before its job exists.
 */
const ORPHAN_AGE_MS = 60 * 60 * 1000

export interface CheckInput {
  /** The argument as given (`-` for stdin). */
  arg: string
  /** The file the import reads: the argument's own file, or the copy. */
  filePath: string
  /** The job's name when the user gave none: "stdin" for `-`, else the base name without its extension. */
  defaultName: string
  /** The copy's folder, removed once the job no longer needs it; null for a regular file. */
  copyFolder: string | null
}

/**
 * Whether `filePath` is a copy of a piped list in the data folder `dataDir`: a copy is removed once its job's
 * offline check finished, so it is no file to name to a person.
 */
export function isPipedCopy(filePath: string, dataDir: string): boolean {
  return filePath.startsWith(`${join(dataDir, INPUTS_FOLDER)}${sep}`)
}

/** The argument's name without folder and extension, as the job and `{name}` in --out use it. */
export function inputStem(arg: string): string {
  if (arg === STDIN_ARG) return 'stdin'
  const base = basename(arg)
  const ext = extname(base)
  return (ext ? base.slice(0, -ext.length) : base) || base
}

/**
 * What a copy is, told from its first bytes (a pipe has no name to go by): the extension its file gets. The
 * import sniffs the content again itself; the extension only names the copy. Text without one is CSV or TSV,
 * which the import tells apart by the delimiter.
 */
export function extensionFor(head: Buffer): string {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return '.xlsx'
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) return '.xls'
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (/^begin:vcard/i.test(text)) return '.vcf'
  return ''
}

/** A path that names a device or a process's descriptor, whose content can be read only once. */
function isReadOnce(path: string, info: Stats): boolean {
  if (!info.isFile()) return info.isFIFO() || info.isCharacterDevice() || info.isSocket()
  return path.startsWith(`${sep}dev${sep}`) || path.startsWith(`${sep}proc${sep}`)
}

/** Resolves the argument to a file the import can read, copying stdin or a pipe into the data folder. */
export async function openInput(arg: string, dataDir: string): Promise<CheckInput> {
  const defaultName = inputStem(arg)
  if (arg === STDIN_ARG) {
    if (process.stdin.isTTY) {
      throw new UsageError(
        '"-" reads the list from stdin, but stdin is a terminal; pipe the list in: cat list.csv | ringtrue check -'
      )
    }
    return copyInput(arg, process.stdin, defaultName, dataDir)
  }
  const filePath = resolve(arg)
  let info: Stats
  try {
    info = statSync(filePath)
  } catch {
    // The import names a missing or unreadable file in its own words.
    return { arg, filePath, defaultName, copyFolder: null }
  }
  if (!isReadOnce(filePath, info)) return { arg, filePath, defaultName, copyFolder: null }
  return copyInput(arg, createReadStream(filePath), defaultName, dataDir)
}

async function copyInput(
  arg: string,
  source: Readable,
  defaultName: string,
  dataDir: string
): Promise<CheckInput> {
  const copyFolder = join(dataDir, INPUTS_FOLDER, randomBytes(8).toString('hex'))
  await mkdir(copyFolder, { recursive: true })
  try {
    const partial = join(copyFolder, '.partial')
    const head: Buffer[] = []
    let headBytes = 0
    let size = 0
    source.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (headBytes < 4096) {
        head.push(chunk)
        headBytes += chunk.length
      }
    })
    await pipeline(source, createWriteStream(partial, { flags: 'wx' }))
    if (size === 0) {
      throw new UsageError(
        arg === STDIN_ARG
          ? 'stdin is empty: no list to check.'
          : `${printable(arg)} is empty: no list to check.`
      )
    }
    const filePath = join(copyFolder, `${defaultName}${extensionFor(Buffer.concat(head))}`)
    await rename(partial, filePath)
    return { arg, filePath, defaultName, copyFolder }
  } catch (error) {
    await rm(copyFolder, { recursive: true, force: true })
    throw error
  }
}

/** Removes the copy of a piped list (best effort: a failure to clean up must not fail the check). */
export function removeCopy(input: CheckInput): void {
  if (input.copyFolder) rmSync(input.copyFolder, { recursive: true, force: true })
}

/**
 * Removes copies left behind by a check that was killed or interrupted: a copy whose job no longer needs it
 * (its offline check finished after `jobs resume`, or the job was deleted), and one no job names once it is an
 * hour old. A copy stays while its job's offline check is unfinished: `jobs resume` reads it again.
 */
export function sweepOrphanCopies(services: Services): void {
  const folder = join(services.dataDir, INPUTS_FOLDER)
  let entries: string[]
  try {
    entries = readdirSync(folder)
  } catch {
    return
  }
  if (entries.length === 0) return
  const needed = new Map<string, boolean>()
  for (const summary of services.jobs.list()) {
    let filePath: string
    try {
      filePath = services.jobs.get(summary.id).filePath
    } catch {
      continue // deleted meanwhile
    }
    const copyFolder = dirname(filePath)
    if (dirname(copyFolder) !== folder) continue
    const unfinished =
      (summary.phase === 'importing' || summary.phase === 'checking') &&
      (summary.status === 'running' || summary.status === 'paused' || summary.status === 'draft')
    needed.set(copyFolder, (needed.get(copyFolder) ?? false) || unfinished)
  }
  const now = Date.now()
  for (const entry of entries) {
    const path = join(folder, entry)
    const byJob = needed.get(path)
    if (byJob === true) continue
    try {
      if (byJob === undefined && now - statSync(path).mtimeMs < ORPHAN_AGE_MS) continue
      rmSync(path, { recursive: true, force: true })
    } catch {
      // Gone already, or not ours to remove: left for the next sweep.
    }
  }
}
