// English messages of the 'jobs' namespace (ICU syntax). The zh-CN file has exactly these keys.
const jobs = {} as const

export default jobs
