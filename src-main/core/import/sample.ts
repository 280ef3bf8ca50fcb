// The rows a list's profile (which countries it evidently holds) is read from. The same rule picks them from the
// stored rows (a resumed check) and from the rows a reader holds (the import, which hands them over before its
// first batch so the offline check can start while the import still runs).

/** Windows spread over the whole list, so a list sorted by country still shows all its countries. */
export const SAMPLE_WINDOWS = 20
export const SAMPLE_WINDOW_ROWS = 500

/**
 * Where each window starts, for data rows from `first` to `last` (row indexes): every window takes the next
 * SAMPLE_WINDOW_ROWS data rows from its start, so on a sparse list two windows may share rows.
 */
export function sampleWindowStarts(first: number, last: number): number[] {
  const stride = Math.max(SAMPLE_WINDOW_ROWS, Math.ceil((last - first + 1) / SAMPLE_WINDOWS))
  const starts: number[] = []
  for (let from = first; from <= last; from += stride) starts.push(from)
  return starts
}

/** Positions in `indexes` (the data rows' row indexes, ascending) of the sample, window by window. */
export function samplePositions(indexes: ArrayLike<number>): number[] {
  const n = indexes.length
  if (n === 0) return []
  const positions: number[] = []
  let at = 0
  for (const from of sampleWindowStarts(indexes[0], indexes[n - 1])) {
    while (at < n && indexes[at] < from) at++
    for (let p = at; p < n && p < at + SAMPLE_WINDOW_ROWS; p++) positions.push(p)
  }
  return positions
}
