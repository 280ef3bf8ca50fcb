import type {
  AppInfo,
  ErrorParams,
  Preferences,
  ConfigurableProviderId,
  ConnectionTestResult,
  KeyField,
  ProviderSettingsPatch,
  ProvidersOverview,
  ExportProgress,
  ExportRequest,
  ExportResult,
  Facets,
  ImportMapping,
  AmbiguousChoice,
  CountrySplit,
  ImportPreview,
  JobDetail,
  JobProgress,
  JobSummary,
  LivePlan,
  Preflight,
  ProviderSpend,
  Change,
  Comparison,
  ComparedNumber,
  ComparisonExportRequest,
  ResultFilter,
  StartLiveRequest,
  Status,
  UncertainAttempt,
  ResultPage,
  ResultQuery,
  RowDetail
} from './types'
import type { Envelope } from './envelope'

export type { CreateJobRequest, PreviewRequest } from '../../src-main/core/domain/records'

/**
 * An opaque, unguessable reference to one file the user chose (native open/save dialog or a drop) or that the
 * main process wrote or imported. The renderer never sends a path: file channels accept only handles, which
 * main looks up in its own registry. Format: `fh_` + 32 hex digits.
 */
export type FileHandle = string

/** A file the main process handed out: the handle to use it, its name and full path for display only. */
export interface PickedFile {
  handle: FileHandle
  name: string
  path: string
}

/** What the renderer sends to preview a file: a handle from an open dialog or a drop. */
export interface PreviewFileRequest {
  file: FileHandle
  sheet?: string
  headerRow?: number | null
}

/** The mapping being edited on the mapping screen, for the country split of its phone columns. */
export interface CountrySplitFileRequest {
  file: FileHandle
  mapping: ImportMapping
}

/** What the renderer sends to create a job: a handle from an open dialog or a drop. */
export interface CreateJobFromFileRequest {
  file: FileHandle
  mapping: ImportMapping
  name?: string
  /** A paid check after the offline one; it waits for the user's go-ahead after the pre-flight. */
  live?: LivePlan
}

/** What the renderer sends to export: the handle of a path the user picked in the save dialog. */
export type ExportFileRequest = Omit<ExportRequest, 'outPath'> & { target: FileHandle }

export interface CompareRowsRequest {
  olderId: string
  newerId: string
  changes?: Change[]
  offset: number
  limit: number
}

/** What the renderer sends to export a comparison: the handle of a path the user picked. */
export type ComparisonFileRequest = Omit<ComparisonExportRequest, 'outPath'> & { target: FileHandle }

/** The export's result with a reveal-only handle for each file written. */
export interface ExportOutcome extends ExportResult {
  written: PickedFile[]
}

/** A job's detail with a reveal-only handle for its source file. */
export interface JobView extends JobDetail {
  sourceFile: FileHandle
}

export interface SavePathRequest {
  defaultName: string
  format: 'xlsx' | 'csv' | 'png'
}

/** A chart saved as an image, to a path the user picked in the save dialog (format 'png'). */
export interface WriteImageRequest {
  target: FileHandle
  /** The PNG file, base64-encoded. */
  png: string
}

/** Everything the renderer can ask of the main process. One method per operation, no generic channel. */
export interface Api {
  app: {
    info(): Promise<AppInfo>
    /** Keeps the UI's language and theme choices; answers them whole. */
    setPreferences(patch: Partial<Preferences>): Promise<Preferences>
  }
  files: {
    /** Native open dialog; null when the user cancels. The handle can be read (preview, job) and revealed. */
    pickSpreadsheet(): Promise<PickedFile | null>
    /** Native save dialog; null when the user cancels. The handle is good only for writing that one path. */
    pickSavePath(request: SavePathRequest): Promise<PickedFile | null>
    /** Shows a file in the OS file manager: one the user picked, a job's source or a file an export wrote. */
    reveal(file: FileHandle): Promise<void>
    /** Writes a PNG the page drew to the picked path; answers a reveal-only handle of the file. */
    writeImage(request: WriteImageRequest): Promise<PickedFile>
    /**
     * Registers a file dropped on the window: the preload learns its path (only Electron knows it) and main
     * answers with a handle. null when the file has no path on disk. The renderer never sees or sends the path.
     */
    registerDroppedFile(file: File): Promise<PickedFile | null>
  }
  imports: {
    preview(request: PreviewFileRequest): Promise<ImportPreview>
    /** How the numbers of the mapping's phone columns split by likely country, from the preview's rows. */
    countrySplit(request: CountrySplitFileRequest): Promise<CountrySplit>
  }
  jobs: {
    /** Imports the file with the mapping and starts the offline check; progress arrives through onJobProgress. */
    create(request: CreateJobFromFileRequest): Promise<{ jobId: string }>
    list(): Promise<JobSummary[]>
    get(jobId: string): Promise<JobView>
    cancel(jobId: string): Promise<void>
    remove(jobId: string): Promise<void>
    /** What a paid check would do and cost: counts, cache hits, estimate per provider and country, balances. */
    preflight(jobId: string): Promise<Preflight>
    /** Starts (after the pre-flight), resumes or samples the paid check. */
    startLive(request: StartLiveRequest): Promise<void>
    /** Stops sending; requests in flight may still answer. The job can be resumed. */
    pause(jobId: string): Promise<void>
    /** Queues the numbers of rows with these statuses for a fresh paid answer; returns how many. */
    recheck(request: { jobId: string; statuses: Status[] }): Promise<{ queued: number }>
    /** Requests that may have been charged without their answer arriving. */
    uncertain(jobId: string): Promise<UncertainAttempt[]>
    /**
     * Reads the job's numbers marked ambiguous_region as numbers of `country` where that reading is valid; they
     * become unchecked (reason region_chosen). Returns how many numbers changed.
     */
    resolveAmbiguous(request: { jobId: string; country: string }): Promise<{ resolved: number }>
    /** The countries the job's ambiguous numbers can be read in, with how many numbers each would take. */
    ambiguousChoices(jobId: string): Promise<AmbiguousChoice[]>
  }
  results: {
    query(query: ResultQuery): Promise<ResultPage>
    facets(request: { jobId: string; filter: ResultFilter }): Promise<Facets>
    row(request: { jobId: string; rowIndex: number }): Promise<RowDetail>
    /** What the job's paid check has cost, per provider. */
    spend(jobId: string): Promise<ProviderSpend[]>
    /** Two checks of a list compared number by number. */
    compare(request: { olderId: string; newerId: string }): Promise<Comparison>
    /** A page of the compared numbers with one of `changes` (every change but unchanged when absent). */
    compareRows(request: CompareRowsRequest): Promise<{ total: number; rows: ComparedNumber[] }>
  }
  exports: {
    run(request: ExportFileRequest): Promise<ExportOutcome>
    /** Writes a comparison's changed numbers to a path the user picked. */
    comparison(request: ComparisonFileRequest): Promise<ExportOutcome>
    /**
     * Stops the export that run() started with this exportId; that run() then rejects with export_cancelled,
     * its files removed. False when it is no longer writing.
     */
    cancel(exportId: string): Promise<boolean>
  }
  /** Provider settings and keys. Deliberately write-only for keys: nothing here can return one. */
  providers: {
    list(): Promise<ProvidersOverview>
    saveSettings(request: {
      id: ConfigurableProviderId
      patch: ProviderSettingsPatch
    }): Promise<ProvidersOverview>
    setKey(request: {
      id: ConfigurableProviderId
      field: KeyField
      secret: string
    }): Promise<ProvidersOverview>
    deleteKey(request: { id: ConfigurableProviderId; field: KeyField }): Promise<ProvidersOverview>
    testConnection(id: ConfigurableProviderId): Promise<ConnectionTestResult>
  }
  /** Subscribes to job progress pushed by main (at most ~10 per second per job). Returns the unsubscribe. */
  onJobProgress(listener: (progress: JobProgress) => void): () => void
  /** Subscribes to the progress of exports started with an exportId. Returns the unsubscribe. */
  onExportProgress(listener: (progress: ExportProgress) => void): () => void
}

/**
 * What crosses contextBridge (`window.api`): the same methods, but every async one resolves with the result
 * envelope instead of rejecting. contextBridge copies only a thrown Error's message, so an ApiError's `code`
 * would be lost; the renderer unwraps the envelope on its side (src-renderer/src/lib/api.ts, `fromBridge`).
 */
export type Bridged<T> = T extends (...args: infer A) => Promise<infer R>
  ? (...args: A) => Promise<Envelope<R>>
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { readonly [K in keyof T]: Bridged<T[K]> }
      : T

export type BridgeApi = Bridged<Api>

/** Errors cross the boundary as this shape; `code` is stable, `message` is meant for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: ErrorParams
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
