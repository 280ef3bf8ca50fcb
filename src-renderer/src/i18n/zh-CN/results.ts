// 简体中文: the 'results' namespace. Keys mirror ../en/results.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/results'

const results: Catalog<typeof en> = {}

export default results
