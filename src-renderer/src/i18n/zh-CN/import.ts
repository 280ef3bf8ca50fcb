// 简体中文: the 'import' namespace. Keys mirror ../en/import.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/import'

const importMessages: Catalog<typeof en> = {}

export default importMessages
