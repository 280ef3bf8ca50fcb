// The profile's sample of a delimited text file too big for the reader to hold (the rule is in sample.ts).
import { closeSync, openSync, readSync } from 'node:fs'
import type { CellValue } from '../domain'
import { fieldsToCells, parseRecords, type Dialect } from './delimited'
import { SAMPLE_WINDOWS, SAMPLE_WINDOW_ROWS } from './sample'
import { isEmptyRow } from './table'
import { decode, type TextEncodingName } from './text-decode'

/** Bytes read per window of a big text file: enough for SAMPLE_WINDOW_ROWS rows of an ordinary list. */
const WINDOW_BYTES = 256 * 1024

/**
 * The sample of a delimited text file too big to hold: SAMPLE_WINDOWS windows at evenly spaced byte offsets,
 * each starting at the line after its offset (the first at the first data row after the header). A window that
 * starts inside a quoted line break may misread one record; the sample is evidence, not data.
 */
export function sampleDelimitedFile(
  filePath: string,
  size: number,
  encoding: TextEncodingName,
  dialect: Dialect,
  headerRow: number | null
): CellValue[][] {
  const rows: CellValue[][] = []
  const unit = encoding.startsWith('utf-16') ? 2 : 1
  const fd = openSync(filePath, 'r')
  try {
    const buffer = Buffer.alloc(WINDOW_BYTES)
    for (let w = 0; w < SAMPLE_WINDOWS; w++) {
      const offset = Math.floor((w * size) / SAMPLE_WINDOWS / unit) * unit
      const read = readSync(fd, buffer, 0, WINDOW_BYTES, offset)
      if (read <= 0) break
      let text = decode(buffer.subarray(0, read - (read % unit)), encoding)
      // Line ends as readTextChunks gives them to the parser.
      if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
      const atEnd = offset + read >= size
      if (w > 0) {
        const newline = text.indexOf('\n')
        if (newline < 0) continue
        text = text.slice(newline + 1)
      }
      const parsed = parseRecords(text, dialect, w === 0)
      // The last record of a window cut short of the file's end may be cut too.
      const records = atEnd ? parsed : parsed.slice(0, -1)
      let taken = 0
      for (let r = 0; r < records.length && taken < SAMPLE_WINDOW_ROWS; r++) {
        if (w === 0 && headerRow !== null && r <= headerRow) continue
        const cells = fieldsToCells(records[r])
        if (isEmptyRow(cells)) continue
        rows.push(cells)
        taken++
      }
    }
  } finally {
    closeSync(fd)
  }
  return rows
}
