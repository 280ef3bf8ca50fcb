import { basename } from 'node:path'
import type { CellValue } from '../domain'
import { readDelimited, unclosedQuote } from './delimited'
import { samplePositions } from './sample'
import { sampleDelimitedFile } from './sample-text'
import { importError } from './errors'
import { headerNames } from './header-detect'
import type { KeptRead } from './kept'
import { type ImportLimits, resolveLimits } from './limits'
import { openSource } from './source'
import { columnLetter } from '../domain/columns'
import { BatchSink, DataRowCounter, dataStartFor, type IndexedRow } from './table'
import { readVCards, TelLabelSet, vcardHeaders, vcardRow } from './vcard'
import { nonEmptyRowIndexes, type ParseHooks, rowValues, sheetRows } from './workbook'

export interface ReadOptions {
  /** Sheet to read; text formats have one table and ignore it. */
  sheet: string
  /** 0-based header row, or null when the data has no header (vCards always have their own header). */
  headerRow: number | null
  batchSize?: number
  signal?: AbortSignal
  /**
   * Data rows only, in order; firstRowIndex is the 0-based data row index of rows[0]. Rows inside a batch are
   * consecutive (short runs of empty rows arrive as []); a long run of empty rows is skipped, so the next batch
   * starts at a higher index. Awaited before more rows are read.
   */
  onBatch: (rows: CellValue[][], firstRowIndex: number) => void | Promise<void>
  onProgress?: (p: { rowsRead: number; fraction: number | null }) => void
  /**
   * Called once, before the first batch: the data rows the read will deliver (blank rows excluded), counted
   * exactly for workbooks and vCards and for text files read whole in the first window; otherwise estimated
   * from that window (exact: false). It is never revised, so a progress total built on it does not jump.
   */
  onTotal?: (t: RowTotal) => void
  /**
   * Called once, after onTotal and before the first batch, with the rows the list's profile reads (sample.ts):
   * picked from the rows themselves for workbooks and text files read whole in the first window, from evenly
   * spaced windows of a bigger text file. Not called for vCards.
   */
  onSample?: (rows: CellValue[][]) => void | Promise<void>
  limits?: Partial<ImportLimits>
}

export interface RowTotal {
  rows: number
  exact: boolean
}

export interface ReadResult {
  /** Header names as in the file (trimmed; the column letter where empty; duplicates kept). */
  headers: string[]
  /** Data rows delivered, blank placeholders ([]) not counted: the same count as the preview's totalRows. */
  rowCount: number
  /** Fully blank rows between the data start and the last data row: delivered as [] or skipped. */
  blankRows: number
}

export interface ReadInternals {
  hooks?: ParseHooks
  /** What a preview of the same unchanged file left behind: the read starts from it instead of the file. */
  kept?: KeptRead
}

/** Reads every data row of one sheet in batches, holding back until the caller has taken each batch. */
export async function readTable(
  filePath: string,
  options: ReadOptions,
  internals: ReadInternals = {}
): Promise<ReadResult> {
  const limits = resolveLimits(options.limits)
  const { signal } = options
  const cancelled = () => importError('cancelled', filePath)
  const checkCancelled = () => {
    if (signal?.aborted) throw cancelled()
  }
  checkCancelled()
  if (options.headerRow !== null && !(Number.isInteger(options.headerRow) && options.headerRow >= 0)) {
    throw new RangeError(`headerRow must be a non-negative integer or null for ${basename(filePath)}`)
  }
  const kept = internals.kept
  const source = kept?.source ?? (await openSource(filePath, limits, internals.hooks))
  checkCancelled()
  const sinkFor = (dataStart: number) =>
    new BatchSink({
      dataStart,
      batchSize: Math.max(1, options.batchSize ?? 5000),
      maxEmptyRun: limits.maxEmptyRun,
      maxRows: limits.maxRows,
      onBatch: options.onBatch,
      onProgress: options.onProgress,
      checkCancelled,
      tooManyRows: () => importError('too_many_rows', filePath, { rows: limits.maxRows }),
      maxColumns: limits.maxColumns,
      tooManyColumns: (columns) =>
        importError('too_many_columns', filePath, { columns, maxColumns: limits.maxColumns })
    })

  switch (source.kind) {
    case 'workbook': {
      const sheet = source.workbook.sheets.find((s) => s.name === options.sheet)
      if (!sheet) throw importError('sheet_not_found', filePath, { sheet: options.sheet })
      const headerRow = options.headerRow
      const dataStart = dataStartFor(headerRow, sheet.firstNonEmpty)
      const sink = sinkFor(dataStart)
      if (options.onTotal || options.onSample) {
        const indexes = [...nonEmptyRowIndexes(sheet, dataStart)]
        const counter = new DataRowCounter(dataStart)
        for (const r of indexes) counter.add(r)
        options.onTotal?.({ rows: counter.count, exact: true })
        await options.onSample?.(samplePositions(indexes).map((p) => rowValues(sheet.data[indexes[p]])))
      }
      const total = Math.max(1, sheet.nonEmptyRows)
      let seen = 0
      for (const chunk of sheetRows(sheet, dataStart)) {
        for (const row of chunk) {
          const wait = sink.push(row.index, row.cells)
          if (wait) await wait
        }
        seen += chunk.length
        sink.setFraction(Math.min(1, seen / total))
      }
      sink.setFraction(1)
      await sink.flush()
      const headerCells = headerRow !== null ? rowValues(sheet.data[headerRow]) : null
      return {
        headers: headersFor(headerRow, headerCells, sink.maxWidth),
        rowCount: sink.dataRowCount,
        blankRows: sink.blankRowCount
      }
    }
    case 'delimited': {
      const headerRow = options.headerRow
      let headerCells: CellValue[] | null = headerRow !== null ? [] : null
      let sink: BatchSink | null = headerRow !== null ? sinkFor(headerRow + 1) : null
      // Rows are held back until the first window is read, so the total is announced before any batch.
      let held: IndexedRow[] | null = options.onTotal || options.onSample ? [] : null
      let heldDataStart: number | null = headerRow !== null ? headerRow + 1 : null
      const push = async (row: IndexedRow): Promise<void> => {
        sink ??= sinkFor(row.index)
        const wait = sink.push(row.index, row.cells)
        if (wait) await wait
      }
      const release = async (done: boolean, bytesRead: number): Promise<void> => {
        const rows = held ?? []
        held = null
        const counter = new DataRowCounter(heldDataStart ?? rows[0]?.index ?? 0)
        for (const row of rows) counter.add(row.index)
        const exact = done || !source.size
        const rowsEstimate = exact
          ? counter.count
          : Math.max(counter.count, Math.round((counter.count * source.size) / Math.max(1, bytesRead)))
        options.onTotal?.({ rows: rowsEstimate, exact })
        if (options.onSample) {
          await options.onSample(
            done
              ? samplePositions(rows.map((row) => row.index)).map((p) => rows[p].cells)
              : sampleDelimitedFile(filePath, source.size, source.encoding, source.dialect, headerRow)
          )
        }
        for (const row of rows) await push(row)
      }
      if (!kept?.chunks) internals.hooks?.onFileRead?.()
      const chunks = kept?.chunks
        ? continued(kept.chunks, kept.rest)
        : readDelimited(filePath, source.encoding, source.dialect, {
            signal,
            onAbort: cancelled,
            maxPendingChars: limits.maxPendingChars,
            onUnclosedQuote: () => unclosedQuote(filePath, limits)
          })
      for await (const chunk of chunks) {
        checkCancelled()
        for (const row of chunk.rows) {
          if (headerRow !== null && row.index <= headerRow) {
            if (row.index === headerRow) headerCells = row.cells
            continue
          }
          if (held) {
            heldDataStart ??= row.index
            held.push(row)
          } else await push(row)
        }
        if (held && (chunk.done || chunk.bytesRead >= limits.previewTextBytes)) {
          await release(chunk.done, chunk.bytesRead)
        }
        sink?.setFraction(source.size ? Math.min(1, chunk.bytesRead / source.size) : 1)
      }
      if (held) await release(true, source.size)
      await sink?.flush()
      return {
        headers: headersFor(headerRow, headerCells, sink?.maxWidth ?? 0),
        rowCount: sink?.dataRowCount ?? 0,
        blankRows: sink?.blankRowCount ?? 0
      }
    }
    case 'vcard': {
      // The phone columns are the labels used anywhere in the file, so the labels are collected first (or taken
      // from the preview, which collected them already).
      let names: string[]
      let cards: number
      if (kept?.vcard) {
        names = kept.vcard.labels
        cards = kept.vcard.count
      } else {
        const labels = new TelLabelSet()
        cards = 0
        internals.hooks?.onFileRead?.()
        for await (const chunk of readVCards(filePath, source.encoding, { signal, onAbort: cancelled })) {
          for (const card of chunk.cards) labels.add(card)
          cards += chunk.cards.length
        }
        names = labels.labels()
      }
      options.onTotal?.({ rows: cards, exact: true })
      const sink = sinkFor(1)
      let index = 1
      const keptCards = kept?.vcard?.cards
      if (keptCards) {
        for (const card of keptCards) {
          checkCancelled()
          const wait = sink.push(index++, vcardRow(card, names))
          if (wait) await wait
          sink.setFraction(Math.min(1, (index - 1) / Math.max(1, cards)))
        }
      } else {
        internals.hooks?.onFileRead?.()
        for await (const chunk of readVCards(filePath, source.encoding, { signal, onAbort: cancelled })) {
          for (const card of chunk.cards) {
            const wait = sink.push(index++, vcardRow(card, names))
            if (wait) await wait
          }
          sink.setFraction(source.size ? Math.min(1, chunk.bytesRead / source.size) : 1)
        }
      }
      await sink.flush()
      return { headers: vcardHeaders(names), rowCount: sink.dataRowCount, blankRows: 0 }
    }
  }
}

/** The chunks a preview read, then the rest of its paused stream. */
async function* continued<T>(head: T[], rest: AsyncGenerator<T> | undefined): AsyncGenerator<T> {
  yield* head
  if (rest) yield* rest
}

function headersFor(headerRow: number | null, headerCells: CellValue[] | null, dataWidth: number): string[] {
  const width = Math.max(dataWidth, headerCells?.length ?? 0)
  if (headerRow === null) return Array.from({ length: width }, (_, c) => columnLetter(c))
  return headerNames(headerCells, width)
}
