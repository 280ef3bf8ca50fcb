import type { Db } from './db'
import { NotePhrases } from './note-phrases'
import { SOURCE_BLOCK_ROWS, encodeBlock } from './source-blocks'
import { NUMBER_ID_SPAN } from './job-keys'

/** job_rows as migration 9 creates it (its step rebuilds the table with the same definition). */
const JOB_ROWS_COLUMNS = `
    job INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    number_id INTEGER,
    column_index INTEGER,
    raw TEXT,
    extension TEXT,
    note TEXT,
    status TEXT,
    reason TEXT,
    lead INTEGER,
    e164s TEXT,
    PRIMARY KEY (job, row_index, ordinal)
  `

// Append-only: a released migration is never edited (its hash is checked at start-up); add a new one instead.
export const MIGRATIONS: readonly string[] = [
  /* 1: imports, source rows, jobs, numbers, results, checks and the attempts ledger */ `
  CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    file_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    file_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    sheet TEXT NOT NULL,
    header_row INTEGER,
    headers TEXT NOT NULL,
    phone_columns TEXT NOT NULL,
    country_column INTEGER,
    default_region TEXT NOT NULL,
    encoding TEXT,
    delimiter TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    row_count INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE source_rows (
    import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (import_id, row_index)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    providers TEXT NOT NULL,
    status TEXT NOT NULL,
    phase TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    counts TEXT,
    settings TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    spend REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX jobs_by_created ON jobs (created_at);

  CREATE TABLE numbers (
    id INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    dedupe_key TEXT NOT NULL,
    e164 TEXT,
    raw TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    line_type TEXT,
    country TEXT,
    national_format TEXT,
    international_format TEXT,
    carrier TEXT,
    provider TEXT,
    checked_at TEXT
  ) STRICT;
  CREATE INDEX numbers_by_job ON numbers (job_id);

  CREATE TABLE row_numbers (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    column_index INTEGER NOT NULL,
    raw TEXT NOT NULL,
    number_id INTEGER NOT NULL REFERENCES numbers(id) ON DELETE CASCADE,
    extension TEXT,
    note TEXT,
    PRIMARY KEY (job_id, row_index, ordinal)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE row_results (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    e164 TEXT,
    line_type TEXT,
    country TEXT,
    carrier TEXT,
    provider TEXT,
    checked_at TEXT,
    PRIMARY KEY (job_id, row_index)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX row_results_by_status ON row_results (job_id, status, row_index);

  CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    e164 TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    fields TEXT NOT NULL DEFAULT '{}',
    raw TEXT,
    cost REAL NOT NULL DEFAULT 0,
    currency TEXT,
    job_id TEXT,
    checked_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX checks_by_number ON checks (provider, e164, checked_at);
  CREATE INDEX checks_by_job ON checks (job_id);

  CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    e164 TEXT NOT NULL,
    state TEXT NOT NULL,
    request_ref TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    completed_at TEXT
  ) STRICT;
  CREATE INDEX attempts_by_job ON attempts (job_id, state);
  `,
  /* 2: per-provider settings edited on the Settings screen (keys live in the keychain, never here) */ `
  CREATE TABLE provider_settings (
    provider TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL DEFAULT 0,
    base_url TEXT,
    concurrency INTEGER,
    rate_per_second REAL,
    timeout_ms INTEGER,
    price_per_lookup REAL,
    currency TEXT,
    auth_mode TEXT,
    use_case TEXT,
    lookup TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  /* 3: the live (paid) check: per-number work state, the ledger's links, bulk tasks and the job's live state */ `
  ALTER TABLE numbers ADD COLUMN live TEXT;
  ALTER TABLE numbers ADD COLUMN live_provider TEXT;
  ALTER TABLE numbers ADD COLUMN live_error TEXT;
  ALTER TABLE numbers ADD COLUMN live_tries INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE numbers ADD COLUMN check_id INTEGER;
  ALTER TABLE numbers ADD COLUMN force INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE numbers ADD COLUMN offline_status TEXT;
  ALTER TABLE numbers ADD COLUMN offline_reason TEXT;
  CREATE INDEX numbers_by_live ON numbers (job_id, live, live_provider, id);
  CREATE INDEX row_numbers_by_number ON row_numbers (job_id, number_id);
  ALTER TABLE attempts ADD COLUMN number_id INTEGER;
  ALTER TABLE attempts ADD COLUMN cost REAL NOT NULL DEFAULT 0;
  ALTER TABLE attempts ADD COLUMN currency TEXT;
  CREATE INDEX attempts_by_ref ON attempts (request_ref);
  ALTER TABLE checks ADD COLUMN cached_from INTEGER;
  ALTER TABLE jobs ADD COLUMN live TEXT;
  CREATE TABLE bulk_tasks (
    id INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    task_id TEXT,
    state TEXT NOT NULL,
    number_ids TEXT NOT NULL,
    result BLOB,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX bulk_tasks_by_job ON bulk_tasks (job_id, state);
  `,
  /* 4: which process runs a job, so another process (the CLI beside the app) never takes it for dead */ `
  ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
  ALTER TABLE jobs ADD COLUMN heartbeat_at TEXT;
  `,
  /* 5: deleting a job. Each deleted number's ON DELETE CASCADE looks up row_numbers by number_id, which no
     index started with (every other job's rows were scanned per number); number ids are unique across jobs, so
     the new index also serves the (job_id, number_id) lookups and replaces that index. A job being deleted is
     hidden at once (deleting_at) and its rows removed in short chunks, resumed at the next start if Ringtrue
     stops meanwhile */ `
  CREATE INDEX row_numbers_by_number_id ON row_numbers (number_id);
  DROP INDEX row_numbers_by_number;
  CREATE INDEX jobs_by_import ON jobs (import_id);
  ALTER TABLE jobs ADD COLUMN deleting_at TEXT;
  `,
  /* 6: the smallest bulk task each provider stated when it refused a smaller one (no guessed minimum) */ `
  CREATE TABLE provider_limits (
    provider TEXT PRIMARY KEY,
    min_task_size INTEGER NOT NULL,
    message TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  /* 7: a number valid in several countries (ambiguous_region) keeps the regions it reads in, for the user's choice */ `
  ALTER TABLE numbers ADD COLUMN alternatives TEXT;
  `,
  /* 8: a lean store. Indexes that only serve reading are not kept up row by row while a job is imported and
     checked: a job's results are filtered by status along their primary key (job_id, row_index), and only the
     numbers routed to the paid check (live set, written after the offline check) are indexed for it. Source rows
     are stored in compressed blocks of consecutive rows (moved from source_rows by MIGRATION_STEPS[8]). The offline
     check's verdicts no longer repeat its provider and time on every number and row: the job keeps the time
     (offline_checked_at) and a verdict without either is the offline check's */ `
  DROP INDEX row_results_by_status;
  DROP INDEX numbers_by_live;
  CREATE INDEX numbers_by_live ON numbers (job_id, live, live_provider, id) WHERE live IS NOT NULL;
  CREATE TABLE source_blocks (
    id INTEGER PRIMARY KEY,
    import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    first_row INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    data BLOB NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX source_blocks_by_import ON source_blocks (import_id, last_row);
  ALTER TABLE jobs ADD COLUMN offline_checked_at TEXT;
  UPDATE jobs SET offline_checked_at = (SELECT MAX(r.checked_at) FROM row_results r
    WHERE r.job_id = jobs.id AND r.provider = 'offline');
  UPDATE row_results SET provider = NULL, checked_at = NULL WHERE provider = 'offline'
    AND checked_at = (SELECT j.offline_checked_at FROM jobs j WHERE j.id = row_results.job_id);
  UPDATE numbers SET provider = NULL, checked_at = NULL WHERE provider = 'offline'
    AND checked_at = (SELECT j.offline_checked_at FROM jobs j WHERE j.id = numbers.job_id);
  `,
  /* 9: a leaner store still. Jobs get an integer key (seq) that child rows carry instead of the text id, which stays
     the public one (the ledger's tables keep it: their rows are few and their meaning must not move). A job's
     numbers take ids from a range of their own (seq × 2^32 on), so a job's numbers are a range of the primary key
     and no index on them is kept up while a list is checked; the ledger's and bulk tasks' links follow them.
     numbers drops the always-null format columns (shown formats are computed), keeps dedupe_key only where it
     differs from the E.164, raw only where the user may still choose a country (alternatives), and the row of its
     first link (first_row; number_rows lists its other rows), which is how the paid check finds a number's rows
     without an index on job_rows. job_rows merges row_numbers and row_results: one record per number of a row,
     the first (ordinal 0) also standing for the row: its status (kept for counting and filtering), its reason where
     its own reading of the number differs from the number's ('' for none), the number that decides its other
     fields when not its own (lead), its numbers when it holds several (e164s). A row without a number is one
     record without a number_id. note_phrases holds the long repeated parts of notes once per job; the stored
     notes are rewritten to refer to them by MIGRATION_STEPS[9] */ `
  ALTER TABLE jobs ADD COLUMN seq INTEGER;
  UPDATE jobs SET seq = rowid;
  CREATE UNIQUE INDEX jobs_by_seq ON jobs (seq);

  CREATE TEMP TABLE number_ids (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL);
  INSERT INTO temp.number_ids (old_id, new_id)
    SELECT n.id, j.seq * 4294967296 + ROW_NUMBER() OVER (PARTITION BY n.job_id ORDER BY n.id) - 1
    FROM numbers n JOIN jobs j ON j.id = n.job_id;

  CREATE TABLE numbers_v9 (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT,
    e164 TEXT,
    raw TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    line_type TEXT,
    country TEXT,
    carrier TEXT,
    provider TEXT,
    checked_at TEXT,
    first_row INTEGER,
    live TEXT,
    live_provider TEXT,
    live_error TEXT,
    live_tries INTEGER NOT NULL DEFAULT 0,
    check_id INTEGER,
    force INTEGER NOT NULL DEFAULT 0,
    offline_status TEXT,
    offline_reason TEXT,
    alternatives TEXT
  ) STRICT;
  INSERT INTO numbers_v9 (id, dedupe_key, e164, raw, status, reason, line_type, country, carrier, provider,
    checked_at, first_row, live, live_provider, live_error, live_tries, check_id, force, offline_status,
    offline_reason, alternatives)
    SELECT m.new_id, NULLIF(n.dedupe_key, n.e164), n.e164, CASE WHEN n.alternatives IS NOT NULL THEN n.raw END,
      n.status, n.reason, n.line_type, n.country, n.carrier, n.provider, n.checked_at,
      (SELECT MIN(rn.row_index) FROM row_numbers rn WHERE rn.number_id = n.id), n.live, n.live_provider,
      n.live_error, n.live_tries, n.check_id, n.force, n.offline_status, n.offline_reason, n.alternatives
    FROM numbers n JOIN temp.number_ids m ON m.old_id = n.id;

  CREATE TABLE number_rows (
    number_id INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    PRIMARY KEY (number_id, row_index)
  ) STRICT, WITHOUT ROWID;
  INSERT OR IGNORE INTO number_rows (number_id, row_index)
    SELECT n.id, rn.row_index FROM row_numbers rn JOIN temp.number_ids m ON m.old_id = rn.number_id
    JOIN numbers_v9 n ON n.id = m.new_id WHERE rn.row_index <> n.first_row;

  CREATE TABLE job_rows (${JOB_ROWS_COLUMNS}) STRICT, WITHOUT ROWID;
  INSERT INTO job_rows (job, row_index, ordinal, number_id, column_index, raw, extension, note)
    SELECT j.seq, rn.row_index, rn.ordinal, m.new_id, rn.column_index, rn.raw, rn.extension, rn.note
    FROM row_numbers rn JOIN jobs j ON j.id = rn.job_id JOIN temp.number_ids m ON m.old_id = rn.number_id;
  INSERT INTO job_rows (job, row_index, ordinal)
    SELECT j.seq, r.row_index, 0 FROM row_results r JOIN jobs j ON j.id = r.job_id
    WHERE NOT EXISTS (SELECT 1 FROM row_numbers rn WHERE rn.job_id = r.job_id AND rn.row_index = r.row_index);
  UPDATE job_rows SET status = r.status, reason = IIF(job_rows.number_id IS NULL, NULL, COALESCE(r.reason, '')),
    lead = (SELECT x.number_id FROM job_rows x JOIN numbers_v9 n ON n.id = x.number_id
      WHERE x.job = job_rows.job AND x.row_index = job_rows.row_index
      ORDER BY n.status = r.status AND n.reason IS r.reason DESC, n.status = r.status DESC, x.ordinal LIMIT 1),
    e164s = CASE WHEN EXISTS (SELECT 1 FROM job_rows x WHERE x.job = job_rows.job
      AND x.row_index = job_rows.row_index AND x.ordinal > 0) THEN r.e164 END
    FROM row_results r JOIN jobs j ON j.id = r.job_id
    WHERE job_rows.ordinal = 0 AND job_rows.job = j.seq AND job_rows.row_index = r.row_index;
  UPDATE job_rows SET lead = NULL WHERE lead = number_id;
  UPDATE job_rows SET reason = NULL WHERE reason IS NOT NULL
    AND reason = (SELECT COALESCE(n.reason, '') FROM numbers_v9 n WHERE n.id = COALESCE(job_rows.lead, job_rows.number_id));

  CREATE TABLE note_phrases (
    job INTEGER NOT NULL,
    id INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (job, id)
  ) STRICT, WITHOUT ROWID;

  UPDATE attempts SET number_id = (SELECT m.new_id FROM temp.number_ids m WHERE m.old_id = attempts.number_id)
    WHERE number_id IN (SELECT old_id FROM temp.number_ids);
  UPDATE bulk_tasks SET number_ids = (SELECT json_group_array(id) FROM (SELECT COALESCE(m.new_id, e.value) AS id
    FROM json_each(bulk_tasks.number_ids) e LEFT JOIN temp.number_ids m ON m.old_id = e.value ORDER BY e.key));

  DROP TABLE row_numbers;
  DROP TABLE row_results;
  DROP TABLE numbers;
  ALTER TABLE numbers_v9 RENAME TO numbers;
  CREATE INDEX numbers_by_live ON numbers (live, live_provider, id) WHERE live IS NOT NULL;
  DROP TABLE temp.number_ids;
  `,
  // 10: the list's profile (which countries it evidently holds), read while the import still runs and kept, so
  // a resumed offline check reads every number with the same evidence as the run it replaces.
  `
  ALTER TABLE imports ADD COLUMN profile TEXT;
  `,
  // 11: review at a million rows. result_versions counts the changes to each job's results after they were
  // stored (paid answers, chosen countries), so the in-memory review index (review-index.ts) knows when to read
  // them again; job_tallies keeps each job's counts once computed, and a status change adjusts them, so a recount
  // after a paid batch reads a handful of rows. Inserts fire no trigger: the offline check's bulk load stays as fast.
  `
  CREATE TABLE result_versions (
    job INTEGER PRIMARY KEY,
    version INTEGER NOT NULL
  ) STRICT;
  CREATE TRIGGER job_rows_changed AFTER UPDATE OF status, reason, lead, e164s, number_id ON job_rows BEGIN
    INSERT INTO result_versions (job, version) VALUES (NEW.job, 1)
      ON CONFLICT (job) DO UPDATE SET version = version + 1;
  END;
  CREATE TRIGGER numbers_changed
    AFTER UPDATE OF status, reason, e164, line_type, country, carrier, provider, checked_at ON numbers BEGIN
    INSERT INTO result_versions (job, version) VALUES (NEW.id / ${NUMBER_ID_SPAN}, 1)
      ON CONFLICT (job) DO UPDATE SET version = version + 1;
  END;

  CREATE TABLE job_tallies (
    job INTEGER NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (job, name)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER job_rows_tally AFTER UPDATE OF status ON job_rows
    WHEN NEW.ordinal = 0 AND OLD.status IS NOT NEW.status
      AND EXISTS (SELECT 1 FROM job_tallies WHERE job = NEW.job) BEGIN
    UPDATE job_tallies SET n = n - 1 WHERE job = NEW.job AND name = OLD.status;
    INSERT INTO job_tallies (job, name, n) VALUES (NEW.job, NEW.status, 1)
      ON CONFLICT (job, name) DO UPDATE SET n = n + 1;
  END;
  `
]

/**
 * Work a migration needs beyond SQL, run right after that migration's SQL in the same transaction (released
 * with it, so equally never edited). Keyed by migration number.
 */
export const MIGRATION_STEPS: Readonly<Record<number, (db: Db) => void>> = {
  8: moveSourceRowsIntoBlocks,
  9: notesByPhrase
}

/**
 * Every stored note in the form new notes take (note-phrases.ts); then job_rows is copied once more, since the
 * shortened notes leave its pages part empty and only whole free pages go back to the file system.
 */
function notesByPhrase(db: Db): void {
  const phrases = new NotePhrases(db)
  const update = db.prepare('UPDATE job_rows SET note = ? WHERE job = ? AND row_index = ? AND ordinal = ?')
  // Keyset pages: a big store's notes never sit in memory at once.
  const page = db.prepare(
    `SELECT job, row_index, ordinal, note FROM job_rows WHERE (job, row_index, ordinal) > (?, ?, ?)
     AND note IS NOT NULL ORDER BY job, row_index, ordinal LIMIT 10000`
  )
  for (let after = [-1, -1, -1]; ;) {
    const notes = page.all(...after) as { job: number; row_index: number; ordinal: number; note: string }[]
    if (notes.length === 0) break
    for (const n of notes) update.run(phrases.encode(n.job, n.note), n.job, n.row_index, n.ordinal)
    const last = notes[notes.length - 1]
    after = [last.job, last.row_index, last.ordinal]
  }
  db.exec(`CREATE TABLE job_rows_packed (${JOB_ROWS_COLUMNS}) STRICT, WITHOUT ROWID;
    INSERT INTO job_rows_packed SELECT * FROM job_rows ORDER BY job, row_index, ordinal;
    DROP TABLE job_rows;
    ALTER TABLE job_rows_packed RENAME TO job_rows;`)
}

/** Every stored source row, import by import, into blocks (each row's JSON kept as it was); then the old table goes. */
function moveSourceRowsIntoBlocks(db: Db): void {
  const page = db.prepare(
    `SELECT import_id, row_index, cells FROM source_rows WHERE (import_id, row_index) > (?, ?)
     ORDER BY import_id, row_index LIMIT 10000`
  )
  const insert = db.prepare(
    'INSERT INTO source_blocks (import_id, first_row, last_row, data) VALUES (?, ?, ?, ?)'
  )
  let importId = ''
  let first = 0
  let cells: string[] = []
  const flush = (): void => {
    if (cells.length > 0)
      insert.run(importId, first, first + cells.length - 1, encodeBlock(`[${cells.join(',')}]`))
    cells = []
  }
  let after: [string, number] = ['', -1]
  for (;;) {
    const rows = page.all(after[0], after[1]) as { import_id: string; row_index: number; cells: string }[]
    if (rows.length === 0) break
    for (const row of rows) {
      const continues =
        cells.length > 0 &&
        cells.length < SOURCE_BLOCK_ROWS &&
        importId === row.import_id &&
        first + cells.length === row.row_index
      if (!continues) {
        flush()
        importId = row.import_id
        first = row.row_index
      }
      cells.push(row.cells)
    }
    const last = rows[rows.length - 1]
    after = [last.import_id, last.row_index]
  }
  flush()
  db.exec('DROP TABLE source_rows')
}
