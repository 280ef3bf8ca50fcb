// English messages of the 'errors' namespace (ICU syntax). The zh-CN file has exactly these keys.
const errors = {} as const

export default errors
