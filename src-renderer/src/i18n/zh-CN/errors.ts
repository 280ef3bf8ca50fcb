// 简体中文: the 'errors' namespace. Keys mirror ../en/errors.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/errors'

const errors: Catalog<typeof en> = {}

export default errors
