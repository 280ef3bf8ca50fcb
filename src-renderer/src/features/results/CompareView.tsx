import { useCallback, useMemo, useState } from 'react'
import { FileDown, GitCompareArrows, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { CHANGES, type Change, type ComparedNumber, type JobDetail, type JobSummary } from '@contract/types'
import { Button } from '../../components/Button'
import { HorizontalBars } from '../../components/HorizontalBars'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Spinner } from '../../components/Spinner'
import { VirtualTable, type TableColumn } from '../../components/VirtualTable'
import { errorCode, toUiError } from '../../lib/errors'
import { fileStem, formatCount, formatDateTime } from '../../lib/format'
import { useThemeColors } from '../../lib/theme-colors'
import { STATUS_LABELS, lineTypeLabel } from '../../lib/labels'
import { translate } from '../../i18n'
import { useAppStore } from '../../store'
import { COMPARE_PAGE } from '../../store/compare-slice'

/** A change's name in the UI's language. */
export function changeLabel(change: Change): string {
  return translate(`results:compare.change.${change}`)
}

/** Lists the other checks to compare this one with, the same file first. */
export function CompareDialog({
  job,
  open,
  onClose
}: {
  job: JobDetail
  open: boolean
  onClose: () => void
}) {
  const jobs = useAppStore((state) => state.jobs)
  const openComparison = useAppStore((state) => state.openComparison)
  const [filter, setFilter] = useState('')
  const { t } = useTranslation('results')
  const others = useMemo(() => {
    const text = filter.trim().toLowerCase()
    return jobs
      .filter(
        (j) => j.id !== job.id && (j.status === 'done' || j.status === 'paused' || j.status === 'cancelled')
      )
      .filter((j) => !text || `${j.name} ${j.fileName}`.toLowerCase().includes(text))
      .sort(
        (a, b) =>
          Number(b.fileName === job.fileName) - Number(a.fileName === job.fileName) ||
          b.createdAt.localeCompare(a.createdAt)
      )
  }, [jobs, job, filter])
  return (
    <Dialog
      open={open}
      title={t('compare.dialogTitle')}
      description={t('compare.dialogText', { name: job.name })}
      onClose={onClose}
      testId="compare-dialog"
      footer={<Button onClick={onClose}>{t('compare.cancel')}</Button>}
    >
      <input
        type="search"
        className="compare-search"
        placeholder={t('compare.findPlaceholder')}
        aria-label={t('compare.find')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {others.length === 0 ? (
        <p className="dim" data-testid="compare-none">
          {t('compare.none')}
        </p>
      ) : (
        <ul className="compare-choices">
          {others.map((other: JobSummary) => (
            <li key={other.id}>
              <button
                type="button"
                className="compare-choice"
                data-testid={`compare-with-${other.id}`}
                onClick={() => {
                  openComparison(job, other)
                  onClose()
                }}
              >
                <span className="compare-choice-name">{other.name}</span>
                <span className="dim">
                  {[
                    other.fileName,
                    formatDateTime(other.createdAt),
                    t('compare.rows', { count: other.counts.rows }),
                    ...(other.fileName === job.fileName ? [t('compare.sameFile')] : [])
                  ].join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}

/** Two checks of a list side by side: how many numbers changed in each way, and the numbers themselves. */
export function CompareView() {
  const comparison = useAppStore((state) => state.comparison)
  const changes = useAppStore((state) => state.compareChanges)
  const total = useAppStore((state) => state.compareTotal)
  const pages = useAppStore((state) => state.comparePages)
  const version = useAppStore((state) => state.compareVersion)
  const error = useAppStore((state) => state.compareError)
  const toggleChange = useAppStore((state) => state.toggleChange)
  const ensureRows = useAppStore((state) => state.ensureCompareRows)
  const closeComparison = useAppStore((state) => state.closeComparison)
  const exportComparison = useAppStore((state) => state.exportComparison)
  const pickExportPath = useAppStore((state) => state.pickExportPath)
  const pushToast = useAppStore((state) => state.pushToast)
  const revealFile = useAppStore((state) => state.revealFile)
  const { t } = useTranslation('results')
  const [replace, setReplace] = useState<{ handle: string; name: string; format: 'csv' | 'xlsx' } | null>(
    null
  )
  const colors = useThemeColors()

  const getRow = useCallback(
    (index: number) => pages[Math.floor(index / COMPARE_PAGE)]?.[index % COMPARE_PAGE],
    [pages]
  )

  const columns = useMemo<TableColumn<ComparedNumber>[]>(
    () => [
      { key: 'e164', header: t('compare.e164'), width: 168, className: 'mono', render: (r) => r.e164 },
      { key: 'change', header: t('compare.changeColumn'), width: 160, render: (r) => changeLabel(r.change) },
      {
        key: 'status',
        header: t('compare.status'),
        width: 210,
        render: (r) =>
          `${r.oldStatus ? STATUS_LABELS[r.oldStatus] : '—'} → ${r.newStatus ? STATUS_LABELS[r.newStatus] : '—'}`
      },
      {
        key: 'lineType',
        header: t('compare.lineType'),
        width: 240,
        render: (r) => `${lineTypeLabel(r.oldLineType) || '—'} → ${lineTypeLabel(r.newLineType) || '—'}`
      },
      {
        key: 'carrier',
        header: t('compare.carrier'),
        width: 240,
        render: (r) => `${r.oldCarrier ?? '—'} → ${r.newCarrier ?? '—'}`
      }
    ],
    [t]
  )

  async function save(target: { handle: string; name: string }, format: 'csv' | 'xlsx', overwrite: boolean) {
    try {
      const result = await exportComparison({ format, target: target.handle, overwrite })
      const written = result.written[0]
      pushToast({
        kind: 'success',
        message: t('compare.exported', { count: result.rowsWritten, name: written?.name ?? target.name }),
        action: written
          ? { label: t('compare.showInFolder'), run: () => void revealFile(written.handle) }
          : undefined
      })
    } catch (caught) {
      if (!overwrite && errorCode(caught) === 'file_exists') setReplace({ ...target, format })
      else pushToast({ kind: 'error', message: toUiError(caught).message })
    }
  }

  if (!comparison) {
    return error ? (
      <ErrorPanel title={t('compare.failed')} message={error.message} code={error.code} />
    ) : (
      <div className="table-loading">
        <Spinner size={20} label={t('compare.comparing')} />
      </div>
    )
  }
  const data = CHANGES.map((change) => ({
    change,
    label: changeLabel(change),
    count: comparison.counts[change]
  }))
  const stem = fileStem(comparison.newer.fileName)
  return (
    <section className="compare-view" data-testid="compare-view" aria-label={t('compare.label')}>
      <div className="compare-head">
        <GitCompareArrows size={16} aria-hidden="true" />
        <p>
          <strong>{comparison.older.name}</strong>{' '}
          {t('compare.when', { date: formatDateTime(comparison.older.createdAt) })} →{' '}
          <strong>{comparison.newer.name}</strong>{' '}
          {t('compare.when', { date: formatDateTime(comparison.newer.createdAt) })} ·{' '}
          <span data-count>{t('compare.numbers', { count: comparison.total })}</span>
        </p>
        <Button
          size="sm"
          icon={<FileDown size={14} aria-hidden="true" />}
          data-testid="compare-export"
          onClick={async () => {
            const target = await pickExportPath({ defaultName: `${stem}-changes.xlsx`, format: 'xlsx' })
            if (target) await save(target, target.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx', false)
          }}
        >
          {t('compare.export')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon={<X size={14} aria-hidden="true" />}
          data-testid="compare-close"
          onClick={closeComparison}
        >
          {t('compare.close')}
        </Button>
      </div>
      <div className="compare-summary">
        <ul className="compare-changes" aria-label={t('compare.changes')}>
          {data.map((d) => (
            <li key={d.change}>
              <button
                type="button"
                className={`overview-legend-item${changes.includes(d.change) ? ' is-on' : ''}`}
                aria-pressed={changes.includes(d.change)}
                data-testid={`compare-change-${d.change}`}
                onClick={() => toggleChange(d.change)}
              >
                <span className="overview-legend-label">{d.label}</span>
                <span className="overview-legend-count" data-testid={`compare-count-${d.change}`} data-count>
                  {formatCount(d.count)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="compare-chart">
          <HorizontalBars
            data={data.map((d) => ({ value: d.change, label: d.label, count: d.count }))}
            color={colors.accent}
            text={colors.text}
            labelWidth={124}
            valueName={t('compare.numbersName')}
            isOn={(value) => changes.length === 0 || changes.includes(value as Change)}
            onPick={(value) => toggleChange(value as Change)}
          />
        </div>
      </div>
      <div className="results-table-wrap">
        <VirtualTable
          label={t('compare.table')}
          testId="compare-table"
          columns={columns}
          rowCount={total ?? 0}
          rowHeight={32}
          overscan={8}
          getRow={getRow}
          onRangeChange={ensureRows}
          rowTestId={(row) => `compare-row-${row.e164}`}
          rowLabel={(row) => `${row.e164}, ${changeLabel(row.change)}`}
          resetKey={version}
          empty={
            total === null ? (
              <div className="table-loading">
                <Spinner size={20} label={t('compare.loading')} />
              </div>
            ) : (
              <p className="dim compare-empty">{t('compare.noChange')}</p>
            )
          }
        />
        <footer className="table-footer">
          <p className="row-count" data-testid="compare-row-count" aria-live="polite" data-count>
            {total === null
              ? '…'
              : t(changes.length === 0 ? 'compare.changed' : 'compare.chosen', { count: total })}
          </p>
        </footer>
      </div>
      <ConfirmDialog
        open={replace !== null}
        title={t('compare.replaceTitle')}
        message={<p>{t('compare.replaceText', { name: replace?.name ?? '' })}</p>}
        confirmLabel={t('compare.replace')}
        tone="danger"
        testId="compare-confirm-replace"
        onCancel={() => setReplace(null)}
        onConfirm={() => {
          const target = replace
          setReplace(null)
          if (target) void save(target, target.format, true)
        }}
      />
    </section>
  )
}
