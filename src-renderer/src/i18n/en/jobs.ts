// English messages of the 'jobs' namespace (ICU syntax). The zh-CN file has exactly these keys.
const jobs = {
  sidebar: {
    label: 'Checks',
    newCheck: 'New check',
    history: 'History',
    searchPlaceholder: 'Find a check…',
    searchLabel: 'Find a check by name, file or sheet',
    loading: 'Loading checks',
    historyLabel: 'Check history',
    loadFailed: 'The list of checks could not be loaded.',
    emptyTitle: 'No checks yet',
    emptyBody: 'Checks you run appear here, so you can review and export them later — even offline.',
    noMatch: 'No check matches “{search}”.',
    settings: 'Settings',
    version: 'Version {version}'
  },
  item: {
    rows: '{count, plural, one {# row} other {# rows}}',
    spent: 'Spent on paid checks'
  },
  screen: {
    openFailed: 'This check could not be opened',
    loadFailed: 'The check could not be loaded.',
    loading: 'Loading check'
  },
  progress: {
    steps: 'Progress steps',
    step: {
      import: 'Import rows',
      check: 'Check numbers',
      checkOffline: 'Check offline',
      paid: 'Paid check',
      review: 'Review results'
    },
    started: '{file} · started {date}',
    waiting: 'Waiting to start',
    paused: 'Paused',
    counted: '{done} of {total} {unit, select, numbers {numbers} other {rows}}',
    countedEstimate: '{done} of about {total} {unit, select, numbers {numbers} other {rows}}',
    countedPast: '{done} {unit, select, numbers {numbers} other {rows}} so far (about {total} expected)',
    preparing: 'Preparing…',
    barLabel: '{headline}: {percent}',
    starting: 'starting',
    speed: 'Speed',
    rate: '{rate} {unit, select, numbers {numbers} other {rows}}/s',
    timeLeft: 'Time left',
    about: 'about {duration}',
    numbersFound: 'Numbers found',
    unique: '{count} unique',
    byStatus: 'Rows by status so far',
    interrupted: 'Interrupted',
    interruptedBody: 'Ringtrue stopped before this check finished; nothing was spent.',
    resume: 'Resume',
    savedNote: 'Results are saved as they arrive. You can cancel and still review what was checked.',
    cancel: 'Cancel'
  },
  toast: {
    deletedNamed: 'Deleted “{name}”',
    deleted: 'Check deleted'
  },
  cancelImport: {
    title: 'Stop importing {file}?',
    body: '{rows, plural, one {# row has been read so far.} other {# rows have been read so far.}} If you stop now, the check ends here and the rest of the file is not imported.',
    confirm: 'Stop import',
    keep: 'Keep importing'
  }
} as const

export default jobs
