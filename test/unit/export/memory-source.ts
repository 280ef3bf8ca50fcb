import type { CellValue, ResultRow, RowResult, Status } from '@contract/types'
import type { ExportSource } from '@core/export'

export interface MemorySource extends ExportSource {
  /** The statuses of every `rows()` call, in call order. */
  calls: Status[][]
}

export function memorySource(rows: ResultRow[], overrides: Partial<ExportSource> = {}): MemorySource {
  const calls: Status[][] = []
  return {
    headers: ['Name', 'Phone'],
    hasHeaderRow: true,
    phoneColumns: [1],
    sheetName: 'Contacts',
    calls,
    *rows(statuses: Status[]) {
      calls.push([...statuses])
      for (const row of rows) if (statuses.includes(row.status)) yield row
    },
    ...overrides
  }
}

export function resultRow(rowIndex: number, cells: CellValue[], result: Partial<RowResult> = {}): ResultRow {
  return {
    rowIndex,
    cells,
    status: 'active',
    reason: null,
    e164: [],
    lineType: null,
    country: null,
    carrier: null,
    provider: null,
    checkedAt: null,
    ...result
  }
}

/** A row source of `count` generated rows, for volume, progress and abort tests. */
export function generatedSource(
  count: number,
  columns: number,
  onRow?: (index: number) => void
): ExportSource {
  const headers = Array.from({ length: columns }, (_, i) => `Col ${i + 1}`)
  return {
    headers,
    hasHeaderRow: true,
    phoneColumns: [0],
    sheetName: 'Generated',
    *rows(statuses: Status[]) {
      for (let i = 0; i < count; i++) {
        const status: Status = i % 3 === 0 ? 'inactive' : 'active'
        if (!statuses.includes(status)) continue
        onRow?.(i)
        const cells: CellValue[] = [4479000000 + i]
        for (let c = 1; c < columns; c++) cells.push(c % 2 === 0 ? i * c : `text ${i}-${c}`)
        yield resultRow(i, cells, {
          status,
          e164: [`+44${4479000000 + i}`],
          reason: status === 'active' ? 'in_service' : 'disconnected',
          lineType: 'mobile',
          country: 'GB',
          carrier: 'Carrier',
          provider: 'offline',
          checkedAt: '2024-05-01T10:00:00.000Z'
        })
      }
    }
  }
}
