import { createHash } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Db } from './db'
import { MIGRATIONS, MIGRATION_STEPS } from './migrations'
import type { ErrorParams } from '../jobs/service-error'

export type { Db }

/** How long a writer waits for another connection (the app beside the CLI) before giving up. */
export const BUSY_TIMEOUT_MS = 5000

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for the running runtime (Electron passes its own ABI build). */
  nativeBinding?: string
  readonly?: boolean
}

export type StoreErrorCode =
  | 'store_locked'
  | 'store_readonly'
  | 'store_unreadable'
  | 'store_corrupt'
  | 'store_empty'
  | 'store_missing'
  | 'store_outdated'
  | 'store_full'
  | 'store_newer'
  | 'store_tampered'

/** The store cannot be used; the message names the file or folder and what the user can do next. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

const NEXT_FRESH = 'Move it aside to start fresh, or restore a backup.'
const OTHER_FOLDER =
  'or point Ringtrue at another data folder (RINGTRUE_DATA_DIR, or --data-dir for the command line)'

/** The user-facing explanation of a store failure; the wording is shared by the CLI and the app's dialog. */
export const storeMessages = {
  locked: (file: string): string =>
    `The data folder is busy: another Ringtrue (the app or a command) is writing to ${file} and did not finish within ${BUSY_TIMEOUT_MS / 1000} s. Try again when it is done.`,
  damaged: (file: string, detail: string): string =>
    `The database at ${file} is damaged (${detail}); Ringtrue left it untouched. ${NEXT_FRESH}`,
  empty: (file: string): string =>
    `The database at ${file} is empty (0 bytes): its jobs cannot be read; Ringtrue left it untouched. ${NEXT_FRESH}`,
  readonly: (path: string, why: string): string =>
    `Ringtrue cannot write to ${path}: ${why}. Make it writable for this user, ${OTHER_FOLDER}.`,
  unreadable: (file: string, why: string): string =>
    `Ringtrue cannot read the database at ${file}: ${why}. Run Ringtrue as the user who owns it, give this user access, ${OTHER_FOLDER}.`,
  outdated: (file: string): string =>
    `The database at ${file} was written by an older Ringtrue and must be upgraded, which needs write access to ${dirname(file)}. Make the folder writable and run Ringtrue once, then try again.`,
  full: (file: string): string => `The disk holding ${file} is full. Free some space, then try again.`,
  newer: (file: string, version: number): string =>
    `The database at ${file} was written by a newer Ringtrue (schema ${version}); update Ringtrue to open it. Ringtrue left it untouched.`,
  tampered: (file: string, version: number): string =>
    `The database at ${file} does not match this build of Ringtrue (migration ${version} differs); Ringtrue left it untouched. Open it with the Ringtrue that wrote it, or move it aside to start fresh.`
}

function hashOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16)
}

function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null
}

/**
 * The friendly form of a SQLite failure of the store at `file`, or null for anything else.
 * SQLite's own text is kept in brackets where it adds something for support.
 */
export function storeErrorFrom(error: unknown, file: string): StoreError | null {
  if (error instanceof StoreError) return error
  const code = sqliteCode(error)
  const text = error instanceof Error ? error.message : String(error)
  if (code) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return new StoreError('store_locked', storeMessages.locked(file), {
        file,
        seconds: BUSY_TIMEOUT_MS / 1000
      })
    if (code.startsWith('SQLITE_READONLY')) return readonlyError(file)
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
      return new StoreError('store_corrupt', storeMessages.damaged(file, text), { file, detail: text })
    if (code === 'SQLITE_FULL') return new StoreError('store_full', storeMessages.full(file), { file })
    if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
      return new StoreError('store_unreadable', storeMessages.unreadable(file, text), { file, detail: text })
  }
  return null
}

/** A file-system failure while creating or reading the store itself (never an export's or an import's file). */
function fileError(error: unknown, path: string): StoreError | null {
  const errno = (error as NodeJS.ErrnoException | null)?.code
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return readonlyError(path)
  if (errno === 'ENOSPC') return new StoreError('store_full', storeMessages.full(path), { file: path })
  return storeErrorFrom(error, path)
}

/**
 * What to tell the user when the store at `file` could not be opened: the StoreError's message (path and next
 * step), or for anything unforeseen the path, the cause and where to look.
 */
export function describeStoreFailure(error: unknown, file: string): string {
  const known = storeErrorFrom(error, file) ?? fileError(error, file)
  if (known) return known.message
  const cause = error instanceof Error ? error.message : String(error)
  return `Ringtrue could not open its database at ${file} (${cause}). Ringtrue left it untouched; if this persists, move it aside to start fresh, or restore a backup.`
}

/** Runs `fn`; a store failure comes out as a StoreError naming `file`. */
export function mapStoreErrors<T>(file: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw storeErrorFrom(error, file) ?? error
  }
}

function ownerNote(path: string): string {
  try {
    const uid = statSync(path).uid
    const me = process.getuid?.()
    if (me !== undefined && uid !== me) return `it belongs to another user (uid ${uid})`
  } catch {
    // Unknown owner: say only what failed.
  }
  return ''
}

/** Names the first of the database file, its folder (or the nearest existing parent) that refuses writes. */
function readonlyError(path: string): StoreError {
  const candidates = [path, dirname(path), `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p))
  const culprit = candidates.find((p) => !writable(p)) ?? (existsSync(path) ? path : nearestExisting(path))
  const why = whyNotWritable(culprit)
  return new StoreError('store_readonly', storeMessages.readonly(culprit, why), {
    file: culprit,
    detail: why
  })
}

function nearestExisting(path: string): string {
  let current = path
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current)
  return current
}

/** Why this process cannot write `path` (a file or folder), in words. */
function whyNotWritable(path: string): string {
  const target = existsSync(path) ? path : dirname(path)
  try {
    accessSync(target, constants.W_OK)
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code
    if (errno === 'EROFS') return 'it is on a read-only file system'
    return ownerNote(target) || 'it is read-only for this user'
  }
  return ownerNote(target) || 'it refused a write'
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The folder, the file and SQLite's -wal/-shm files beside it (where they exist) take writes. */
function canWrite(file: string): boolean {
  return [dirname(file), file, `${file}-wal`, `${file}-shm`].every(
    (path, i) => (i > 0 && !existsSync(path)) || writable(path)
  )
}

export type FileState =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'unreadable'; why: string }
  | { kind: 'damaged'; detail: string }
  | { kind: 'ok' }

/**
 * What the database file looks like from its header, read without SQLite so that nothing is ever written to
 * a damaged file: SQLite would otherwise switch it to WAL or run migrations before noticing.
 */
export function inspectDatabaseFile(file: string): FileState {
  let size: number
  try {
    const info = statSync(file)
    if (!info.isFile()) return { kind: 'damaged', detail: 'it is not a regular file' }
    size = info.size
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code
    if (errno === 'ENOENT') return { kind: 'missing' }
    return { kind: 'unreadable', why: describeErrno(error, file) }
  }
  if (size === 0) return { kind: 'empty' }
  const header = Buffer.alloc(100)
  let read = 0
  try {
    const fd = openSync(file, 'r')
    try {
      read = readSync(fd, header, 0, 100, 0)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    return { kind: 'unreadable', why: describeErrno(error, file) }
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0')
    return { kind: 'damaged', detail: 'it is not a SQLite database' }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    return { kind: 'damaged', detail: 'its header is corrupt' }
  // A WAL (or a hot rollback journal) with content may hold pages the main file does not have yet; SQLite
  // checks those itself.
  if (walSize(file) > 0 || walSize(file, '-journal') > 0) return { kind: 'ok' }
  const pages = header.readUInt32BE(28)
  const pagesValid = header.readUInt32BE(24) === header.readUInt32BE(92)
  if (size % pageSize !== 0 || (pagesValid && pages * pageSize > size))
    return {
      kind: 'damaged',
      detail: `it is truncated: ${size} bytes${pagesValid ? ` of ${pages * pageSize}` : ''}`
    }
  return { kind: 'ok' }
}

function walSize(file: string, suffix = '-wal'): number {
  try {
    return statSync(`${file}${suffix}`).size
  } catch {
    return 0
  }
}

function describeErrno(error: unknown, path: string): string {
  const errno = (error as NodeJS.ErrnoException).code
  if (errno === 'EACCES' || errno === 'EPERM') return ownerNote(path) || 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

/** Refuses a file whose header says it cannot be opened safely. */
function assertSound(file: string, state: FileState): void {
  if (state.kind === 'empty') throw new StoreError('store_empty', storeMessages.empty(file), { file })
  if (state.kind === 'damaged')
    throw new StoreError('store_corrupt', storeMessages.damaged(file, state.detail), {
      file,
      detail: state.detail
    })
  if (state.kind === 'unreadable')
    throw new StoreError('store_unreadable', storeMessages.unreadable(file, state.why), {
      file,
      detail: state.why
    })
}

/**
 * Opens the database. A writable open creates the folder and a fresh database when none exists; an existing
 * file is checked before the first write. A read-only open never creates anything.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file === ':memory:') return prepareWritable(connect(file, options, false), file)
  const state = inspectDatabaseFile(file)
  if (options.readonly) {
    if (state.kind === 'missing')
      throw new StoreError('store_missing', `There is no database at ${file} yet.`, { file })
    assertSound(file, state)
    const db = mapStoreErrors(file, () => connect(file, options, true))
    try {
      mapStoreErrors(file, () => probe(db))
      checkSchema(db, file, true)
    } catch (error) {
      db.close()
      throw error
    }
    return db
  }
  if (state.kind === 'missing') createDatabase(file, options)
  else {
    assertSound(file, state)
    assertWritable(file)
  }
  const db = mapStoreErrors(file, () => connect(file, options, false))
  try {
    mapStoreErrors(file, () => probe(db))
    return prepareWritable(db, file)
  } catch (error) {
    db.close()
    throw error
  }
}

function connect(file: string, options: OpenOptions, readonly: boolean): Db {
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly,
    fileMustExist: file !== ':memory:'
  })
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  return db
}

/** Reads the schema: a damaged header or first page fails here, before anything is written. */
function probe(db: Db): void {
  db.prepare('SELECT COUNT(*) FROM sqlite_master').get()
}

function prepareWritable(db: Db, file: string): Db {
  mapStoreErrors(file, () => {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    // FULL: a committed ledger entry ("this request is about to be paid for") must survive a power loss, not
    // only a crash (research/reliability-performance.md §6.1). Writes are batched, so the cost is small.
    db.pragma('synchronous = FULL')
    // Bulk imports and checks touch several indexes per row; a larger page cache keeps them from spilling mid-batch.
    db.pragma('cache_size = -65536')
  })
  checkSchema(db, file, false)
  const migrated = mapStoreErrors(file, () => migrate(db))
  convertToIncrementalVacuum(db)
  // A migration that rebuilt tables (9) leaves their old pages free: give them back now, once.
  if (migrated > 0 && db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL)
    mapStoreErrors(file, () => db.exec('PRAGMA incremental_vacuum'))
  return db
}

/**
 * A store made before incremental auto-vacuum existed keeps a deleted job's pages forever; it is converted once
 * (the mode can only change through a VACUUM, which rewrites the file). Safe: VACUUM is one transaction through
 * the WAL, so a crash or a full disk meanwhile leaves the store as it was, and readers on other connections keep
 * their snapshot. It takes time linear in the file (about a second per 50 MB here) and runs once per store: the
 * converted file records the mode in its header. A store that cannot be converted now (another connection is
 * writing, the disk is full) still works as before and is converted at a later start.
 */
function convertToIncrementalVacuum(db: Db): void {
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return
  db.pragma('auto_vacuum = INCREMENTAL')
  // An empty database (in memory) takes the mode at once; one with tables needs the rewrite.
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return
  try {
    db.exec('VACUUM')
  } catch (error) {
    const code = sqliteCode(error) ?? ''
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED') && code !== 'SQLITE_FULL')
      throw storeErrorFrom(error, db.name) ?? error
  }
}

/** PRAGMA auto_vacuum's value for INCREMENTAL: freed pages stay in the file until `incremental_vacuum`. */
export const AUTO_VACUUM_INCREMENTAL = 2

/**
 * Pages returned to the file system per step after a job is deleted: each step holds the write lock for a few
 * milliseconds (4 MB with 4 KB pages), like the deletion chunks before it.
 */
export const VACUUM_STEP_PAGES = 1024

/**
 * Gives at most `pages` free pages back to the file system (the file shrinks at the next checkpoint); returns
 * true when no free page is left. exec(), not pragma(): incremental_vacuum frees one page per step of its
 * statement, and only exec() steps it to the end.
 */
export function returnFreePages(db: Db, pages = VACUUM_STEP_PAGES): boolean {
  if (db.pragma('freelist_count', { simple: true }) === 0) return true
  db.exec(`PRAGMA incremental_vacuum(${Math.max(1, Math.floor(pages))})`)
  return db.pragma('freelist_count', { simple: true }) === 0
}

/**
 * Runs `fn` in one transaction with synchronous=NORMAL: its commit is not flushed to disk at once, so a power
 * cut may lose it (never corrupt the store: WAL keeps it consistent). Only for writes that can be redone from
 * the source file: importing rows and the offline check's results, which a job interrupted in those phases
 * reruns from the start. Everything else, and above all the paid ledger, keeps FULL: the setting is restored
 * before this returns, and since better-sqlite3 is synchronous no other statement runs on this connection
 * meanwhile. A later FULL commit flushes the WAL, these frames included.
 */
export function redoableTransaction<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = NORMAL')
  try {
    return db.transaction(fn)()
  } finally {
    db.pragma('synchronous = FULL')
  }
}

function assertWritable(file: string): void {
  if (!canWrite(file)) throw readonlyError(file)
}

/**
 * A new database is built under a temporary name and linked into place complete, so a crash at first start
 * never leaves a 0-byte file that would later read as a damaged store.
 */
function createDatabase(file: string, options: OpenOptions): void {
  const dir = dirname(file)
  const temp = join(dir, `.${basename(file)}.${process.pid}.new`)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw fileError(error, file) ?? error
  }
  removeQuietly(temp)
  try {
    const db = new Database(temp, { nativeBinding: options.nativeBinding })
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
      // Before the first table: a deleted job's pages can then be given back (incremental_vacuum).
      db.pragma('auto_vacuum = INCREMENTAL')
      db.pragma('journal_mode = WAL')
      migrate(db)
    } finally {
      db.close()
    }
  } catch (error) {
    removeQuietly(temp)
    throw fileError(error, file) ?? error
  }
  try {
    // link() refuses to replace a store another process created meanwhile: theirs wins, ours is discarded.
    linkSync(temp, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && !existsSync(file)) {
      // A file system without hard links.
      try {
        renameSync(temp, file)
        return
      } catch (renameError) {
        removeQuietly(temp)
        throw fileError(renameError, file) ?? renameError
      }
    }
  }
  removeQuietly(temp)
}

function removeQuietly(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      unlinkSync(path)
    } catch {
      // Already gone.
    }
  }
}

function appliedMigrations(db: Db): { version: number; hash: string }[] | null {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get()
  if (!exists) return null
  return db.prepare('SELECT version, hash FROM schema_migrations ORDER BY version').all() as {
    version: number
    hash: string
  }[]
}

/** Refuses a database from a newer or different build; a read-only open also needs it fully migrated. */
function checkSchema(db: Db, file: string, readonly: boolean): void {
  const applied = mapStoreErrors(file, () => appliedMigrations(db))
  const rows = applied ?? []
  if (rows.length > MIGRATIONS.length)
    throw new StoreError('store_newer', storeMessages.newer(file, rows.length), {
      file,
      version: rows.length
    })
  for (const row of rows) {
    if (hashOf(MIGRATIONS[row.version - 1]) !== row.hash)
      throw new StoreError('store_tampered', storeMessages.tampered(file, row.version), {
        file,
        version: row.version
      })
  }
  if (readonly && rows.length < MIGRATIONS.length)
    throw new StoreError('store_outdated', storeMessages.outdated(file), { file, folder: dirname(file) })
}

/** Applies the migrations the database lacks; returns how many. */
function migrate(db: Db): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT'
  )
  const applied = appliedMigrations(db) ?? []
  const record = db.prepare('INSERT INTO schema_migrations (version, hash, applied_at) VALUES (?, ?, ?)')
  for (let version = applied.length + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1]
    db.transaction(() => {
      db.exec(sql)
      MIGRATION_STEPS[version]?.(db)
      record.run(version, hashOf(sql), new Date().toISOString())
    })()
  }
  return MIGRATIONS.length - applied.length
}

/** How a store was opened for a command that only reads. */
export type StoreAccess = 'write' | 'read'

export interface OpenedStore {
  db: Db
  /** The user's database file (named in every message). */
  file: string
  /** The file other connections (the jobs worker) open: the user's, or a private snapshot of it. */
  readFile: string
  /** ready: writable; read-only: the folder or file cannot be written; missing: no data folder or database yet. */
  state: 'ready' | 'read-only' | 'missing'
  close(): void
}

/**
 * Opens the store for a caller that writes (the app, `check`, `jobs delete`…) or only reads (`jobs list`,
 * `jobs show`, `providers list`, `jobs export`). A reader never creates a folder or a database: a missing one
 * opens as an empty store in memory; an existing one it cannot write is opened read-only.
 */
export function openStore(
  file: string,
  access: StoreAccess,
  options: Pick<OpenOptions, 'nativeBinding'> = {}
): OpenedStore {
  const plain = (db: Db, state: OpenedStore['state'], readFile = file): OpenedStore => ({
    db,
    file,
    readFile,
    state,
    close: () => db.close()
  })
  if (access === 'write') return plain(openDatabase(file, options), 'ready')
  const fileState = inspectDatabaseFile(file)
  if (fileState.kind === 'missing') return plain(openDatabase(':memory:', options), 'missing')
  assertSound(file, fileState)
  if (canWrite(file)) return plain(openDatabase(file, options), 'ready')
  // Reading in place would create the -wal/-shm files beside another user's database (owned by this user,
  // which could then lock its owner out); only read in place when they already exist.
  if (!existsSync(`${file}-shm`)) return openSnapshot(file, options)
  try {
    return plain(openDatabase(file, { ...options, readonly: true }), 'read-only')
  } catch (error) {
    const code = error instanceof StoreError ? error.code : null
    if (code !== 'store_readonly' && code !== 'store_unreadable') throw error
  }
  return openSnapshot(file, options)
}

/**
 * SQLite cannot read a WAL database in place when it may not create the -shm file beside it (a folder that is
 * read-only or another user's); read a private copy instead. The copy is removed on close.
 */
function openSnapshot(file: string, options: Pick<OpenOptions, 'nativeBinding'>): OpenedStore {
  const dir = mkdtempSync(join(tmpdir(), 'ringtrue-readonly-'))
  const copy = join(dir, basename(file))
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true })
  try {
    try {
      copyFileSync(file, copy)
      if (walSize(file) > 0) copyFileSync(`${file}-wal`, `${copy}-wal`)
    } catch (error) {
      const why = describeErrno(error, file)
      throw new StoreError('store_unreadable', storeMessages.unreadable(file, why), { file, detail: why })
    }
    const db = mapStoreErrors(file, () => connect(copy, options, false))
    try {
      mapStoreErrors(file, () => {
        probe(db)
        db.pragma('query_only = ON')
      })
      checkSchema(db, file, true)
    } catch (error) {
      db.close()
      throw error
    }
    return {
      db,
      file,
      readFile: copy,
      state: 'read-only',
      close: () => {
        db.close()
        cleanup()
      }
    }
  } catch (error) {
    cleanup()
    throw error
  }
}
