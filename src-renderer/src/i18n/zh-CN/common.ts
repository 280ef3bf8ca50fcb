// 简体中文: the 'common' namespace. Keys mirror ../en/common.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/common'

const common: Catalog<typeof en> = {
  app: {
    starting: '正在启动 Ringtrue',
    startFailed: 'Ringtrue 无法启动',
    noData: '应用无法读取它的数据。'
  },
  labels: {
    status: {
      active: '有效',
      unchecked: '未检测',
      unknown: '未知',
      inactive: '失效',
      invalid: '无效'
    },
    statusDescription: {
      active: '在线检测确认号码正在使用',
      unchecked: '号码有效，但尚未在线检测',
      unknown: '已检测，但没有确定的结果',
      inactive: '已销号、停机或从未分配',
      invalid: '不是可用的电话号码'
    },
    jobStatus: {
      draft: '排队中',
      running: '运行中',
      paused: '已暂停',
      done: '已完成',
      failed: '失败',
      cancelled: '已取消'
    },
    phase: {
      importing: '正在导入行',
      checking: '正在检查号码',
      live: '付费检测',
      finished: '正在收尾'
    },
    format: {
      xlsx: 'Excel 工作簿',
      xlsm: 'Excel 启用宏的工作簿',
      xls: 'Excel 97–2003 工作簿',
      xlsb: 'Excel 二进制工作簿',
      ods: 'OpenDocument 电子表格',
      csv: 'CSV',
      tsv: '制表符分隔的文本',
      txt: '分隔符文本',
      vcf: 'vCard'
    },
    delimiter: {
      comma: '逗号',
      semicolon: '分号',
      tab: '制表符',
      pipe: '竖线',
      space: '空格',
      other: '“{delimiter}”'
    },
    offlineCheck: '离线检查',
    pauseTitle: {
      confirm: '等待您确认',
      user: '已暂停',
      auth: '服务商拒绝了 API 密钥',
      balance: '服务商账户余额不足',
      error_rate: '错误过多，已暂停',
      spend_cap: '已达到支出上限',
      interrupted: '检测运行时 Ringtrue 被关闭',
      sample: '样本已检测',
      quota: '已达到服务商账户限额',
      provider: '服务商拒绝或丢失了任务',
      no_answers: '没有收到任何结果'
    },
    pauseShort: {
      confirm: '确认费用',
      user: '已暂停',
      auth: '密钥被拒',
      balance: '余额不足',
      error_rate: '错误',
      spend_cap: '达到上限',
      interrupted: '已中断',
      sample: '样本完成',
      quota: '达到限额',
      provider: '被拒绝',
      no_answers: '无结果'
    },
    freshness: {
      active: '有效结果',
      inactive: '失效结果',
      invalid: '无效结果',
      unknown: '未知结果'
    }
  },
  action: {
    tryAgain: '重试',
    cancel: '取消',
    close: '关闭',
    closeDetails: '关闭详情',
    dismiss: '关闭提示'
  },
  component: {
    noMatch: '没有与“{query}”匹配的项',
    selected: '{count, plural, other {已选 # 项}}',
    noResultsYet: '还没有结果',
    statusCount: '{status} {count}',
    loading: '正在加载…'
  }
}

export default common
