// The domain's words, one home for all of them: row and job statuses, line types, provider ids, why a paid
// check pauses, cell values. Pure constants and types, so the core, the CLI, the preload's contract and the
// renderer (through the contract's re-export) all share them.

/** One spreadsheet cell as Ringtrue keeps it: never reformatted, numbers stay numbers, text stays text. */
export type CellValue = string | number | boolean | null

/** The status vocabulary used everywhere: UI, CLI, export. */
export const STATUSES = ['active', 'unchecked', 'unknown', 'inactive', 'invalid'] as const
export type Status = (typeof STATUSES)[number]

/** A row with several numbers takes the best of them: earlier in this list wins. */
export const STATUS_PRECEDENCE: readonly Status[] = STATUSES

export const LINE_TYPES = [
  'mobile',
  'fixed_line',
  'fixed_line_or_mobile',
  'toll_free',
  'premium_rate',
  'shared_cost',
  'voip',
  'personal_number',
  'pager',
  'uan',
  'voicemail',
  'unknown'
] as const
export type LineType = (typeof LINE_TYPES)[number]

/** The most phone columns one job checks (the app's mapping and the CLI's --column share it). */
export const MAX_PHONE_COLUMNS = 64

export const SOURCE_FORMATS = ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods', 'csv', 'tsv', 'txt', 'vcf'] as const
export type SourceFormat = (typeof SOURCE_FORMATS)[number]

export const EXPORT_MODES = ['cleaned', 'full', 'split'] as const
export type ExportMode = (typeof EXPORT_MODES)[number]
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const JOB_STATUSES = ['draft', 'running', 'paused', 'done', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export type JobPhase = 'importing' | 'checking' | 'live' | 'finished'

// ── Providers ──

/** Providers with keys and settings: the paid providers (providers/types.ts names them LIVE_PROVIDER_IDS). */
export const CONFIGURABLE_PROVIDER_IDS = [
  'acedata',
  'toolkk',
  'checknumber',
  'telesign',
  'checkmobi'
] as const
export type ConfigurableProviderId = (typeof CONFIGURABLE_PROVIDER_IDS)[number]
export type ProviderIdDto = ConfigurableProviderId | 'offline'

export const KEY_FIELDS = ['apiKey', 'customerId'] as const
export type KeyField = (typeof KEY_FIELDS)[number]

export const AUTH_MODES = ['basic', 'hmac'] as const
export type AuthMode = (typeof AUTH_MODES)[number]
export const LOOKUP_KINDS = ['hlr', 'mnp'] as const
export type LookupKind = (typeof LOOKUP_KINDS)[number]

// ── The paid (live) check of a job ──

/** Why a job with a live phase is paused; 'confirm' is the pre-flight waiting for the user's go-ahead. */
export const PAUSE_REASONS = [
  'confirm',
  'user',
  'auth',
  'balance',
  'error_rate',
  'spend_cap',
  'interrupted',
  'sample',
  // A provider account limit was reached (Telesign -40008 hard cap, CheckMobi code 12): the provider's words.
  'quota',
  // The provider refused a task (e.g. for its size) or lost track of it: its message, the task id kept.
  'provider',
  // Every request ended without an answer (possibly charged, or failed): the job is not done.
  'no_answers'
] as const
export type PauseReason = (typeof PAUSE_REASONS)[number]

export const FRESHNESS_STATES = ['active', 'inactive', 'invalid', 'unknown'] as const
export type FreshnessState = (typeof FRESHNESS_STATES)[number]
export const DEFAULT_FRESHNESS_DAYS: Record<FreshnessState, number> = {
  active: 30,
  inactive: 90,
  invalid: 90,
  unknown: 1
}
export const DEFAULT_LIVE_LINE_TYPES: LineType[] = ['mobile', 'fixed_line_or_mobile', 'unknown']

/** The fields the results can be narrowed by, each with its counts (the facet panel's sections). */
export const FACET_FIELDS = [
  'statuses',
  'reasons',
  'countries',
  'lineTypes',
  'carriers',
  'providers',
  'checkedAges'
] as const
export type FacetField = (typeof FACET_FIELDS)[number]

/** How long ago a row was last checked, in the buckets the facet panel shows. */
export const CHECKED_AGES = ['day', 'week', 'month', 'quarter', 'older'] as const
export type CheckedAge = (typeof CHECKED_AGES)[number]
/** Each bucket's upper bound in days (the last one has none). */
export const CHECKED_AGE_DAYS: Readonly<Record<Exclude<CheckedAge, 'older'>, number>> = {
  day: 1,
  week: 7,
  month: 30,
  quarter: 90
}

/** The result fields a table can be sorted by; a number sorts by that original column instead. */
export const RESULT_SORT_FIELDS = [
  'row',
  'status',
  'e164',
  'country',
  'lineType',
  'reason',
  'carrier',
  'provider',
  'checkedAt'
] as const
export type ResultSortField = (typeof RESULT_SORT_FIELDS)[number]

/** How a number changed between two checks of a list (compared by E.164), the first that applies. */
export const CHANGES = [
  'newly_inactive',
  'revived',
  'added',
  'removed',
  'line_type_changed',
  'carrier_changed',
  'unchanged'
] as const
export type Change = (typeof CHANGES)[number]
