import type { Preflight } from '@contract/types'
import { translate } from '../../i18n'

/** Said before paying: how many numbers to send had their country inferred, and how many are held back. */
export function regionNoteLines(
  figures: Pick<Preflight, 'inferred' | 'ambiguous'>
): { key: 'inferred' | 'ambiguous'; text: string }[] {
  const lines: { key: 'inferred' | 'ambiguous'; text: string }[] = []
  if (figures.inferred > 0) {
    lines.push({
      key: 'inferred',
      text: translate('live:regionNotes.inferred', { count: figures.inferred })
    })
  }
  if (figures.ambiguous > 0) {
    lines.push({
      key: 'ambiguous',
      text: translate('live:regionNotes.ambiguous', { count: figures.ambiguous })
    })
  }
  return lines
}
