// English messages of the 'settings' namespace (ICU syntax). The zh-CN file has exactly these keys.
const settings = {} as const

export default settings
