import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Download, FileSpreadsheet, FolderOpen, GitCompareArrows, Trash2, TriangleAlert } from 'lucide-react'
import { STATUSES, type JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { StatusChip } from '../../components/StatusChip'
import { formatCount, formatDateTime, formatSpend, regionName } from '../../lib/format'
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
  const revealFile = useAppStore((state) => state.revealFile)
  // The handle main issued for this job's source file: good for showing it in its folder, nothing else.
  const sourceFile = useAppStore((state) => (state.job?.id === job.id ? state.job.sourceFile : null))
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [showWarnings, setShowWarnings] = useState(false)
  const { t } = useTranslation('results')

  const { counts } = job
  const defaultCountry = regionName(job.defaultRegion)

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
            <p className="page-subtitle" title={t('header.defaultCountry', { country: defaultCountry })}>
              <span title={job.filePath}>{job.fileName}</span>
              {sourceFile ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void revealFile(sourceFile)}
                  title={t('header.reveal', { name: job.fileName })}
                  aria-label={t('header.reveal', { name: job.fileName })}
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
              <span data-count>
                {t('header.warnings', {
                  count: job.warnings.length
                })}
              </span>
            </Button>
          ) : null}
          {job.live && job.status === 'done' ? <RecheckMenu job={job} /> : null}
          <Button
            variant="ghost"
            icon={<GitCompareArrows size={15} aria-hidden="true" />}
            onClick={onCompare}
            data-testid="open-compare"
          >
            {t('header.compare')}
          </Button>
          <Button
            variant="ghost"
            icon={<Trash2 size={15} aria-hidden="true" />}
            onClick={() => setConfirmDelete(true)}
            data-testid="delete-job"
          >
            {t('header.delete')}
          </Button>
          <Button
            variant="primary"
            icon={<Download size={15} aria-hidden="true" />}
            onClick={onExport}
            data-testid="open-export"
            data-shortcut="export"
          >
            {t('header.export')}
          </Button>
        </div>
      </div>

      {showWarnings ? (
        <ul className="callout callout-warning results-warnings" aria-label={t('header.importWarnings')}>
          {job.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}

      <div className="summary-strip">
        <dl className="summary-totals">
          <div title={t('header.rowsTitle')}>
            <dt>{t('header.rows')}</dt>
            <dd data-testid="total-rows" data-count>
              {formatCount(counts.rows)}
            </dd>
          </div>
          <div title={t('header.numbersTitle')}>
            <dt>{t('header.numbers')}</dt>
            <dd data-testid="total-numbers" data-count>
              {formatCount(counts.numbers)}
            </dd>
          </div>
          <div title={t('header.uniqueTitle')}>
            <dt>{t('header.unique')}</dt>
            <dd data-testid="total-unique" data-count>
              {formatCount(counts.unique)}
            </dd>
          </div>
          <div title={t('header.noNumberTitle')}>
            <dt>{t('header.noNumber')}</dt>
            <dd data-testid="total-empty" data-count>
              {formatCount(counts.emptyRows)}
            </dd>
          </div>
          {job.live ? (
            <div title={t('header.spentTitle')}>
              <dt>{t('header.spent')}</dt>
              <dd data-testid="total-spend" data-count>
                {formatSpend(job.live.spend, '0.00')}
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="status-tiles" role="group" aria-label={t('header.statusFilter')}>
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
        title={t('header.deleteTitle')}
        message={t('header.deleteMessage', { name: job.name, file: job.fileName })}
        confirmLabel={t('header.deleteConfirm')}
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
