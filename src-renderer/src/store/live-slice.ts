import type { Preflight, StartLiveRequest, Status, UncertainAttempt } from '@contract/types'
import { currentLanguage, translate } from '../i18n'
import { toUiError, type UiError } from '../lib/errors'
import { STATUS_LABELS } from '../lib/labels'
import type { SliceFactory } from './types'

/** Which live action is waiting for main, so only the button that was pressed shows a spinner. */
export type LiveAction = 'start' | 'sample' | 'resume' | 'pause' | 'recheck'

export interface LiveSlice {
  preflight: Preflight | null
  /** What the loaded (or loading) pre-flight was read for; a new key means the figures may have changed. */
  preflightKey: string | null
  preflightState: 'idle' | 'loading' | 'ready' | 'error'
  preflightError: UiError | null
  liveBusy: LiveAction | null
  /** The last live action that failed, shown next to its buttons. */
  liveError: UiError | null
  /** The job a pause was asked for: it stays running until the requests in flight have answered. */
  pauseRequested: string | null
  uncertainList: UncertainAttempt[] | null
  uncertainState: 'idle' | 'loading' | 'ready' | 'error'
  /** A paused paid check can be set aside to look at the results so far. */
  pausedResults: boolean
  /** Loads the pre-flight unless the one for this key is already there or on its way. */
  ensurePreflight: (jobId: string, key: string) => Promise<void>
  reloadPreflight: () => Promise<void>
  /** Starts, samples or resumes; answers whether main accepted it. */
  startLive: (request: StartLiveRequest, action: 'start' | 'sample' | 'resume') => Promise<boolean>
  pauseLive: (jobId: string) => Promise<void>
  /** Queues rows of these statuses for a fresh paid answer; the job then waits at the pre-flight again. */
  recheckStatuses: (jobId: string, statuses: Status[]) => Promise<number>
  loadUncertain: (jobId: string) => Promise<void>
  showPausedResults: (show: boolean) => void
  dismissLiveError: () => void
  resetLive: () => void
}

const initialLive = {
  preflight: null,
  preflightKey: null,
  preflightState: 'idle' as const,
  preflightError: null,
  liveBusy: null,
  liveError: null,
  pauseRequested: null,
  uncertainList: null,
  uncertainState: 'idle' as const,
  pausedResults: false
}

export const createLiveSlice: SliceFactory<LiveSlice> = (api) => (set, get) => {
  let preflightSeq = 0
  let uncertainSeq = 0
  let preflightJob: string | null = null

  async function loadPreflight(jobId: string, key: string): Promise<void> {
    const seq = ++preflightSeq
    preflightJob = jobId
    set((state) => ({
      preflightKey: key,
      preflightState: 'loading',
      preflightError: null,
      // Figures of another job must never be shown under this one, even for a moment.
      preflight: state.preflight?.jobId === jobId ? state.preflight : null
    }))
    try {
      const preflight = await api.jobs.preflight(jobId)
      if (seq !== preflightSeq) return
      set({ preflight, preflightState: 'ready' })
    } catch (error) {
      if (seq !== preflightSeq) return
      set({ preflightState: 'error', preflightError: toUiError(error) })
    }
  }

  async function refreshJob(): Promise<void> {
    await Promise.all([get().reloadJob(), get().loadJobs()])
  }

  return {
    ...initialLive,

    async ensurePreflight(jobId, key) {
      const { preflightKey, preflightState } = get()
      if (preflightKey === key && preflightJob === jobId && preflightState !== 'error') return
      await loadPreflight(jobId, key)
    },

    async reloadPreflight() {
      const { preflightKey } = get()
      if (!preflightJob || !preflightKey) return
      await loadPreflight(preflightJob, preflightKey)
    },

    async startLive(request, action) {
      if (get().liveBusy) return false
      set({ liveBusy: action, liveError: null })
      try {
        await api.jobs.startLive(request)
      } catch (error) {
        set({ liveBusy: null, liveError: toUiError(error) })
        return false
      }
      set({ pausedResults: false, pauseRequested: null, uncertainList: null, uncertainState: 'idle' })
      await refreshJob()
      set({ liveBusy: null })
      return true
    },

    async pauseLive(jobId) {
      if (get().liveBusy) return
      set({ liveBusy: 'pause', liveError: null })
      try {
        await api.jobs.pause(jobId)
        set({ pauseRequested: jobId })
      } catch (error) {
        set({ liveError: toUiError(error) })
        // It may have finished or paused on its own in the meantime; show what is true now.
        void get().reloadJob()
      } finally {
        set({ liveBusy: null })
      }
    },

    async recheckStatuses(jobId, statuses) {
      if (get().liveBusy) return 0
      set({ liveBusy: 'recheck', liveError: null })
      let queued = 0
      try {
        queued = (await api.jobs.recheck({ jobId, statuses })).queued
      } catch (error) {
        set({ liveBusy: null })
        get().pushToast({ kind: 'error', message: toUiError(error).message })
        return 0
      }
      if (queued === 0) {
        set({ liveBusy: null })
        // "active or inactive" / "有效或失效": the UI language's own way to list alternatives.
        const names = new Intl.ListFormat(currentLanguage(), { type: 'disjunction' }).format(
          statuses.map((s) => STATUS_LABELS[s].toLowerCase())
        )
        get().pushToast({
          kind: 'info',
          message: translate('live:toast.nothingToRecheck', { statuses: names })
        })
        return 0
      }
      // The job now waits at the pre-flight again; it is shown instead of the results.
      set({ pausedResults: false, preflightKey: null })
      await refreshJob()
      set({ liveBusy: null })
      return queued
    },

    async loadUncertain(jobId) {
      const seq = ++uncertainSeq
      set({ uncertainState: 'loading' })
      try {
        const list = await api.jobs.uncertain(jobId)
        if (seq !== uncertainSeq) return
        set({ uncertainList: list, uncertainState: 'ready' })
      } catch {
        if (seq !== uncertainSeq) return
        set({ uncertainState: 'error' })
      }
    },

    showPausedResults(show) {
      set({ pausedResults: show })
    },

    dismissLiveError() {
      set({ liveError: null })
    },

    resetLive() {
      preflightSeq++
      uncertainSeq++
      preflightJob = null
      set({ ...initialLive })
    }
  }
}
