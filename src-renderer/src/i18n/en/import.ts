// English messages of the 'import' namespace (ICU syntax). The zh-CN file has exactly these keys.
const importMessages = {} as const

export default importMessages
