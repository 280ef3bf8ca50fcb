// The same answer as PhoneNumber.getType(), with each pattern compiled once. libphonenumber builds a new RegExp
// from the (often kilobyte-long) pattern text on every test, which was a fifth of the time per number; the job
// engine checks a million numbers, so the patterns are compiled per numbering plan and kept.
import type { PhoneNumber, PhoneNumberType } from 'libphonenumber-js/max'
import metadata from 'libphonenumber-js/metadata.max.json'

// libphonenumber's compact metadata (format version 4) stores a numbering plan as an array: the national
// pattern at 2, possible lengths at 3, and the type table at 11, one [pattern, lengths?] entry per type in the
// order below (0 when absent). Not public API: the equivalence test over every country guards it, and any
// other shape falls back to the library.
const NATIONAL_PATTERN = 2
const POSSIBLE_LENGTHS = 3
const TYPES = 11
const TYPE_ORDER: PhoneNumberType[] = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'PERSONAL_NUMBER',
  'VOICEMAIL',
  'UAN',
  'PAGER',
  'VOIP',
  'SHARED_COST'
]
// libphonenumber's order for everything but fixed line: the first match wins.
const OTHER_TYPES: PhoneNumberType[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL'
]

type RawPlan = unknown[]

interface Rule {
  type: PhoneNumberType
  pattern: RegExp
  lengths: number[] | undefined
}

interface CompiledPlan {
  national: RegExp
  /** The plan's possible national lengths, ascending (what libphonenumber's length check reads). */
  lengths: number[] | undefined
  fixedLine: Rule | null
  mobile: Rule | null
  /** No mobile pattern: a fixed-line match may as well be a mobile. */
  mobileUnknown: boolean
  others: Rule[]
}

const plans = new Map<string, CompiledPlan | null>()

function whole(pattern: string): RegExp {
  return new RegExp('^(?:' + pattern + ')$')
}

function rawPlan(key: string): RawPlan | undefined {
  const data = metadata as unknown as {
    countries: Record<string, RawPlan | undefined>
    country_calling_codes: Record<string, string[] | undefined>
    nonGeographic?: Record<string, RawPlan | undefined>
  }
  if (data.countries[key]) return data.countries[key]
  // A calling code: non-geographic (+800) or shared, in which case its main country's plan (as libphonenumber).
  const main = data.country_calling_codes[key]?.[0]
  return data.nonGeographic?.[key] ?? (main ? data.countries[main] : undefined)
}

function compile(key: string): CompiledPlan | null {
  const plan = rawPlan(key)
  const national = plan?.[NATIONAL_PATTERN]
  const types = plan?.[TYPES]
  if (metadata.version !== 4 || typeof national !== 'string' || !Array.isArray(types) || !types.length)
    return null
  const planLengths = plan?.[POSSIBLE_LENGTHS] as number[] | undefined
  const rules = new Map<PhoneNumberType, Rule | null>()
  TYPE_ORDER.forEach((type, index) => {
    const entry = types[index] as [string, number[]?] | 0 | undefined
    // An absent or empty pattern never matches.
    rules.set(
      type,
      entry && entry[0] ? { type, pattern: whole(entry[0]), lengths: entry[1] || planLengths } : null
    )
  })
  return {
    national: whole(national),
    lengths: planLengths,
    fixedLine: rules.get('FIXED_LINE') ?? null,
    mobile: rules.get('MOBILE') ?? null,
    // libphonenumber: a missing mobile entry, or one with an empty pattern.
    mobileUnknown: !types[1] || (types[1] as [string])[0] === '',
    others: OTHER_TYPES.map((type) => rules.get(type) ?? null).filter((rule): rule is Rule => rule !== null)
  }
}

function matches(rule: Rule, nationalNumber: string): boolean {
  if (rule.lengths && rule.lengths.indexOf(nationalNumber.length) < 0) return false
  return rule.pattern.test(nationalNumber)
}

function planOf(phone: PhoneNumber): CompiledPlan | null {
  const key = phone.country ?? phone.countryCallingCode
  let plan = plans.get(key)
  if (plan === undefined) {
    plan = compile(key)
    plans.set(key, plan)
  }
  return plan
}

/** The number's type, undefined when it is not valid (with full metadata, valid means "has a type"). */
export function numberType(phone: PhoneNumber): PhoneNumberType | undefined {
  const plan = planOf(phone)
  if (!plan) return phone.getType()
  const national = phone.nationalNumber
  if (!plan.national.test(national)) return undefined
  if (plan.fixedLine && matches(plan.fixedLine, national)) {
    if (plan.mobileUnknown || (plan.mobile && matches(plan.mobile, national))) return 'FIXED_LINE_OR_MOBILE'
    return 'FIXED_LINE'
  }
  for (const rule of plan.others) if (matches(rule, national)) return rule.type
  return undefined
}

export type LengthVerdict = 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH'

/**
 * What validatePhoneNumberLength() says of the text this number was parsed from, without parsing it again: its
 * national number's length against its plan's possible lengths. Undefined when the length is possible; null
 * when the plan is not readable here (the caller asks the library).
 */
export function lengthVerdict(phone: PhoneNumber): LengthVerdict | undefined | null {
  const plan = planOf(phone)
  if (!plan) return null
  const lengths = plan.lengths
  if (!lengths || lengths.length === 0) return undefined
  const length = phone.nationalNumber.length
  if (lengths[0] === length) return undefined
  if (lengths[0] > length) return 'TOO_SHORT'
  if (lengths[lengths.length - 1] < length) return 'TOO_LONG'
  return lengths.indexOf(length, 1) >= 0 ? undefined : 'INVALID_LENGTH'
}
