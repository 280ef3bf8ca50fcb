import type { LiveSummary, PauseReason, UiLanguage } from '@contract/types'
import { localizeProviderText } from './provider-text'

/** Pauses Ringtrue itself explains: their translated title and view say it all, main's sentence adds nothing. */
const OWN_WORDS: readonly PauseReason[] = ['confirm', 'user', 'interrupted', 'sample', 'spend_cap']

/**
 * The text quoted under a pause's title. In English: main's whole message (what happened and what to do). In
 * another language: only what happened in the provider's words (pauseDetail, without main's English advice —
 * the view's own buttons and text say what to do), and nothing for the pauses Ringtrue words itself.
 */
export function pauseQuote(
  live: Pick<LiveSummary, 'pauseReason' | 'pauseMessage' | 'pauseDetail'>,
  language: UiLanguage
): string | null {
  if (language === 'en') return live.pauseMessage
  if (!live.pauseReason || OWN_WORDS.includes(live.pauseReason)) return null
  const quoted = live.pauseDetail ?? live.pauseMessage
  return quoted ? localizeProviderText(quoted) : null
}
