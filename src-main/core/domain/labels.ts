// How reasons and line types read for people, in English and Simplified Chinese: the results screen shows these
// words in the UI's language, and exports write them in the Reason and Line Type columns (the codes stay in the
// CLI's --json; the CLI writes English).
import type { UiLanguage } from './preferences'
import type { LineType, Status } from './vocabulary'

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

const REASON_LABELS_ZH: Record<string, string> = {
  invalid_number: '无效号码',
  lost_digits: '数字丢失（科学计数法）',
  scientific_notation: '数字丢失（科学计数法）',
  lost_leading_zero: '丢失了开头的 0',
  leading_zero_lost: '丢失了开头的 0',
  country_column_mismatch: '国家列与号码不符，已按默认国家读取',
  region_inferred: '国家由列表推断',
  ambiguous_region: '在多个国家都有效，请选择一个',
  region_chosen: '国家由您选择',
  lost_plus: '丢失了开头的 +',
  stray_plus: '格式错误：+ 出现在数字中间',
  too_short: '位数太少',
  too_long: '位数太多',
  invalid_length: '位数不符合该国规则',
  invalid_country: '未知的国家代码',
  invalid_country_code: '未知的国家代码',
  unknown_country: '无法确定国家',
  no_region: '无法确定国家',
  not_a_number: '不是电话号码',
  no_number: '单元格中没有号码',
  empty: '空单元格',
  invalid_format: '格式无效',
  bad_number: '不是有效号码',
  valid: '有效号码',
  valid_number: '有效号码',
  offline_valid: '有效号码（离线检查）',
  possible: '可能的号码',
  possible_only: '长度合理，但不在已知号段内',
  not_checked: '尚未在线检测',
  unchecked: '尚未在线检测',
  fixed_line: '固定电话',
  landline: '固定电话',
  not_mobile: '不是手机号码',
  toll_free: '免费电话',
  premium_rate: '付费电话',
  duplicate: '重复号码',
  in_service: '正常使用中',
  reachable: '可接通',
  absent: '暂时无法接通',
  powered_off: '已关机',
  suspended: '已停机',
  restricted: '受限',
  pending_cancellation: '即将销号',
  disconnected: '已销号',
  not_in_network: '不在网',
  vacant: '空号（从未分配）',
  low_activity: '低活跃',
  not_found: '未找到',
  inconclusive: '无法判定',
  no_coverage: '不在覆盖范围',
  blocked: '已拦截',
  provider_busy: '服务商繁忙',
  rate_limited: '请求过于频繁',
  quota_exceeded: '超出额度',
  lookup_failed: '查询失败'
}

/** Known codes get a written label; new codes from main still read sensibly. */
export function reasonLabel(code: string | null, language: UiLanguage = 'en'): string {
  if (!code) return ''
  const known = (language === 'zh-CN' ? REASON_LABELS_ZH : REASON_LABELS)[code]
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

const LINE_TYPE_LABELS_ZH: Record<LineType, string> = {
  mobile: '手机',
  fixed_line: '固定电话',
  fixed_line_or_mobile: '固定电话或手机',
  toll_free: '免费电话',
  premium_rate: '付费电话',
  shared_cost: '分摊费用电话',
  voip: '网络电话（VoIP）',
  personal_number: '个人号码',
  pager: '寻呼机',
  uan: '企业号码（UAN）',
  voicemail: '语音信箱',
  unknown: '未知'
}

export function lineTypeLabel(lineType: string | null, language: UiLanguage = 'en'): string {
  if (!lineType) return ''
  const labels = language === 'zh-CN' ? LINE_TYPE_LABELS_ZH : LINE_TYPE_LABELS
  return labels[lineType as LineType] ?? reasonLabel(lineType, language)
}

const STATUS_WORDS: Record<Status, string> = {
  active: 'active',
  inactive: 'inactive',
  unknown: 'unknown',
  invalid: 'invalid',
  unchecked: 'unchecked'
}

const STATUS_WORDS_ZH: Record<Status, string> = {
  active: '有效',
  inactive: '失效',
  unknown: '未知',
  invalid: '无效',
  unchecked: '未检测'
}

/** The Status column's word in an export: English codes unless the user picked Chinese for the file. */
export function statusWord(status: Status, language: UiLanguage = 'en'): string {
  return (language === 'zh-CN' ? STATUS_WORDS_ZH : STATUS_WORDS)[status]
}
