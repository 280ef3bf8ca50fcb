// The CLI's plain text: summaries, the live part of `jobs show`, the pre-flight and the longer help. Kept apart
// from the commands so that `--help`, `jobs list` and `jobs show` load no phone metadata, SheetJS or provider.
import type {
  CountrySplit,
  LivePlan,
  LiveSummary,
  Preflight,
  PreflightProviderLine,
  SpendLine,
  Status
} from '@contract/types'
// From the vocabulary itself: the contract module loads zod, which --help and jobs list do not need.
import { FRESHNESS_STATES, STATUSES } from '../core/domain/vocabulary'

export function formatCounts(byStatus: Record<Status, number>): string {
  return STATUSES.map((s) => `${s} ${byStatus[s]}`).join(' · ')
}

// ── country split ────────────────────────────────────────────────────────────────────────────────────────

/** Countries named in the one-line split; the rest are summed up as "N more". */
const SHOWN_COUNTRIES = 6

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** "Countries: CN 44.5% · US 42.1% · 420 inferred · 3 ambiguous" */
export function formatCountries(split: CountrySplit): string {
  const shown = split.countries.slice(0, SHOWN_COUNTRIES).map((c) => `${c.country} ${percent(c.share)}`)
  const more = split.countries.length - shown.length
  const parts = [
    ...(shown.length > 0 ? shown : ['no valid numbers']),
    ...(more > 0 ? [`${more} more`] : []),
    `${split.inferred} inferred`,
    `${split.ambiguous} ambiguous`
  ]
  return `Countries: ${parts.join(' · ')}`
}

// ── paid check ─────────────────────────────────────────────────────────────────────────────────────────────

export function cost(amount: number, currency: string): string {
  // Whole cents as cents; a price per lookup such as 0.0125 keeps its fraction of a cent.
  const text =
    amount >= 1 || Number(amount.toFixed(2)) === amount
      ? amount.toFixed(2)
      : amount.toFixed(4).replace(/0+$/, '')
  return `${text} ${currency}`
}

export function costs(lines: SpendLine[]): string {
  return lines.length ? lines.map((l) => cost(l.amount, l.currency)).join(' + ') : 'nothing'
}

/** What was spent; a figure that holds an estimate (billing the provider does not document) reads "≈… (estimated)". */
export function spent(lines: SpendLine[]): string {
  if (!lines.length) return 'nothing'
  return lines
    .map((l) => (l.estimated ? `≈${cost(l.amount, l.currency)} (estimated)` : cost(l.amount, l.currency)))
    .join(' + ')
}

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export function describeRoute(plan: LivePlan): string {
  const steps = plan.route.map((s) => (s.countries ? `${s.provider}:${s.countries.join(',')}` : s.provider))
  return steps.join(' → ') + (plan.fallback ? `, fallback ${plan.fallback}` : '')
}

/**
 * A pre-flight problem in the CLI's words: the core words the key problems for the app's Settings screen, the
 * CLI names its own command instead.
 */
export function preflightProblem(line: PreflightProviderLine): string | null {
  const note = line.problemNote
  const setKey = `\`ringtrue keys set ${line.provider}\``
  switch (note?.kind) {
    case 'no_key':
      return `No API key for ${note.name}: set it with ${setKey} or ${note.envVar}.`
    case 'key_origin':
      return (
        `${note.name}: the key was entered for ${note.keyOrigin}, not for ${note.baseUrlOrigin} (the base URL ` +
        `now in use), so it is not sent. Enter it again with ${setKey} to use it with ${note.baseUrlOrigin}.`
      )
    default:
      return line.problem
  }
}

export function formatPreflight(p: Preflight): string[] {
  const lines = [
    `Pre-flight of job ${p.jobId}:`,
    `  ${p.rows} rows · ${p.numbers} numbers · ${p.duplicates} duplicates · ${p.invalid} invalid · ` +
      `${p.notSent} of a line type not sent · ${p.noCoverage} outside coverage` +
      (p.alreadyAnswered ? ` · ${p.alreadyAnswered} already answered` : '') +
      (p.uncertain ? ` · ${p.uncertain} possibly charged` : '')
  ]
  for (const l of p.providers) {
    lines.push(
      `  ${l.provider} (${l.name}): ${l.routed} to check · ${l.cached} cached · ${l.toPay} to pay × ` +
        `${cost(l.pricePerLookup, l.currency)} ≈ ${cost(l.estimatedCost, l.currency)}`
    )
    if (l.byCountry.length > 0) {
      const top = l.byCountry.slice(0, 8)
      const more = l.byCountry.length - top.length
      lines.push(
        `    by country: ${top.map((c) => `${c.country} ${c.toPay} ≈ ${cost(c.estimatedCost, l.currency)}`).join(', ')}` +
          (more > 0 ? `, and ${more} more` : '')
      )
    }
    if (l.balance !== null) {
      lines.push(
        `    balance: ${cost(l.balance, l.balanceCurrency ?? l.currency)}` +
          (l.balanceMessage ? ` — ${l.balanceMessage}` : '')
      )
    } else if (l.balanceMessage) lines.push(`    balance: ${l.balanceMessage}`)
    const problem = preflightProblem(l)
    if (problem) lines.push(`    problem: ${problem}`)
  }
  if (p.inferred > 0) {
    lines.push(
      `  ${p.inferred} of the numbers to send had their country inferred from the list (reason region_inferred)`
    )
  }
  if (p.ambiguous > 0) {
    lines.push(
      `  ${p.ambiguous} numbers valid in several countries are held back (ambiguous_region); choose with: ` +
        `ringtrue jobs resolve ${p.jobId} --region CC`
    )
  }
  lines.push(`  Estimated cost: ${costs(p.total)}`)
  return lines
}

/** The live part of `jobs show` and of a command's summary. */
export function formatLive(live: LiveSummary, withPlan: boolean, paused: boolean): string[] {
  const lines: string[] = []
  if (withPlan) {
    const { plan } = live
    lines.push(
      `Paid:    ${describeRoute(plan)}; line types ${plan.lineTypes.join(', ')}` +
        (plan.spendCap !== null ? `; spending cap ${plan.spendCap}` : '')
    )
  }
  lines.push(
    `Live:    ${live.total} numbers to check · ${live.answered} answered · ${live.cached} cached · ` +
      `${live.pending} pending · ${live.inFlight} in flight · ${live.failed} failed · ` +
      `${live.uncertain} possibly charged · ${live.skipped} outside coverage`
  )
  lines.push(
    `Spent:   ${spent(live.spend)}` +
      (live.errors ? ` · ${live.errors} failed requests (last: ${live.lastError ?? 'unknown'})` : '')
  )
  if (paused && live.pauseReason && live.pauseReason !== 'sample') {
    // The detail alone: the full message ends with advice about the app's screens.
    const why = live.pauseDetail ?? live.pauseMessage
    lines.push(`Paused:  ${live.pauseReason}${why ? ` — ${why}` : ''}`)
  }
  if (live.sample) {
    const s = live.sample
    const shares = FRESHNESS_STATES.filter((k) => s.byStatus[k] > 0)
      .map((k) => `${k} ${s.byStatus[k]}`)
      .join(', ')
    const projected = FRESHNESS_STATES.filter((k) => s.projectedByStatus[k] > 0)
      .map((k) => `${k} ~${s.projectedByStatus[k]}`)
      .join(', ')
    lines.push(`Sample:  ${s.checked} checked: ${shares || 'no answers'}`)
    lines.push(
      `Projected for the whole list: ${projected || '–'}; the rest costs about ${costs(s.projectedCost)}`
    )
  }
  return lines
}

/** The JSON of a job's live state (the plan included), or null for an offline-only job. */
// ── help ──────────────────────────────────────────────────────────────────────────────────────────────────

export const RESOLVE_HELP = `
Some numbers written without a country code are valid in several countries of the list (for example
18575770529: a mobile of China, or a number of Boston, US), and nothing on the row or in the list decides.
Ringtrue holds them back with status unknown and reason ambiguous_region, and never sends them to a paid
provider. Choose the country they are read in:

  ringtrue jobs resolve <id>               list the countries they can be read in ("CN 2 · US 2")
  ringtrue jobs resolve <id> --region CN   read them as numbers of China (reason region_chosen)

Only the numbers valid in the chosen country change. When the job has a paid check, the numbers chosen are
queued for it and the job waits for a go-ahead: ringtrue jobs resume <id>.`
