// The summary of a job at the end of `check`, `jobs resume` and `jobs recheck`: as text, or as the JSON document.
import type { CountrySplit, JobDetail, Preflight } from '@contract/types'
import type { CliExit } from './errors'
import { formatCounts, formatCountries, formatLive } from './format'
import { countriesJson, liveJson, preflightJson } from './json'
import { printResult } from './output'
import { printable } from './text'

export function summaryJson(
  job: JobDetail,
  output: string[] | null,
  preflight: Preflight | null = null,
  countries: CountrySplit | null = null
): Record<string, unknown> {
  const summary: Record<string, unknown> = {
    jobId: job.id,
    status: job.status,
    rows: job.counts.rows,
    numbers: job.counts.numbers,
    unique: job.counts.unique,
    byStatus: { ...job.counts.byStatus },
    phoneColumns: job.phoneColumns.map((i) => job.headers[i]),
    countryColumn: job.countryColumn === null ? null : (job.headers[job.countryColumn] ?? null),
    output: output ?? []
  }
  if (countries) summary.countries = countriesJson(countries)
  if (job.live) {
    summary.live = liveJson(job.live)
    summary.preflight = preflightJson(preflight)
  }
  return summary
}

export function summaryLines(
  job: JobDetail,
  output: string[] | null,
  wantedExport: boolean,
  countries: CountrySplit | null = null
): string[] {
  const lines = [
    `Job ${job.id}: ${printable(job.fileName)} (sheet "${printable(job.sheet)}")`,
    `Phone columns: ${job.phoneColumns.map((i) => printable(job.headers[i])).join(', ')}`,
    `Country column: ${job.countryColumn === null ? `none (default region ${job.defaultRegion})` : `${printable(job.headers[job.countryColumn] ?? '')} (default region ${job.defaultRegion})`}`,
    `${job.counts.rows} rows · ${job.counts.numbers} numbers · ${job.counts.unique} unique`,
    formatCounts(job.counts.byStatus),
    ...(countries ? [formatCountries(countries)] : [])
  ]
  if (job.live) lines.push(...formatLive(job.live, false, job.status === 'paused'))
  if (job.status === 'paused' && job.live?.pauseReason === 'sample') {
    lines.push(`Continue with: ringtrue jobs resume ${job.id} --yes (or --max-cost <amount>)`)
  }
  if (output) lines.push(`Exported to ${output.join(', ')}`)
  else if (wantedExport && job.status !== 'done') {
    lines.push(`Not exported yet (the job is ${job.status}): ringtrue jobs export ${job.id} --out <file>`)
  }
  return lines
}

/** The end of a command that ran a paid check: the summary, then the exit the outcome calls for. */
export function reportPaidRun(
  command: string,
  job: JobDetail,
  preflight: Preflight | null,
  json: boolean,
  exit: CliExit | null
): void {
  printResult(command, json, {
    json: () => summaryJson(job, null, preflight),
    text: () => summaryLines(job, null, false)
  })
  if (exit) throw exit
}
