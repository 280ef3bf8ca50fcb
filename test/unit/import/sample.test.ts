import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SAMPLE_WINDOW_ROWS, samplePositions, sampleWindowStarts } from '@core/import/sample'
import { sampleDelimitedFile } from '@core/import/sample-text'

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('the profile sample rule', () => {
  it('takes every row of a list of up to twenty windows', () => {
    const indexes = Array.from({ length: 3_000 }, (_, i) => i + 1)
    expect(sampleWindowStarts(1, 3_000)).toEqual([1, 501, 1001, 1501, 2001, 2501])
    expect(samplePositions(indexes)).toEqual(indexes.map((_, p) => p))
  })

  it('spreads twenty windows of 500 rows over a long list', () => {
    const indexes = Array.from({ length: 100_000 }, (_, i) => i + 1)
    const starts = sampleWindowStarts(1, 100_000)
    expect(starts).toHaveLength(20)
    expect(starts[1] - starts[0]).toBe(5_000)
    const positions = samplePositions(indexes)
    expect(positions).toHaveLength(20 * SAMPLE_WINDOW_ROWS)
    expect(indexes[positions[SAMPLE_WINDOW_ROWS]]).toBe(5_001)
    expect(indexes[positions[positions.length - 1]]).toBe(95_500)
  })

  it('lets windows share rows on a sparse list, as the stored-rows read does', () => {
    // Rows 0–299 and 5,000–5,299 only: the window at 1,000 reads on into the second run of rows.
    const indexes = [
      ...Array.from({ length: 300 }, (_, i) => i),
      ...Array.from({ length: 300 }, (_, i) => 5_000 + i)
    ]
    const positions = samplePositions(indexes)
    // Window 0 (from 0): rows 0–299 and the first 200 of the second run; every later window starts in the
    // second run and takes its 300 rows again.
    expect(positions.slice(0, 500)).toEqual(Array.from({ length: 500 }, (_, p) => p))
    expect(new Set(positions).size).toBe(600)
    expect(positions.length).toBeGreaterThan(600)
  })
})

describe('the sample of a big text file', () => {
  function write(name: string, content: string | Buffer): string {
    dir ??= mkdtempSync(join(tmpdir(), 'ringtrue-sample-'))
    const path = join(dir, name)
    writeFileSync(path, content)
    return path
  }
  const dialect = { delimiter: ',', quotes: true, sepLine: false }

  it('reads windows spread over the file, without the header, at line starts, with CRLF line ends', () => {
    const lines = ['Name,Phone']
    for (let i = 0; i < 200_000; i++)
      lines.push(`Person ${i},+1 212 555 ${String(i % 10_000).padStart(4, '0')}`)
    const text = lines.join('\r\n') + '\r\n'
    const path = write('big.csv', text)
    const rows = sampleDelimitedFile(path, Buffer.byteLength(text), 'utf-8', dialect, 0)
    expect(rows.length).toBe(20 * SAMPLE_WINDOW_ROWS)
    expect(rows[0]).toEqual(['Person 0', '+1 212 555 0000'])
    for (const row of rows) {
      expect(row).toHaveLength(2)
      expect(row[0]).toMatch(/^Person \d+$/)
      expect(row[1]).toMatch(/^\+1 212 555 \d{4}$/)
    }
    // The last window lies in the last twentieth of the list.
    const lastWindow = Number(String(rows[19 * SAMPLE_WINDOW_ROWS][0]).slice(7))
    expect(lastWindow).toBeGreaterThan(189_000)
  })

  it('reads UTF-16 from even offsets and keeps quoted fields whole', () => {
    const lines = ['Name,Phone']
    for (let i = 0; i < 60_000; i++)
      lines.push(`"Doe, J${i}","(212) 555-${String(i % 10_000).padStart(4, '0')}"`)
    const text = '\uFEFF' + lines.join('\n') + '\n'
    const bytes = Buffer.from(text, 'utf16le')
    const path = write('wide.csv', bytes)
    const rows = sampleDelimitedFile(path, bytes.length, 'utf-16le', dialect, 0)
    expect(rows.length).toBeGreaterThan(10 * SAMPLE_WINDOW_ROWS)
    for (const row of rows) {
      expect(row[0]).toMatch(/^Doe, J\d+$/)
      expect(row[1]).toMatch(/^\(212\) 555-\d{4}$/)
    }
  })
})
