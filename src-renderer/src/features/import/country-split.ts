// What the mapping screen says about a list's countries, kept apart from the component so it can be tested.
import type { CountrySplit } from '@contract/types'
import { translate } from '../../i18n'

/** Countries named one by one in the bar and list; the rest are summed as "Other countries". */
export const SPLIT_COUNTRIES_SHOWN = 5

export interface SplitEntry {
  country: string | null
  numbers: number
  share: number
}

export function percent(share: number): string {
  if (share > 0 && share < 0.01) return '<1%'
  // Never say 100% while some numbers are elsewhere.
  if (share < 1 && share > 0.99) return '99%'
  return `${Math.round(share * 100)}%`
}

/** The top countries, then one "other" entry (country null) for the rest, when there is a rest. */
export function splitEntries(split: CountrySplit, shown = SPLIT_COUNTRIES_SHOWN): SplitEntry[] {
  const entries: SplitEntry[] = split.countries.slice(0, shown)
  const rest = split.countries.slice(shown)
  if (rest.length > 0) {
    entries.push({
      country: null,
      numbers: rest.reduce((sum, c) => sum + c.numbers, 0),
      share: rest.reduce((sum, c) => sum + c.share, 0)
    })
  }
  return entries
}

/** "62% of these numbers look like numbers of China; the default country is United States." */
export function mismatchWarning(split: CountrySplit, name: (code: string) => string): string | null {
  if (!split.mismatch) return null
  return translate('import:split.mismatch', {
    share: percent(split.mismatch.share),
    country: name(split.mismatch.country),
    defaultCountry: name(split.defaultRegion)
  })
}

/** The one-click fix for a mismatch: the country to make the default, and the button's words. */
export function mismatchFix(
  split: CountrySplit,
  name: (code: string) => string
): { country: string; label: string } | null {
  if (!split.mismatch) return null
  return {
    country: split.mismatch.country,
    label: translate('import:split.useAsDefault', { country: name(split.mismatch.country) })
  }
}

/** "3 inferred · 1 ambiguous · 2 invalid": every figure shown, so a zero is a visible all-clear. */
export function splitFigures(
  split: CountrySplit
): { key: 'inferred' | 'ambiguous' | 'invalid'; text: string }[] {
  return [
    { key: 'inferred', text: translate('import:split.inferred', { count: split.inferred }) },
    { key: 'ambiguous', text: translate('import:split.ambiguous', { count: split.ambiguous }) },
    { key: 'invalid', text: translate('import:split.invalid', { count: split.invalid }) }
  ]
}
