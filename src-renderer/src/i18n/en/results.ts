// English messages of the 'results' namespace (ICU syntax). The zh-CN file has exactly these keys.
const results = {} as const

export default results
