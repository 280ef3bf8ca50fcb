// `jobs list` and `jobs show`: they read the store and nothing else. The job service (and with it the import,
// the phone metadata and every provider) is loaded only when the store holds work that start-up must recover.
import { join, resolve } from 'node:path'
import type { JobDetail, JobSummary } from '@contract/types'
import { ServiceError } from '../../core/jobs/service-error'
import { databasePath, defaultDataDir } from '../../core/paths'
import { openStore, type OpenedStore } from '../../core/store/database'
import { JobStore } from '../../core/store/job-store'
import { noteDatabase } from '../failure'
import { formatCounts, formatLive } from '../format'
import { jobListEntry, jobShowJson } from '../json'
import { printJson } from '../output'
import { printable } from '../text'
import { UsageError } from '../errors'
import { lazyModule } from '../lazy'

const cliServices = lazyModule(() => import('../services'), join(__dirname, '..', 'services'))

interface StoreView {
  dataDir: string
  storeState: OpenedStore['state']
  listJobs(): JobSummary[]
  getJob(id: string): JobDetail | null
  close(): void
}

/**
 * The store opened for reading only, and whether it holds work start-up must recover (a job left running, its
 * process perhaps dead, or a deletion to finish): the same test createServices acts on. Such work needs the job
 * service, so the caller then closes this and opens the store the full way.
 */
export function openForReading(dataDir: string | undefined): {
  dir: string
  opened: OpenedStore
  store: JobStore
  recover: boolean
} {
  const dir = dataDir ? resolve(dataDir) : defaultDataDir()
  const file = databasePath(dir)
  noteDatabase(file)
  const opened = openStore(file, 'read')
  try {
    const store = new JobStore(opened.db)
    const recover =
      opened.state === 'ready' && (store.jobs.running().length > 0 || store.jobs.deleting().length > 0)
    return { dir, opened, store, recover }
  } catch (error) {
    opened.close()
    throw error
  }
}

async function openView(dataDir: string | undefined): Promise<StoreView> {
  const { dir, opened, store, recover } = openForReading(dataDir)
  if (!recover) {
    return {
      dataDir: dir,
      storeState: opened.state,
      listJobs: () => store.jobs.list(),
      getJob: (id) => store.jobs.get(id),
      close: () => opened.close()
    }
  }
  opened.close()
  const { openServices } = await cliServices()
  const services = openServices(dataDir, 'read')
  return {
    dataDir: services.dataDir,
    storeState: services.storeState,
    listJobs: () => services.store.jobs.list(),
    getJob: (id) => services.store.jobs.get(id),
    close: () => services.close()
  }
}

/** A job command on a data folder that does not exist yet: say so instead of "that job no longer exists". */
export function assertStoreExists(view: Pick<StoreView, 'storeState' | 'dataDir'>, id: string): void {
  if (view.storeState === 'missing')
    throw new UsageError(
      `No job ${id}: the data folder ${view.dataDir} does not exist yet (no job has been stored there).`
    )
}

function printJobs(jobs: JobSummary[], json: boolean): void {
  if (json) {
    printJson('jobs.list', { jobs: jobs.map(jobListEntry) })
    return
  }
  if (jobs.length === 0) {
    process.stdout.write('No jobs yet. Start one with: ringtrue check <file>\n')
    return
  }
  for (const job of jobs) {
    process.stdout.write(
      `${job.id}  ${job.createdAt.slice(0, 16).replace('T', ' ')}  ${job.status.padEnd(9)} ${String(job.counts.rows).padStart(8)} rows  ${printable(job.name)}${job.name === job.fileName.replace(/\.[^.]+$/, '') ? '' : ` (${printable(job.fileName)})`}\n`
    )
  }
}

export async function jobsList(options: { json?: boolean; dataDir?: string }): Promise<void> {
  const view = await openView(options.dataDir)
  try {
    if (view.storeState === 'missing' && !options.json) {
      process.stdout.write(
        `No jobs yet: the data folder ${view.dataDir} does not exist yet. Start one with: ringtrue check <file>\n`
      )
      return
    }
    printJobs(view.listJobs(), options.json ?? false)
  } finally {
    view.close()
  }
}

export async function jobsShow(id: string, options: { json?: boolean; dataDir?: string }): Promise<void> {
  const view = await openView(options.dataDir)
  try {
    assertStoreExists(view, id)
    const job = view.getJob(id)
    // The message JobService.get gives.
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    if (options.json) {
      printJson('jobs.show', jobShowJson(job))
      return
    }
    process.stdout.write(
      [
        `Job ${job.id} — ${printable(job.name)}`,
        `File:    ${printable(job.filePath)} (sheet "${printable(job.sheet)}")`,
        `Status:  ${job.status}${job.error ? ` — ${printable(job.error)}` : ''}`,
        `Created: ${job.createdAt}`,
        `Phones:  ${job.phoneColumns.map((i) => printable(job.headers[i])).join(', ')}; default region ${job.defaultRegion}`,
        `Rows:    ${job.counts.rows} · numbers ${job.counts.numbers} · unique ${job.counts.unique}`,
        `Status:  ${formatCounts(job.counts.byStatus)}`,
        ...(job.live ? formatLive(job.live, true, job.status === 'paused') : []),
        ...(job.status === 'paused' ? [`Resume:  ringtrue jobs resume ${job.id}`] : [])
      ].join('\n') + '\n'
    )
  } finally {
    view.close()
  }
}
