// 简体中文: the 'settings' namespace. Keys mirror ../en/settings.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/settings'

const settings: Catalog<typeof en> = {}

export default settings
