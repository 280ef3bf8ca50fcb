import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for the running runtime (Electron passes its own ABI build). */
  nativeBinding?: string
  readonly?: boolean
}

export class StoreError extends Error {
  constructor(
    readonly code: 'store_locked' | 'store_readonly' | 'store_corrupt' | 'store_newer' | 'store_tampered',
    message: string
  ) {
    super(message)
  }
}

function hashOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16)
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false
  })
  db.pragma('busy_timeout = 5000')
  if (options.readonly) return db
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // FULL: a committed ledger entry ("this request is about to be paid for") must survive a power loss, not
  // only a crash (research/reliability-performance.md §6.1). Writes are batched, so the cost is small.
  db.pragma('synchronous = FULL')
  // Bulk imports and checks touch several indexes per row; a larger page cache keeps them from spilling mid-batch.
  db.pragma('cache_size = -65536')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT'
  )
  const applied = db.prepare('SELECT version, hash FROM schema_migrations ORDER BY version').all() as {
    version: number
    hash: string
  }[]
  if (applied.length > MIGRATIONS.length) {
    throw new StoreError(
      'store_newer',
      `This data folder was written by a newer Ringtrue (schema ${applied.length}); update Ringtrue to open it.`
    )
  }
  for (const row of applied) {
    if (hashOf(MIGRATIONS[row.version - 1]) !== row.hash) {
      throw new StoreError('store_tampered', `Database migration ${row.version} does not match this build.`)
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, hash, applied_at) VALUES (?, ?, ?)')
  for (let version = applied.length + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1]
    db.transaction(() => {
      db.exec(sql)
      record.run(version, hashOf(sql), new Date().toISOString())
    })()
  }
}
