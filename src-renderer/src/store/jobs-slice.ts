import type { JobView } from '@contract/api'
import type { JobProgress, JobSummary } from '@contract/types'
import { translate } from '../i18n'
import { toUiError, type UiError } from '../lib/errors'
import { isTerminal } from '../lib/labels'
import type { SliceFactory } from './types'

export interface JobsSlice {
  jobs: JobSummary[]
  jobsState: 'loading' | 'ready' | 'error'
  jobsError: UiError | null
  /** Latest progress event per job. A hint only: the job detail read from the database wins. */
  progress: Record<string, JobProgress>
  /** The open job, with a reveal-only handle for its source file. */
  job: JobView | null
  jobState: 'idle' | 'loading' | 'ready' | 'error'
  jobError: UiError | null
  cancelling: boolean
  loadJobs: () => Promise<void>
  openJob: (jobId: string) => Promise<void>
  reloadJob: () => Promise<void>
  cancelJob: (jobId: string) => Promise<void>
  removeJob: (jobId: string) => Promise<boolean>
  receiveProgress: (progress: JobProgress) => void
}

export const createJobsSlice: SliceFactory<JobsSlice> = (api) => (set, get) => {
  let jobSeq = 0
  const listedFor = new Set<string>()

  return {
    jobs: [],
    jobsState: 'loading',
    jobsError: null,
    progress: {},
    job: null,
    jobState: 'idle',
    jobError: null,
    cancelling: false,

    async loadJobs() {
      try {
        const jobs = await api.jobs.list()
        set({ jobs, jobsState: 'ready', jobsError: null })
      } catch (error) {
        set({ jobsState: get().jobs.length > 0 ? 'ready' : 'error', jobsError: toUiError(error) })
      }
    },

    async openJob(jobId) {
      const seq = ++jobSeq
      get().navigate({ kind: 'job', jobId })
      get().closeRow()
      get().resetLive()
      set({ job: null, jobState: 'loading', jobError: null, cancelling: false })
      try {
        const job = await api.jobs.get(jobId)
        if (seq !== jobSeq) return
        set({ job, jobState: 'ready' })
        // The last event may have arrived while the detail was in flight; re-read so the view does not stall.
        const latest = get().progress[jobId]
        if (latest && isTerminal(latest.status) && !isTerminal(job.status)) void get().reloadJob()
      } catch (error) {
        if (seq !== jobSeq) return
        set({ jobState: 'error', jobError: toUiError(error) })
      }
    },

    async reloadJob() {
      const current = get().job
      const view = get().view
      const jobId = current?.id ?? (view.kind === 'job' ? view.jobId : null)
      if (!jobId) return
      const seq = ++jobSeq
      try {
        const job = await api.jobs.get(jobId)
        if (seq !== jobSeq) return
        set({ job, jobState: 'ready', jobError: null })
      } catch (error) {
        if (seq !== jobSeq) return
        // A failed background refresh keeps the last good state on screen rather than blanking it.
        if (!get().job) set({ jobState: 'error', jobError: toUiError(error) })
      }
    },

    async cancelJob(jobId) {
      set({ cancelling: true })
      try {
        await api.jobs.cancel(jobId)
        await Promise.all([get().reloadJob(), get().loadJobs()])
      } catch (error) {
        get().pushToast({ kind: 'error', message: toUiError(error).message })
      } finally {
        set({ cancelling: false })
      }
    },

    async removeJob(jobId) {
      try {
        await api.jobs.remove(jobId)
      } catch (error) {
        get().pushToast({ kind: 'error', message: toUiError(error).message })
        return false
      }
      const name = get().jobs.find((job) => job.id === jobId)?.name
      set((state) => {
        const progress = { ...state.progress }
        delete progress[jobId]
        return { jobs: state.jobs.filter((job) => job.id !== jobId), progress }
      })
      const view = get().view
      if (view.kind === 'job' && view.jobId === jobId) {
        jobSeq++
        set({ job: null, jobState: 'idle', jobError: null })
        get().navigate({ kind: 'import' })
      }
      get().pushToast({
        kind: 'info',
        message: name ? translate('jobs:toast.deletedNamed', { name }) : translate('jobs:toast.deleted')
      })
      void get().loadJobs()
      return true
    },

    receiveProgress(progress) {
      const previous = get().progress[progress.jobId]
      set((state) => ({ progress: { ...state.progress, [progress.jobId]: progress } }))
      const known = get().jobs.some((job) => job.id === progress.jobId)
      const finishedNow = isTerminal(progress.status) && (!previous || !isTerminal(previous.status))
      const firstSight = !known && !listedFor.has(progress.jobId)
      if (firstSight) listedFor.add(progress.jobId)
      // running → paused (a pause reason) or paused → running: the screen for the job changes, so re-read it.
      const statusChanged = previous !== undefined && previous.status !== progress.status
      if (finishedNow || firstSight || statusChanged) void get().loadJobs()
      if ((finishedNow || statusChanged) && get().job?.id === progress.jobId) void get().reloadJob()
    }
  }
}
