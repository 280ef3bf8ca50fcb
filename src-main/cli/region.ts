// Region inference on the command line: the country split a check prints, the warning when the default region
// fits few numbers, and `jobs resolve` for the numbers held back as valid in several countries.
import type { AmbiguousChoice, CountrySplit } from '@contract/types'
import { listRegions } from '../core/phone'
import { UsageError } from './errors'

export { formatCountries, RESOLVE_HELP } from './format'

function regionInfo(code: string): { name: string; callingCode: string } | null {
  return listRegions().find((r) => r.code === code) ?? null
}

/**
 * The warning for a default region most numbers do not fit, naming the fix; null when the default fits.
 * Shares are of every number found, so they match the split line.
 */
export function mismatchWarning(split: CountrySplit): string | null {
  if (!split.mismatch) return null
  const { country, share } = split.mismatch
  const info = regionInfo(country)
  const name = info?.name ?? country
  const code = info ? ` +${info.callingCode}` : ' a country code'
  return (
    `Warning: ${Math.round(share * 100)}% of the numbers look like numbers of ${name}, but the default region is ` +
    `${split.defaultRegion}. Numbers written without${code} were read by the list's evidence where possible; ` +
    `to read them as numbers of ${name} by default, run again with --region ${country}.`
  )
}

/** A two-letter region code as libphonenumber knows it, or a usage error (exit 2). */
export function parseRegion(value: string, flag = '--region'): string {
  const code = value.trim().toUpperCase()
  if (!listRegions().some((r) => r.code === code)) {
    throw new UsageError(`${flag} must be a two-letter country code such as US, GB or DE (got "${value}")`)
  }
  return code
}

/** "CN 812 · US 640" */
export function formatChoices(choices: AmbiguousChoice[]): string {
  return choices.map((c) => `${c.country} ${c.numbers}`).join(' · ')
}
