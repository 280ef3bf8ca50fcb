// English messages of the 'results' namespace (ICU syntax). The zh-CN file has exactly these keys.
// A count is `count` (ICU `#` formats it in the UI's language); a figure that picks no plural form arrives
// already formatted by lib/format.ts.
const results = {
  view: {
    failedTitle: 'This check stopped with an error',
    failedMessage: 'The check did not finish. Rows that were processed are listed below.',
    pausedTitle: '{title}.',
    pausedNote: 'These are the results so far; the paid check continues from where it stopped.',
    backToLive: 'Back to the paid check',
    uncertainNote:
      '{count, plural, one {# request may have been charged without an answer; that number has no paid result.} other {# requests may have been charged without an answer; those numbers have no paid result.}}',
    review: 'Review…',
    cancelledLive:
      'The paid check was cancelled. The rows below show the offline check and every paid answer received before it stopped.',
    cancelled:
      'This check was cancelled before it finished. The counts and rows below cover only what it processed.',
    loadFailed: 'Results could not be loaded',
    uncertainTitle: 'Possibly charged requests',
    close: 'Close',
    resend: 'Re-send {shown}'
  },
  header: {
    defaultCountry: 'Default country: {country}',
    reveal: 'Show {name} in its folder',
    warnings: '{count, plural, one {# warning} other {# warnings}}',
    importWarnings: 'Import warnings',
    compare: 'Compare…',
    delete: 'Delete',
    export: 'Export…',
    rows: 'Rows',
    rowsTitle: 'Data rows imported from the sheet',
    numbers: 'Numbers',
    numbersTitle: 'Phone numbers found in the phone columns (a cell may hold several)',
    unique: 'Unique',
    uniqueTitle: 'Distinct numbers after normalization',
    noNumber: 'No number',
    noNumberTitle: 'Rows in which no phone number was found',
    spent: 'Spent',
    spentTitle: 'Paid to the status providers for this check',
    statusFilter: 'Filter by status',
    deleteTitle: 'Delete this check?',
    deleteMessage:
      '“{name}” and all its results will be removed from Ringtrue. The original file {file} is not touched.',
    deleteConfirm: 'Delete check'
  },
  chip: {
    share: '{description} — {share} of rows',
    add: '{title}. Click to show only these rows.',
    remove: '{title}. Click to remove this filter.'
  },
  filter: {
    label: 'Filter results',
    search: 'Search rows',
    searchPlaceholder: 'Search rows…',
    clearSearch: 'Clear search',
    overview: 'Overview',
    all: '{count, plural, one {# row} other {# rows}}',
    matching: '{matched} of {count, plural, one {# row matches} other {# rows match}}',
    clear: 'Clear filters'
  },
  facet: {
    panel: 'Narrow the results',
    field: {
      statuses: 'Status',
      reasons: 'Reason',
      countries: 'Country',
      lineTypes: 'Line type',
      carriers: 'Carrier',
      providers: 'Answered by',
      checkedAges: 'Checked'
    },
    age: {
      day: 'In the last 24 hours',
      week: '1–7 days ago',
      month: '1–4 weeks ago',
      quarter: '1–3 months ago',
      older: 'Longer ago'
    },
    noReason: 'No reason',
    notKnown: 'Not known',
    noCountry: 'No country',
    invert: 'Invert',
    inverted: 'Everything but',
    invertTitle: 'Show everything but the ticked values',
    invertedTitle: 'Showing everything but the ticked values',
    clear: 'Clear {field}',
    showAll: 'Show all {shown}',
    showFewer: 'Show fewer'
  },
  overview: {
    label: 'Overview',
    status: 'Status',
    countries: 'Top countries',
    lineTypes: 'Line types',
    carriers: 'Top carriers',
    spend: 'Paid spend',
    save: 'Save the “{title}” chart as PNG',
    saveTitle: 'Save as PNG',
    rowsName: 'Rows',
    lookups: '{count, plural, one {# lookup} other {# lookups}}'
  },
  table: {
    label: 'Results of {name}',
    phoneColumn: 'Phone column',
    phoneColumnTitle: '{header} (phone column)',
    rowNumber: 'Row number',
    status: 'Status',
    country: 'Country',
    lineType: 'Line type',
    reason: 'Reason',
    provider: 'Answered by',
    checked: 'Checked',
    checkedBy: 'Checked {age} by {provider} — {date}',
    checkedAt: 'Checked {age} — {date}',
    rowTitle: 'Row {row} · {status}',
    rowLabel: 'Row {row}, {status}',
    loading: 'Loading results',
    noMatch: 'No rows match these filters',
    noMatchHint: 'Try another status, reason or search term.',
    noRows: 'This check has no rows',
    noRowsCancelled:
      'It was cancelled before any rows were imported. Start a new check to import the file again.',
    noRowsFailed: 'It stopped before any rows were imported.',
    noRowsEmpty: 'The imported sheet had no data rows.',
    rowCount: '{shown} of {count, plural, one {# row} other {# rows}}',
    hint: 'Click a row for its numbers and check details · drag a column edge to resize'
  },
  detail: {
    title: 'Row {row}',
    titleNone: 'Row',
    answered: 'Answered by {provider}',
    checked: 'checked {age}',
    loading: 'Loading row',
    loadFailed: 'This row could not be loaded',
    cells: 'Original cells',
    column: 'Column {letter}',
    empty: 'empty',
    numbers: '{count, plural, =1 {Number} other {Numbers (#)}}',
    noNumber: 'No phone number was found in this row’s phone columns.',
    number: 'Number {raw}',
    asWritten: 'As written in the file',
    field: {
      column: 'Column',
      nationalFormat: 'National format',
      internationalFormat: 'International format',
      lineType: 'Line type',
      country: 'Country',
      extension: 'Extension',
      note: 'Note'
    },
    columnValue: '{header} ({letter})',
    countryValue: '{country} ({code})',
    checks: 'Checks',
    noChecks: 'No check was recorded for this number.',
    when: 'When',
    cost: 'Cost',
    estimatedTitle:
      'Estimated: the provider does not document whether this answer is billed, so it is counted at the configured price.',
    free: 'Free',
    estimated: '≈{amount} (estimated)',
    notCharged: 'Not charged',
    offlineFound: 'What the offline check found',
    rawAnswer: 'Raw answer from {provider}'
  },
  ambiguous: {
    lead: '{count, plural, one {# row has a number valid in more than one country, not checked.} other {# rows have numbers valid in more than one country, not checked.}}',
    leadNoRows: 'Some numbers are valid in more than one country and were not checked.',
    readAs: 'Read them as:',
    waiting: 'Available once the file is read and checked offline',
    choose:
      '{count, plural, one {Read # of them as a number of {country}} other {Read # of them as numbers of {country}}}',
    choice: '{country} ({shown})',
    show: 'Show them'
  },
  recheck: {
    button: 'Re-check',
    menu: 'Re-check rows by status',
    note: 'Ask the provider again, skipping cached answers. You see the cost first.',
    item: {
      unknown: 'Re-check unknown',
      inactive: 'Re-check inactive',
      active: 'Re-check active',
      unchecked: 'Re-check unchecked',
      invalid: 'Re-check invalid'
    },
    hint: {
      unknown: 'No definite answer last time',
      inactive: 'Numbers may have been reassigned since',
      active: 'Confirm they are still in service',
      unchecked: 'Not live-checked yet',
      invalid: 'Invalid by a provider’s answer'
    }
  },
  compare: {
    change: {
      newly_inactive: 'Newly inactive',
      revived: 'Revived',
      added: 'Added',
      removed: 'Removed',
      line_type_changed: 'Line type changed',
      carrier_changed: 'Carrier changed',
      unchanged: 'Unchanged'
    },
    dialogTitle: 'Compare with another check',
    dialogText: 'What changed between “{name}” and another check of the list, number by number.',
    cancel: 'Cancel',
    find: 'Find a check',
    findPlaceholder: 'Find a check by name or file…',
    none: 'No other finished check to compare with. Check the list again later to see what changed.',
    rows: '{count, plural, one {# row} other {# rows}}',
    sameFile: 'same file',
    label: 'Comparison',
    when: '({date})',
    numbers: '{count, plural, one {# number} other {# numbers}}',
    numbersName: 'Numbers',
    export: 'Export changes…',
    close: 'Close comparison',
    changes: 'Changes',
    table: 'Changed numbers',
    e164: 'E.164',
    changeColumn: 'Change',
    status: 'Status',
    lineType: 'Line type',
    carrier: 'Carrier',
    comparing: 'Comparing the two checks',
    loading: 'Loading the changes',
    noChange: 'No number changed in these ways.',
    changed: '{count, plural, one {# changed number} other {# changed numbers}}',
    chosen:
      '{count, plural, one {# number with the chosen changes} other {# numbers with the chosen changes}}',
    exported:
      '{count, plural, one {Exported # changed number to {name}} other {Exported # changed numbers to {name}}}',
    showInFolder: 'Show in folder',
    failed: 'The comparison could not be made',
    replaceTitle: 'Replace it?',
    replaceText: '{name} already exists. Replacing it overwrites its current contents.',
    replace: 'Replace',
    noneOpen: 'No comparison is open.'
  }
} as const

export default results
