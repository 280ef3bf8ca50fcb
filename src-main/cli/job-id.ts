// Job ids as the commands take them: the full id or any unique start of it, as git takes commit ids. Every command
// naming a job resolves it here first and works with the full id from then on.
import type { JobSummary } from '@contract/types'
import type { Services } from '../core/services'
import { ServiceError } from '../core/jobs/service-error'
import type { OpenedStore } from '../core/store/database'
import { UsageError } from './errors'
import { printable } from './text'

/** What resolving an id needs to know of a data folder. */
export interface JobDirectory {
  dataDir: string
  storeState: OpenedStore['state']
  listJobs(): Pick<JobSummary, 'id' | 'name'>[]
}

/** How many of the jobs an ambiguous start matches are named in the message; the rest are counted. */
const NAMED_CANDIDATES = 5

/**
 * The full id of the one job whose id is `given` or starts with it (any length: a start that is unique today
 * names that job; one that is no longer unique is refused, never guessed).
 */
export function resolveJobId(directory: JobDirectory, given: string): string {
  if (directory.storeState === 'missing') {
    throw new UsageError(
      `No job ${given}: the data folder ${directory.dataDir} does not exist yet (no job has been stored there).`
    )
  }
  const wanted = given.trim().toLowerCase()
  if (wanted === '') throw new UsageError('Give a job id, or the start of one (see `ringtrue jobs list`).')
  const jobs = directory.listJobs()
  const exact = jobs.find((job) => job.id === wanted)
  if (exact) return exact.id
  const matches = jobs.filter((job) => job.id.startsWith(wanted))
  if (matches.length === 1) return matches[0].id
  if (matches.length === 0) {
    throw new ServiceError('job_not_found', `No job ${given} in ${directory.dataDir}.`)
  }
  const named = matches.slice(0, NAMED_CANDIDATES).map((job) => `${job.id} (${printable(job.name)})`)
  const more = matches.length - named.length
  throw new ServiceError(
    'job_id_ambiguous',
    `${given} matches ${matches.length} jobs: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}; give more of the id.`
  )
}

/** resolveJobId on the data folder of opened services. */
export function jobIdIn(services: Services, given: string): string {
  return resolveJobId(
    {
      dataDir: services.dataDir,
      storeState: services.storeState,
      listJobs: () => services.store.jobs.list()
    },
    given
  )
}
