// --no-bom: a CSV export for Unix tools starts with its header, without the byte-order mark Excel needs.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeExport } from '@core/export'
import { memorySource, resultRow } from './memory-source'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringtrue-bom-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const SOURCE = () => memorySource([resultRow(0, ['Ann', '+1 201-555-0123'], { status: 'active' })])

describe('the byte-order mark of a CSV export', () => {
  it('is written by default and left out with bom: false, the rest byte for byte the same', async () => {
    const withBom = join(dir, 'with.csv')
    const without = join(dir, 'without.csv')
    const options = { mode: 'full', format: 'csv', keepUnknown: false } as const
    await writeExport(SOURCE(), { ...options, outPath: withBom })
    await writeExport(SOURCE(), { ...options, outPath: without, bom: false })
    const bytesWith = await readFile(withBom)
    const bytesWithout = await readFile(without)
    expect([...bytesWith.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytesWithout.toString('utf8')).toMatch(/^Name,Phone,E\.164,/)
    expect(bytesWith.subarray(3).equals(bytesWithout)).toBe(true)
  })
})
