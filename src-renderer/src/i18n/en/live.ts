// English messages of the 'live' namespace (ICU syntax). The zh-CN file has exactly these keys.
const live = {
  view: {
    started: '{file} · started {date}'
  },
  preflight: {
    title: 'Review the paid check',
    titleSample: 'Sample checked — continue with the rest?',
    sub: 'Nothing has been sent yet. This is what the paid check will send, where, and what it should cost.',
    subSample: 'The sample’s answers are saved. Nothing more is sent until you start the full check.',
    refresh: 'Refresh',
    refreshHint: 'Read the figures and balances again',
    failed: 'The pre-flight could not be read',
    failedFallback: 'Ringtrue could not work out the cost.',
    loading: 'Working out the cost and reading balances',
    loadingDots: 'Working out the cost and reading balances…',
    startSection: 'Start the paid check',
    capLabel: 'Spending cap',
    noCap: 'No cap',
    perCurrency: 'per currency',
    capInvalid: 'Enter an amount like 25 or 12.50, or leave it empty.',
    capOptional: 'Optional. The check pauses when it reaches the cap.',
    capBelow:
      'Below the estimate: the check will pause when it reaches the cap, before every number is checked.',
    capAbove: 'The check pauses if it reaches the cap.',
    notSure: 'Not sure yet?',
    sampleSize: 'Sample size',
    checkSample: 'Check a sample first',
    sampleHint: 'Random numbers; then Ringtrue pauses and projects the rest.',
    sampleRange: 'Enter a size from 1 to {max}.',
    estimate: 'Estimated cost',
    toPay: '{count, plural, one {# lookup to pay} other {# lookups to pay}}',
    toPayCached:
      '{count, plural, one {# lookup to pay} other {# lookups to pay}} · {cached, plural, other {# free from cache}}',
    start: 'Start paid check',
    checkRest: 'Check the rest',
    blocked:
      '{count, plural, one {Fix the problem above before starting.} other {Fix the problems above before starting.}}',
    dismiss: 'Dismiss',
    resultsSoFar: 'Results so far',
    offlineResults: 'Offline results',
    skip: 'Skip the paid check',
    confirmSampleTitle:
      '{count, plural, one {Check a sample of # number?} other {Check a sample of # numbers?}}',
    confirmStartTitle: 'Start the paid check?',
    confirmSampleLabel: 'Check the sample',
    confirmSample:
      'Ringtrue sends {count, plural, one {# randomly chosen number} other {# randomly chosen numbers}}, then pauses and shows what they found and what the remaining {rest, plural, other {#}} would likely cost.',
    sampleCost: 'Estimated cost of the sample:',
    sampleCostValue: 'about {cost}',
    nothingToSend: 'Every number has a fresh answer in the cache, so nothing is sent and nothing is paid.',
    sendsTo: 'Ringtrue sends {list}. Providers bill every lookup they answer.',
    sendsToItem: '{count, plural, one {# number to {name}} other {# numbers to {name}}}',
    estimatedCost: 'Estimated cost:',
    withCap: '· spending cap',
    withoutCap: '· no spending cap',
    pauseAnyTime: 'You can pause at any time; every answer is saved as it arrives.',
    skipTitle: 'Skip the paid check?',
    skipMessage:
      'No number is sent to a paid provider. The job ends with the offline results, and it cannot be resumed.',
    skipMessageAnswered:
      'No number is sent to a paid provider. The job ends with the offline results and the answers already received, and it cannot be resumed.',
    skipConfirm: 'Skip it',
    back: 'Back',
    noProviderLines: 'No provider of the chain has numbers to check.',
    moreCountries: '{count, plural, other {# more}}',
    byCountry: '{name} by country',
    countryTitle: '{country}: {count, plural, other {# to pay}}',
    openSettings: 'Open Settings',
    countsLabel: 'What happens to the numbers',
    countriesLabel: 'Countries of the numbers'
  },
  counts: {
    rows: 'Rows',
    rowsHint: 'Data rows in the imported sheet',
    numbers: 'Numbers',
    numbersHint: 'Phone numbers found in the phone columns',
    duplicates: 'Duplicates',
    duplicatesHint: 'Written more than once; each distinct number is checked once',
    invalid: 'Invalid',
    invalidHint: 'Found invalid offline; never sent',
    notSent: 'Line type not sent',
    notSentHint: 'Valid, but of a line type this check does not send (landline, toll-free…)',
    noCoverage: 'No coverage',
    noCoverageHint: 'No provider of the chain covers these numbers; they stay unchecked',
    alreadyAnswered: 'Already answered',
    alreadyAnsweredHint: 'Answered earlier in this job; not paid again',
    uncertain: 'Possibly charged',
    uncertainHint: 'Sent before, with no answer; re-sent only if you ask'
  },
  table: {
    provider: 'Provider',
    routed: 'Routed',
    cached: 'Free from cache',
    toPay: 'To pay',
    price: 'Price',
    cost: 'Estimated cost',
    balance: 'Balance',
    problem: {
      no_key: 'No API key for {name}: set it in Settings or {envVar}.',
      key_origin:
        '{name}: the key was entered for {keyOrigin}, not for {baseUrlOrigin} (the base URL now in use), so it is not sent. Enter it again in Settings to use it with {baseUrlOrigin}.',
      minimum:
        '{name} takes at least {minimum} numbers per task{learned, select, yes { (it said so when it refused a smaller task)} other {}}; this job has {toPay} for it.',
      refused_key: '{name} refused the API key on its balance call ({detail}).'
    },
    balanceNote: {
      below_cost: 'The balance ({balance}) is below the estimated cost.',
      no_api: '{name} has no balance API.',
      unavailable: 'Balance not available: {detail}'
    },
    perLookup: '{price} per lookup'
  },
  regionNotes: {
    inferred:
      '{count, plural, one {# of these numbers had its country inferred from the list} other {# of these numbers had their country inferred from the list}}',
    ambiguous:
      '{count, plural, one {# number valid in several countries is held back (not sent)} other {# numbers valid in several countries are held back (not sent)}}'
  },
  running: {
    title: 'Paid check',
    pausing: 'Pausing…',
    done: '{done} of {total, plural, one {# number} other {# numbers}} · {chain}',
    progress: 'Paid check: {pct}',
    speed: 'Speed',
    rate: '{rate} lookups/s',
    timeLeft: 'Time left',
    eta: 'about {duration}',
    spent: 'Spent so far',
    byStatus: 'Rows by status so far',
    waiting: 'Waiting for the requests already sent; their answers are kept.',
    saved: 'Every answer is saved as it arrives. A pause lets the requests already sent finish.',
    pause: 'Pause',
    cancel: 'Cancel',
    cancelTitle: 'Cancel the paid check?',
    cancelMessage:
      'Nothing more is sent. Every answer received so far is kept and the results can be reviewed and exported, but a cancelled check cannot be resumed. To stop for now and continue later, pause instead.',
    cancelConfirm: 'Cancel the check',
    keepRunning: 'Keep running'
  },
  paused: {
    providerSays: 'The provider’s words',
    newCap: 'New spending cap',
    removeCap: 'Remove the cap and resume',
    raiseCap: 'Raise the cap and resume',
    capInvalid: 'Enter an amount like 25 or 12.50, or leave it empty for no cap.',
    capTooLow: 'Already spent {spent}: the new cap has to be higher.',
    capEmpty: 'Leave empty to continue without a cap.',
    resume: 'Resume',
    tryAgain: 'Try again',
    resumeResend: '{count, plural, other {Resume and re-send #}}',
    tryAgainResend: '{count, plural, other {Try again and re-send #}}',
    openSettings: 'Open Settings',
    dismiss: 'Dismiss',
    title: 'Paused at {done} of {total, plural, one {# number} other {# numbers}}',
    spent: 'Spent {spend}',
    progress: 'Paid check paused at {pct}',
    nothingSentResume:
      'Nothing is sent while the check is paused. Resume continues with the numbers still to check.',
    nothingSent: 'Nothing is sent while the check is paused.',
    resultsSoFar: 'Results so far',
    cancel: 'Cancel check',
    cancelTitle: 'Cancel the paid check?',
    cancelMessage:
      '{count, plural, one {# number will not be checked.} other {# numbers will not be checked.}} The answers received so far are kept, but a cancelled check cannot be resumed.',
    cancelConfirm: 'Cancel the check',
    keepPaused: 'Keep it paused'
  },
  figures: {
    label: 'Numbers in the paid check',
    answered: 'Answered',
    answeredHint: 'Paid answers received in this check',
    cached: 'From cache',
    cachedHint: 'Fresh answers reused from earlier checks, free',
    pending: 'Still to check',
    pendingHint: 'Numbers not sent yet',
    inFlight: 'In flight',
    inFlightHint: 'Sent and waiting for the provider’s answer',
    failed: 'Failed',
    failedHint: 'Numbers that could not be checked after every retry',
    uncertain: 'Possibly charged',
    uncertainHint: 'Requests that may have been billed although no answer arrived',
    errors: 'Errors',
    errorsHint: 'Failed requests, including ones that were retried successfully',
    lastError: 'Last error:',
    spentEstimated: '{spent} (estimated)',
    spentOfCap: '{spent} of a {cap} cap'
  },
  uncertain: {
    title: '{count, plural, other {# possibly charged}}',
    sub: 'These requests reached the provider, but their answer never arrived, so Ringtrue cannot tell whether they were billed. They are not sent again unless you ask for it.',
    loading: 'Loading the requests',
    failed: 'The list could not be loaded.',
    number: 'Number',
    provider: 'Provider',
    sent: 'Sent',
    what: 'What happened',
    noAnswer: 'No answer',
    resend: 'Re-send them',
    resendNote: '(you may be charged twice)'
  },
  sample: {
    title: '{count, plural, one {Sample of # checked} other {Sample of # checked}}',
    status: 'Status',
    inSample: 'In the sample',
    share: 'Share',
    projected: 'Projected for the list',
    about: '≈ {count}',
    restCost: 'Checking the rest would cost about',
    nothing: 'nothing'
  },
  toast: {
    nothingToRecheck:
      'Nothing to re-check: no {statuses} row has a number the providers of this check cover.',
    resolvedNone: 'No number was valid as a number of {country}',
    resolved: '{count, plural, one {# number read as {country}} other {# numbers read as {country}}}'
  },
  answer: {
    html: 'The server answered with a web page (HTTP {status}) instead of the API’s answer.',
    empty: 'The server sent an empty answer (HTTP {status}) instead of the API’s answer.',
    notJson: 'The server answered with text that is not JSON (HTTP {status}) instead of the API’s answer.'
  }
} as const

export default live
