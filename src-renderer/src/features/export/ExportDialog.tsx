import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FileSpreadsheet, FileText } from 'lucide-react'
import type { ExportOutcome, PickedFile } from '@contract/api'
import type { ExportFormat, ExportMode, JobDetail, UiLanguage } from '@contract/types'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Dialog } from '../../components/Dialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { ProgressBar } from '../../components/ProgressBar'
import { errorCode, toUiError, type UiError } from '../../lib/errors'
import { fileStem } from '../../lib/format'
import { useAppStore } from '../../store'
import { hasActiveFilter } from '../../store/results-slice'

const MODES: ExportMode[] = ['cleaned', 'full', 'split']

/** Each language named in itself, whatever the UI's language. */
const FILE_LANGUAGES: { language: UiLanguage; name: string }[] = [
  { language: 'en', name: 'English' },
  { language: 'zh-CN', name: '中文' }
]

/** A quick export finishes before the progress would show: it would only flash. */
const PROGRESS_DELAY_MS = 400

const SUFFIX: Record<ExportMode, string> = { cleaned: 'cleaned', full: 'results', split: 'by-status' }

type Confirm = { kind: 'exists' | 'source'; target: PickedFile } | null

/** Set when the user cancelled the last export: the file it was to replace, if any, kept its contents. */
type Cancelled = { kept: string | null } | null

interface ExportDialogProps {
  job: JobDetail
  open: boolean
  onClose: () => void
}

export function ExportDialog({ job, open, onClose }: ExportDialogProps) {
  const { t } = useTranslation('export')
  const pickExportPath = useAppStore((state) => state.pickExportPath)
  const runExport = useAppStore((state) => state.runExport)
  const cancelExport = useAppStore((state) => state.cancelExport)
  const exportRun = useAppStore((state) => state.exportRun)
  const revealFile = useAppStore((state) => state.revealFile)
  const pushToast = useAppStore((state) => state.pushToast)

  const [mode, setMode] = useState<ExportMode>('cleaned')
  const [format, setFormat] = useState<ExportFormat>('xlsx')
  const [fileLanguage, setFileLanguage] = useState<UiLanguage>('en')
  const [keepUnknown, setKeepUnknown] = useState(false)
  const [onlyView, setOnlyView] = useState(true)
  const [dedupe, setDedupe] = useState(false)
  const [busy, setBusy] = useState(false)
  const [progressShownFor, setProgressShownFor] = useState<string | null>(null)
  const filter = useAppStore((state) => state.filter)
  const sort = useAppStore((state) => state.sort)
  const viewTotal = useAppStore((state) => state.total)
  const resultsJobId = useAppStore((state) => state.resultsJobId)
  // The results screen narrows or orders this job's rows: the export can follow it.
  const hasView = resultsJobId === job.id && (hasActiveFilter(filter) || sort !== null)
  const view = hasView && onlyView ? { filter, ...(sort ? { sort } : {}) } : undefined
  const [error, setError] = useState<UiError | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [cancelled, setCancelled] = useState<Cancelled>(null)

  // The progress shows once an export has run a moment; a quick one closes the dialog before that.
  const runningId = busy ? (exportRun?.exportId ?? null) : null
  useEffect(() => {
    if (!runningId) return
    const timer = setTimeout(() => setProgressShownFor(runningId), PROGRESS_DELAY_MS)
    return () => clearTimeout(timer)
  }, [runningId])

  const { byStatus } = job.counts
  const cleanedRows = byStatus.active + byStatus.unchecked + (keepUnknown ? byStatus.unknown : 0)
  const rowsEstimate = view ? (viewTotal ?? 0) : mode === 'cleaned' ? cleanedRows : job.counts.rows
  const repeated = job.counts.numbers - job.counts.unique
  const run = busy ? exportRun : null
  const showProgress = run !== null && progressShownFor === run.exportId

  function close() {
    if (busy) return
    setError(null)
    setConfirm(null)
    setCancelled(null)
    onClose()
  }

  function succeed(result: ExportOutcome) {
    setBusy(false)
    setConfirm(null)
    onClose()
    const first = result.written[0]
    const rows = result.rowsWritten
    pushToast({
      kind: 'success',
      message:
        result.written.length === 1
          ? t('toast.done', { rows, file: first.name })
          : t('toast.doneFiles', { rows, files: result.written.length, file: first ? first.name : '' }),
      action: first ? { label: t('toast.reveal'), run: () => void revealFile(first.handle) } : undefined
    })
  }

  async function write(target: PickedFile, overwrite: boolean) {
    setBusy(true)
    setError(null)
    setCancelled(null)
    try {
      const result = await runExport({
        jobId: job.id,
        mode,
        format,
        keepUnknown: mode === 'cleaned' ? keepUnknown : false,
        target: target.handle,
        overwrite,
        fileLanguage,
        ...(view ? { view } : {}),
        ...(dedupe ? { dedupe } : {})
      })
      succeed(result)
    } catch (caught) {
      setBusy(false)
      const code = errorCode(caught)
      if (code === 'export_cancelled') {
        setCancelled({ kept: overwrite ? target.name : null })
      } else if (!overwrite && code === 'file_exists') {
        setConfirm({ kind: 'exists', target })
      } else if (!overwrite && code === 'would_overwrite_source') {
        setConfirm({ kind: 'source', target })
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

  // While it shows, the options (disabled anyway) make room, so the bar stays in sight at any window size.
  const progressText =
    run && run.total !== null
      ? t('progress.rows', { written: run.rowsWritten, total: run.total })
      : t('progress.preparing')

  return (
    <>
      <Dialog
        open={open}
        title={t('dialog.title')}
        onClose={close}
        testId="export-dialog"
        description={t('dialog.description', { name: job.name, rows: job.counts.rows })}
        footer={
          <>
            <span className="dialog-footer-note" aria-live="polite">
              {mode === 'split'
                ? t('footer.split', { rows: job.counts.rows, format })
                : t('footer.about', { rows: rowsEstimate })}
            </span>
            {busy ? (
              <Button
                onClick={() => void cancelExport()}
                disabled={!run || run.cancelling}
                data-testid="export-cancel"
              >
                {run?.cancelling ? t('progress.cancelling') : t('progress.cancel')}
              </Button>
            ) : (
              <Button onClick={close}>{t('dialog.cancel')}</Button>
            )}
            <Button variant="primary" onClick={() => void start()} busy={busy} data-testid="export-confirm">
              {t('dialog.confirm')}
            </Button>
          </>
        }
      >
        {error ? <ErrorPanel title={t('dialog.failed')} message={error.message} code={error.code} /> : null}

        {cancelled ? (
          <div className="export-cancelled" role="status" data-testid="export-cancelled">
            <strong>{t('cancelled.title')}</strong>
            <span>
              {cancelled.kept ? t('cancelled.kept', { name: cancelled.kept }) : t('cancelled.nothingWritten')}
            </span>
          </div>
        ) : null}

        {showProgress && run ? (
          <section className="export-progress" data-testid="export-progress" aria-label={t('progress.label')}>
            <div className="export-progress-head">
              <strong>{t('progress.title')}</strong>
              <span className="export-progress-rows" aria-live="polite" data-testid="export-progress-rows">
                {progressText}
              </span>
            </div>
            <ProgressBar
              value={run.rowsWritten}
              max={run.total ?? 0}
              indeterminate={run.total === null}
              label={t('progress.label')}
              testId="export-progress-bar"
            />
          </section>
        ) : (
          <>
            {hasView ? (
              <fieldset className="choice-group choice-inline" data-testid="export-scope">
                <legend>{t('scope.legend')}</legend>
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
                    <span className="choice-title">{t('scope.view', { rows: viewTotal ?? 0 })}</span>
                    <span className="choice-description">
                      {sort ? t('scope.viewSorted') : t('scope.viewFiltered')}
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
                    <span className="choice-title">{t('scope.all', { rows: job.counts.rows })}</span>
                    <span className="choice-description">{t('scope.allDescription')}</span>
                  </span>
                </label>
              </fieldset>
            ) : null}

            <fieldset className="choice-group">
              <legend>{t('mode.legend')}</legend>
              {MODES.map((choice) => (
                <label key={choice} className={`choice${mode === choice ? ' is-checked' : ''}`}>
                  <input
                    type="radio"
                    name="export-mode"
                    value={choice}
                    checked={mode === choice}
                    onChange={() => setMode(choice)}
                    data-testid={`export-mode-${choice}`}
                    disabled={busy}
                  />
                  <span className="choice-text">
                    <span className="choice-title">{t(`mode.${choice}Title`)}</span>
                    <span className="choice-description">{t(`mode.${choice}Description`, { format })}</span>
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
                {t('keepUnknown')}{' '}
                <span className="dim">{t('keepUnknownCount', { rows: byStatus.unknown })}</span>
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
                {t('dedupe')} <span className="dim">{t('dedupeCount', { count: repeated })}</span>
              </span>
            </label>

            <fieldset className="choice-group choice-inline">
              <legend>{t('format.legend')}</legend>
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
                    <span className="choice-title">{t(`format.${fmt}`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>

            <fieldset className="choice-group choice-inline" data-testid="export-file-language">
              <legend>{t('language.legend')}</legend>
              {FILE_LANGUAGES.map(({ language, name }) => (
                <label
                  key={language}
                  className={`choice choice-compact${fileLanguage === language ? ' is-checked' : ''}`}
                >
                  <input
                    type="radio"
                    name="export-file-language"
                    value={language}
                    checked={fileLanguage === language}
                    onChange={() => setFileLanguage(language)}
                    data-testid={`export-file-language-${language}`}
                    disabled={busy}
                  />
                  <span className="choice-text">
                    <span className="choice-title" lang={language}>
                      {name}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
            <p className="export-language-hint">
              {fileLanguage === 'zh-CN' ? t('language.hintChinese') : t('language.hint')}
            </p>
          </>
        )}
      </Dialog>

      <ConfirmDialog
        open={confirm?.kind === 'exists'}
        title={t('replace.title')}
        message={<p>{t('replace.message', { name: confirm ? confirm.target.name : '' })}</p>}
        confirmLabel={t('replace.confirm')}
        cancelLabel={t('dialog.cancel')}
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
        title={t('source.title')}
        message={
          <>
            <p>{t('source.message', { name: confirm ? confirm.target.name : '' })}</p>
            <p className="dim">{t('source.hint')}</p>
          </>
        }
        confirmLabel={t('source.confirm')}
        cancelLabel={t('dialog.cancel')}
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
