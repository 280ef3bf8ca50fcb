import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Phone, SearchX } from 'lucide-react'
import type { JobDetail, ResultRow, ResultSort } from '@contract/types'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { Spinner } from '../../components/Spinner'
import { StatusBadge } from '../../components/StatusBadge'
import { VirtualTable, type TableColumn } from '../../components/VirtualTable'
import { flagEmoji, formatAge, formatCell, formatCount, formatDateTime, regionName } from '../../lib/format'
import { STATUS_LABELS, lineTypeLabel, providerLabel, reasonLabel } from '../../lib/labels'
import { useAppStore } from '../../store'
import { PAGE_SIZE, hasActiveFilter } from '../../store/results-slice'

const ROW_HEIGHT = 32

// Widths follow the content (the first page and rows from across the list) so short codes stay narrow and e-mails
// are readable.
function measureWidths(headers: string[], phoneColumns: number[], rows: ResultRow[]): number[] {
  return headers.map((header, index) => {
    let chars = header.length + 2
    for (const row of rows) chars = Math.max(chars, Math.min(formatCell(row.cells[index]).length, 42))
    const width = Math.round(chars * 7.6 + 28)
    return Math.min(320, Math.max(phoneColumns.includes(index) ? 150 : 84, width))
  })
}

export function ResultsTable({ job }: { job: JobDetail }) {
  const pages = useAppStore((state) => state.pages)
  const total = useAppStore((state) => state.total)
  const filter = useAppStore((state) => state.filter)
  const version = useAppStore((state) => state.resultsVersion)
  const selected = useAppStore((state) => state.detailRowIndex)
  const ensureRows = useAppStore((state) => state.ensureRows)
  const openRow = useAppStore((state) => state.openRow)
  const clearFilters = useAppStore((state) => state.clearFilters)
  const overview = useAppStore((state) => state.providers)
  const sort = useAppStore((state) => state.sort)
  const cycleSort = useAppStore((state) => state.cycleSort)
  const { t } = useTranslation('results')

  const widthSample = useAppStore((state) => state.widthSample)
  const [measured, setMeasured] = useState<{ jobId: string; widths: number[]; sampled: boolean } | null>(null)
  const firstPage = pages[0]
  // Sized by the first page at once, then once more with rows from across the list when they arrive.
  const sample = widthSample?.jobId === job.id ? widthSample.rows : null
  if (firstPage && firstPage.length > 0 && (measured?.jobId !== job.id || (sample && !measured.sampled))) {
    setMeasured({
      jobId: job.id,
      widths: measureWidths(job.headers, job.phoneColumns, sample ? [...firstPage, ...sample] : firstPage),
      sampled: sample !== null
    })
  }
  const widths = measured?.jobId === job.id ? measured.widths : null

  const columns = useMemo<TableColumn<ResultRow>[]>(() => {
    const original: TableColumn<ResultRow>[] = job.headers.map((header, index) => {
      const phone = job.phoneColumns.includes(index)
      return {
        key: `c${index}`,
        header: (
          <>
            {phone ? <Phone size={12} className="th-phone" aria-label={t('table.phoneColumn')} /> : null}
            <span className="th-text">{header}</span>
          </>
        ),
        headerTitle: phone ? t('table.phoneColumnTitle', { header }) : header,
        width: widths?.[index] ?? (phone ? 170 : 140),
        className: phone ? 'is-phone-col' : undefined,
        render: (row) => formatCell(row.cells[index]),
        title: (row) => formatCell(row.cells[index]) || undefined
      }
    })
    // The result columns come first, so a 1280-px window shows them without scrolling sideways.
    const result: TableColumn<ResultRow>[] = [
      {
        key: 'status',
        header: t('table.status'),
        width: 128,
        className: 'col-result col-result-first',
        render: (row) => <StatusBadge status={row.status} />,
        title: (row) => STATUS_LABELS[row.status]
      },
      {
        key: 'e164',
        header: 'E.164',
        width: 168,
        className: 'col-result mono',
        render: (row) => row.e164.join(', '),
        title: (row) => row.e164.join(', ') || undefined
      },
      {
        key: 'country',
        header: t('table.country'),
        width: 96,
        className: 'col-result',
        render: (row) =>
          row.country ? (
            <span className="country-cell">
              <span className="flag" aria-hidden="true">
                {flagEmoji(row.country)}
              </span>
              {row.country}
            </span>
          ) : null,
        title: (row) => (row.country ? regionName(row.country) : undefined)
      },
      {
        key: 'lineType',
        header: t('table.lineType'),
        width: 132,
        className: 'col-result',
        render: (row) => lineTypeLabel(row.lineType),
        title: (row) => lineTypeLabel(row.lineType) || undefined
      },
      {
        key: 'reason',
        header: t('table.reason'),
        width: 210,
        className: 'col-result',
        render: (row) => reasonLabel(row.reason),
        title: (row) => (row.reason ? `${reasonLabel(row.reason)} (${row.reason})` : undefined)
      }
    ]
    const after: TableColumn<ResultRow>[] = [
      {
        key: 'provider',
        header: t('table.provider'),
        width: 150,
        className: 'col-result',
        render: (row) =>
          row.provider ? (
            <span className={row.provider === 'offline' ? 'dim' : undefined}>
              {providerLabel(row.provider, overview?.providers)}
            </span>
          ) : null,
        title: (row) => (row.provider ? providerLabel(row.provider, overview?.providers) : undefined)
      },
      {
        key: 'checkedAt',
        header: t('table.checked'),
        width: 120,
        className: 'col-result',
        render: (row) => (row.checkedAt ? formatAge(row.checkedAt) : ''),
        title: (row) =>
          row.checkedAt
            ? row.provider
              ? t('table.checkedBy', {
                  age: formatAge(row.checkedAt),
                  provider: providerLabel(row.provider, overview?.providers),
                  date: formatDateTime(row.checkedAt)
                })
              : t('table.checkedAt', { age: formatAge(row.checkedAt), date: formatDateTime(row.checkedAt) })
            : undefined
      }
    ]
    const sortable = (column: TableColumn<ResultRow>, by: ResultSort['by']): TableColumn<ResultRow> => ({
      ...column,
      sort: sort?.by === by ? (sort.descending ? 'descending' : 'ascending') : 'none',
      onSort: () => cycleSort(by)
    })
    const byKey: Record<string, ResultSort['by']> = {
      status: 'status',
      e164: 'e164',
      country: 'country',
      lineType: 'lineType',
      reason: 'reason',
      provider: 'provider',
      checkedAt: 'checkedAt'
    }
    return [
      sortable(
        {
          key: 'row',
          header: '#',
          headerTitle: t('table.rowNumber'),
          width: 76,
          minWidth: 56,
          align: 'end',
          pinned: true,
          className: 'col-rownum',
          render: (row) => (
            <>
              <span className={`status-dot status-${row.status}`} aria-hidden="true" />
              {row.rowIndex + 1}
            </>
          ),
          title: (row) =>
            t('table.rowTitle', { row: String(row.rowIndex + 1), status: STATUS_LABELS[row.status] })
        },
        'row'
      ),
      ...result.map((column) => sortable(column, byKey[column.key])),
      ...original.map((column, index) => sortable(column, index)),
      ...after.map((column) => sortable(column, byKey[column.key]))
    ]
  }, [job, widths, overview, sort, cycleSort, t])

  const getRow = useCallback(
    (index: number) => pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE],
    [pages]
  )

  const filtered = hasActiveFilter(filter)

  return (
    <div className="results-table-wrap">
      <VirtualTable
        label={t('table.label', { name: job.name })}
        testId="results-table"
        columns={columns}
        rowCount={total ?? 0}
        rowHeight={ROW_HEIGHT}
        overscan={8}
        getRow={getRow}
        onRangeChange={ensureRows}
        onRowActivate={(row) => void openRow(row.rowIndex)}
        rowTestId={(row) => `result-row-${row.rowIndex}`}
        rowLabel={(row) =>
          t('table.rowLabel', { row: String(row.rowIndex + 1), status: STATUS_LABELS[row.status] })
        }
        selectedIndex={selected === null ? null : findIndex(pages, selected)}
        resetKey={version}
        empty={
          total === null ? (
            <div className="table-loading">
              <Spinner size={20} label={t('table.loading')} />
            </div>
          ) : filtered ? (
            <EmptyState
              icon={<SearchX size={22} aria-hidden="true" />}
              title={t('table.noMatch')}
              testId="results-empty"
              action={<Button onClick={clearFilters}>{t('filter.clear')}</Button>}
            >
              {t('table.noMatchHint')}
            </EmptyState>
          ) : (
            <EmptyState title={t('table.noRows')} testId="results-empty">
              {job.status === 'cancelled'
                ? t('table.noRowsCancelled')
                : job.status === 'failed'
                  ? t('table.noRowsFailed')
                  : t('table.noRowsEmpty')}
            </EmptyState>
          )
        }
      />
      <footer className="table-footer">
        <p className="row-count" data-testid="row-count" aria-live="polite" data-count>
          {t('table.rowCount', {
            count: job.counts.rows,
            shown: total === null ? '…' : formatCount(total)
          })}
        </p>
        <p className="table-hint">{t('table.hint')}</p>
      </footer>
    </div>
  )
}

/** Position of a row in the current (filtered) list, found in the loaded pages only. */
function findIndex(pages: Record<number, ResultRow[]>, rowIndex: number): number | null {
  for (const [page, rows] of Object.entries(pages)) {
    const at = rows.findIndex((row) => row.rowIndex === rowIndex)
    if (at >= 0) return Number(page) * PAGE_SIZE + at
  }
  return null
}
