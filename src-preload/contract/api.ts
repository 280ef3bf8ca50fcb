import type {
  AppInfo,
  ConfigurableProviderId,
  ConnectionTestResult,
  KeyField,
  ProviderSettingsPatch,
  ProvidersOverview,
  ExportRequest,
  ExportResult,
  Facets,
  ImportMapping,
  ImportPreview,
  JobDetail,
  JobProgress,
  JobSummary,
  LivePlan,
  Preflight,
  ResultFilter,
  StartLiveRequest,
  Status,
  UncertainAttempt,
  ResultPage,
  ResultQuery,
  RowDetail
} from './types'

export interface PreviewRequest {
  filePath: string
  sheet?: string
  headerRow?: number | null
}

export interface CreateJobRequest {
  filePath: string
  mapping: ImportMapping
  name?: string
  /** A paid check after the offline one; it waits for the user's go-ahead after the pre-flight. */
  live?: LivePlan
}

export interface SavePathRequest {
  defaultName: string
  format: 'xlsx' | 'csv'
}

/** Everything the renderer can ask of the main process. One method per operation, no generic channel. */
export interface Api {
  app: {
    info(): Promise<AppInfo>
  }
  files: {
    /** Native open dialog; null when the user cancels. */
    pickSpreadsheet(): Promise<string | null>
    /** Native save dialog; null when the user cancels. */
    pickSavePath(request: SavePathRequest): Promise<string | null>
    /** Shows the file in the OS file manager. */
    reveal(filePath: string): Promise<void>
    /** Path of a file dropped on the window (Electron only knows it; the renderer never reads files itself). */
    pathForDroppedFile(file: File): string | null
  }
  imports: {
    preview(request: PreviewRequest): Promise<ImportPreview>
  }
  jobs: {
    /** Imports the file with the mapping and starts the offline check; progress arrives through onJobProgress. */
    create(request: CreateJobRequest): Promise<{ jobId: string }>
    list(): Promise<JobSummary[]>
    get(jobId: string): Promise<JobDetail>
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
  }
  results: {
    query(query: ResultQuery): Promise<ResultPage>
    facets(request: { jobId: string; filter: ResultFilter }): Promise<Facets>
    row(request: { jobId: string; rowIndex: number }): Promise<RowDetail>
  }
  exports: {
    run(request: ExportRequest): Promise<ExportResult>
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
}

/** Errors cross the boundary as this shape; `code` is stable, `message` is meant for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
