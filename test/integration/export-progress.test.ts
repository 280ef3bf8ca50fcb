// Issue 12: an export the window starts names itself (exportId): its progress is pushed as rows written of the
// rows it reads, it can be cancelled (no file left, an existing file untouched), and it writes the languages the
// request asks for. The CLI's export (no languages) stays English.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Channels } from '../../src-preload/contract/channels'
import { payloadSchemas } from '../../src-preload/contract/schemas'
import type { ExportProgress, ExportRequest } from '../../src-main/core/domain'
import { liveJobsWorkers } from '../../src-main/core/jobs/worker-runner'
import { startListJob, tempServices, type TempServices } from '../helpers/services'

let open: TempServices | null = null
afterEach(() => {
  open?.cleanup()
  open = null
})

/** `rows` rows of New York numbers, one in nine of them junk (invalid). */
function list(dir: string, rows: number): string {
  const lines = ['Name,Phone']
  for (let i = 0; i < rows; i++) {
    lines.push(i % 9 === 4 ? `P${i},call me` : `P${i},(212) 5${String(i % 100_000).padStart(5, '0')}-0`)
  }
  const file = join(dir, 'list.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function finishedJob(rows: number): Promise<{ t: TempServices; jobId: string }> {
  const t = tempServices({ checkWorkers: 1 })
  open = t
  const jobId = await startListJob(t, list(t.dir, rows), 'US')
  expect((await t.services.jobs.waitFor(jobId)).status).toBe('done')
  return { t, jobId }
}

function request(jobId: string, outPath: string, extra: Partial<ExportRequest> = {}): ExportRequest {
  return { jobId, mode: 'full', format: 'csv', keepUnknown: false, outPath, overwrite: false, ...extra }
}

function csvLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
}

describe('export progress', () => {
  it('counts rows written up to the total, for this export only', async () => {
    const { t, jobId } = await finishedJob(12_000)
    const seen: ExportProgress[] = []
    const off = t.services.exports.onProgress((p) => seen.push(p))
    const result = await t.services.exports.run(
      request(jobId, join(t.dir, 'all.csv'), { exportId: 'export-0001' })
    )
    // An export without an id (the CLI's) reports nothing.
    await t.services.exports.run(request(jobId, join(t.dir, 'quiet.csv')))
    off()
    expect(result.rowsWritten).toBe(12_000)
    expect(seen).toEqual([
      { exportId: 'export-0001', rowsWritten: 5000, total: 12_000 },
      { exportId: 'export-0001', rowsWritten: 10_000, total: 12_000 },
      { exportId: 'export-0001', rowsWritten: 12_000, total: 12_000 }
    ])
  })

  it('a cleaned export of a view counts only the rows it keeps', async () => {
    const { t, jobId } = await finishedJob(900)
    const seen: ExportProgress[] = []
    t.services.exports.onProgress((p) => seen.push(p))
    const result = await t.services.exports.run(
      request(jobId, join(t.dir, 'view.csv'), {
        mode: 'cleaned',
        exportId: 'export-0002',
        view: { filter: { statuses: ['invalid'], exclude: ['statuses'] } }
      })
    )
    // 100 of the 900 rows are junk; the view leaves them out and so would the cleaned list.
    expect(result.rowsWritten).toBe(800)
    expect(seen).toEqual([{ exportId: 'export-0002', rowsWritten: 800, total: 800 }])
  })
})

describe('cancelling an export', () => {
  it.each(['csv', 'xlsx'] as const)(
    'stops the %s writer and leaves no file, not even a temporary one',
    async (format) => {
      const { t, jobId } = await finishedJob(40_000)
      const outPath = join(t.dir, `out.${format}`)
      const seen: number[] = []
      t.services.exports.onProgress((p) => {
        seen.push(p.rowsWritten)
        if (p.rowsWritten === 5000) expect(t.services.exports.cancel(p.exportId)).toBe(true)
      })
      await expect(
        t.services.exports.run(request(jobId, outPath, { format, exportId: 'export-0003' }))
      ).rejects.toMatchObject({ code: 'export_cancelled' })
      expect(seen[0]).toBe(5000)
      expect(seen.at(-1)).toBeLessThan(40_000)
      expect(existsSync(outPath)).toBe(false)
      expect(readdirSync(t.dir).filter((name) => name.includes('out.'))).toEqual([])
      // Its id is free again, and a later export of the job runs.
      expect(t.services.exports.cancel('export-0003')).toBe(false)
      expect(liveJobsWorkers()).toBe(0)
    }
  )

  it('keeps the file the user agreed to replace as it was', async () => {
    const { t, jobId } = await finishedJob(40_000)
    const outPath = join(t.dir, 'existing.csv')
    writeFileSync(outPath, 'last week’s export')
    t.services.exports.onProgress((p) => {
      if (p.rowsWritten === 10_000) t.services.exports.cancel(p.exportId)
    })
    await expect(
      t.services.exports.run(request(jobId, outPath, { overwrite: true, exportId: 'export-0004' }))
    ).rejects.toMatchObject({ code: 'export_cancelled' })
    expect(readFileSync(outPath, 'utf8')).toBe('last week’s export')
    expect(readdirSync(t.dir).filter((name) => name.includes('existing'))).toEqual(['existing.csv'])
  })

  it('answers false for an export that is not writing', async () => {
    const { t } = await finishedJob(10)
    expect(t.services.exports.cancel('export-nope')).toBe(false)
  })
})

describe('the languages of a job export', () => {
  it('writes Reason in the UI language with English headers, and Chinese headers for a Chinese file', async () => {
    const { t, jobId } = await finishedJob(9)
    const zh = join(t.dir, 'zh-labels.csv')
    await t.services.exports.run(request(jobId, zh, { labelsLanguage: 'zh-CN' }))
    const [header, , , , , junk] = csvLines(zh)
    expect(header).toBe('Name,Phone,E.164,Status,Reason,Line Type,Country,Carrier,Provider,Checked At')
    expect(junk.split(',').slice(0, 5)).toEqual(['P4', 'call me', '', 'invalid', '不是电话号码'])

    const zhFile = join(t.dir, 'zh-file.csv')
    await t.services.exports.run(request(jobId, zhFile, { labelsLanguage: 'zh-CN', fileLanguage: 'zh-CN' }))
    const lines = csvLines(zhFile)
    expect(lines[0]).toBe('Name,Phone,E.164,状态,原因,号码类型,国家/地区,运营商,服务商,检测时间')
    expect(lines[5].split(',').slice(3, 5)).toEqual(['无效', '不是电话号码'])

    // What the CLI asks for: no languages, English throughout.
    const cli = join(t.dir, 'cli.csv')
    await t.services.exports.run(request(jobId, cli))
    expect(csvLines(cli)[0]).toBe(header)
    expect(csvLines(cli)[5].split(',').slice(3, 5)).toEqual(['invalid', 'Not a phone number'])
  })

  it('the request refuses a language Ringtrue does not ship and an export id that is not one', () => {
    const schema = payloadSchemas[Channels.runExport]
    const base = {
      jobId: 'job-1',
      mode: 'full',
      format: 'csv',
      keepUnknown: false,
      target: `fh_${'0'.repeat(32)}`,
      overwrite: false
    }
    expect(
      schema.safeParse({ ...base, labelsLanguage: 'zh-CN', fileLanguage: 'en', exportId: 'a1b2c3d4-e5f6' })
        .success
    ).toBe(true)
    expect(schema.safeParse({ ...base, labelsLanguage: 'fr' }).success).toBe(false)
    expect(schema.safeParse({ ...base, fileLanguage: 'zh-TW' }).success).toBe(false)
    expect(schema.safeParse({ ...base, exportId: '../../etc' }).success).toBe(false)
    expect(payloadSchemas[Channels.cancelExport].safeParse('a1b2c3d4-e5f6').success).toBe(true)
  })
})
