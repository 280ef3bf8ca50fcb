// English messages of the 'live' namespace (ICU syntax). The zh-CN file has exactly these keys.
const live = {} as const

export default live
