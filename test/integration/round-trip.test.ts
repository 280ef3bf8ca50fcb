import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CellValue, ExportFormat } from '../../src-preload/contract/types'
import { ImportError, previewFile, readTable } from '../../src-main/core/import'
import { EXTERNAL_DIR, externalSkipReason } from '../helpers/external'
import { tempServices, type TempServices } from '../helpers/services'
import { HEADERS, writeXlsx } from '../helpers/contacts'

interface ReadBack {
  headers: string[]
  rows: CellValue[][]
}

async function readBack(file: string): Promise<ReadBack> {
  const preview = await previewFile(file)
  const rows: CellValue[][] = []
  const { headers } = await readTable(file, {
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    onBatch: (batch, first) => {
      batch.forEach((row, i) => (rows[first + i] = row))
    }
  })
  return { headers, rows }
}

/** How a value must look after the trip: CSV is all text, and phone cells are always written as text. */
function expected(value: CellValue, format: ExportFormat, isPhone: boolean): CellValue {
  if (value === null || value === '') return null
  if (typeof value === 'number' && isPhone) return String(value)
  if (format === 'csv') return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value)
  return value
}

function normalize(value: CellValue | undefined): CellValue {
  return value === undefined || value === '' ? null : value
}

/** Imports a file, checks it, exports the full list, re-imports the export and compares every original cell. */
async function roundTrip(
  t: TempServices,
  file: string,
  format: ExportFormat,
  region = 'US'
): Promise<number> {
  const preview = await t.services.jobs.preview({ filePath: file })
  const { jobId } = await t.services.jobs.create({
    filePath: file,
    mapping: {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      phoneColumns: preview.suggestedPhoneColumns,
      countryColumn: preview.suggestedCountryColumn,
      defaultRegion: region
    }
  })
  const job = await t.services.jobs.waitFor(jobId)
  expect(job.status, job.error ?? '').toBe('done')
  const out = join(t.dir, `${jobId}.${format}`)
  const result = await t.services.exports.run({
    jobId,
    mode: 'full',
    format,
    keepUnknown: true,
    outPath: out,
    overwrite: false
  })
  expect(result.rowsWritten).toBe(job.counts.rows)

  const back = await readBack(out)
  const width = job.headers.length
  expect(back.headers.slice(0, width)).toEqual(job.headers)
  expect(back.headers.slice(width, width + 2)).toEqual(['E.164', back.headers[width + 1]])
  const stored = t.services.store.results.queryResults(jobId, {}, 0, 1_000_000).rows
  const dense = back.rows.filter((r) => r !== undefined)
  expect(dense).toHaveLength(stored.length)
  stored.forEach((row, i) => {
    for (let c = 0; c < width; c++) {
      const want = expected(normalize(row.cells[c]), format, job.phoneColumns.includes(c))
      expect(normalize(dense[i][c]), `row ${row.rowIndex} column ${job.headers[c]}`).toEqual(want)
    }
    expect(normalize(dense[i][width]), `row ${row.rowIndex} E.164`).toEqual(
      row.e164.length ? row.e164.join('; ') : null
    )
    expect(dense[i][width + 1]).toBe(row.status)
  })
  return stored.length
}

describe('round trip on a generated 100,000-row workbook', () => {
  let t: TempServices
  beforeAll(() => {
    t = tempServices()
  })
  afterAll(() => t.cleanup())

  it('imports, checks, exports and re-imports every row unchanged', async () => {
    const file = join(t.dir, 'generated-100k.xlsx')
    writeXlsx(file, 100_000)
    const preview = await previewFile(file)
    expect(preview.columns.map((c) => c.header)).toEqual(HEADERS)
    expect(preview.suggestedPhoneColumns).toEqual([2])
    expect(preview.suggestedCountryColumn).toBe(5)
    expect(await roundTrip(t, file, 'csv')).toBe(100_000)
  }, 600_000)
})

const skip = externalSkipReason()
describe.skipIf(skip !== null)(`round trips on real third-party files ${skip ?? ''}`, () => {
  let t: TempServices
  const files = skip
    ? []
    : ['spreadsheets', 'contacts/csv', 'contacts/vcards'].flatMap((folder) =>
        readdirSync(join(EXTERNAL_DIR, folder))
          .filter((name) => !/\.(md|txt|xml)$/i.test(name) || name.endsWith('ErrorTypes.txt'))
          .map((name) => join(EXTERNAL_DIR, folder, name))
      )
  beforeAll(() => {
    t = tempServices()
  })
  afterAll(() => t.cleanup())

  it('covers every external file', () => {
    expect(files.length).toBeGreaterThan(60)
  })

  it.each(files.map((f) => [f.slice(EXTERNAL_DIR.length + 1), f]))(
    '%s survives import → check → export → re-import, or is refused clearly',
    async (_name, file) => {
      let preview
      try {
        preview = await previewFile(file)
      } catch (error) {
        // Refusals are specified per file in import/external.test.ts; here they must at least be ImportErrors.
        expect(error).toBeInstanceOf(ImportError)
        return
      }
      if (preview.suggestedPhoneColumns.length === 0 || preview.totalRows === 0) return
      await roundTrip(t, file, 'xlsx')
    },
    120_000
  )
})
