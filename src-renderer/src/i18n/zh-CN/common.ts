// 简体中文: the 'common' namespace. Keys mirror ../en/common.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/common'

const common: Catalog<typeof en> = {
  app: {
    starting: '正在启动 Ringtrue',
    startFailed: 'Ringtrue 无法启动',
    noData: '应用无法读取它的数据。'
  },
  action: {
    tryAgain: '重试'
  }
}

export default common
