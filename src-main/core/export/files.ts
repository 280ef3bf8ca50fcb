import { randomBytes } from 'node:crypto'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join, parse } from 'node:path'
import type { Status } from '../domain'

/** 'list.csv' → 'list-active.csv', … next to outPath. The caller checks these for overwrites before exporting. */
export function splitPartPaths(outPath: string, statuses: Status[]): Map<Status, string> {
  const { dir, name, ext } = parse(outPath)
  return new Map(statuses.map((status) => [status, join(dir, `${name}-${status}${ext}`)]))
}

function tempPathFor(finalPath: string): string {
  // Same folder, so the final rename stays on one file system and is atomic; the name is kept short of the
  // 255-byte file-name limit.
  const base = basename(finalPath).slice(0, 180)
  return join(dirname(finalPath), `.${base}.${randomBytes(6).toString('hex')}.tmp`)
}

interface Staged {
  temp: string
  final: string
  committed: boolean
}

/**
 * Files are written under temporary names and renamed only when every part is complete, so an interrupted or
 * failed export never leaves a half-written file under a name the user asked for.
 */
export class StagedFiles {
  private readonly staged: Staged[] = []

  /** A fresh temporary path for `finalPath`; create it with the 'wx' flag so nothing existing is ever opened. */
  reserve(finalPath: string): string {
    const temp = tempPathFor(finalPath)
    this.staged.push({ temp, final: finalPath, committed: false })
    return temp
  }

  async commit(): Promise<void> {
    for (const entry of this.staged) {
      await rename(entry.temp, entry.final)
      entry.committed = true
    }
  }

  /** Best effort: the error that led here matters more than a failed clean-up. */
  async discard(): Promise<void> {
    await Promise.all(
      this.staged.filter((e) => !e.committed).map((e) => rm(e.temp, { force: true }).catch(() => undefined))
    )
  }
}
