import { useState } from 'react'
import { FileSpreadsheet, FileText } from 'lucide-react'
import type { ExportOutcome, PickedFile } from '@contract/api'
import type { ExportFormat, ExportMode, JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { errorCode, toUiError, type UiError } from '../../lib/errors'
import { fileStem, formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { hasActiveFilter } from '../../store/results-slice'

interface ModeChoice {
  mode: ExportMode
  title: string
  description: (format: ExportFormat) => string
}

const MODES: ModeChoice[] = [
  {
    mode: 'cleaned',
    title: 'Cleaned list (active + unchecked)',
    description: () => 'Only rows worth contacting, with the original columns and the check results.'
  },
  {
    mode: 'full',
    title: 'Full list with results',
    description: () => 'Every row in its original order, with status, reason and E.164 columns added.'
  },
  {
    mode: 'split',
    title: 'One file/sheet per status',
    description: (format) =>
      format === 'xlsx'
        ? 'One workbook with a sheet for each status.'
        : 'A separate CSV file for each status.'
  }
]

const SUFFIX: Record<ExportMode, string> = { cleaned: 'cleaned', full: 'results', split: 'by-status' }

type Confirm = { kind: 'exists' | 'source'; target: PickedFile; message: string } | null

interface ExportDialogProps {
  job: JobDetail
  open: boolean
  onClose: () => void
}

export function ExportDialog({ job, open, onClose }: ExportDialogProps) {
  const pickExportPath = useAppStore((state) => state.pickExportPath)
  const runExport = useAppStore((state) => state.runExport)
  const revealFile = useAppStore((state) => state.revealFile)
  const pushToast = useAppStore((state) => state.pushToast)

  const [mode, setMode] = useState<ExportMode>('cleaned')
  const [format, setFormat] = useState<ExportFormat>('xlsx')
  const [keepUnknown, setKeepUnknown] = useState(false)
  const [onlyView, setOnlyView] = useState(true)
  const [dedupe, setDedupe] = useState(false)
  const [busy, setBusy] = useState(false)
  const filter = useAppStore((state) => state.filter)
  const sort = useAppStore((state) => state.sort)
  const viewTotal = useAppStore((state) => state.total)
  const resultsJobId = useAppStore((state) => state.resultsJobId)
  // The results screen narrows or orders this job's rows: the export can follow it.
  const hasView = resultsJobId === job.id && (hasActiveFilter(filter) || sort !== null)
  const view = hasView && onlyView ? { filter, ...(sort ? { sort } : {}) } : undefined
  const [error, setError] = useState<UiError | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)

  const { byStatus } = job.counts
  const cleanedRows = byStatus.active + byStatus.unchecked + (keepUnknown ? byStatus.unknown : 0)
  const rowsEstimate = view ? (viewTotal ?? 0) : mode === 'cleaned' ? cleanedRows : job.counts.rows

  function close() {
    if (busy) return
    setError(null)
    setConfirm(null)
    onClose()
  }

  function succeed(result: ExportOutcome) {
    setBusy(false)
    setConfirm(null)
    onClose()
    const first = result.written[0]
    const where =
      result.written.length === 1
        ? first.name
        : `${result.written.length} files (${first ? first.name : ''}, …)`
    pushToast({
      kind: 'success',
      message: `Exported ${formatCount(result.rowsWritten)} ${result.rowsWritten === 1 ? 'row' : 'rows'} to ${where}`,
      action: first ? { label: 'Show in folder', run: () => void revealFile(first.handle) } : undefined
    })
  }

  async function write(target: PickedFile, overwrite: boolean) {
    setBusy(true)
    setError(null)
    try {
      const result = await runExport({
        jobId: job.id,
        mode,
        format,
        keepUnknown: mode === 'cleaned' ? keepUnknown : false,
        target: target.handle,
        overwrite,
        ...(view ? { view } : {}),
        ...(dedupe ? { dedupe } : {})
      })
      succeed(result)
    } catch (caught) {
      setBusy(false)
      const code = errorCode(caught)
      const message = toUiError(caught).message
      if (!overwrite && code === 'file_exists') {
        setConfirm({ kind: 'exists', target, message })
      } else if (!overwrite && code === 'would_overwrite_source') {
        setConfirm({ kind: 'source', target, message })
      } else {
        setError(toUiError(caught))
      }
    }
  }

  async function start() {
    setError(null)
    let target: PickedFile | null
    try {
      target = await pickExportPath({
        defaultName: `${fileStem(job.fileName)}-${SUFFIX[mode]}.${format}`,
        format
      })
    } catch (caught) {
      setError(toUiError(caught))
      return
    }
    if (!target) return
    await write(target, false)
  }

  return (
    <>
      <Dialog
        open={open}
        title="Export results"
        onClose={close}
        testId="export-dialog"
        description={`From “${job.name}” — ${formatCount(job.counts.rows)} rows. The original file is never changed.`}
        footer={
          <>
            <span className="dialog-footer-note" aria-live="polite">
              {mode === 'split'
                ? `${formatCount(job.counts.rows)} rows across ${format === 'xlsx' ? 'sheets' : 'files'}`
                : `About ${formatCount(rowsEstimate)} rows`}
            </span>
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button variant="primary" onClick={() => void start()} busy={busy} data-testid="export-confirm">
              Export…
            </Button>
          </>
        }
      >
        {error ? <ErrorPanel title="Export failed" message={error.message} code={error.code} /> : null}

        {hasView ? (
          <fieldset className="choice-group choice-inline" data-testid="export-scope">
            <legend>Rows</legend>
            <label className={`choice choice-compact${onlyView ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="export-scope"
                checked={onlyView}
                onChange={() => setOnlyView(true)}
                data-testid="export-scope-view"
                disabled={busy}
              />
              <span className="choice-text">
                <span className="choice-title">
                  This view ({formatCount(viewTotal ?? 0)} {viewTotal === 1 ? 'row' : 'rows'})
                </span>
                <span className="choice-description">
                  {sort ? 'As filtered and sorted on screen.' : 'As filtered on screen.'}
                </span>
              </span>
            </label>
            <label className={`choice choice-compact${!onlyView ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="export-scope"
                checked={!onlyView}
                onChange={() => setOnlyView(false)}
                data-testid="export-scope-all"
                disabled={busy}
              />
              <span className="choice-text">
                <span className="choice-title">All {formatCount(job.counts.rows)} rows</span>
                <span className="choice-description">In the list's own order.</span>
              </span>
            </label>
          </fieldset>
        ) : null}

        <fieldset className="choice-group">
          <legend>What to export</legend>
          {MODES.map((choice) => (
            <label key={choice.mode} className={`choice${mode === choice.mode ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="export-mode"
                value={choice.mode}
                checked={mode === choice.mode}
                onChange={() => setMode(choice.mode)}
                data-testid={`export-mode-${choice.mode}`}
                disabled={busy}
              />
              <span className="choice-text">
                <span className="choice-title">{choice.title}</span>
                <span className="choice-description">{choice.description(format)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <label className={`checkbox-row${mode !== 'cleaned' ? ' is-disabled' : ''}`}>
          <input
            type="checkbox"
            checked={keepUnknown}
            onChange={(event) => setKeepUnknown(event.target.checked)}
            disabled={mode !== 'cleaned' || busy}
            data-testid="export-keep-unknown"
          />
          <span>
            Also keep unknown <span className="dim">({formatCount(byStatus.unknown)} rows)</span>
          </span>
        </label>

        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={dedupe}
            onChange={(event) => setDedupe(event.target.checked)}
            disabled={busy}
            data-testid="export-dedupe"
          />
          <span>
            Keep only the first row of each number{' '}
            <span className="dim">
              ({formatCount(job.counts.numbers - job.counts.unique)} repeated{' '}
              {job.counts.numbers - job.counts.unique === 1 ? 'number' : 'numbers'} in this check)
            </span>
          </span>
        </label>

        <fieldset className="choice-group choice-inline">
          <legend>Format</legend>
          {(['xlsx', 'csv'] as const).map((fmt) => (
            <label key={fmt} className={`choice choice-compact${format === fmt ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="export-format"
                value={fmt}
                checked={format === fmt}
                onChange={() => setFormat(fmt)}
                data-testid={`export-format-${fmt}`}
                disabled={busy}
              />
              {fmt === 'xlsx' ? (
                <FileSpreadsheet size={16} aria-hidden="true" />
              ) : (
                <FileText size={16} aria-hidden="true" />
              )}
              <span className="choice-text">
                <span className="choice-title">{fmt === 'xlsx' ? 'Excel (.xlsx)' : 'CSV (.csv)'}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </Dialog>

      <ConfirmDialog
        open={confirm?.kind === 'exists'}
        title="Replace it?"
        message={
          confirm?.message ? (
            <p>{confirm.message}</p>
          ) : (
            <p>
              <strong>{confirm ? confirm.target.name : ''}</strong> already exists. Replacing it overwrites
              its current contents.
            </p>
          )
        }
        confirmLabel="Replace"
        tone="danger"
        testId="confirm-replace"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const target = confirm?.target
          setConfirm(null)
          if (target) void write(target, true)
        }}
      />

      <ConfirmDialog
        open={confirm?.kind === 'source'}
        title="Overwrite the original file?"
        message={
          <>
            <p>
              <strong>{confirm ? confirm.target.name : ''}</strong> is the original file this check was
              imported from. Exporting here would overwrite the original imported file and its data cannot be
              recovered by Ringtrue.
            </p>
            <p className="dim">Choose Cancel and pick another name to keep the original.</p>
          </>
        }
        confirmLabel="Overwrite original file"
        tone="danger"
        testId="confirm-overwrite-source"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const target = confirm?.target
          setConfirm(null)
          if (target) void write(target, true)
        }}
      />
    </>
  )
}
