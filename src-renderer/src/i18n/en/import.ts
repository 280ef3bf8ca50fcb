// English messages of the 'import' namespace (ICU syntax). The zh-CN file has exactly these keys.
const importMessages = {
  screen: {
    title: 'New check',
    subtitle:
      'Import a contact list, pick the phone columns, and Ringtrue normalizes and checks every number.',
    openFailed: 'That file could not be opened',
    readFailed: 'This file could not be read',
    reading: 'Reading {name}…',
    readingFile: 'Reading the file…',
    detecting: 'Detecting sheets, header and phone columns',
    readingLabel: 'Reading file',
    noDroppedPath: 'Ringtrue could not read the location of “{name}”. Use “Choose file…” to open it instead.'
  },
  drop: {
    region: 'Drop a contact list here',
    title: 'Drop a contact list',
    or: 'or',
    choose: 'Choose file…',
    note: 'The file is read on this computer. The offline check sends nothing over the network.'
  },
  preview: {
    updating: 'Updating preview',
    chooseAnother: 'Choose another file…',
    startFailed: 'The import could not start',
    fileProblem: 'Something went wrong with this file',
    settings: 'Import settings',
    sheet: 'Sheet',
    sheetOption: '{name} — {count, plural, one {# row} other {# rows}}',
    sheetOptionHidden: '{name} (hidden) — {count, plural, one {# row} other {# rows}}',
    headerRow: 'Header row',
    headerChoice: 'Row {row} is the header',
    headerChoiceHint: 'Row {row} is the header — {hint}',
    noHeader: 'No header row',
    countryColumn: 'Country column',
    countryNone: 'None — use the default country',
    countryOption: '{letter} · {header}',
    countryOptionSuggested: '{letter} · {header} (suggested)',
    defaultCountry: 'Default country',
    searchCountries: 'Search countries…',
    warnings: 'Warnings',
    separated: '{delimiter}-separated',
    rows: '{count, plural, one {# row} other {# rows}}',
    blankRows: '{count, plural, one {# blank row skipped} other {# blank rows skipped}}',
    noPhoneColumn: 'Choose at least one column with phone numbers.',
    summaryOffline:
      '{count, plural, one {# phone column} other {# phone columns}}: {names} · offline check only',
    summaryPaid:
      '{count, plural, one {# phone column} other {# phone columns}}: {names} · then a paid check with {chain}; you confirm the cost first',
    start: '{count, plural, one {Import and check # row} other {Import and check # rows}}'
  },
  countryNote: {
    applied:
      'Each row’s country from the column “{header}” is applied to numbers written without a country code. A number that is not valid for its row’s country but valid for the default country is read with the default country and flagged.',
    appliedSuggested:
      'Suggested: each row’s country from the column “{header}” is applied to numbers written without a country code. A number that is not valid for its row’s country but valid for the default country is read with the default country and flagged.',
    dontUse: 'Don’t use a country column',
    defaultOnly: 'Numbers written without a country code are read as numbers of the default country.',
    suggestedUnused:
      'Numbers written without a country code are read as numbers of the default country. The column “{header}” looks like each row’s country; it is not used.',
    useSuggested: 'Use “{header}” as the country column',
    column: 'Column {letter}'
  },
  sample: {
    title: 'Preview',
    subtitle:
      '{count, plural, one {The first row of “{sheet}” as read from the file.} other {The first # rows of “{sheet}” as read from the file.}}',
    row: 'Row',
    phoneColumn: 'Phone column',
    headerRow: 'Row {row}, header'
  },
  mapping: {
    title: 'Columns',
    subtitle:
      'Tick every column that holds phone numbers. Suggestions come from the header names and the values.',
    empty: 'This sheet has no columns with data.',
    noValues: 'No values in the preview',
    phoneHint: 'How sure detection is that this column holds phone numbers',
    phone: 'Phone · {pct}%',
    isCountry: 'Country column',
    countryHint: 'Looks like a country or region column',
    country: 'Country · {pct}%',
    toggle: 'Phone numbers',
    columnName: 'Column {letter}: {header}'
  },
  split: {
    title: 'Countries in this list',
    subtitleAll:
      '{count, plural, one {The # row, read as the check will read it} other {All # rows, read as the check will read them}}',
    subtitleFirst:
      '{count, plural, one {The first row, read as the check will read it} other {The first # rows, read as the check will read them}}',
    subtitleIdle: 'The numbers of the phone columns, read as the check will read them',
    working: 'Working out the countries',
    workingDots: 'Working out the countries…',
    choosePhone: 'Choose a phone column to see which countries its numbers belong to.',
    failed: 'The countries could not be worked out: {message}',
    unknownError: 'unknown error',
    noNumbers: 'No phone numbers were found in these columns.',
    other: 'Other countries',
    isDefault: '(default)',
    segment: '{name}: {share}',
    inferred: '{count, plural, other {# inferred}}',
    ambiguous: '{count, plural, other {# ambiguous}}',
    invalid: '{count, plural, other {# invalid}}',
    ofNumbers: '{count, plural, one {of # number} other {of # numbers}}',
    inferredHint:
      'Written without a country code and read in another country than the default, on the list’s evidence',
    ambiguousHint:
      'Valid in several countries with nothing to choose between them: held back, not checked, until you choose',
    invalidHint: 'Not a valid number in any country the list points to',
    mismatch:
      '{share} of these numbers look like numbers of {country}; the default country is {defaultCountry}.',
    useAsDefault: 'Use {country} as default'
  },
  paid: {
    title: 'Paid check',
    subOn:
      'After the free offline check, valid numbers go to the providers below. You see the cost and confirm it before anything is sent.',
    subOff:
      'Off: only the free offline check runs (valid, country, line type). Turn on to ask live-status providers whether numbers are in service.',
    switchLabel: 'Paid check after the offline check',
    on: 'On',
    off: 'Off',
    chain: 'Provider chain',
    chainHint:
      'A number goes to the first provider that covers it (and its country, when a step is limited).',
    loadingProviders: 'Loading providers',
    noProviders: 'No paid provider is enabled yet. Switch one on and add its key in Settings.',
    openSettings: 'Open Settings',
    addProvider: 'Add a provider',
    chooseFirst: 'Choose the first provider…',
    addAnother: 'Add another provider…',
    providerOption: '{name} — {coverage}',
    providerOptionNoKey: '{name} — {coverage} (no key yet)',
    notEnabled: 'Not enabled: {names}.',
    enableInSettings: 'Enable in Settings',
    fallback: 'Fallback provider',
    none: 'None',
    spendCap: 'Spending cap',
    noCap: 'No cap',
    perCurrency: 'per currency',
    fallbackHint:
      'The fallback is asked again for numbers whose first answer was unknown, not covered, or failed. The check pauses when it reaches the cap; you can raise it and continue.',
    lineTypes: 'Line types to send',
    lineTypesHint:
      'Status providers check mobile numbers; landlines, toll-free and similar numbers are kept out by default so they cost nothing.'
  },
  step: {
    noKey: 'No API key',
    setInSettings: 'Set it in Settings',
    disabled: 'Disabled in Settings',
    coverage: 'Coverage',
    moveUp: 'Move {name} up',
    moveUpTitle: 'Move up',
    moveDown: 'Move {name} down',
    moveDownTitle: 'Move down',
    remove: 'Remove {name} from the chain',
    removeTitle: 'Remove',
    countries: 'Countries',
    everyCountry: 'every country it covers',
    limit: 'Limit to some countries',
    limitedTo: 'Countries this step is limited to',
    removeCountry: 'Remove {name}',
    everyCountryItem: 'Every country it covers',
    addCountry: 'Add a country',
    typeCountry: 'Type a country…',
    anyCountry: 'Any country'
  },
  advanced: {
    summary: 'Advanced: reuse of earlier answers',
    hint: 'An answer for the same number from the same provider is reused, free, while it is fresher than this. 0 always asks again.',
    days: 'days',
    reset: 'Back to the defaults'
  },
  plan: {
    noProvider: 'Choose at least one provider for the paid check.',
    twice: 'A provider appears twice for every country; limit one of the steps to some countries.',
    noLineType: 'Choose at least one line type to send to the paid check.',
    badCap: 'Enter the spending cap as a number, like 25 or 12.50, or leave it empty.',
    badFreshness: 'Enter how many days “{label}” stay fresh (0 to {max}).'
  }
} as const

export default importMessages
