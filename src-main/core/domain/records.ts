// The shapes the core hands out and takes in for imports, jobs, results and exports. Pure types: the preload's
// contract re-exports them as its DTOs, so the IPC boundary and the core cannot drift apart.
import type {
  CellValue,
  Change,
  CheckedAge,
  ExportFormat,
  FacetField,
  ExportMode,
  JobPhase,
  JobStatus,
  LineType,
  ResultSortField,
  SourceFormat,
  Status
} from './vocabulary'
import type { LivePlan, LiveSummary } from './live'
import type { UiLanguage } from './preferences'

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

/**
 * Which rows to show. Each field lists the values to keep ('' stands for "none", e.g. no country); a field named
 * in `exclude` keeps every row but those ("everything but").
 */
export interface ResultFilter {
  statuses?: Status[]
  reasons?: string[]
  lineTypes?: LineType[]
  countries?: string[]
  carriers?: string[]
  providers?: string[]
  checkedAges?: CheckedAge[]
  exclude?: FacetField[]
  /** Free text: matches any original cell or the E.164 form; digits also match a number written another way. */
  search?: string
}

/** A stable sort: ties keep the list's order. `by` is a result field, or an original column's index. */
export interface ResultSort {
  by: ResultSortField | number
  descending?: boolean
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
  sort?: ResultSort
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
  carriers: FacetCount[]
  providers: FacetCount[]
  checkedAges: FacetCount[]
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
  /** Only the rows of this view, in its order (the results screen's filters and sort); absent: every row. */
  view?: { filter: ResultFilter; sort?: ResultSort }
  /** Keep only the first row of each number (by E.164); rows without a valid number are all kept. */
  dedupe?: boolean
  /** Reason and Line Type in this language (the UI's); absent: English, as the CLI writes. */
  labelsLanguage?: UiLanguage
  /** The appended headers and the Status words: English unless the user picked Chinese for the file. */
  fileLanguage?: UiLanguage
  /** Names the export in its progress events and in a cancel request (the window sends one). */
  exportId?: string
  /** CSV: false writes no UTF-8 byte-order mark (the CLI's --no-bom); absent: the BOM Excel needs. */
  bom?: boolean
}

/** How far an export is, pushed while it writes (about every 5,000 rows, and once at the end). */
export interface ExportProgress {
  exportId: string
  rowsWritten: number
  /** Rows the export reads; with dedupe the file may end with fewer. */
  total: number
}

/** A job of a comparison, as the comparison names it. */
export interface ComparedJob {
  id: string
  name: string
  fileName: string
  createdAt: string
}

/** Two checks of a list compared number by number (E.164): how many numbers changed in each way. */
export interface Comparison {
  older: ComparedJob
  newer: ComparedJob
  counts: Record<Change, number>
  /** Distinct numbers in either job. */
  total: number
}

/** One number of a comparison: how it changed, and what each check said. */
export interface ComparedNumber {
  e164: string
  change: Change
  oldStatus: Status | null
  newStatus: Status | null
  oldLineType: LineType | null
  newLineType: LineType | null
  oldCarrier: string | null
  newCarrier: string | null
}

/** A comparison written to a file: the numbers with one of `changes` (every change but unchanged by default). */
export interface ComparisonExportRequest {
  olderId: string
  newerId: string
  changes?: Change[]
  format: ExportFormat
  outPath: string
  overwrite: boolean
  /** Reason and Line Type in this language (the UI's); absent: English, as the CLI writes. */
  labelsLanguage?: UiLanguage
  /** The appended headers and the Status words: English unless the user picked Chinese for the file. */
  fileLanguage?: UiLanguage
}

/** What a job's paid check cost at one provider (from the ledger of its answers). */
export interface ProviderSpend {
  provider: string
  currency: string | null
  amount: number
  lookups: number
}

export interface ExportResult {
  files: string[]
  rowsWritten: number
}

// ── What the core is asked for on the main-process side (the CLI, and the app after a handle is resolved) ──

/** Main-process side (core and CLI): the path a handle resolved to. Never sent by the renderer. */
export interface PreviewRequest {
  filePath: string
  sheet?: string
  headerRow?: number | null
}

/** Main-process side (core and CLI): the path a handle resolved to. Never sent by the renderer. */
export interface CreateJobRequest {
  filePath: string
  mapping: ImportMapping
  name?: string
  /** A paid check after the offline one; it waits for the user's go-ahead after the pre-flight. */
  live?: LivePlan
}
