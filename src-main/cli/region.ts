// Region inference on the command line: the country split a check prints, the warning when the default region
// fits few numbers, and `jobs resolve` for the numbers held back as valid in several countries.
import type { AmbiguousChoice, CountrySplit } from '@contract/types'
import { listRegions } from '../core/phone'
import { UsageError } from './errors'

/** Countries named in the one-line split; the rest are summed up as "N more". */
const SHOWN_COUNTRIES = 6

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** "Countries: CN 44.5% · US 42.1% · 420 inferred · 3 ambiguous" */
export function formatCountries(split: CountrySplit): string {
  const shown = split.countries.slice(0, SHOWN_COUNTRIES).map((c) => `${c.country} ${percent(c.share)}`)
  const more = split.countries.length - shown.length
  const parts = [
    ...(shown.length > 0 ? shown : ['no valid numbers']),
    ...(more > 0 ? [`${more} more`] : []),
    `${split.inferred} inferred`,
    `${split.ambiguous} ambiguous`
  ]
  return `Countries: ${parts.join(' · ')}`
}

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

export const RESOLVE_HELP = `
Some numbers written without a country code are valid in several countries of the list (for example
18575770529: a mobile of China, or a number of Boston, US), and nothing on the row or in the list decides.
Ringtrue holds them back with status unknown and reason ambiguous_region, and never sends them to a paid
provider. Choose the country they are read in:

  ringtrue jobs resolve <id>               list the countries they can be read in ("CN 2 · US 2")
  ringtrue jobs resolve <id> --region CN   read them as numbers of China (reason region_chosen)

Only the numbers valid in the chosen country change. When the job has a paid check, the numbers chosen are
queued for it and the job waits for a go-ahead: ringtrue jobs resume <id>.`
