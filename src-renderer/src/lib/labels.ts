import type {
  FreshnessState,
  JobPhase,
  JobStatus,
  LineType,
  PauseReason,
  ProviderView,
  SourceFormat,
  Status
} from '@contract/types'

export const STATUS_LABELS: Record<Status, string> = {
  active: 'Active',
  unchecked: 'Unchecked',
  unknown: 'Unknown',
  inactive: 'Inactive',
  invalid: 'Invalid'
}

export const STATUS_DESCRIPTIONS: Record<Status, string> = {
  active: 'Confirmed in service by a live check',
  unchecked: 'A valid number that has not been live-checked',
  unknown: 'Checked, but no definite answer',
  inactive: 'Disconnected, suspended or never assigned',
  invalid: 'Not a usable phone number'
}

const REASON_LABELS: Record<string, string> = {
  invalid_number: 'Invalid number',
  lost_digits: 'Digits lost (scientific notation)',
  scientific_notation: 'Digits lost (scientific notation)',
  lost_leading_zero: 'Leading zero lost',
  leading_zero_lost: 'Leading zero lost',
  country_column_mismatch: 'Country column did not fit; read with the default country',
  region_inferred: 'Country inferred from the list',
  ambiguous_region: 'Valid in several countries — choose one',
  region_chosen: 'Country chosen by you',
  lost_plus: 'Leading + lost',
  stray_plus: 'Malformed: + inside the digits',
  too_short: 'Too short',
  too_long: 'Too long',
  invalid_length: 'Wrong length for its country',
  invalid_country: 'Unknown country code',
  invalid_country_code: 'Unknown country code',
  unknown_country: 'Country could not be determined',
  no_region: 'Country could not be determined',
  not_a_number: 'Not a phone number',
  no_number: 'No number in the cell',
  empty: 'Empty cell',
  invalid_format: 'Invalid format',
  bad_number: 'Not a valid number',
  valid: 'Valid number',
  valid_number: 'Valid number',
  offline_valid: 'Valid number (offline check)',
  possible: 'Possible number',
  possible_only: 'Plausible length, not a known range',
  not_checked: 'Not live-checked yet',
  unchecked: 'Not live-checked yet',
  fixed_line: 'Landline',
  landline: 'Landline',
  not_mobile: 'Not a mobile number',
  toll_free: 'Toll-free number',
  premium_rate: 'Premium-rate number',
  duplicate: 'Duplicate number',
  in_service: 'In service',
  reachable: 'Reachable',
  absent: 'Absent (temporarily unreachable)',
  powered_off: 'Powered off',
  suspended: 'Suspended',
  restricted: 'Restricted',
  pending_cancellation: 'Pending cancellation',
  disconnected: 'Disconnected',
  not_in_network: 'Not in network',
  vacant: 'Vacant (never assigned)',
  low_activity: 'Low activity',
  not_found: 'Not found',
  inconclusive: 'Inconclusive',
  no_coverage: 'No coverage',
  blocked: 'Blocked',
  provider_busy: 'Provider busy',
  rate_limited: 'Rate limited',
  quota_exceeded: 'Quota exceeded',
  lookup_failed: 'Lookup failed'
}

/** Known codes get a written label; new codes from main still read sensibly. */
export function reasonLabel(code: string | null): string {
  if (!code) return ''
  const known = REASON_LABELS[code]
  if (known) return known
  const words = code.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const LINE_TYPE_LABELS: Record<LineType, string> = {
  mobile: 'Mobile',
  fixed_line: 'Landline',
  fixed_line_or_mobile: 'Landline or mobile',
  toll_free: 'Toll-free',
  premium_rate: 'Premium rate',
  shared_cost: 'Shared cost',
  voip: 'VoIP',
  personal_number: 'Personal number',
  pager: 'Pager',
  uan: 'Company number (UAN)',
  voicemail: 'Voicemail',
  unknown: 'Unknown'
}

export function lineTypeLabel(lineType: string | null): string {
  if (!lineType) return ''
  return LINE_TYPE_LABELS[lineType as LineType] ?? reasonLabel(lineType)
}

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  draft: 'Queued',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled'
}

export const PHASE_LABELS: Record<JobPhase, string> = {
  importing: 'Importing rows',
  checking: 'Checking numbers',
  live: 'Paid check',
  finished: 'Finishing'
}

const FORMAT_LABELS: Record<SourceFormat, string> = {
  xlsx: 'Excel workbook',
  xlsm: 'Excel macro workbook',
  xls: 'Excel 97–2003 workbook',
  xlsb: 'Excel binary workbook',
  ods: 'OpenDocument spreadsheet',
  csv: 'CSV',
  tsv: 'Tab-separated text',
  txt: 'Delimited text',
  vcf: 'vCard'
}

export function formatLabel(format: SourceFormat): string {
  return FORMAT_LABELS[format] ?? format.toUpperCase()
}

export function delimiterLabel(delimiter: string | null): string | null {
  if (delimiter === null) return null
  switch (delimiter) {
    case ',':
      return 'comma'
    case ';':
      return 'semicolon'
    case '\t':
      return 'tab'
    case '|':
      return 'pipe'
    case ' ':
      return 'space'
    default:
      return `“${delimiter}”`
  }
}

export function isTerminal(status: JobStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled'
}

/** Display names for provider ids, used until (or without) the provider list from main. */
const PROVIDER_NAMES: Record<string, string> = {
  offline: 'Offline check',
  acedata: 'Ace Data Cloud',
  toolkk: 'toolkk',
  checknumber: 'CheckNumber.ai',
  telesign: 'Telesign PhoneID Live',
  checkmobi: 'CheckMobi HLR lookup'
}

/** The provider's display name: main's own name when the list is loaded, then the built-in one, then the id. */
export function providerLabel(id: string | null, providers?: readonly ProviderView[] | null): string {
  if (!id) return ''
  if (id === 'offline') return PROVIDER_NAMES.offline
  return providers?.find((p) => p.id === id)?.name ?? PROVIDER_NAMES[id] ?? id
}

export const PAUSE_TITLES: Record<PauseReason, string> = {
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
}

/** Short form for the job list. */
export const PAUSE_SHORT: Record<PauseReason, string> = {
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
}

export const FRESHNESS_LABELS: Record<FreshnessState, string> = {
  active: 'Active answers',
  inactive: 'Inactive answers',
  invalid: 'Invalid answers',
  unknown: 'Unknown answers'
}
