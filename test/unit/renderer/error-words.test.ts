import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '@contract/api'
import { fromBridge } from '@contract/bridge'
import { createApi } from '@contract/client'
import { applyLanguage } from '@renderer/i18n'
import { toUiError } from '@renderer/lib/errors'

/** What the window shows for `error` as main sends it (code, English message, params). */
function shown(code: string, message: string, params?: Record<string, string | number>): string {
  return toUiError(new ApiError(code, message, params)).message
}

afterEach(() => applyLanguage('en'))

describe('errors in the user’s words', () => {
  it('says main’s sentences in Simplified Chinese, with their values', () => {
    applyLanguage('zh-CN')
    expect(shown('file_exists', 'out.csv already exists.', { name: 'out.csv' })).toBe('out.csv 已存在。')
    expect(shown('row_not_found', 'Row 12 is not part of this job.', { row: 12 })).toBe(
      '第 12 行不属于这个任务。'
    )
    expect(shown('job_running', 'Pause the job before re-checking rows.', { variant: 'recheck' })).toBe(
      '请先暂停任务，再重新检测行。'
    )
    expect(
      shown('too_many_rows', 'big.csv has more than 1,048,576 data rows, …', {
        name: 'big.csv',
        rows: 1_048_576
      })
    ).toBe('big.csv 的数据超过 1,048,576 行，这是 Ringtrue 单个文件导入的上限；请拆分成多个较小的文件。')
    expect(
      shown('no_data', 'The sheet "Sheet 2" in a.xlsx is empty.', {
        name: 'a.xlsx',
        sheet: 'Sheet 2',
        variant: 'sheet'
      })
    ).toBe('a.xlsx 中的工作表“Sheet 2”是空的。')
    expect(
      shown('job_not_finished', '"Leads" has not finished (paused); export it once it is done.', {
        name: 'Leads',
        status: 'paused'
      })
    ).toBe('“Leads”尚未完成（已暂停），请在完成后导出。')
  })

  it('says the same errors in English as main does', () => {
    applyLanguage('en')
    expect(shown('file_exists', 'out.csv already exists.', { name: 'out.csv' })).toBe(
      'out.csv already exists.'
    )
    expect(shown('job_running', 'x', { variant: 'countries' })).toBe(
      'Pause the paid check before choosing countries.'
    )
    expect(shown('too_many_rows', 'x', { name: 'big.csv', rows: 1_048_576 })).toBe(
      'big.csv has more than 1,048,576 data rows, the most Ringtrue imports from one file; split it into smaller files.'
    )
    // Without params, English is main's own message.
    expect(shown('empty_file', 'leads.csv is empty.')).toBe('leads.csv is empty.')
  })

  it('shows a sentence for a refused value, never the validation text', async () => {
    const zod =
      'Invalid request for providers:save-settings (patch.concurrency): Too small: expected number to be >=1'
    const bridge = createApi({
      invoke: (async () => ({ ok: false, error: { code: 'invalid_request', message: zod } })) as never,
      onJobProgress: () => () => undefined,
      onExportProgress: () => () => undefined,
      pathForDroppedFile: () => null
    })
    const api = fromBridge(bridge)
    for (const language of ['en', 'zh-CN'] as const) {
      applyLanguage(language)
      const caught = await api.files.reveal('fh_0123456789abcdef0123456789abcdef').catch((e: unknown) => e)
      expect(toUiError(caught)).toEqual({
        code: 'invalid_request',
        message:
          language === 'en'
            ? 'Ringtrue could not accept that value. Check the field and try again; if it keeps happening, restart Ringtrue.'
            : 'Ringtrue 无法接受这个值。请检查该字段后重试；如果问题反复出现，请重新启动 Ringtrue。'
      })
    }
  })

  it('keeps main’s words for a code new to the window, in a Chinese frame when its values are missing', () => {
    applyLanguage('zh-CN')
    expect(shown('brand_new_code', 'Something new happened.')).toBe('Something new happened.')
    expect(shown('file_exists', 'out.csv already exists.')).toBe('出了点问题：out.csv already exists.')
    expect(shown('internal', 'Something went wrong: disk on fire', { detail: 'disk on fire' })).toBe(
      '出了点问题：disk on fire'
    )
  })
})
