// What a data folder holds, read only through the services a user reaches (jobs, results, row details,
// checks, the ledger, exports), so the same snapshot can be taken before and after a schema change.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportMode } from '../../src-preload/contract/types'
import type { Services } from '../../src-main/core/services'

export interface JobSnapshot {
  job: unknown
  results: unknown[]
  numbers: Record<number, unknown[]>
  ledger: unknown[]
  exports: Record<string, string>
}

export const SNAPSHOT_EXPORTS: readonly ExportMode[] = ['full', 'cleaned']

export async function snapshotJob(services: Services, jobId: string, outDir: string): Promise<JobSnapshot> {
  const job = services.jobs.get(jobId)
  const { importId: _importId, ...stable } = job
  const results = services.store.results.queryResults(jobId, {}, 0, 1_000_000).rows
  const numbers: Record<number, unknown[]> = {}
  for (const row of results) {
    numbers[row.rowIndex] = services.store.results.rowNumbers(jobId, row.rowIndex).map((n) => ({
      raw: n.cell_raw,
      column: n.column_index,
      extension: n.extension,
      note: n.note,
      e164: n.e164,
      status: n.status,
      reason: n.reason,
      lineType: n.line_type,
      country: n.country,
      offlineStatus: n.offline_status,
      offlineReason: n.offline_reason,
      checks: n.e164 ? services.store.results.checksFor(jobId, n.e164) : []
    }))
  }
  const ledger = services.db
    .prepare(
      `SELECT a.provider, a.e164, a.state, a.error, a.cost, a.currency, a.request_ref IS NOT NULL AS has_ref,
       a.created_at, a.completed_at FROM attempts a WHERE a.job_id = ? ORDER BY a.e164, a.created_at`
    )
    .all(jobId)
  const exports: Record<string, string> = {}
  for (const mode of SNAPSHOT_EXPORTS) {
    const outPath = join(outDir, `${jobId}-${mode}.csv`)
    const result = await services.exports.run({
      jobId,
      mode,
      format: 'csv',
      keepUnknown: true,
      outPath,
      overwrite: true
    })
    exports[mode] = result.files.map((f) => readFileSync(f, 'utf8')).join('\n--- next file ---\n')
  }
  return { job: stable, results, numbers, ledger, exports }
}
