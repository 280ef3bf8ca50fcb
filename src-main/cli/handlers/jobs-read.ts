// `jobs list` and `jobs show`: they read the store and nothing else. The job service (and with it the import,
// the phone metadata and every provider) is loaded only when the store holds work that start-up must recover.
import { join } from 'node:path'
import { JOB_STATUSES, type JobDetail, type JobStatus, type JobSummary } from '@contract/types'
import { ServiceError } from '../../core/jobs/service-error'
import { databasePath } from '../../core/paths'
import { openStore, type OpenedStore } from '../../core/store/database'
import { JobStore } from '../../core/store/job-store'
import { dataFolder } from '../data-dir'
import { noteDatabase } from '../failure'
import { formatCounts, formatLive } from '../format'
import { jobListEntry, jobShowJson } from '../json'
import { isPipedCopy } from '../input'
import { printJson } from '../output'
import { printable } from '../text'
import { UsageError } from '../errors'
import { resolveJobId, type JobDirectory } from '../job-id'
import { lazyModule } from '../lazy'

const cliServices = lazyModule(() => import('../services'), join(__dirname, '..', 'services'))

interface StoreView extends JobDirectory {
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
  const dir = dataFolder(dataDir)
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

/** A local time to the minute with its offset from UTC ("2026-12-05 14:05 +01:00"), in the zone of TZ. */
export function localTime(iso: string): string {
  const date = new Date(iso)
  const two = (n: number): string => String(n).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())} ${zone}`
}

/** The statuses of --status (repeatable, or comma lists), checked against the job statuses. */
function parseJobStatuses(given: string[] | undefined): JobStatus[] | null {
  if (!given || given.length === 0) return null
  const statuses = [...new Set(given.flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()))]
  const bad = statuses.find((s) => !(JOB_STATUSES as readonly string[]).includes(s))
  if (bad !== undefined)
    throw new UsageError(`--status must be one of ${JOB_STATUSES.join(', ')} (got "${bad}")`)
  return statuses as JobStatus[]
}

function parseLimit(given: string | undefined): number | null {
  if (given === undefined) return null
  if (!/^\d+$/.test(given.trim()) || Number(given) < 1)
    throw new UsageError(`--limit must be a whole number of at least 1 (got "${given}")`)
  return Number(given)
}

/** The job's name, and its file's name when the name is not simply the file's without its extension. */
function jobLabel(job: JobSummary): string {
  const sameAsFile = job.name === job.fileName.replace(/\.[^.]+$/, '')
  return `${printable(job.name)}${sameAsFile ? '' : ` (${printable(job.fileName)})`}`
}

/** The jobs as an aligned table under a header row; the name comes last, so its width never matters. */
function jobTable(jobs: JobSummary[]): string[] {
  const rows = jobs.map((job) => [
    job.id,
    localTime(job.createdAt),
    job.status,
    String(job.counts.rows),
    jobLabel(job)
  ])
  const header = ['ID', 'CREATED', 'STATUS', 'ROWS', 'NAME']
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)))
  const ROWS_COLUMN = 3
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : i === ROWS_COLUMN ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
      )
      .join('  ')
  return [header, ...rows].map(line)
}

function printJobs(jobs: JobSummary[], json: boolean, filtered: boolean): void {
  if (json) {
    printJson('jobs.list', { jobs: jobs.map(jobListEntry) })
    return
  }
  if (jobs.length === 0) {
    process.stdout.write(
      filtered ? 'No job matches.\n' : 'No jobs yet. Start one with: ringtrue check <file>\n'
    )
    return
  }
  process.stdout.write(`${jobTable(jobs).join('\n')}\n`)
}

export async function jobsList(options: {
  json?: boolean
  dataDir?: string
  status?: string[]
  limit?: string
}): Promise<void> {
  // Checked before the store is opened: a typo must not read as "no job matches".
  const statuses = parseJobStatuses(options.status)
  const limit = parseLimit(options.limit)
  const view = await openView(options.dataDir)
  try {
    if (view.storeState === 'missing' && !options.json) {
      process.stdout.write(
        `No jobs yet: the data folder ${view.dataDir} does not exist yet. Start one with: ringtrue check <file>\n`
      )
      return
    }
    // The store lists the newest first.
    const jobs = view
      .listJobs()
      .filter((job) => statuses === null || statuses.includes(job.status))
      .slice(0, limit ?? undefined)
    printJobs(jobs, options.json ?? false, statuses !== null)
  } finally {
    view.close()
  }
}

export async function jobsShow(given: string, options: { json?: boolean; dataDir?: string }): Promise<void> {
  const view = await openView(options.dataDir)
  try {
    const job = view.getJob(resolveJobId(view, given))
    // Deleted between the two reads.
    if (!job) throw new ServiceError('job_not_found', 'That job no longer exists.')
    if (options.json) {
      printJson('jobs.show', jobShowJson(job))
      return
    }
    process.stdout.write(
      [
        `Job ${job.id} — ${printable(job.name)}`,
        `File:    ${isPipedCopy(job.filePath, view.dataDir) ? 'read from a pipe' : printable(job.filePath)} (sheet "${printable(job.sheet)}")`,
        `Status:  ${job.status}${job.error ? ` — ${printable(job.error)}` : ''}`,
        `Created: ${localTime(job.createdAt)}`,
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
