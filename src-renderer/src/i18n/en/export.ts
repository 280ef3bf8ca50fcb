// English messages of the 'export' namespace (ICU syntax). The zh-CN file has exactly these keys.
const exportMessages = {} as const

export default exportMessages
