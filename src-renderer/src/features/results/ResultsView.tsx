import { useEffect, useState } from 'react'
import type { JobDetail } from '@contract/types'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useAppStore } from '../../store'
import { ExportDialog } from '../export/ExportDialog'
import { FilterBar } from './FilterBar'
import { ResultsHeader } from './ResultsHeader'
import { ResultsTable } from './ResultsTable'
import { RowDetailDrawer } from './RowDetailDrawer'

export function ResultsView({ job }: { job: JobDetail }) {
  const openResults = useAppStore((state) => state.openResults)
  const resultsJobId = useAppStore((state) => state.resultsJobId)
  const resultsError = useAppStore((state) => state.resultsError)
  const retryResults = useAppStore((state) => state.retryResults)
  const [exportOpen, setExportOpen] = useState(false)

  useEffect(() => {
    openResults(job.id)
  }, [job.id, openResults])

  const ready = resultsJobId === job.id

  return (
    <div className="page page-results">
      <ResultsHeader job={job} onExport={() => setExportOpen(true)} />
      {job.status === 'failed' ? (
        <ErrorPanel
          title="This check stopped with an error"
          message={job.error ?? 'The check did not finish. Rows that were processed are listed below.'}
        />
      ) : null}
      {job.status === 'cancelled' ? (
        <p className="notice" role="note">
          This check was cancelled before it finished. The counts and rows below cover only what it processed.
        </p>
      ) : null}
      {resultsError ? (
        <ErrorPanel
          title="Results could not be loaded"
          message={resultsError.message}
          code={resultsError.code}
          onDismiss={retryResults}
        />
      ) : null}
      {ready ? (
        <>
          <FilterBar job={job} />
          <ResultsTable job={job} />
        </>
      ) : null}
      <RowDetailDrawer job={job} />
      <ExportDialog job={job} open={exportOpen} onClose={() => setExportOpen(false)} />
    </div>
  )
}
