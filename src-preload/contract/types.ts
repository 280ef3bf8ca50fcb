// Shared vocabulary of Ringtrue: the DTOs that cross the IPC boundary and the domain words core uses.
// Pure types and constants only, so main, preload and renderer can all import it.

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

export interface SheetSummary {
  name: string
  hidden: boolean
  /** Data rows, counted as ImportPreview.totalRows counts them (the chosen sheet's equals it exactly). */
  rows: number
  columns: number
}

export interface ColumnInfo {
  index: number
  /** Spreadsheet letter: A, B, …, AA. */
  letter: string
  /** Header text, or the letter when the sheet has no header row. */
  header: string
  /** 0..1: how sure detection is that this column holds phone numbers. */
  phoneConfidence: number
  /** 0..1: how sure detection is that this column holds a country or region. */
  countryConfidence: number
  /** A few non-empty values as text, for the mapping screen. */
  samples: string[]
}

export interface ImportPreview {
  filePath: string
  fileName: string
  fileSize: number
  format: SourceFormat
  sheets: SheetSummary[]
  sheet: string
  /** 0-based index of the header row within the sheet, or null when the data has no header. */
  headerRow: number | null
  columns: ColumnInfo[]
  suggestedPhoneColumns: number[]
  suggestedCountryColumn: number | null
  /** The first rows as read: a few non-empty rows above the header, the header row, then data rows. */
  sampleRows: CellValue[][]
  /** 0-based sheet row of each entry of sampleRows. */
  sampleRowIndexes: number[]
  /**
   * Data rows: rows below the header (or from the first non-empty row without one) holding at least one value;
   * fully blank rows are not counted. Exact, except for a text file too big to read whole for the preview
   * (then estimated, with a warning). The sheet picker, this count and the import agree.
   */
  totalRows: number
  /** Fully blank rows among the data, which the import skips; absent when none or not counted. */
  blankRows?: number
  encoding: string | null
  delimiter: string | null
  warnings: string[]
}

export interface ImportMapping {
  sheet: string
  headerRow: number | null
  phoneColumns: number[]
  countryColumn: number | null
  /** ISO 3166-1 alpha-2 region used for numbers written without a country code. */
  defaultRegion: string
}

/**
 * How the numbers of a list's chosen phone columns split by the country they are most likely in, before import
 * (from the preview's rows) or after the offline check (every number of the job).
 */
export interface CountrySplit {
  /** Rows looked at: the preview's first rows before import, every row after. */
  rows: number
  /** Numbers found in the phone columns of those rows. */
  numbers: number
  /** Valid numbers per country, most first; `share` is of all numbers found (0–1). */
  countries: { country: string; numbers: number; share: number }[]
  invalid: number
  /** Valid numbers read in another country than the default (or the row's country column) on the list's evidence. */
  inferred: number
  /** Numbers that read validly in two countries with nothing to decide between them: held back as unknown. */
  ambiguous: number
  defaultRegion: string
  /** Share of all numbers read as numbers of the default region. */
  defaultShare: number
  /** Set when most numbers do not fit the default region: the country the most of them are in, and its share. */
  mismatch: { country: string; share: number } | null
}

/** A country the job's ambiguous_region numbers can be read in, and how many of them read validly there. */
export interface AmbiguousChoice {
  country: string
  numbers: number
}

export interface JobCounts {
  rows: number
  /** Phone numbers found in the mapped cells (a cell may hold several). */
  numbers: number
  /** Distinct numbers after normalization: what a paid check would pay for. */
  unique: number
  /** Rows per status (the row's best number decides). */
  byStatus: Record<Status, number>
  /** Rows in which no number at all was found. */
  emptyRows: number
}

export interface JobProgress {
  jobId: string
  status: JobStatus
  phase: JobPhase
  done: number
  /** Fixed for a phase once announced: it never jumps while the phase runs. */
  total: number
  /**
   * True while importing a text file too big to count up front: total is an estimate from its first part
   * (shown as "about N"); done may end above or below it.
   */
  totalEstimated?: boolean
  counts: JobCounts
  ratePerSecond: number
  etaSeconds: number | null
  message: string | null
  /** The paid check's figures, once the job has a live phase. */
  live: LiveSummary | null
}

export interface JobSummary {
  id: string
  name: string
  fileName: string
  format: SourceFormat
  sheet: string
  providers: string[]
  status: JobStatus
  phase: JobPhase
  counts: JobCounts
  createdAt: string
  finishedAt: string | null
  error: string | null
  live: LiveSummary | null
}

export interface JobDetail extends JobSummary {
  importId: string
  filePath: string
  headers: string[]
  phoneColumns: number[]
  countryColumn: number | null
  defaultRegion: string
  /** Names of the result columns appended to the original ones in exports. */
  warnings: string[]
}

export interface ResultFilter {
  statuses?: Status[]
  reasons?: string[]
  lineTypes?: LineType[]
  countries?: string[]
  /** Free text: matches any original cell or the E.164 form. */
  search?: string
}

export interface RowResult {
  status: Status
  reason: string | null
  e164: string[]
  lineType: LineType | null
  country: string | null
  carrier: string | null
  provider: string | null
  checkedAt: string | null
}

export interface ResultRow extends RowResult {
  rowIndex: number
  cells: CellValue[]
}

export interface ResultQuery {
  jobId: string
  filter: ResultFilter
  offset: number
  limit: number
}

export interface ResultPage {
  total: number
  offset: number
  rows: ResultRow[]
}

export interface FacetCount {
  value: string
  count: number
}

export interface Facets {
  /** Counts within the current filter, one list per filterable field. */
  statuses: FacetCount[]
  reasons: FacetCount[]
  lineTypes: FacetCount[]
  countries: FacetCount[]
  total: number
}

export interface NumberDetail {
  raw: string
  column: number
  e164: string | null
  status: Status
  reason: string | null
  lineType: LineType | null
  country: string | null
  nationalFormat: string | null
  internationalFormat: string | null
  extension: string | null
  note: string | null
  checks: CheckRecord[]
}

export interface CheckRecord {
  provider: string
  state: Status
  reason: string | null
  checkedAt: string
  cost: number
  /** The cost is an estimate (the provider does not document whether this answer is billed). */
  costEstimated?: boolean
  raw: unknown
}

export interface RowDetail extends ResultRow {
  headers: string[]
  numbers: NumberDetail[]
}

export interface ExportRequest {
  jobId: string
  mode: ExportMode
  format: ExportFormat
  keepUnknown: boolean
  outPath: string
  /** Required to write over an existing file, and always required to write over the imported file itself. */
  overwrite: boolean
}

export interface ExportResult {
  files: string[]
  rowsWritten: number
}

export interface AppInfo {
  version: string
  dataDir: string
  defaultRegion: string
  regions: { code: string; name: string; callingCode: string }[]
}

export interface ApiErrorShape {
  code: string
  message: string
}

// ── Providers and their settings (issue 3). Keys never appear in any of these: only whether one is set. ──

/** Providers with keys and settings. Mirrors LIVE_PROVIDER_IDS in core (a unit test keeps the two equal). */
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

/** Where an effective setting came from: RINGTRUE_<ID>_BASE_URL, the Settings screen, or the adapter. */
export type SettingSource = 'environment' | 'saved' | 'default'

export interface EffectiveProviderSettings {
  baseUrl: string
  baseUrlSource: SettingSource
  /** The variable that overrides the base URL, so the screen can name it. */
  baseUrlEnvVar: string
  /** What the Settings screen saved, shown in the field while the environment overrides it. */
  savedBaseUrl: string | null
  defaultBaseUrl: string
  concurrency: number
  ratePerSecond: number
  timeoutMs: number
  pricePerLookup: number
  currency: string
  /** Telesign only. */
  authMode: AuthMode | null
  useCase: string | null
  /** CheckMobi only. */
  lookup: LookupKind | null
}

export interface KeyState {
  field: KeyField
  set: boolean
  /** '••••' and the last four characters, or null when unset or too short to show any of it. */
  maskedTail: string | null
  source: 'environment' | 'keychain' | null
  /** The variable that would override the keychain (RINGTRUE_<ID>_KEY …). */
  envVar: string
  /**
   * For a keychain value: the origin (scheme://host[:port]) it was entered for; it is only ever sent there.
   * Absent for environment keys, which are not bound.
   */
  boundOrigin?: string
}

/** Keychain credentials entered for another origin than the base URL in effect: they are not sent. */
export interface KeyOriginMismatch {
  /** The origin the credentials were entered for. */
  keyOrigin: string
  /** The origin of the base URL in effect now. */
  baseUrlOrigin: string
  /** The fields to enter again. */
  fields: KeyField[]
  /** "The key was entered for https://…; enter it again to use it with http://…" */
  message: string
}

export interface ProviderView {
  id: ProviderIdDto
  name: string
  measures: string
  coverage: string
  confidence: 'network' | 'carrier_db' | 'inferred'
  bulk: boolean
  live: boolean
  docsUrl: string | null
  enabled: boolean
  /** Null for the offline check, which has nothing to configure. */
  settings: EffectiveProviderSettings | null
  keys: KeyState[]
  /** Set when keychain credentials were entered for another origin than the base URL in effect. */
  keyMismatch?: KeyOriginMismatch | null
}

export interface KeychainState {
  available: boolean
  reason: string | null
  hint: string | null
}

export interface ProvidersOverview {
  providers: ProviderView[]
  keychain: KeychainState
}

/** A partial update; `baseUrl: null` goes back to the adapter's default. */
export interface ProviderSettingsPatch {
  enabled?: boolean
  baseUrl?: string | null
  concurrency?: number
  ratePerSecond?: number
  timeoutMs?: number
  pricePerLookup?: number
  currency?: string
  authMode?: AuthMode
  useCase?: string
  lookup?: LookupKind
}

export interface ConnectionTestResult {
  ok: boolean
  message: string
  balance?: number
  currency?: string
}

// ── The paid (live) check of a job (issues 3 and 4) ──

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

/** One step of a job's provider chain: numbers it covers (optionally only these countries) go to it. */
export interface RouteStep {
  provider: ConfigurableProviderId
  /** ISO regions this step is limited to; null for every number the provider covers. */
  countries: string[] | null
}

export interface LivePlan {
  /** Tried in order: a number goes to the first step that covers it. */
  route: RouteStep[]
  /** Asked again for numbers whose first answer was unknown, no coverage or a failure. */
  fallback: ConfigurableProviderId | null
  /** Never spend more than this (per currency) on the job; null for no cap. */
  spendCap: number | null
  /** Offline line types that are sent to a paid provider; landlines, toll-free etc. are not by default. */
  lineTypes: LineType[]
  /** How many days a cached answer stays good enough to reuse instead of paying again, per answer state. */
  freshnessDays: Record<FreshnessState, number>
}

export const FRESHNESS_STATES = ['active', 'inactive', 'invalid', 'unknown'] as const
export type FreshnessState = (typeof FRESHNESS_STATES)[number]
export const DEFAULT_FRESHNESS_DAYS: Record<FreshnessState, number> = {
  active: 30,
  inactive: 90,
  invalid: 90,
  unknown: 1
}
export const DEFAULT_LIVE_LINE_TYPES: LineType[] = ['mobile', 'fixed_line_or_mobile', 'unknown']

/** The result of a sample run: what the checked sample found and what the whole list would likely give. */
export interface SampleOutcome {
  checked: number
  byStatus: Record<FreshnessState, number>
  /** The sample's shares applied to the whole paid check (the sample plus every number still to check). */
  projectedByStatus: Record<FreshnessState, number>
  projectedCost: SpendLine[]
}

export interface SpendLine {
  currency: string
  amount: number
  /** Part of the amount is an estimate: a provider whose document does not say what it bills was counted at the
   *  configured price. Shown as "≈" / "estimated". Absent or false when every figure is the provider's own. */
  estimated?: boolean
}

/** Live-check state of a job, persisted with it and pushed with its progress. */
export interface LiveSummary {
  plan: LivePlan
  pauseReason: PauseReason | null
  /** What the pause is about, for the user (e.g. "Ace Data Cloud refused the API key: …"). */
  pauseMessage: string | null
  /** The provider the pause is about, when there is one. */
  pauseProvider: ConfigurableProviderId | null
  /** The pause message without the app's advice on what to do (the CLI words its own). */
  pauseDetail: string | null
  spend: SpendLine[]
  /** Distinct numbers in the live check, and where each stands. */
  total: number
  pending: number
  /** Sent and not answered yet (including numbers in a bulk task the provider is still working on). */
  inFlight: number
  answered: number
  cached: number
  failed: number
  uncertain: number
  skipped: number
  /** Requests that failed (including retried ones) and the last error's text. */
  errors: number
  lastError: string | null
  sample: SampleOutcome | null
}

export interface PreflightProviderLine {
  provider: ConfigurableProviderId
  name: string
  /** Numbers routed to this provider. */
  routed: number
  /** Of those, fresh answers already in the local cache (free). */
  cached: number
  /** What is left to pay for. */
  toPay: number
  pricePerLookup: number
  currency: string
  estimatedCost: number
  byCountry: { country: string; toPay: number; estimatedCost: number }[]
  /** Null when the provider has no balance API or it could not be read (see balanceMessage). */
  balance: number | null
  balanceCurrency: string | null
  balanceMessage: string | null
  keySet: boolean
  /** A reason this provider cannot run as planned (no key, below the bulk minimum…), or null. */
  problem: string | null
}

export interface Preflight {
  jobId: string
  rows: number
  numbers: number
  unique: number
  duplicates: number
  invalid: number
  /** Valid numbers whose line type is not sent (landline, toll-free…). */
  notSent: number
  /** Valid numbers no provider of the chain covers. */
  noCoverage: number
  /** Numbers already answered in this job (a resume). */
  alreadyAnswered: number
  uncertain: number
  /** Of the numbers to send, how many had their country inferred from the list (reason region_inferred). */
  inferred: number
  /** Numbers held back because they read validly in two countries (reason ambiguous_region); never sent. */
  ambiguous: number
  providers: PreflightProviderLine[]
  total: SpendLine[]
}

export interface StartLiveRequest {
  jobId: string
  /** Overrides the plan's cap for this and later runs of the job. */
  spendCap?: number | null
  /** Re-send the requests marked "possibly charged" (the user accepts paying for them again). */
  recheckUncertain?: boolean
  /** Check this many randomly chosen numbers first, then pause with the projection. */
  sampleSize?: number
}

export interface UncertainAttempt {
  provider: string
  e164: string
  sentAt: string
  error: string | null
}
