// 简体中文: the 'jobs' namespace. Keys mirror ../en/jobs.ts exactly.
import type { Catalog } from '../catalog'
import type en from '../en/jobs'

const jobs: Catalog<typeof en> = {}

export default jobs
