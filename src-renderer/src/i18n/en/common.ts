// English messages of the 'common' namespace (ICU syntax). The zh-CN file has exactly these keys.
const common = {
  app: {
    starting: 'Starting Ringtrue',
    startFailed: 'Ringtrue could not start',
    noData: 'The app could not reach its data.'
  },
  labels: {
    status: {
      active: 'Active',
      unchecked: 'Unchecked',
      unknown: 'Unknown',
      inactive: 'Inactive',
      invalid: 'Invalid'
    },
    statusDescription: {
      active: 'Confirmed in service by a live check',
      unchecked: 'A valid number that has not been live-checked',
      unknown: 'Checked, but no definite answer',
      inactive: 'Disconnected, suspended or never assigned',
      invalid: 'Not a usable phone number'
    },
    jobStatus: {
      draft: 'Queued',
      running: 'Running',
      paused: 'Paused',
      done: 'Done',
      failed: 'Failed',
      cancelled: 'Cancelled'
    },
    phase: {
      importing: 'Importing rows',
      checking: 'Checking numbers',
      live: 'Paid check',
      finished: 'Finishing'
    },
    format: {
      xlsx: 'Excel workbook',
      xlsm: 'Excel macro workbook',
      xls: 'Excel 97–2003 workbook',
      xlsb: 'Excel binary workbook',
      ods: 'OpenDocument spreadsheet',
      csv: 'CSV',
      tsv: 'Tab-separated text',
      txt: 'Delimited text',
      vcf: 'vCard'
    },
    delimiter: {
      comma: 'comma',
      semicolon: 'semicolon',
      tab: 'tab',
      pipe: 'pipe',
      space: 'space',
      other: '“{delimiter}”'
    },
    offlineCheck: 'Offline check',
    pauseTitle: {
      confirm: 'Waiting for your go-ahead',
      user: 'Paused',
      auth: 'A provider refused the API key',
      balance: 'A provider account is out of credit',
      error_rate: 'Paused after too many errors',
      spend_cap: 'Spending cap reached',
      interrupted: 'Ringtrue stopped while this check was running',
      sample: 'Sample checked',
      quota: 'A provider account limit is reached',
      provider: 'A provider refused or lost a task',
      no_answers: 'No answer arrived'
    },
    pauseShort: {
      confirm: 'Confirm cost',
      user: 'Paused',
      auth: 'Key refused',
      balance: 'No credit',
      error_rate: 'Errors',
      spend_cap: 'Cap reached',
      interrupted: 'Interrupted',
      sample: 'Sample done',
      quota: 'Limit reached',
      provider: 'Refused',
      no_answers: 'No answers'
    },
    freshness: {
      active: 'Active answers',
      inactive: 'Inactive answers',
      invalid: 'Invalid answers',
      unknown: 'Unknown answers'
    }
  },
  action: {
    tryAgain: 'Try again',
    cancel: 'Cancel',
    close: 'Close',
    closeDetails: 'Close details',
    dismiss: 'Dismiss'
  },
  component: {
    noMatch: 'No match for “{query}”',
    selected: '{count, plural, one {# selected} other {# selected}}',
    noResultsYet: 'No results yet',
    statusCount: '{status} {count}',
    loading: 'Loading…'
  }
} as const

export default common
