// The documented shapes of the CLI's --json documents (resources/schemas/ringtrue.<command>.schema.json). Each is
// built from the core's types with an explicit list of fields, so a field added inside the core never reaches a
// script without a schema change. Types only are imported: `jobs list` and `providers list` must stay light.
import type {
  AmbiguousChoice,
  Comparison,
  CountrySplit,
  JobDetail,
  JobSummary,
  LiveSummary,
  Preflight,
  SpendLine,
  UncertainAttempt
} from '@contract/types'
import type { ProvidersOverview } from '../core/domain'

/** ISO-8601 with its offset (UTC, "Z"), whatever form the store kept. */
export function isoTime(value: string): string
export function isoTime(value: string | null): string | null
export function isoTime(value: string | null): string | null {
  if (value === null) return null
  const time = new Date(value)
  return Number.isNaN(time.getTime()) ? value : time.toISOString()
}

export function spendJson(
  spend: readonly SpendLine[]
): { currency: string; amount: number; estimated: boolean }[] {
  return spend.map((s) => ({ currency: s.currency, amount: s.amount, estimated: s.estimated === true }))
}

/** The paid check of a job: its plan, where its numbers stand, its spend and why it paused. */
export function liveJson(live: LiveSummary | null): Record<string, unknown> | null {
  if (!live) return null
  const { plan } = live
  return {
    providers: [
      ...new Set([...plan.route.map((s) => s.provider), ...(plan.fallback ? [plan.fallback] : [])])
    ],
    plan: {
      route: plan.route.map((s) => ({ provider: s.provider, countries: s.countries })),
      fallback: plan.fallback,
      spendCap: plan.spendCap,
      lineTypes: [...plan.lineTypes]
    },
    spend: spendJson(live.spend),
    total: live.total,
    pending: live.pending,
    inFlight: live.inFlight,
    answered: live.answered,
    cached: live.cached,
    failed: live.failed,
    uncertain: live.uncertain,
    skipped: live.skipped,
    errors: live.errors,
    lastError: live.lastError,
    pauseReason: live.pauseReason,
    pauseMessage: live.pauseMessage,
    pauseProvider: live.pauseProvider,
    sample: live.sample
      ? {
          checked: live.sample.checked,
          byStatus: { ...live.sample.byStatus },
          projectedByStatus: { ...live.sample.projectedByStatus },
          projectedCost: spendJson(live.sample.projectedCost)
        }
      : null
  }
}

/** The pre-flight of a paid check: what would be sent, to whom, and what it would cost. */
export function preflightJson(p: Preflight | null): Record<string, unknown> | null {
  if (!p) return null
  return {
    rows: p.rows,
    numbers: p.numbers,
    unique: p.unique,
    duplicates: p.duplicates,
    invalid: p.invalid,
    notSent: p.notSent,
    noCoverage: p.noCoverage,
    alreadyAnswered: p.alreadyAnswered,
    uncertain: p.uncertain,
    inferred: p.inferred,
    ambiguous: p.ambiguous,
    providers: p.providers.map((l) => ({
      provider: l.provider,
      name: l.name,
      routed: l.routed,
      cached: l.cached,
      toPay: l.toPay,
      pricePerLookup: l.pricePerLookup,
      currency: l.currency,
      estimatedCost: l.estimatedCost,
      byCountry: l.byCountry.map((c) => ({
        country: c.country,
        toPay: c.toPay,
        estimatedCost: c.estimatedCost
      })),
      balance: l.balance,
      balanceCurrency: l.balanceCurrency,
      balanceMessage: l.balanceMessage,
      keySet: l.keySet,
      problem: l.problem
    })),
    total: spendJson(p.total)
  }
}

export function countriesJson(split: CountrySplit): Record<string, unknown> {
  return {
    rows: split.rows,
    numbers: split.numbers,
    countries: split.countries.map((c) => ({ country: c.country, numbers: c.numbers, share: c.share })),
    invalid: split.invalid,
    inferred: split.inferred,
    ambiguous: split.ambiguous,
    defaultRegion: split.defaultRegion,
    defaultShare: split.defaultShare,
    mismatch: split.mismatch ? { country: split.mismatch.country, share: split.mismatch.share } : null
  }
}

function countsJson(job: JobSummary): { rows: number; numbers: number; unique: number; byStatus: object } {
  return {
    rows: job.counts.rows,
    numbers: job.counts.numbers,
    unique: job.counts.unique,
    byStatus: { ...job.counts.byStatus }
  }
}

/** One job of `jobs list`. */
export function jobListEntry(job: JobSummary): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: job.id,
    name: job.name,
    file: job.fileName,
    status: job.status,
    error: job.error,
    createdAt: isoTime(job.createdAt),
    ...countsJson(job)
  }
  if (job.live) entry.live = liveJson(job.live)
  return entry
}

/** The job of `jobs show`. */
export function jobShowJson(job: JobDetail): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    file: job.fileName,
    filePath: job.filePath,
    format: job.format,
    sheet: job.sheet,
    status: job.status,
    phase: job.phase,
    error: job.error,
    createdAt: isoTime(job.createdAt),
    finishedAt: isoTime(job.finishedAt),
    headers: [...job.headers],
    phoneColumns: job.phoneColumns.map((i) => job.headers[i] ?? ''),
    countryColumn: job.countryColumn === null ? null : (job.headers[job.countryColumn] ?? null),
    defaultRegion: job.defaultRegion,
    ...countsJson(job),
    emptyRows: job.counts.emptyRows,
    live: liveJson(job.live)
  }
}

export function uncertainJson(jobId: string, attempts: readonly UncertainAttempt[]): Record<string, unknown> {
  return {
    jobId,
    requests: attempts.map((a) => ({
      provider: a.provider,
      e164: a.e164,
      sentAt: isoTime(a.sentAt),
      error: a.error
    }))
  }
}

export function choicesJson(choices: readonly AmbiguousChoice[]): { country: string; numbers: number }[] {
  return choices.map((c) => ({ country: c.country, numbers: c.numbers }))
}

export function comparisonJson(comparison: Comparison, output: string[]): Record<string, unknown> {
  const job = (j: Comparison['older']): Record<string, unknown> => ({
    id: j.id,
    name: j.name,
    fileName: j.fileName,
    createdAt: isoTime(j.createdAt)
  })
  return {
    older: job(comparison.older),
    newer: job(comparison.newer),
    counts: { ...comparison.counts },
    total: comparison.total,
    output
  }
}

export function providersJson(overview: ProvidersOverview): Record<string, unknown> {
  return {
    providers: overview.providers.map((p) => ({
      id: p.id,
      name: p.name,
      measures: p.measures,
      coverage: p.coverage,
      confidence: p.confidence,
      bulk: p.bulk,
      live: p.live,
      docsUrl: p.docsUrl,
      enabled: p.enabled,
      settings: p.settings
        ? {
            baseUrl: p.settings.baseUrl,
            baseUrlSource: p.settings.baseUrlSource,
            baseUrlEnvVar: p.settings.baseUrlEnvVar,
            concurrency: p.settings.concurrency,
            ratePerSecond: p.settings.ratePerSecond,
            timeoutMs: p.settings.timeoutMs,
            pricePerLookup: p.settings.pricePerLookup,
            currency: p.settings.currency
          }
        : null,
      keys: p.keys.map((k) => ({
        field: k.field,
        set: k.set,
        maskedTail: k.maskedTail,
        source: k.source,
        envVar: k.envVar,
        boundOrigin: k.boundOrigin ?? null
      })),
      keyMismatch: p.keyMismatch
        ? {
            keyOrigin: p.keyMismatch.keyOrigin,
            baseUrlOrigin: p.keyMismatch.baseUrlOrigin,
            fields: [...p.keyMismatch.fields],
            message: p.keyMismatch.message
          }
        : null
    })),
    keychain: {
      available: overview.keychain.available,
      reason: overview.keychain.reason,
      hint: overview.keychain.hint
    }
  }
}
