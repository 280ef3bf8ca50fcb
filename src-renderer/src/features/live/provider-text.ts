// Main words a provider answer that is not the API's JSON as one of three stable English sentences
// (src-main/core/providers/http.ts answerSummary). Inside a pause message or a last error they are said again
// in the UI's language; the rest of main's text stays as main wrote it.
import { currentLanguage, translate } from '../../i18n'

const SUMMARIES = [
  {
    key: 'live:answer.html',
    pattern: /The server answered with a web page \(HTTP (\d{3})\) instead of the API's answer\./g
  },
  {
    key: 'live:answer.empty',
    pattern: /The server sent an empty answer \(HTTP (\d{3})\) instead of the API's answer\./g
  },
  {
    key: 'live:answer.notJson',
    pattern: /The server answered with text that is not JSON \(HTTP (\d{3})\) instead of the API's answer\./g
  }
] as const

export function localizeProviderText(text: string): string
export function localizeProviderText(text: string | null): string | null
export function localizeProviderText(text: string | null): string | null {
  if (text === null || currentLanguage() === 'en') return text
  let out = text
  for (const { key, pattern } of SUMMARIES) {
    out = out.replace(pattern, (_match, status: string) => translate(key, { status }))
  }
  return out
}
