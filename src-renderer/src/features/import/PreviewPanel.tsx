import { useMemo } from 'react'
import { ArrowRight, FileSpreadsheet, RefreshCw, TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '@contract/types'
import { Button } from '../../components/Button'
import { Combobox, type ComboboxOption } from '../../components/Combobox'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Select } from '../../components/Select'
import { Spinner } from '../../components/Spinner'
import { flagEmoji, formatBytes, formatCell, regionName } from '../../lib/format'
import { delimiterLabel, formatLabel, providerLabel } from '../../lib/labels'
import { buildLivePlan } from '../../lib/live-plan'
import { useAppStore } from '../../store'
import { ColumnMapping } from './ColumnMapping'
import { CountrySplitPanel } from './CountrySplitPanel'
import { PaidCheckSection } from './PaidCheckSection'
import { SampleGrid } from './SampleGrid'

const HEADER_CHOICES = 20

export function PreviewPanel({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation('import')
  const busy = useAppStore((state) => state.previewBusy)
  const phase = useAppStore((state) => state.importPhase)
  const error = useAppStore((state) => state.importError)
  const phoneColumns = useAppStore((state) => state.phoneColumns)
  const countryColumn = useAppStore((state) => state.countryColumn)
  const chosenRegion = useAppStore((state) => state.defaultRegion)
  const appInfo = useAppStore((state) => state.appInfo)
  const changeSheet = useAppStore((state) => state.changeSheet)
  const changeHeaderRow = useAppStore((state) => state.changeHeaderRow)
  const setCountryColumn = useAppStore((state) => state.setCountryColumn)
  const setDefaultRegion = useAppStore((state) => state.setDefaultRegion)
  const startImport = useAppStore((state) => state.startImport)
  const chooseFile = useAppStore((state) => state.chooseFile)
  const dismissError = useAppStore((state) => state.dismissImportError)
  const liveDraft = useAppStore((state) => state.liveDraft)
  const overview = useAppStore((state) => state.providers)

  const region = chosenRegion ?? appInfo?.defaultRegion ?? null
  const creating = phase === 'creating'
  const locked = busy || creating

  const regionOptions = useMemo<ComboboxOption[]>(
    () =>
      (appInfo?.regions ?? []).map((r) => ({
        value: r.code,
        label: regionName(r.code, appInfo?.regions),
        hint: r.callingCode ? `+${r.callingCode.replace(/^\+/, '')}` : undefined,
        prefix: flagEmoji(r.code)
      })),
    [appInfo]
  )

  const headerChoices = useMemo(() => {
    // Offer the first non-empty rows of the sample (by their sheet row), always including the current header.
    const candidates = preview.sampleRowIndexes
      .map((row, i) => ({ row, cells: preview.sampleRows[i] }))
      .filter(({ row, cells }) => cells.length > 0 || row === preview.headerRow)
      .slice(0, HEADER_CHOICES)
    if (preview.headerRow !== null && !candidates.some((c) => c.row === preview.headerRow)) {
      const at = preview.sampleRowIndexes.indexOf(preview.headerRow)
      candidates.push({ row: preview.headerRow, cells: preview.sampleRows[at] ?? [] })
    }
    return candidates.map(({ row, cells: rowCells }) => {
      const cells = rowCells
        .map((cell) => formatCell(cell).trim())
        .filter(Boolean)
        .slice(0, 3)
      const hint = cells.join(', ')
      return {
        row,
        label: hint
          ? t('preview.headerChoiceHint', { row: row + 1, hint: truncate(hint, 42) })
          : t('preview.headerChoice', { row: row + 1 })
      }
    })
  }, [preview, t])

  const meta = [
    formatLabel(preview.format),
    formatBytes(preview.fileSize),
    preview.encoding,
    preview.delimiter !== null
      ? t('preview.separated', { delimiter: delimiterLabel(preview.delimiter) })
      : null,
    t('preview.rows', { count: preview.totalRows }),
    preview.blankRows ? t('preview.blankRows', { count: preview.blankRows }) : null
  ].filter(Boolean)

  const plan = liveDraft.enabled ? buildLivePlan(liveDraft) : null
  const chain = liveDraft.route.map((step) => providerLabel(step.provider, overview?.providers)).join(' → ')
  const columnNames = phoneColumns
    .map((index) => preview.columns.find((c) => c.index === index)?.header ?? '')
    .join(', ')

  return (
    <div className="page page-preview" data-testid="preview-panel" aria-busy={busy || undefined}>
      <header className="page-header">
        <div className="file-heading">
          <div className="file-icon" aria-hidden="true">
            <FileSpreadsheet size={22} strokeWidth={1.7} />
          </div>
          <div className="file-heading-text">
            <h1 className="page-title" title={preview.filePath}>
              {preview.fileName}
            </h1>
            <p className="page-subtitle" data-testid="file-meta">
              {meta.join(' · ')}
            </p>
          </div>
        </div>
        <div className="page-actions">
          {busy ? <Spinner size={16} label={t('preview.updating')} /> : null}
          <Button
            variant="ghost"
            icon={<RefreshCw size={15} aria-hidden="true" />}
            onClick={() => void chooseFile()}
            disabled={creating}
          >
            {t('preview.chooseAnother')}
          </Button>
        </div>
      </header>

      {error ? (
        <ErrorPanel
          title={creating ? t('preview.startFailed') : t('preview.fileProblem')}
          message={error.message}
          code={error.code}
          onDismiss={dismissError}
        />
      ) : null}

      <section className="card settings-card" aria-label={t('preview.settings')}>
        <div className="settings-grid">
          <Select
            label={t('preview.sheet')}
            testId="sheet-select"
            value={preview.sheet}
            disabled={locked || preview.sheets.length <= 1}
            onChange={(event) => void changeSheet(event.target.value)}
          >
            {preview.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {t(sheet.hidden ? 'preview.sheetOptionHidden' : 'preview.sheetOption', {
                  name: sheet.name,
                  count: sheet.rows
                })}
              </option>
            ))}
          </Select>
          <Select
            label={t('preview.headerRow')}
            testId="header-row-select"
            value={preview.headerRow === null ? 'none' : String(preview.headerRow)}
            disabled={locked}
            onChange={(event) =>
              void changeHeaderRow(event.target.value === 'none' ? null : Number(event.target.value))
            }
          >
            {headerChoices.map((choice) => (
              <option key={choice.row} value={String(choice.row)}>
                {choice.label}
              </option>
            ))}
            <option value="none">{t('preview.noHeader')}</option>
          </Select>
          <Select
            label={t('preview.countryColumn')}
            testId="country-select"
            value={countryColumn === null ? 'none' : String(countryColumn)}
            disabled={locked}
            onChange={(event) =>
              setCountryColumn(event.target.value === 'none' ? null : Number(event.target.value))
            }
          >
            <option value="none">{t('preview.countryNone')}</option>
            {preview.columns.map((column) => (
              <option key={column.index} value={String(column.index)}>
                {t(
                  column.index === preview.suggestedCountryColumn
                    ? 'preview.countryOptionSuggested'
                    : 'preview.countryOption',
                  { letter: column.letter, header: column.header }
                )}
              </option>
            ))}
          </Select>
          <Combobox
            label={t('preview.defaultCountry')}
            testId="region-select"
            options={regionOptions}
            value={region}
            onChange={setDefaultRegion}
            placeholder={t('preview.searchCountries')}
          />
        </div>
        <CountryColumnNote
          preview={preview}
          countryColumn={countryColumn}
          disabled={locked}
          onChange={setCountryColumn}
        />
      </section>

      <CountrySplitPanel disabled={locked} totalRows={preview.totalRows} />

      {preview.warnings.length > 0 ? (
        <section
          className="callout callout-warning"
          aria-label={t('preview.warnings')}
          data-testid="import-warnings"
        >
          <TriangleAlert size={16} aria-hidden="true" className="callout-icon" />
          <ul>
            {preview.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <ColumnMapping preview={preview} disabled={locked} />

      <PaidCheckSection disabled={locked} />

      <SampleGrid preview={preview} phoneColumns={phoneColumns} countryColumn={countryColumn} />

      <footer className="action-bar">
        <p
          className={`action-bar-summary${plan && !plan.ok ? ' is-error' : ''}`}
          aria-live="polite"
          data-testid="import-summary"
        >
          {phoneColumns.length === 0
            ? t('preview.noPhoneColumn')
            : plan && !plan.ok
              ? plan.error
              : plan
                ? t('preview.summaryPaid', { count: phoneColumns.length, names: columnNames, chain })
                : t('preview.summaryOffline', { count: phoneColumns.length, names: columnNames })}
        </p>
        <Button
          variant="primary"
          size="lg"
          data-testid="start-import"
          disabled={phoneColumns.length === 0 || busy || (plan !== null && !plan.ok)}
          busy={creating}
          onClick={() => void startImport()}
          icon={<ArrowRight size={16} aria-hidden="true" />}
        >
          {t('preview.start', { count: preview.totalRows })}
        </Button>
      </footer>
    </div>
  )
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * What the country column does, said where it is chosen: a suggested column is marked as such and one click
 * stops using it (or uses it again).
 */
function CountryColumnNote({
  preview,
  countryColumn,
  disabled,
  onChange
}: {
  preview: ImportPreview
  countryColumn: number | null
  disabled: boolean
  onChange: (index: number | null) => void
}) {
  const { t } = useTranslation('import')
  const suggested = preview.suggestedCountryColumn
  const headerOf = (index: number): string => {
    const column = preview.columns.find((c) => c.index === index)
    return column ? column.header || t('countryNote.column', { letter: column.letter }) : ''
  }
  if (countryColumn !== null) {
    return (
      <div className="settings-hint country-note" data-testid="country-note">
        <p>
          {t(countryColumn === suggested ? 'countryNote.appliedSuggested' : 'countryNote.applied', {
            header: headerOf(countryColumn)
          })}
        </p>
        <Button
          variant="ghost"
          size="sm"
          data-testid="country-dont-use"
          disabled={disabled}
          onClick={() => onChange(null)}
        >
          {t('countryNote.dontUse')}
        </Button>
      </div>
    )
  }
  return (
    <div className="settings-hint country-note" data-testid="country-note">
      <p>
        {suggested !== null
          ? t('countryNote.suggestedUnused', { header: headerOf(suggested) })
          : t('countryNote.defaultOnly')}
      </p>
      {suggested !== null ? (
        <Button
          variant="ghost"
          size="sm"
          data-testid="country-use-suggested"
          disabled={disabled}
          onClick={() => onChange(suggested)}
        >
          {t('countryNote.useSuggested', { header: headerOf(suggested) })}
        </Button>
      ) : null}
    </div>
  )
}
