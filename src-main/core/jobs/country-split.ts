// How a list's numbers split by likely country: before import from the preview's rows (the mapping screen and
// `check`'s warning), after the offline check from every stored number.
import type { CellValue, CountrySplit } from '../domain'
import { isPlaceHeader, NumberMemo, ProfileBuilder, type ListProfile, type TextCheck } from '../phone'
import type { CountryTallyRow } from '../store/region-store'
import { RowChecker, type RowCheckSettings } from './row-check'

/** Place columns (city, address, country…) other than the phone and country columns. */
export function placeColumnsOf(
  headers: readonly (string | null)[],
  mapping: { phoneColumns: number[]; countryColumn: number | null }
): number[] {
  const taken = new Set([...mapping.phoneColumns, mapping.countryColumn])
  const columns: number[] = []
  headers.forEach((header, column) => {
    if (header && !taken.has(column) && isPlaceHeader(header)) columns.push(column)
  })
  return columns
}

/** The list's evidence from these rows (a sample of it): which countries it holds and in what shares. */
export function profileOfRows(
  rows: Iterable<CellValue[]>,
  settings: RowCheckSettings,
  check?: TextCheck
): ListProfile {
  const builder = new ProfileBuilder(
    {
      phoneColumns: settings.phoneColumns,
      countryColumn: settings.countryColumn,
      placeColumns: settings.placeColumns ?? [],
      defaultRegion: settings.defaultRegion
    },
    check
  )
  for (const cells of rows) builder.add(cells)
  return builder.build()
}

/** How many times the default's share another country must hold before the default is called a mismatch. */
const MISMATCH_RATIO = 1.5

class SplitTally {
  readonly byCountry = new Map<string, number>()
  numbers = 0
  invalid = 0
  inferred = 0
  ambiguous = 0

  add(country: string | null, status: string, reason: string | null, n = 1): void {
    this.numbers += n
    if (status === 'invalid') this.invalid += n
    else if (reason === 'ambiguous_region') this.ambiguous += n
    else if (country) {
      this.byCountry.set(country, (this.byCountry.get(country) ?? 0) + n)
      if (reason === 'region_inferred') this.inferred += n
    }
  }

  result(rows: number, defaultRegion: string): CountrySplit {
    const share = (n: number): number => (this.numbers ? n / this.numbers : 0)
    const countries = [...this.byCountry]
      .map(([country, numbers]) => ({ country, numbers, share: share(numbers) }))
      .sort((a, b) => b.numbers - a.numbers || a.country.localeCompare(b.country))
    const defaultShare = share(this.byCountry.get(defaultRegion) ?? 0)
    const top = countries[0]
    // Most numbers are not the default's, and another country holds clearly more of them: a mixed list whose
    // countries are about even gets no warning (the inference reads each number where it belongs).
    const mismatch =
      top && top.country !== defaultRegion && defaultShare < 0.5 && top.share >= MISMATCH_RATIO * defaultShare
        ? { country: top.country, share: top.share }
        : null
    return {
      rows,
      numbers: this.numbers,
      countries,
      invalid: this.invalid,
      inferred: this.inferred,
      ambiguous: this.ambiguous,
      defaultRegion,
      defaultShare,
      mismatch
    }
  }
}

/** The split of these rows, read exactly as the job would read them (same evidence, same inference). */
export function splitOfRows(rows: CellValue[][], settings: RowCheckSettings): CountrySplit {
  // One memo for the profile and the check: both read the same numbers.
  const memo = new NumberMemo()
  const profile = settings.profile ?? profileOfRows(rows, settings, memo.check)
  const checker = new RowChecker({ ...settings, profile }, memo.check)
  const tally = new SplitTally()
  let counted = 0
  rows.forEach((cells, index) => {
    if (cells.length === 0) return
    counted++
    for (const found of checker.check(index, cells).numbers)
      tally.add(found.country, found.status, found.reason)
  })
  return tally.result(counted, settings.defaultRegion)
}

/** The split of a checked job, from the store's tally of its numbers. */
export function splitOfTally(tally: CountryTallyRow[], rows: number, defaultRegion: string): CountrySplit {
  const split = new SplitTally()
  for (const row of tally) split.add(row.country, row.status, row.reason, row.n)
  return split.result(rows, defaultRegion)
}
