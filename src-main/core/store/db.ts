import type Database from 'better-sqlite3'

/** A better-sqlite3 connection; its own file so the migrations can name it without importing the opener. */
export type Db = Database.Database
