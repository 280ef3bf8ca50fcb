// Exports name reasons in words (core/domain/labels.ts). Tests that state what a row's reason is keep stating the
// code; this reads the word an export wrote back to the code it stands for, and refuses anything that is not a
// reason's word, so a test fails if an export writes a code (or an unknown word) instead.
import { reasonLabel } from '../../src-main/core/domain'

/** The codes the offline check and the region choice write, first: where two codes share words, these win. */
const CODES = [
  'too_short',
  'too_long',
  'invalid_length',
  'invalid_country_code',
  'not_a_number',
  'invalid_number',
  'lost_digits',
  'lost_leading_zero',
  'lost_plus',
  'country_column_mismatch',
  'stray_plus',
  'region_inferred',
  'ambiguous_region',
  'region_chosen',
  'no_number',
  'in_service',
  'disconnected',
  'inconclusive',
  'not_found',
  'absent',
  'vacant',
  'suspended',
  'powered_off'
]

const CODE_OF = new Map<string, string>()
for (const code of CODES) if (!CODE_OF.has(reasonLabel(code))) CODE_OF.set(reasonLabel(code), code)

/** The reason code behind an exported Reason cell ('' stays ''). */
export function reasonCodeOf(exported: string): string {
  if (exported === '') return ''
  return CODE_OF.get(exported) ?? `(not a reason's words: ${exported})`
}
