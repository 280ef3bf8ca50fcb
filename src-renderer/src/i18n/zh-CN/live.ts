// 简体中文: the 'live' namespace. Keys mirror ../en/live.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/live'

const live: Catalog<typeof en> = {}

export default live
