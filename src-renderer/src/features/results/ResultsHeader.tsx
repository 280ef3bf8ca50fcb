import { useState } from 'react'
import { Download, FileSpreadsheet, FolderOpen, GitCompareArrows, Trash2, TriangleAlert } from 'lucide-react'
import { STATUSES, type JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { StatusChip } from '../../components/StatusChip'
import { formatCount, formatDateTime, formatSpend } from '../../lib/format'
import { JOB_STATUS_LABELS, PAUSE_SHORT } from '../../lib/labels'
import { useAppStore } from '../../store'
import { RecheckMenu } from './RecheckMenu'

export function ResultsHeader({
  job,
  onExport,
  onCompare
}: {
  job: JobDetail
  onExport: () => void
  onCompare: () => void
}) {
  const filterStatuses = useAppStore((state) => state.filter.statuses)
  const toggleStatus = useAppStore((state) => state.toggleStatus)
  const removeJob = useAppStore((state) => state.removeJob)
  const appInfo = useAppStore((state) => state.appInfo)
  const revealFile = useAppStore((state) => state.revealFile)
  // The handle main issued for this job's source file: good for showing it in its folder, nothing else.
  const sourceFile = useAppStore((state) => (state.job?.id === job.id ? state.job.sourceFile : null))
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [showWarnings, setShowWarnings] = useState(false)

  const { counts } = job
  const regionName = appInfo?.regions.find((r) => r.code === job.defaultRegion)?.name ?? job.defaultRegion

  return (
    <header className="results-header">
      <div className="results-title-row">
        <div className="file-heading">
          <div className="file-icon" aria-hidden="true">
            <FileSpreadsheet size={22} strokeWidth={1.7} />
          </div>
          <div className="file-heading-text">
            <h1 className="page-title">
              {job.name}
              {job.status !== 'done' ? (
                <span className={`job-status job-status-${job.status}`}>
                  {job.status === 'paused' && job.live?.pauseReason
                    ? PAUSE_SHORT[job.live.pauseReason]
                    : JOB_STATUS_LABELS[job.status]}
                </span>
              ) : null}
            </h1>
            <p className="page-subtitle" title={`Default country: ${regionName}`}>
              <span title={job.filePath}>{job.fileName}</span>
              {sourceFile ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void revealFile(sourceFile)}
                  title={`Show ${job.fileName} in its folder`}
                  aria-label={`Show ${job.fileName} in its folder`}
                  data-testid="reveal-source"
                >
                  <FolderOpen size={13} aria-hidden="true" />
                </button>
              ) : null}
              {job.sheet && job.format !== 'csv' && job.format !== 'vcf' ? ` · ${job.sheet}` : ''} ·{' '}
              {formatDateTime(job.createdAt)}
            </p>
          </div>
        </div>
        <div className="page-actions">
          {job.warnings.length > 0 ? (
            <Button
              variant="ghost"
              icon={<TriangleAlert size={15} aria-hidden="true" />}
              aria-expanded={showWarnings}
              onClick={() => setShowWarnings((value) => !value)}
            >
              {job.warnings.length} {job.warnings.length === 1 ? 'warning' : 'warnings'}
            </Button>
          ) : null}
          {job.live && job.status === 'done' ? <RecheckMenu job={job} /> : null}
          <Button
            variant="ghost"
            icon={<GitCompareArrows size={15} aria-hidden="true" />}
            onClick={onCompare}
            data-testid="open-compare"
          >
            Compare…
          </Button>
          <Button
            variant="ghost"
            icon={<Trash2 size={15} aria-hidden="true" />}
            onClick={() => setConfirmDelete(true)}
            data-testid="delete-job"
          >
            Delete
          </Button>
          <Button
            variant="primary"
            icon={<Download size={15} aria-hidden="true" />}
            onClick={onExport}
            data-testid="open-export"
          >
            Export…
          </Button>
        </div>
      </div>

      {showWarnings ? (
        <ul className="callout callout-warning results-warnings" aria-label="Import warnings">
          {job.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}

      <div className="summary-strip">
        <dl className="summary-totals">
          <div title="Data rows imported from the sheet">
            <dt>Rows</dt>
            <dd data-testid="total-rows">{formatCount(counts.rows)}</dd>
          </div>
          <div title="Phone numbers found in the phone columns (a cell may hold several)">
            <dt>Numbers</dt>
            <dd data-testid="total-numbers">{formatCount(counts.numbers)}</dd>
          </div>
          <div title="Distinct numbers after normalization">
            <dt>Unique</dt>
            <dd data-testid="total-unique">{formatCount(counts.unique)}</dd>
          </div>
          <div title="Rows in which no phone number was found">
            <dt>No number</dt>
            <dd data-testid="total-empty">{formatCount(counts.emptyRows)}</dd>
          </div>
          {job.live ? (
            <div title="Paid to the status providers for this check">
              <dt>Spent</dt>
              <dd data-testid="total-spend">{formatSpend(job.live.spend, '0.00')}</dd>
            </div>
          ) : null}
        </dl>
        <div className="status-tiles" role="group" aria-label="Filter by status">
          {STATUSES.map((status) => (
            <StatusChip
              key={status}
              variant="tile"
              status={status}
              count={counts.byStatus[status]}
              total={counts.rows}
              pressed={filterStatuses?.includes(status) ?? false}
              dimmed={counts.byStatus[status] === 0}
              onToggle={toggleStatus}
            />
          ))}
        </div>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        title="Delete this check?"
        message={
          <>
            “{job.name}” and all its results will be removed from Ringtrue. The original file{' '}
            <strong>{job.fileName}</strong> is not touched.
          </>
        }
        confirmLabel="Delete check"
        tone="danger"
        busy={deleting}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={async () => {
          setDeleting(true)
          const removed = await removeJob(job.id)
          setDeleting(false)
          if (removed) setConfirmDelete(false)
        }}
      />
    </header>
  )
}
