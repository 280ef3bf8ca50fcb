// The untranslated-word scanner (i18n-scan.ts) on a page made for it: what it must report, what it must leave.
import { expect, test } from '@playwright/test'
import { findUntranslated } from './i18n-scan'

const PAGE = `<!doctype html>
<html lang="zh-CN"><body>
  <h1>导入联系人列表</h1>
  <p>用 Ace Data Cloud 检测，导出为 CSV 或 XLSX，号码写成 E.164 格式。</p>
  <button>Export</button>
  <p>已检测 <b>1,024</b> 个号码，失效 3 个。</p>
  <input placeholder="Search rows…">
  <span title="Refresh the balance">↻</span>
  <button aria-label="Close">×</button>
  <p>列 A、B 已选</p>
  <span>AB</span>
  <h2 data-user-text>March contacts.xlsx</h2>
  <div role="grid"><div role="row"><div role="gridcell">Person Surname</div><div role="gridcell">Acme</div></div></div>
  <p style="display:none">Hidden words</p>
  <p style="visibility:hidden">Invisible words</p>
  <script>var english = 'Script text'</script>
</body></html>`

test('finds the English words a zh-CN page shows, and leaves names, abbreviations and the user’s data alone', async ({
  page
}) => {
  await page.setContent(PAGE)
  const found = await findUntranslated(page)
  expect(found.map((f) => `${f.source}:${f.word}`).sort()).toEqual(
    [
      'aria-label:Close',
      'placeholder:Search',
      'placeholder:rows',
      'text:Export',
      'title:Refresh',
      'title:balance',
      'title:the'
    ].sort()
  )
  expect(found.find((f) => f.word === 'Export')?.context).toBe('Export')
})

test('accepts more words through allow, and reports nothing on a page that is all Chinese', async ({
  page
}) => {
  await page.setContent(PAGE)
  const found = await findUntranslated(page, {
    allow: ['Export', 'Search rows', 'Refresh the balance', 'Close']
  })
  expect(found).toEqual([])

  await page.setContent('<html lang="zh-CN"><body><p>没有检测记录。</p><p>Ringtrue 1.0</p></body></html>')
  expect(await findUntranslated(page)).toEqual([])
})
