import type { Preflight } from '@contract/types'
import { formatCount } from '../../lib/format'

/** Said before paying: how many numbers to send had their country inferred, and how many are held back. */
export function regionNoteLines(
  figures: Pick<Preflight, 'inferred' | 'ambiguous'>
): { key: 'inferred' | 'ambiguous'; text: string }[] {
  const lines: { key: 'inferred' | 'ambiguous'; text: string }[] = []
  if (figures.inferred > 0) {
    lines.push({
      key: 'inferred',
      text: `${formatCount(figures.inferred)} of these numbers had ${figures.inferred === 1 ? 'its' : 'their'} country inferred from the list`
    })
  }
  if (figures.ambiguous > 0) {
    const one = figures.ambiguous === 1
    lines.push({
      key: 'ambiguous',
      text: `${formatCount(figures.ambiguous)} ${one ? 'number' : 'numbers'} valid in several countries ${one ? 'is' : 'are'} held back (not sent)`
    })
  }
  return lines
}
