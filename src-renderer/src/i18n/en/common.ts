// English messages of the 'common' namespace (ICU syntax). The zh-CN file has exactly these keys.
const common = {
  app: {
    starting: 'Starting Ringtrue',
    startFailed: 'Ringtrue could not start',
    noData: 'The app could not reach its data.'
  },
  action: {
    tryAgain: 'Try again'
  }
} as const

export default common
