import type {
  FreshnessState,
  JobPhase,
  JobStatus,
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

export { lineTypeLabel, reasonLabel } from '@contract/types'

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
