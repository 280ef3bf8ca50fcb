import { Phone } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '@contract/types'
import { columnLetter, formatCell } from '../../lib/format'

interface SampleGridProps {
  preview: ImportPreview
  phoneColumns: number[]
  countryColumn: number | null
}

/** The first rows exactly as read, with sheet row numbers and letters like a spreadsheet. */
export function SampleGrid({ preview, phoneColumns, countryColumn }: SampleGridProps) {
  const { t } = useTranslation('import')
  const width = Math.max(
    preview.columns.reduce((max, column) => Math.max(max, column.index + 1), 0),
    ...preview.sampleRows.map((row) => row.length)
  )
  const indices = Array.from({ length: width }, (_, i) => i)
  const letters = new Map(preview.columns.map((column) => [column.index, column.letter]))

  return (
    <section className="card sample-card" aria-labelledby="sample-title">
      <header className="card-header">
        <h2 id="sample-title" className="card-title">
          {t('sample.title')}
        </h2>
        <p className="card-subtitle">
          {t('sample.subtitle', { count: preview.sampleRows.length, sheet: preview.sheet })}
        </p>
      </header>
      <div className="sample-scroll">
        <table className="sample-grid" data-testid="sample-grid">
          <thead>
            <tr>
              <th className="sample-rownum" scope="col">
                <span className="sr-only">{t('sample.row')}</span>
              </th>
              {indices.map((i) => (
                <th
                  key={i}
                  scope="col"
                  className={`${phoneColumns.includes(i) ? 'is-phone' : ''}${countryColumn === i ? ' is-country' : ''}`}
                >
                  {phoneColumns.includes(i) ? <Phone size={11} aria-label={t('sample.phoneColumn')} /> : null}
                  {letters.get(i) ?? columnLetter(i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((row, r) => {
              const sheetRow = preview.sampleRowIndexes[r] ?? r
              const isHeader = preview.headerRow === sheetRow
              const beforeHeader = preview.headerRow !== null && sheetRow < preview.headerRow
              return (
                <tr
                  key={sheetRow}
                  className={`${isHeader ? 'is-header' : ''}${beforeHeader ? ' is-skipped' : ''}`}
                  aria-label={isHeader ? t('sample.headerRow', { row: sheetRow + 1 }) : undefined}
                >
                  <th scope="row" className="sample-rownum">
                    {sheetRow + 1}
                  </th>
                  {indices.map((i) => {
                    const text = formatCell(row[i])
                    return (
                      <td
                        key={i}
                        className={`${phoneColumns.includes(i) ? 'is-phone' : ''}${
                          countryColumn === i ? ' is-country' : ''
                        }${typeof row[i] === 'number' ? ' is-number' : ''}`}
                        title={text}
                      >
                        {text}
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
