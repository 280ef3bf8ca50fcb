import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from './components/Button'
import { ErrorPanel } from './components/ErrorPanel'
import { Spinner } from './components/Spinner'
import { Toasts } from './components/Toasts'
import { useAppCommands } from './components/use-app-commands'
import { ImportScreen } from './features/import/ImportScreen'
import { JobScreen } from './features/jobs/JobScreen'
import { Sidebar } from './features/jobs/Sidebar'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { startIpcEvents, useAppStore } from './store'

export function App() {
  const { t, i18n } = useTranslation()
  const appState = useAppStore((state) => state.appState)
  const appError = useAppStore((state) => state.appError)
  const view = useAppStore((state) => state.view)
  const loadAppInfo = useAppStore((state) => state.loadAppInfo)
  const loadJobs = useAppStore((state) => state.loadJobs)
  useAppCommands()

  useEffect(() => {
    const dispose = startIpcEvents()
    void loadAppInfo()
    void loadJobs()
    return dispose
  }, [loadAppInfo, loadJobs])

  // A file dropped outside the drop zone would otherwise make the window navigate to it.
  useEffect(() => {
    const block = (event: DragEvent) => {
      if (!event.defaultPrevented) {
        event.preventDefault()
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none'
      }
    }
    window.addEventListener('dragover', block)
    window.addEventListener('drop', block)
    return () => {
      window.removeEventListener('dragover', block)
      window.removeEventListener('drop', block)
    }
  }, [])

  return (
    // Keyed by language: a switch re-renders every component, including labels read outside React hooks.
    <div className="app" data-app-state={appState} key={i18n.language}>
      <Sidebar />
      <main className="main">
        {appState === 'loading' ? (
          <div className="page page-center">
            <Spinner size={22} label={t('app.starting')} />
          </div>
        ) : appState === 'error' ? (
          <div className="page">
            <ErrorPanel
              title={t('app.startFailed')}
              message={appError?.message ?? t('app.noData')}
              code={appError?.code}
              actions={<Button onClick={() => void loadAppInfo()}>{t('action.tryAgain')}</Button>}
            />
          </div>
        ) : view.kind === 'import' ? (
          <ImportScreen />
        ) : view.kind === 'settings' ? (
          <SettingsScreen />
        ) : (
          <JobScreen key={view.jobId} jobId={view.jobId} />
        )}
      </main>
      <Toasts />
    </div>
  )
}
