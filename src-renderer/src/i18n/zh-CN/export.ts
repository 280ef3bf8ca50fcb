// 简体中文: the 'export' namespace. Keys mirror ../en/export.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/export'

const exportMessages: Catalog<typeof en> = {}

export default exportMessages
