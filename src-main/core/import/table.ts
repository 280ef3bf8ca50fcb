import type { CellValue } from '../domain'

/** A row that holds at least one value, with its 0-based row number in the sheet (or text file). */
export interface IndexedRow {
  index: number
  cells: CellValue[]
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

export function isEmptyRow(cells: readonly CellValue[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false
  return true
}

/** Drops trailing empty cells in place, so rows only carry what they hold. */
export function trimTrailing(cells: CellValue[]): CellValue[] {
  let end = cells.length
  while (end > 0 && (cells[end - 1] === null || cells[end - 1] === undefined || cells[end - 1] === '')) end--
  if (end !== cells.length) cells.length = end
  return cells
}

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : String(value)
}

/** Data rows start after the header, or at the first row holding anything when there is no header. */
export function dataStartFor(headerRow: number | null, firstNonEmpty: number | null): number {
  return headerRow !== null ? headerRow + 1 : (firstNonEmpty ?? 0)
}

/**
 * The one row count every screen shows for a sheet: data rows below the header (or from the first row holding
 * anything when there is none) that hold at least one value. Fully blank rows are not data; they are counted
 * separately (only those between the data start and the last data row), however long their run.
 */
export class DataRowCounter {
  private last: number
  /** Data rows: rows holding at least one value. */
  count = 0
  /** Blank rows between the data start and the last data row. */
  blank = 0

  constructor(dataStart: number) {
    this.last = dataStart - 1
  }

  /** Adds a non-blank row, by its 0-based row number; rows arrive in order. */
  add(index: number): void {
    const gap = index - this.last - 1
    if (gap > 0) this.blank += gap
    this.count++
    this.last = index
  }
}

export interface BatchSinkOptions {
  dataStart: number
  batchSize: number
  maxEmptyRun: number
  maxRows: number
  onBatch: (rows: CellValue[][], firstRowIndex: number) => void | Promise<void>
  onProgress?: (p: { rowsRead: number; fraction: number | null }) => void
  /** Throws when the read was cancelled; called before each batch. */
  checkCancelled: () => void
  tooManyRows: () => Error
  /** A row wider than this many cells ends the read with tooManyColumns (rows past the preview's window). */
  maxColumns?: number
  tooManyColumns?: (columns: number) => Error
}

/**
 * Turns non-empty sheet rows into batches of consecutive data rows. Short runs of empty rows between data are
 * delivered as [] to keep row numbers faithful; a long run ends the batch and the next one starts at a higher index.
 */
export class BatchSink {
  private batch: CellValue[][] = []
  private batchStart = 0
  private last: number
  private delivered = 0
  private data = 0
  private blank = 0
  private width = 0
  private fraction: number | null = null

  constructor(private readonly o: BatchSinkOptions) {
    this.last = o.dataStart - 1
  }

  /** Rows handed over or waiting, blank placeholders included (what the batches carry). */
  get rowCount(): number {
    return this.delivered + this.batch.length
  }

  /** Data rows: the rows pushed, each holding at least one value. The count every screen shows. */
  get dataRowCount(): number {
    return this.data
  }

  /** Blank rows between the data start and the last data row, delivered as [] or skipped in a long run. */
  get blankRowCount(): number {
    return this.blank
  }

  get maxWidth(): number {
    return this.width
  }

  setFraction(fraction: number | null): void {
    this.fraction = fraction
  }

  /**
   * Adds one non-empty row. Returns a promise only when a batch had to be handed over, so the common case costs
   * no microtask per row: callers write `const wait = sink.push(…); if (wait) await wait`.
   */
  push(index: number, cells: CellValue[]): Promise<void> | undefined {
    const gap = index - this.last - 1
    this.data++
    if (gap > 0) this.blank += gap
    if (gap === 0 && this.batch.length + 1 < this.o.batchSize) {
      this.add(index, cells)
      return undefined
    }
    return this.pushSlow(index, cells, gap)
  }

  private async pushSlow(index: number, cells: CellValue[], gap: number): Promise<void> {
    if (gap > this.o.maxEmptyRun) await this.flush()
    else {
      const from = this.last
      for (let i = 1; i <= gap; i++) {
        this.add(from + i, [])
        if (this.batch.length >= this.o.batchSize) await this.flush()
      }
    }
    this.add(index, cells)
    if (this.batch.length >= this.o.batchSize) await this.flush()
  }

  private add(index: number, cells: CellValue[]): void {
    if (this.batch.length === 0) this.batchStart = index - this.o.dataStart
    this.batch.push(cells)
    if (cells.length > this.width) {
      this.width = cells.length
      if (this.o.maxColumns !== undefined && cells.length > this.o.maxColumns) {
        throw this.o.tooManyColumns?.(cells.length) ?? new RangeError(`A row has ${cells.length} cells.`)
      }
    }
    this.last = index
    if (this.rowCount > this.o.maxRows) throw this.o.tooManyRows()
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return
    this.o.checkCancelled()
    const rows = this.batch
    const first = this.batchStart
    this.batch = []
    this.delivered += rows.length
    await this.o.onBatch(rows, first)
    this.o.checkCancelled()
    this.o.onProgress?.({ rowsRead: this.delivered, fraction: this.fraction })
  }
}
