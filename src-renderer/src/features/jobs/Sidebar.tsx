import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { History, Plus, Settings } from 'lucide-react'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { Spinner } from '../../components/Spinner'
import { useAppStore } from '../../store'
import { JobListItem } from './JobListItem'
import { AppMark } from '../../components/AppMark'

export function Sidebar() {
  const { t } = useTranslation(['jobs', 'common'])
  const jobs = useAppStore((state) => state.jobs)
  const jobsState = useAppStore((state) => state.jobsState)
  const jobsError = useAppStore((state) => state.jobsError)
  const view = useAppStore((state) => state.view)
  const appInfo = useAppStore((state) => state.appInfo)
  const navigate = useAppStore((state) => state.navigate)
  const loadJobs = useAppStore((state) => state.loadJobs)
  const openJob = useAppStore((state) => state.openJob)
  const resetImport = useAppStore((state) => state.resetImport)
  const importPhase = useAppStore((state) => state.importPhase)

  const [search, setSearch] = useState('')
  const needle = search.trim().toLowerCase()
  const shown = needle
    ? jobs.filter((job) => `${job.name}\n${job.fileName}\n${job.sheet}`.toLowerCase().includes(needle))
    : jobs

  const currentJobId = view.kind === 'job' ? view.jobId : null

  return (
    <aside className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-brand">
        <AppMark />
        <span className="sidebar-name">Ringtrue</span>
      </div>
      <div className="sidebar-primary">
        <Button
          variant={view.kind === 'import' ? 'primary' : 'secondary'}
          className="sidebar-new"
          icon={<Plus size={16} aria-hidden="true" />}
          onClick={() => {
            // From another screen an unfinished mapping is kept; a second click starts over with a new file.
            if (view.kind === 'import' && importPhase !== 'creating') resetImport()
            navigate({ kind: 'import' })
          }}
          aria-current={view.kind === 'import' ? 'page' : undefined}
          data-testid="new-check"
        >
          {t('sidebar.newCheck')}
        </Button>
      </div>
      <div className="sidebar-section">
        <h2 className="sidebar-section-title">{t('sidebar.history')}</h2>
        {jobs.length > 1 ? (
          <input
            type="search"
            className="sidebar-search"
            placeholder={t('sidebar.searchPlaceholder')}
            aria-label={t('sidebar.searchLabel')}
            data-testid="job-search"
            data-shortcut="find"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        ) : null}
        {jobsState === 'loading' && jobs.length === 0 ? (
          <div className="sidebar-loading">
            <Spinner size={16} label={t('sidebar.loading')} />
          </div>
        ) : null}
      </div>
      <nav className="sidebar-jobs" aria-label={t('sidebar.historyLabel')} data-testid="job-list">
        {jobsState === 'error' ? (
          <div className="sidebar-error" role="alert">
            <p>{jobsError?.message ?? t('sidebar.loadFailed')}</p>
            <Button size="sm" onClick={() => void loadJobs()}>
              {t('common:action.tryAgain')}
            </Button>
          </div>
        ) : jobsState === 'ready' && jobs.length === 0 ? (
          <EmptyState
            compact
            icon={<History size={20} aria-hidden="true" />}
            title={t('sidebar.emptyTitle')}
            testId="job-list-empty"
          >
            {t('sidebar.emptyBody')}
          </EmptyState>
        ) : (
          <ul className="job-list">
            {shown.length === 0 ? (
              <li className="sidebar-no-match dim" data-testid="job-search-none">
                {t('sidebar.noMatch', { search: search.trim() })}
              </li>
            ) : null}
            {shown.map((job) => (
              <li key={job.id}>
                <JobListItem
                  job={job}
                  current={job.id === currentJobId}
                  onOpen={() => void openJob(job.id)}
                />
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div className="sidebar-bottom">
        <button
          type="button"
          className={`sidebar-nav-item${view.kind === 'settings' ? ' is-current' : ''}`}
          onClick={() => navigate({ kind: 'settings' })}
          aria-current={view.kind === 'settings' ? 'page' : undefined}
          data-testid="nav-settings"
        >
          <Settings size={15} aria-hidden="true" />
          {t('sidebar.settings')}
        </button>
      </div>
      {appInfo ? (
        <footer className="sidebar-footer" title={appInfo.dataDir}>
          {t('sidebar.version', { version: appInfo.version })}
        </footer>
      ) : null}
    </aside>
  )
}
