// The paid (live) check of a job: its plan, the pre-flight, the summary and the spend.
import type { ConfigurableProviderId, FreshnessState, LineType, PauseReason } from './vocabulary'

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
  /** What balanceMessage says, for a window that words it in its own language (detail: the system's reason). */
  balanceNote?: { kind: 'below_cost' | 'no_api' | 'unavailable'; detail?: string }
  keySet: boolean
  /** A reason this provider cannot run as planned (no key, below the bulk minimum…), or null. */
  problem: string | null
  /** What `problem` says, for a window that words it in its own language. */
  problemNote?: PreflightProblemNote
}

export type PreflightProblemNote =
  | { kind: 'no_key'; name: string; envVar: string }
  | { kind: 'key_origin'; name: string; keyOrigin: string; baseUrlOrigin: string }
  | { kind: 'minimum'; name: string; minimum: number; toPay: number; learned: 'yes' | 'no' }
  | { kind: 'refused_key'; name: string; detail: string }

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
