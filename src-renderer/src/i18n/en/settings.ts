// English messages of the 'settings' namespace (ICU syntax). The zh-CN file has exactly these keys.
const settings = {
  title: 'Settings',
  subtitle: 'Keys are kept in the system keychain; Ringtrue can tell whether one is set but never shows it.',
  loading: 'Loading providers',
  loadFailed: 'Provider settings could not be loaded',
  loadFailedMessage: 'Ringtrue could not read its settings.',
  tryAgain: 'Try again',
  nav: {
    label: 'Settings sections',
    providers: 'Providers',
    general: 'General',
    appearance: 'Appearance & language',
    appearanceSummary: '{language} · {theme}',
    enabled: 'Enabled',
    disabled: 'Off',
    alwaysOn: 'Always on',
    keySaved: 'Key saved',
    keyFromEnvironment: 'Key from environment',
    noKey: 'No key',
    keyOtherAddress: 'Key for another address',
    noKeyNeeded: 'No key needed'
  },
  keychain: {
    title: 'The system keychain is not available, so keys cannot be saved here.',
    envHint:
      'Set the key in an environment variable instead: {pattern}, for example {example} (Telesign also needs {customerVar}).',
    details: 'Details from the system'
  },
  badge: {
    live: 'Live',
    offline: 'Offline',
    bulk: 'Bulk',
    free: 'Free · no key'
  },
  card: {
    alwaysOn: 'Always on',
    enabled: 'Enabled',
    disabled: 'Disabled',
    enableTitle: 'Offer {name} for checks',
    disableTitle: 'Stop offering {name} for checks',
    coverage: 'Coverage',
    basedOn: 'Based on',
    confidence: {
      network: 'Live network (HLR)',
      carrier_db: 'Carrier database',
      inferred: 'Inference, not a live lookup'
    },
    numberingPlan: 'Numbering-plan data',
    docs: 'Provider documentation'
  },
  section: {
    credentials: 'Credentials',
    connection: 'Connection and limits'
  },
  keyOrigin:
    'The key was entered for {keyOrigin}; enter it again to use it with {baseUrlOrigin}. Until then Ringtrue does not send it.',
  key: {
    label: {
      apiKey: 'API key',
      customerId: 'Customer ID'
    },
    placeholderNew: {
      apiKey: 'Paste the API key',
      customerId: 'Paste the customer ID'
    },
    placeholderReplace: {
      apiKey: 'Replace the API key',
      customerId: 'Replace the customer ID'
    },
    removeTitle: {
      apiKey: 'Remove the API key from the keychain',
      customerId: 'Remove the customer ID from the keychain'
    },
    save: 'Save',
    remove: 'Remove',
    fromEnvironment: '{envVar} is set, so it is used instead of anything saved in the keychain.',
    state: {
      notSet: 'Not set',
      keychain: '{kind, select, apiKey {Key set} other {Set}}{tail} (keychain)',
      environment: '{kind, select, apiKey {Key set} other {Set}}{tail} from {envVar} (environment)'
    }
  },
  field: {
    authMode: 'Authentication',
    authBasic: 'Basic',
    authHmac: 'HMAC (TSA)',
    useCase: 'Use case',
    useCaseHint: 'PhoneID use-case code; OTHR unless Telesign told you otherwise.',
    lookup: 'Lookup',
    lookupHlr: 'HLR — live network status',
    lookupMnp: 'MNP — carrier and porting',
    baseUrl: 'Base URL',
    baseUrlHint: 'Leave empty for the provider’s own address; change it for a proxy.',
    baseUrlEnv: 'From environment: {envVar} = {url} is used instead of this field.',
    concurrency: 'Concurrent requests',
    ratePerSecond: 'Rate limit (per second)',
    timeoutSeconds: 'Timeout (seconds)',
    pricePerLookup: 'Price per lookup',
    currency: 'Currency'
  },
  invalid: {
    notNumber: 'Enter a number.',
    wholeRange: 'Enter a whole number from {min, number} to {max, number}.',
    range: 'Enter a number from {min, number} to {max, number}.',
    baseUrl: 'Enter an address that starts with http:// or https://, without a user name or password.',
    currency: 'Enter a three-letter currency code, such as USD.',
    useCase: 'Enter a four-letter Telesign use-case code, such as OTHR.',
    summary: 'Correct the marked field before saving.'
  },
  action: {
    save: 'Save settings',
    test: 'Test connection',
    saved: 'Settings saved.'
  },
  saveRefused:
    'Ringtrue could not save these settings because a value is outside what it accepts. Check the fields and try again.',
  billedTest: {
    note: 'Telesign has no free test call; a test is one billed query.',
    title: 'Send a billed test query?',
    message:
      'Telesign has no free call to test a key. “Test connection” sends one PhoneID Live query for the fictional number +1 202-555-0100, and Telesign bills it like any other lookup.',
    price: 'At the price per lookup set here, that is about {price}.',
    confirm: 'Send billed query',
    cancel: 'Cancel'
  },
  test: {
    connected: 'Connected.',
    failed: 'Failed.',
    balance: 'Balance: {amount} {currency}'
  },
  appearance: {
    title: 'Appearance & language',
    subtitle: 'Applies at once and is kept for the next start.',
    language: 'Language',
    languageSystem: 'System ({name})',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    saveFailed: 'The choice could not be kept: {message}'
  },
  providers: {
    offline: {
      name: 'Offline check',
      measures:
        'Whether the number is well formed and possible for its country, and its line type (mobile, landline, toll-free…) from numbering-plan data; it cannot tell whether a number is in service.',
      coverage: 'Every country (libphonenumber metadata)'
    },
    acedata: {
      measures:
        'Whether the mainland-China carrier lists the number as in service, suspended, cancelled, vacant or out of the network, as relayed by Ace Data Cloud from a carrier-data aggregator; it does not say whether the phone is switched on or reachable right now.',
      coverage: 'Mainland China mobile numbers (+86)'
    },
    toolkk: {
      measures:
        'What the mainland-China carrier records say about the number (normal, powered off, suspended, in the network but unusable, pending cancellation, not in the network), with its carrier and whether it was ported, as relayed by the toolkk aggregator; it is not a live network probe.',
      coverage: 'Mainland China mobile numbers (+86)'
    },
    checknumber: {
      measures:
        'An activity estimate from big-data signals (device system, carrier and internet behaviour), not a live network or carrier-register lookup: “inactive” means little recent activity, not a disconnected line.',
      coverage:
        'Any country: numbers in international E.164 form (the docs set no country limit). Bulk only: the vendor publishes no minimum task size for active_check; if it refuses a small task, the minimum it states is kept.'
    },
    telesign: {
      measures:
        'Telesign’s live carrier data: whether the subscription is active or disconnected and whether the handset is reachable right now, plus roaming, carrier and line type.',
      coverage:
        'All countries in principle; whether a number gets a live answer depends on its country and carrier. Full-service Telesign accounts only.'
    },
    checkmobi: {
      measures:
        'The mobile network’s HLR state of the number right now: connected, absent (handset off or out of reach), no service or invalid, with its current carrier and whether it was ported.',
      coverage:
        'Mobile numbers in every country CheckMobi has an HLR route to; landlines fall back to a free format check (except in North America, where the lookup is always made).'
    }
  }
} as const

export default settings
