// The contract every live-status provider adapter implements (DESIGN.md §4, research/providers.md §7).
// Adapters are pure core code: HTTP through fetch with an AbortSignal, no Electron, no keychain access (the
// caller passes the credentials in), and never a key in a log line or an error message.

import { CONFIGURABLE_PROVIDER_IDS } from '../domain/vocabulary'

/** The paid providers: the domain's configurable providers under the name the adapters use. */
export const LIVE_PROVIDER_IDS = CONFIGURABLE_PROVIDER_IDS
export type LiveProviderId = (typeof LIVE_PROVIDER_IDS)[number]
export type ProviderId = LiveProviderId | 'offline'

export type LiveState = 'active' | 'inactive' | 'invalid' | 'unknown'
export type Reachability = 'reachable' | 'unreachable' | 'unknown'
/** What the answer rests on: the live network (HLR), a carrier database, or behaviour/inference. */
export type Confidence = 'network' | 'carrier_db' | 'inferred'
export type Billed = 'charged' | 'free' | 'unknown'

/** One completed lookup, mapped to the unified vocabulary. Transport and account failures are ProviderErrors. */
export interface LiveResult {
  provider: LiveProviderId
  e164: string
  state: LiveState
  /** Finer reason: in_service, reachable, absent, powered_off, suspended, disconnected, vacant, not_in_network,
   *  pending_cancellation, restricted, low_activity, invalid_format, not_found, inconclusive, no_coverage, … */
  reason: string
  reachability: Reachability
  ported: boolean | null
  roaming: boolean | null
  carrier: string | null
  /** mobile | fixed_line | voip | toll_free | other | unknown (when the provider says). */
  lineType: string | null
  confidence: Confidence
  billed: Billed
  /** What this answer cost, in `currency`, as far as the provider tells or the configured price says. */
  cost: number
  /**
   * The cost is an estimate: the provider's document does not say whether this answer is billed (or the answer
   * does not report its cost), so it is counted as charged at the configured price. Shown as "≈" / "estimated".
   */
  costEstimated: boolean
  currency: string | null
  /** The lookup completed but asking again later may give a determination (busy, repeat-query guard…). */
  retryable: boolean
  /** The provider's answer as received (parsed JSON or the result-file row). */
  raw: unknown
  checkedAt: string
}

export type ProviderErrorKind =
  | 'auth' // wrong or missing key: stop the job, ask for a key
  | 'balance' // out of credit: stop the job
  | 'rate_limit' // slow down; retryAfterMs when the provider says
  | 'quota' // an account limit is reached (hard cap, plan limits): stop the job in the provider's words, no retry
  | 'server' // 5xx or the provider's own "busy" error
  | 'network' // connection refused/reset, DNS
  | 'timeout'
  | 'malformed' // an answer we cannot read
  | 'bad_request' // the provider rejected our request (a bug or an unsupported number)

export class ProviderError extends Error {
  constructor(
    readonly provider: LiveProviderId,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: {
      /** Safe to send again without risking a second charge. */
      retryable: boolean
      /** The request may have reached the provider (it may have been processed and charged). */
      maybeProcessed: boolean
      retryAfterMs?: number
      httpStatus?: number
      providerCode?: string
      /** The answer was not the documented JSON: what it was instead (see http.ts answerShape). */
      answer?: 'html' | 'empty' | 'not_json'
      /** A bulk task refused for its size: the smallest size the provider's answer states, if it names one. */
      statedMinimum?: number
    }
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

export interface ProviderCredentials {
  apiKey: string
  /** Telesign only. */
  customerId?: string
}

export interface ProviderSettings {
  baseUrl: string
  timeoutMs: number
  /** What one charged lookup costs, for the ledger when the answer does not say (defaults from ProviderInfo). */
  pricePerLookup?: number
  currency?: string
  /** Telesign: 'basic' or 'hmac' (TSA HMAC-SHA256); use case code for PhoneID Live (default OTHR). */
  authMode?: 'basic' | 'hmac'
  useCase?: string
  /** CheckMobi: which lookup a job runs. */
  lookup?: 'hlr' | 'mnp'
}

export interface ProviderDefaults {
  baseUrl: string
  concurrency: number
  /** Requests per second the provider allows by default. */
  ratePerSecond: number
  timeoutMs: number
  pricePerLookup: number
  currency: string
}

export interface ProviderInfo {
  id: LiveProviderId
  name: string
  /** What the answer actually measures, in a sentence for the settings screen. */
  measures: string
  /** Which numbers it covers, in words. */
  coverage: string
  confidence: Confidence
  defaults: ProviderDefaults
  /** Credentials the user must enter. */
  keyFields: ('apiKey' | 'customerId')[]
  /** Environment variable names for automation (RINGTRUE_<ID>_KEY …). */
  envKeys: string[]
  docsUrl: string
  bulk: boolean
}

export interface ConnectionTest {
  ok: boolean
  message: string
  balance?: number
  currency?: string
}

interface ProviderCommon {
  readonly info: ProviderInfo
  /** Whether a number is inside the provider's coverage; outside numbers are never sent (reason no_coverage). */
  covers(e164: string): boolean
  /** The cheapest harmless call that proves the key and the base URL work. */
  testConnection(
    credentials: ProviderCredentials,
    settings: ProviderSettings,
    signal?: AbortSignal
  ): Promise<ConnectionTest>
  /** Account balance where the provider has an API for it, else null. */
  balance(
    credentials: ProviderCredentials,
    settings: ProviderSettings,
    signal?: AbortSignal
  ): Promise<{ amount: number; currency: string } | null>
}

/** A provider answering one number per request. */
export interface SingleLookupProvider extends ProviderCommon {
  readonly kind: 'single'
  lookup(
    e164: string,
    credentials: ProviderCredentials,
    settings: ProviderSettings,
    signal?: AbortSignal
  ): Promise<LiveResult>
}

export type BulkTaskStatus = 'pending' | 'processing' | 'completed' | 'exported' | 'failed'

export interface BulkTask {
  taskId: string
  status: BulkTaskStatus
  total: number | null
  /** Present once the result file can be downloaded. */
  resultUrl: string | null
  raw: unknown
  /** The documented counts, when the answer carries them: rows checked, rows that could not be processed. */
  success?: number | null
  failure?: number | null
}

/** A provider that takes a file of numbers and answers with a result file later (polling, no callback). */
export interface BulkProvider extends ProviderCommon {
  readonly kind: 'bulk'
  readonly minTaskSize: number
  readonly maxTaskSize: number
  createTask(
    numbers: string[],
    credentials: ProviderCredentials,
    settings: ProviderSettings,
    signal?: AbortSignal
  ): Promise<BulkTask>
  pollTask(
    taskId: string,
    credentials: ProviderCredentials,
    settings: ProviderSettings,
    signal?: AbortSignal
  ): Promise<BulkTask>
  /** Downloads the result archive (kept by the caller so a resume never pays again). */
  downloadResult(task: BulkTask, settings: ProviderSettings, signal?: AbortSignal): Promise<Buffer>
  /** Reads a downloaded archive into one result per number. */
  parseResult(archive: Buffer, pricePerLookup: number, currency: string): LiveResult[]
  /**
   * One result per submitted number from a downloaded archive: a number the file left out gets a result that
   * `isUnprocessed` recognizes, so the engine never has to know how a provider reports what it skipped.
   */
  resultsFor(
    submitted: readonly string[],
    archive: Buffer,
    pricePerLookup: number,
    currency: string
  ): LiveResult[]
  /** A result for a number the provider could not process: not an answer, and not costed as one. */
  isUnprocessed(result: LiveResult): boolean
}

export type LiveProvider = SingleLookupProvider | BulkProvider
