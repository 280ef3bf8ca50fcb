// Creating a job with a paid check, as the engine tests, the fault-injection suite and the bench all do.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_LIVE_LINE_TYPES,
  type ConfigurableProviderId,
  type LivePlan
} from '../../src-preload/contract/types'
import type { Services } from '../../src-main/core/services'

/** A plan with the product's defaults; the first step is `provider` unless `overrides.route` says otherwise. */
export function paidPlan(provider: ConfigurableProviderId, overrides: Partial<LivePlan> = {}): LivePlan {
  return {
    route: [{ provider, countries: null }],
    fallback: null,
    spendCap: null,
    lineTypes: DEFAULT_LIVE_LINE_TYPES,
    freshnessDays: DEFAULT_FRESHNESS_DAYS,
    ...overrides
  }
}

/** Writes a one-column CSV ("Phone", then one number per line) and returns its path. */
export function writeNumbers(dir: string, name: string, numbers: readonly string[]): string {
  const file = join(dir, name)
  writeFileSync(file, ['Phone', ...numbers].join('\n'))
  return file
}

/**
 * Imports `file` (header on the first row) with the phone numbers in `column`, runs the offline check and
 * returns the job, which then waits for the paid check's go-ahead.
 */
export async function createPaidJob(
  services: Services,
  file: string,
  plan: LivePlan,
  options: { column?: number; region?: string } = {}
): Promise<string> {
  const preview = await services.jobs.preview({ filePath: file })
  const { jobId } = await services.jobs.create({
    filePath: file,
    mapping: {
      sheet: preview.sheet,
      headerRow: 0,
      phoneColumns: [options.column ?? 0],
      countryColumn: null,
      defaultRegion: options.region ?? 'CN'
    },
    live: plan
  })
  await services.jobs.waitFor(jobId)
  return jobId
}
