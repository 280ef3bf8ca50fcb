import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import type { FileHandle, PickedFile } from '@contract/api'
import { ServiceError } from '../core/jobs/service-error'

/** What a handle lets the renderer do with its path. */
export type HandleUse = 'read' | 'write' | 'reveal'

/**
 * Why main issued a handle, which fixes what it is good for:
 * - `open`: picked in the open dialog or dropped — read (preview, import) and reveal;
 * - `save`: picked in the save dialog — write that one path (an export), nothing else;
 * - `written`: a file an export wrote, and `source`: a job's imported file — reveal only.
 */
export type HandleKind = 'open' | 'save' | 'written' | 'source'

const USES: Record<HandleKind, readonly HandleUse[]> = {
  open: ['read', 'reveal'],
  save: ['write'],
  written: ['reveal'],
  source: ['reveal']
}

const USE_WORDS: Record<HandleUse, string> = {
  read: 'read',
  write: 'written to',
  reveal: 'shown in its folder'
}

const KIND_WORDS: Record<HandleKind, string> = {
  open: 'opened',
  save: 'chosen as an export destination',
  written: 'written by an export',
  source: 'imported'
}

interface Entry {
  path: string
  kind: HandleKind
}

/**
 * The main process's registry of paths the user chose (or main wrote): the renderer gets only random,
 * unguessable handles and every file channel resolves them here, so a compromised renderer cannot name a
 * path of its own. Lives for the process; handles are never persisted.
 */
export class FileHandleRegistry {
  private readonly entries = new Map<FileHandle, Entry>()
  /** One handle per (kind, path), so repeated job reads do not grow the registry. */
  private readonly byPath = new Map<string, FileHandle>()

  issue(path: string, kind: HandleKind): PickedFile {
    const key = `${kind}\u0000${path}`
    let handle = this.byPath.get(key)
    if (!handle) {
      handle = `fh_${randomBytes(16).toString('hex')}`
      this.entries.set(handle, { path, kind })
      this.byPath.set(key, handle)
    }
    return { handle, name: basename(path), path }
  }

  /** The path behind a handle, if the handle allows this use; otherwise a ServiceError the user can read. */
  resolve(handle: FileHandle, use: HandleUse): string {
    const entry = this.entries.get(handle)
    if (!entry) {
      throw new ServiceError(
        'invalid_handle',
        'Ringtrue does not know that file reference: choose the file again (in the app, not by typing a path).'
      )
    }
    if (!USES[entry.kind].includes(use)) {
      throw new ServiceError(
        'handle_not_allowed',
        `${basename(entry.path)} was ${KIND_WORDS[entry.kind]}; it cannot be ${USE_WORDS[use]} through that reference.`,
        { name: basename(entry.path), kind: entry.kind, use }
      )
    }
    return entry.path
  }

  revoke(handle: FileHandle): void {
    const entry = this.entries.get(handle)
    if (!entry) return
    this.entries.delete(handle)
    this.byPath.delete(`${entry.kind}\u0000${entry.path}`)
  }
}
