// English messages of the 'errors' namespace (ICU syntax). The zh-CN file has exactly these keys.
// One key per error code main (or the bridge) can send; the English equals main's own message for the same
// params, so the window and the CLI say the same thing. A code with several sentences selects on `variant`.
// `detail` is text main could not say in parts (a system message): it is shown as it came.
const errors = {
  // The bridge and the handler table
  unexpected: 'Something went wrong. Please try again.',
  internal: 'Something went wrong: {detail}',
  transport_failed:
    'Ringtrue could not reach its background process. Try again; if it keeps failing, restart Ringtrue.',
  bad_response: 'The app answered in a form the window does not understand.',
  invalid_request:
    'Ringtrue could not accept that value. Check the field and try again; if it keeps happening, restart Ringtrue.',
  unknown_channel: 'Unknown operation {channel}.',
  forbidden: 'Request from an untrusted frame.',
  // Files and handles
  not_an_image: 'The chart could not be saved: the picture is not a PNG image.',
  not_a_file:
    '{variant, select, folder {{name} is a folder, not a file.} other {The dropped item is not a file Ringtrue can open.}}',
  invalid_handle:
    'Ringtrue does not know that file reference: choose the file again (in the app, not by typing a path).',
  handle_not_allowed:
    '{name} was {kind, select, open {opened} save {chosen as an export destination} written {written by an export} other {imported}}; it cannot be {use, select, write {written to} reveal {shown in its folder} other {read}} through that reference.',
  file_not_found: '{path} does not exist or cannot be read.',
  file_changed:
    '{name} changed since the job started, so its import cannot be finished; start a new check of it.',
  export_cancelled: 'The export was cancelled; no file was written or changed.',
  export_running: 'This export is already being written.',
  file_exists: '{name} already exists.',
  would_overwrite_source: 'This would overwrite the imported file {name}. Confirm to replace the original.',
  // Jobs
  row_not_found: 'Row {row} is not part of this job.',
  job_not_found: 'That job no longer exists.',
  job_running:
    '{variant, select, offline {The job is still importing or checking offline.} export {The job is being exported; try again when the export is written.} recheck {Pause the job before re-checking rows.} countries {Pause the paid check before choosing countries.} other {The job is already running.}}',
  job_not_running: 'The job is not running.',
  job_cancelled: 'A cancelled job cannot be resumed.',
  job_failed:
    '{variant, select, stopped {The check stopped before it finished, so nothing was exported.} other {The job did not finish.}}',
  job_not_finished:
    '"{name}" has not finished ({status, select, other {{status}}}); export it once it is done.',
  import_missing: 'The import record disappeared.',
  no_live_check: 'This job has no paid check; it was run with the offline check only.',
  only_uncertain:
    'Nothing is left to check except {count} possibly charged requests; re-send them only if you accept paying again.',
  bad_comparison: 'Choose another check of the list to compare with.',
  bad_plan:
    '{variant, select, exportAfterLive {A job with a paid check is exported after its paid check.} notInterrupted {The offline check of this job is not interrupted (it is {status}).} noProvider {Choose at least one provider for the paid check.} duplicate {{provider} appears twice in the provider chain.} noLineType {Choose at least one line type to send to the paid check.} spendCap {The spending cap must be zero or more.} other {The plan of the paid check is not complete.}}',
  bad_mapping:
    '{variant, select, column {Column {column} does not exist in sheet "{sheet}".} tooMany {A job checks at most {max} phone columns; {count} were chosen.} countryIsPhone {The country column cannot also be a phone column.} other {The chosen columns do not fit this sheet.}}',
  worker_failed:
    '{variant, select, exit {A background task stopped unexpectedly (exit {exitCode}).} other {A background task failed: {detail}}}',
  cancelled: '{variant, select, import {Reading {name} was cancelled.} other {Cancelled by the user.}}',
  // Reading a file
  empty_file: '{name} is empty.',
  encrypted:
    '{name} is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook) and save a copy.',
  corrupt:
    '{variant, select, reason {{name} cannot be read: {reason}.} other {{name} is damaged or incomplete and cannot be read; download or export it again.}}',
  entity_bomb:
    '{name} contains XML entity declarations, which spreadsheets never need and which are used to exhaust memory, so Ringtrue will not open it.',
  zip_bomb:
    '{name} unpacks to far more data than its size suggests ({reason}), so Ringtrue will not open it.',
  unsupported_format:
    '{variant, select, reason {{name} is not a file Ringtrue can import ({reason}); use an Excel or OpenDocument workbook, a CSV or text file, or a vCard.} other {{name} is not a file Ringtrue can import; use an Excel or OpenDocument workbook, a CSV or text file, or a vCard.}}',
  binary_file:
    '{name} is a binary file but not a spreadsheet Ringtrue recognises; save it as .xlsx or .csv and try again.',
  too_large:
    '{variant, select, reason {{name} is too large to import: {reason}.} other {{name} is too large to import ({size}; the limit is {limit}); save it as CSV or split it into smaller files.}}',
  too_many_rows:
    '{name} has more than {rows, number} data rows, the most Ringtrue imports from one file; split it into smaller files.',
  too_many_columns:
    '{name} has {variant, select, counted {{columns, number} columns} other {too many columns}}; Ringtrue reads at most {maxColumns, number} columns (the Excel maximum) from one sheet. Save only the columns you need and try again.',
  sheet_not_found: '{name} has no sheet named "{sheet}".',
  no_data:
    '{variant, select, sheet {The sheet "{sheet}" in {name} is empty.} other {{name} contains no data: every sheet in it is empty.}}',
  no_phone_column: '{name} has no column that looks like phone numbers; choose the phone column yourself.',
  timeout:
    'Reading {name} took longer than {seconds} seconds and was stopped; the file may be damaged or too complex.',
  not_found: '{name} was not found; it may have been moved, renamed or deleted.',
  // Providers and settings
  no_key: '{provider}: {detail}',
  key_origin_mismatch: '{provider}: {detail}',
  balance_failed: '{detail}',
  invalid_settings:
    '{variant, select, field {The {field} setting of {provider} is not valid.} telesignOnly {Only Telesign has an authentication mode and a use case, not {provider}.} checkmobiOnly {Only CheckMobi has a lookup kind, not {provider}.} envUrl {{envVar} is not an http:// or https:// address; fix it where it is set.} other {That setting is not valid.}}',
  // The keychain
  keychain_unavailable: '{reason} {hint}',
  keychain_failed: 'The system keychain reported an error: {detail}',
  invalid_account: 'That key does not belong to a known provider field.',
  invalid_secret: '{detail}',
  invalid_origin: '{detail}',
  read_only: '{detail}',
  // The data store
  store_locked:
    'The data folder is busy: another Ringtrue (the app or a command) is writing to {file} and did not finish within {seconds} s. Try again when it is done.',
  store_readonly:
    'Ringtrue cannot write to {file}: {detail}. Make it writable for this user, or point Ringtrue at another data folder (RINGTRUE_DATA_DIR, or --data-dir for the command line).',
  store_unreadable:
    'Ringtrue cannot read the database at {file}: {detail}. Run Ringtrue as the user who owns it, give this user access, or point Ringtrue at another data folder (RINGTRUE_DATA_DIR, or --data-dir for the command line).',
  store_corrupt:
    'The database at {file} is damaged ({detail}); Ringtrue left it untouched. Move it aside to start fresh, or restore a backup.',
  store_empty:
    'The database at {file} is empty (0 bytes): its jobs cannot be read; Ringtrue left it untouched. Move it aside to start fresh, or restore a backup.',
  store_missing: 'There is no database at {file} yet.',
  store_outdated:
    'The database at {file} was written by an older Ringtrue and must be upgraded, which needs write access to {folder}. Make the folder writable and run Ringtrue once, then try again.',
  store_full: 'The disk holding {file} is full. Free some space, then try again.',
  store_newer:
    'The database at {file} was written by a newer Ringtrue (schema {version}); update Ringtrue to open it. Ringtrue left it untouched.',
  store_tampered:
    'The database at {file} does not match this build of Ringtrue (migration {version} differs); Ringtrue left it untouched. Open it with the Ringtrue that wrote it, or move it aside to start fresh.'
} as const

export default errors
