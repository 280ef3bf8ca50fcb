// 简体中文: the 'export' namespace. Keys mirror ../en/export.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/export'

const exportMessages: Catalog<typeof en> = {
  dialog: {
    title: '导出结果',
    description: '来自“{name}”，共 {rows, plural, other {# 行}}。原始文件不会被改动。',
    failed: '导出失败',
    cancel: '取消',
    confirm: '导出…'
  },
  scope: {
    legend: '行',
    view: '当前视图（{rows, plural, other {# 行}}）',
    viewFiltered: '按屏幕上的筛选。',
    viewSorted: '按屏幕上的筛选和排序。',
    all: '全部 {rows, plural, other {# 行}}',
    allDescription: '按列表原有顺序。'
  },
  mode: {
    legend: '导出内容',
    cleanedTitle: '清洗后的列表（有效 + 未检测）',
    cleanedDescription: '只保留值得联系的行，包含原有列和检测结果。',
    fullTitle: '完整列表及结果',
    fullDescription: '所有行按原顺序导出，并添加状态、原因和 E.164 列。',
    splitTitle: '按状态分文件/工作表',
    splitDescription:
      '{format, select, xlsx {一个工作簿，每种状态一个工作表。} other {每种状态一个 CSV 文件。}}'
  },
  keepUnknown: '同时保留未知',
  keepUnknownCount: '（{rows, plural, other {# 行}}）',
  dedupe: '每个号码只保留第一行',
  dedupeCount: '（本次检测中有 {count, plural, other {# 个重复号码}}）',
  format: {
    legend: '格式',
    xlsx: 'Excel 工作簿（.xlsx）',
    csv: 'CSV 文件（.csv）'
  },
  language: {
    legend: '列名和状态',
    hint: '原因和号码类型按应用语言写入。列名和状态保留英文，便于不同用户和工具之间比对文件。',
    hintChinese: '列名和状态将写成中文；按英文列名查找的工具和脚本将无法识别。'
  },
  footer: {
    split: '{rows, plural, other {# 行}}，分{format, select, xlsx {多个工作表} other {多个文件}}',
    about: '约 {rows, plural, other {# 行}}'
  },
  progress: {
    title: '正在导出…',
    label: '导出进度',
    preparing: '正在准备数据…',
    rows: '已写入 {written, number} / {total, plural, other {# 行}}',
    cancel: '取消导出',
    cancelling: '正在取消…'
  },
  cancelled: {
    title: '导出已取消',
    nothingWritten: '没有写入任何文件。',
    kept: '{name} 保持原样。'
  },
  replace: {
    title: '要替换吗？',
    message: '{name} 已存在。替换后，其现有内容将被覆盖。',
    confirm: '替换'
  },
  source: {
    title: '要覆盖原始文件吗？',
    message: '{name} 是本次检测导入的原始文件。导出到这里会覆盖原始文件，Ringtrue 无法恢复其中的数据。',
    hint: '选择“取消”并换一个文件名，即可保留原始文件。',
    confirm: '覆盖原始文件'
  },
  toast: {
    done: '已导出 {rows, plural, other {# 行}}到 {file}',
    doneFiles: '已导出 {rows, plural, other {# 行}}到 {files, plural, other {# 个文件}}（{file} 等）',
    reveal: '在文件夹中显示',
    chartSaved: '图表已保存到 {file}'
  }
}

export default exportMessages
