import { vi } from 'vitest'
import type { Api, CreateJobFromFileRequest, JobView, PickedFile } from '@contract/api'
import {
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_LIVE_LINE_TYPES,
  type LiveSummary,
  type Preflight,
  type ProvidersOverview,
  type AppInfo,
  type AmbiguousChoice,
  type Facets,
  type ProviderSpend,
  type ResultFilter,
  type ResultPage,
  type ResultQuery,
  type Preferences,
  type ResultRow,
  type UncertainAttempt
} from '@contract/types'

export const appInfo: AppInfo = {
  version: '0.0.0-test',
  dataDir: '/tmp/ringtrue-test',
  defaultRegion: 'DE',
  regions: [
    { code: 'DE', name: 'Germany', callingCode: '49' },
    { code: 'US', name: 'United States', callingCode: '1' }
  ],
  osLocale: 'en-US',
  preferences: { language: 'system', theme: 'system' }
}

export function makeRow(rowIndex: number): ResultRow {
  return {
    rowIndex,
    cells: [`Name ${rowIndex}`, `+49 170 ${1000000 + rowIndex}`],
    status: 'unchecked',
    reason: null,
    e164: [`+49170${1000000 + rowIndex}`],
    lineType: 'mobile',
    country: 'DE',
    carrier: null,
    provider: 'offline',
    checkedAt: '2025-01-01T00:00:00.000Z'
  }
}

export function makeJob(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'job-1',
    name: 'contacts',
    fileName: 'contacts.csv',
    format: 'csv',
    sheet: 'contacts',
    providers: ['offline'],
    status: 'done',
    phase: 'finished',
    live: null,
    counts: {
      rows: 1000,
      numbers: 1000,
      unique: 990,
      byStatus: { active: 0, unchecked: 900, unknown: 0, inactive: 0, invalid: 100 },
      emptyRows: 0
    },
    createdAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:01:00.000Z',
    error: null,
    importId: 'imp-1',
    filePath: '/tmp/contacts.csv',
    headers: ['Name', 'Phone'],
    phoneColumns: [1],
    countryColumn: null,
    defaultRegion: 'DE',
    warnings: [],
    sourceFile: 'fh_00000000000000000000000000000001',
    ...overrides
  }
}

/** A paid check waiting at the pre-flight: 10 numbers for Ace Data Cloud. */
export function makeLive(overrides: Partial<LiveSummary> = {}): LiveSummary {
  return {
    plan: {
      route: [{ provider: 'acedata', countries: null }],
      fallback: null,
      spendCap: null,
      lineTypes: [...DEFAULT_LIVE_LINE_TYPES],
      freshnessDays: { ...DEFAULT_FRESHNESS_DAYS }
    },
    pauseReason: 'confirm',
    pauseMessage: 'Ready: 10 numbers to check.',
    pauseProvider: null,
    pauseDetail: null,
    spend: [],
    total: 10,
    pending: 10,
    inFlight: 0,
    answered: 0,
    cached: 0,
    failed: 0,
    uncertain: 0,
    skipped: 0,
    errors: 0,
    lastError: null,
    sample: null,
    ...overrides
  }
}

export function makePreflight(overrides: Partial<Preflight> = {}): Preflight {
  return {
    jobId: 'job-1',
    rows: 12,
    numbers: 12,
    unique: 11,
    duplicates: 1,
    invalid: 0,
    notSent: 0,
    noCoverage: 1,
    alreadyAnswered: 0,
    uncertain: 0,
    inferred: 0,
    ambiguous: 0,
    providers: [
      {
        provider: 'acedata',
        name: 'Ace Data Cloud',
        routed: 10,
        cached: 0,
        toPay: 10,
        pricePerLookup: 0.03,
        currency: 'USD',
        estimatedCost: 0.3,
        byCountry: [{ country: 'CN', toPay: 10, estimatedCost: 0.3 }],
        balance: null,
        balanceCurrency: null,
        balanceMessage: 'Ace Data Cloud has no balance API.',
        keySet: true,
        problem: null
      }
    ],
    total: [{ currency: 'USD', amount: 0.3 }],
    ...overrides
  }
}

const emptyFacets: Facets = {
  statuses: [],
  reasons: [],
  lineTypes: [],
  countries: [],
  carriers: [],
  providers: [],
  checkedAges: [],
  total: 0
}

/** A controllable Api: every method is a vi.fn so tests can script answers and inspect calls. */
export function fakeApi(total = 1000) {
  const query = vi.fn(async (q: ResultQuery): Promise<ResultPage> => ({
    total,
    offset: q.offset,
    rows: Array.from({ length: Math.max(0, Math.min(q.limit, total - q.offset)) }, (_, i) =>
      makeRow(q.offset + i)
    )
  }))
  const emptyOverview: ProvidersOverview = {
    providers: [],
    keychain: { available: true, reason: null, hint: null }
  }
  const api = {
    app: {
      info: vi.fn(async () => appInfo),
      setPreferences: vi.fn(async (patch: Partial<Preferences>) => ({ ...appInfo.preferences, ...patch }))
    },
    files: {
      pickSpreadsheet: vi.fn(async () => null as PickedFile | null),
      pickSavePath: vi.fn(async () => null as PickedFile | null),
      reveal: vi.fn(async (_file: string) => undefined),
      writeImage: vi.fn(async () => ({ handle: 'h-written', name: 'chart.png', path: '' }) as PickedFile),
      registerDroppedFile: vi.fn(async (_file: File) => null as PickedFile | null)
    },
    imports: { preview: vi.fn(), countrySplit: vi.fn() },
    jobs: {
      create: vi.fn(async (_request: CreateJobFromFileRequest) => ({ jobId: 'job-1' })),
      list: vi.fn(async () => []),
      get: vi.fn(async () => makeJob()),
      cancel: vi.fn(async () => undefined),
      remove: vi.fn(async () => undefined),
      preflight: vi.fn(),
      startLive: vi.fn(async () => undefined),
      pause: vi.fn(async () => undefined),
      recheck: vi.fn(async () => ({ queued: 0 })),
      uncertain: vi.fn(async (_jobId: string): Promise<UncertainAttempt[]> => []),
      resolveAmbiguous: vi.fn(async () => ({ resolved: 0 })),
      ambiguousChoices: vi.fn(async (_jobId: string): Promise<AmbiguousChoice[]> => [])
    },
    results: {
      query,
      facets: vi.fn(async (_request: { jobId: string; filter: ResultFilter }) => emptyFacets),
      row: vi.fn(),
      spend: vi.fn(async (_jobId: string): Promise<ProviderSpend[]> => []),
      compare: vi.fn(),
      compareRows: vi.fn()
    },
    exports: { run: vi.fn(), comparison: vi.fn(), cancel: vi.fn(async (_exportId: string) => true) },
    providers: {
      list: vi.fn(async () => emptyOverview),
      saveSettings: vi.fn(async () => emptyOverview),
      setKey: vi.fn(async () => emptyOverview),
      deleteKey: vi.fn(async () => emptyOverview),
      testConnection: vi.fn(async () => ({ ok: true, message: 'ok' }))
    },
    onJobProgress: vi.fn(() => () => undefined),
    onExportProgress: vi.fn(() => () => undefined)
  } satisfies Api
  return api
}

export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
