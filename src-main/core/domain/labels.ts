// How reasons and line types read for people: the results screen shows these words, and exports write them in
// the Reason and Line Type columns (the codes stay in the CLI's --json).
import type { LineType } from './vocabulary'

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
