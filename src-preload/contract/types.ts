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

export const SOURCE_FORMATS = ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods', 'csv', 'tsv', 'txt', 'vcf'] as const
export type SourceFormat = (typeof SOURCE_FORMATS)[number]

export const EXPORT_MODES = ['cleaned', 'full', 'split'] as const
export type ExportMode = (typeof EXPORT_MODES)[number]
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const JOB_STATUSES = ['draft', 'running', 'paused', 'done', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export type JobPhase = 'importing' | 'checking' | 'finished'

export interface SheetSummary {
  name: string
  hidden: boolean
  /** Rows in the sheet's used range (after trimming trailing empty rows where known). */
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
  /** Data rows (excluding the header) — exact for text formats, from the used range for workbooks. */
  totalRows: number
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
  total: number
  counts: JobCounts
  ratePerSecond: number
  etaSeconds: number | null
  message: string | null
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
