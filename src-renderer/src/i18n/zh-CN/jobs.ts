// 简体中文: the 'jobs' namespace. Keys mirror ../en/jobs.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/jobs'

const jobs: Catalog<typeof en> = {
  sidebar: {
    label: '检测',
    newCheck: '新建检测',
    history: '历史记录',
    searchPlaceholder: '查找检测…',
    searchLabel: '按名称、文件或工作表查找检测',
    loading: '正在加载检测',
    historyLabel: '检测历史',
    loadFailed: '无法加载检测列表。',
    emptyTitle: '还没有检测',
    emptyBody: '运行过的检测会显示在这里，方便以后查看和导出，离线时也可以。',
    noMatch: '没有与“{search}”匹配的检测。',
    settings: '设置',
    version: '版本 {version}'
  },
  item: {
    rows: '{count, plural, other {# 行}}',
    spent: '付费检测支出'
  },
  screen: {
    openFailed: '无法打开这个检测',
    loadFailed: '无法加载这个检测。',
    loading: '正在加载检测'
  },
  progress: {
    steps: '进度步骤',
    step: {
      import: '导入行',
      check: '检查号码',
      checkOffline: '离线检查',
      paid: '付费检测',
      review: '查看结果'
    },
    started: '{file} · 开始于 {date}',
    waiting: '等待开始',
    paused: '已暂停',
    counted: '{done} / {total} {unit, select, numbers {个号码} other {行}}',
    countedEstimate: '{done} / 约 {total} {unit, select, numbers {个号码} other {行}}',
    countedPast: '已处理 {done} {unit, select, numbers {个号码} other {行}}（预计约 {total}）',
    preparing: '正在准备…',
    barLabel: '{headline}：{percent}',
    starting: '即将开始',
    speed: '速度',
    rate: '{rate} {unit, select, numbers {个号码} other {行}}/秒',
    timeLeft: '剩余时间',
    about: '约 {duration}',
    numbersFound: '找到的号码',
    unique: '{count} 个不重复',
    byStatus: '目前各状态的行数',
    interrupted: '已中断',
    interruptedBody: '这个检测完成前 Ringtrue 已停止；没有产生任何费用。',
    resume: '继续',
    savedNote: '结果会在返回时随即保存。取消后仍可查看已检测的内容。',
    cancel: '取消'
  },
  toast: {
    deletedNamed: '已删除“{name}”',
    deleted: '已删除检测'
  },
  cancelImport: {
    title: '停止导入 {file}？',
    body: '{rows, plural, other {目前已读取 # 行。}}如果现在停止，检测会就此结束，文件的其余部分不会导入。',
    confirm: '停止导入',
    keep: '继续导入'
  }
}

export default jobs
