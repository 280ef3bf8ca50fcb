// Issue 12: an export from the app writes Reason and Line Type in the UI's language; the appended headers and the
// Status words stay English unless the user picks Chinese for the file. The CLI (no languages given) writes English.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import * as XLSX from 'xlsx'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ComparedNumber, ExportFormat } from '@contract/types'
import { writeExport, type ExportLanguages } from '@core/export'
import { writeComparison } from '@core/export/comparison'
import { memorySource, resultRow } from './memory-source'

const ROWS = [
  resultRow(0, ['Ann', '+86 139 1234 5678'], {
    status: 'active',
    e164: ['+8613912345678'],
    reason: 'in_service',
    lineType: 'mobile',
    country: 'CN',
    carrier: 'China Mobile',
    provider: 'acedata',
    checkedAt: '2026-12-01T08:00:00.000Z'
  }),
  resultRow(1, ['Bob', '010 6552 9988'], {
    status: 'inactive',
    e164: ['+861065529988'],
    reason: 'disconnected',
    lineType: 'fixed_line',
    country: 'CN'
  }),
  resultRow(2, ['Cat', '139'], { status: 'invalid', reason: 'too_short' })
]

const ENGLISH_HEADER = [
  'Name',
  'Phone',
  'E.164',
  'Status',
  'Reason',
  'Line Type',
  'Country',
  'Carrier',
  'Provider',
  'Checked At'
]
const CHINESE_HEADER = [
  'Name',
  'Phone',
  'E.164',
  '状态',
  '原因',
  '号码类型',
  '国家/地区',
  '运营商',
  '服务商',
  '检测时间'
]

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringtrue-export-lang-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Exports ROWS in full and reads the file back as rows of text (the Checked At column left out). */
async function exported(format: ExportFormat, languages?: ExportLanguages): Promise<string[][]> {
  const outPath = join(dir, `list.${format}`)
  await writeExport(memorySource(ROWS), {
    mode: 'full',
    format,
    keepUnknown: false,
    outPath,
    ...(languages ? { languages } : {})
  })
  let grid: string[][]
  if (format === 'csv') {
    const raw = (await readFile(outPath, 'utf8')).replace(/^\uFEFF/, '')
    grid = Papa.parse<string[]>(raw, { newline: '\r\n', skipEmptyLines: true }).data
  } else {
    const book = XLSX.read(await readFile(outPath), { type: 'buffer' })
    grid = XLSX.utils
      .sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1, defval: '', raw: false })
      .map((row) => row.map(String))
  }
  return grid.map((row, i) => (i === 0 ? row : row.slice(0, 9)))
}

describe.each(['csv', 'xlsx'] as const)('the languages of a %s export', (format) => {
  it('labels in Chinese, headers and status words English: the default of the app in zh-CN', async () => {
    const [header, ...rows] = await exported(format, { labels: 'zh-CN', file: 'en' })
    expect(header).toEqual(ENGLISH_HEADER)
    expect(rows).toEqual([
      [
        'Ann',
        '+86 139 1234 5678',
        '+8613912345678',
        'active',
        '正常使用中',
        '手机',
        'CN',
        'China Mobile',
        'acedata'
      ],
      ['Bob', '010 6552 9988', '+861065529988', 'inactive', '已销号', '固定电话', 'CN', '', ''],
      ['Cat', '139', '', 'invalid', '位数太少', '', '', '', '']
    ])
  })

  it('a Chinese file: Chinese headers and status words too', async () => {
    const [header, ...rows] = await exported(format, { labels: 'zh-CN', file: 'zh-CN' })
    expect(header).toEqual(CHINESE_HEADER)
    expect(rows.map((row) => row.slice(3, 6))).toEqual([
      ['有效', '正常使用中', '手机'],
      ['失效', '已销号', '固定电话'],
      ['无效', '位数太少', '']
    ])
  })

  it('a Chinese file from the English UI: Chinese headers and status words, English labels', async () => {
    const [header, ...rows] = await exported(format, { labels: 'en', file: 'zh-CN' })
    expect(header).toEqual(CHINESE_HEADER)
    expect(rows[0].slice(3, 6)).toEqual(['有效', 'In service', 'Mobile'])
  })

  it('without languages (the CLI) everything is English', async () => {
    const [header, ...rows] = await exported(format)
    expect(header).toEqual(ENGLISH_HEADER)
    expect(rows.map((row) => row.slice(3, 6))).toEqual([
      ['active', 'In service', 'Mobile'],
      ['inactive', 'Disconnected', 'Landline'],
      ['invalid', 'Too short', '']
    ])
  })
})

describe('the languages of a comparison export', () => {
  const CHANGED: ComparedNumber[] = [
    {
      e164: '+8613912345678',
      change: 'newly_inactive',
      oldStatus: 'active',
      newStatus: 'inactive',
      oldLineType: 'mobile',
      newLineType: 'mobile',
      oldCarrier: 'China Mobile',
      newCarrier: 'China Mobile'
    },
    {
      e164: '+861065529988',
      change: 'added',
      oldStatus: null,
      newStatus: 'unchecked',
      oldLineType: null,
      newLineType: 'fixed_line',
      oldCarrier: null,
      newCarrier: null
    }
  ]

  async function compared(languages?: { labels?: 'en' | 'zh-CN'; file?: 'en' | 'zh-CN' }) {
    const outPath = join(dir, 'changes.csv')
    await writeComparison(CHANGED, { format: 'csv', outPath, ...(languages ? { languages } : {}) })
    const raw = (await readFile(outPath, 'utf8')).replace(/^\uFEFF/, '')
    return raw.trim().split('\r\n')
  }

  it('line types in the UI language, headers, changes and statuses English by default', async () => {
    expect(await compared({ labels: 'zh-CN', file: 'en' })).toEqual([
      'E.164,Change,Old Status,New Status,Old Line Type,New Line Type,Old Carrier,New Carrier',
      '+8613912345678,newly_inactive,active,inactive,手机,手机,China Mobile,China Mobile',
      '+861065529988,added,,unchecked,,固定电话,,'
    ])
  })

  it('a Chinese file: Chinese headers, changes and statuses', async () => {
    expect(await compared({ labels: 'zh-CN', file: 'zh-CN' })).toEqual([
      'E.164,变化,原状态,新状态,原号码类型,新号码类型,原运营商,新运营商',
      '+8613912345678,新失效,有效,失效,手机,手机,China Mobile,China Mobile',
      '+861065529988,新增,,未检测,,固定电话,,'
    ])
  })

  it('without languages (the CLI) it writes the codes it always wrote', async () => {
    expect(await compared()).toEqual([
      'E.164,Change,Old Status,New Status,Old Line Type,New Line Type,Old Carrier,New Carrier',
      '+8613912345678,newly_inactive,active,inactive,mobile,mobile,China Mobile,China Mobile',
      '+861065529988,added,,unchecked,,fixed_line,,'
    ])
  })
})
