import { currentLanguage, i18n, translate } from '../i18n'

export interface UiError {
  code: string
  /** The sentence to show, in the UI language. */
  message: string
}

type Params = Record<string, string | number>

// Errors are recognised by shape: the ApiErrors from lib/api.ts (made here from the bridge's envelopes, code and
// params intact) and anything else that reached the renderer, which keeps at most a message.
export function toUiError(error: unknown): UiError {
  if (error && typeof error === 'object') {
    const { code, message, params } = error as { code?: unknown; message?: unknown; params?: unknown }
    if (typeof message === 'string' && message.length > 0) {
      const known = typeof code === 'string' ? code : 'unexpected'
      return { code: known, message: inUserWords(known, stripIpcPrefix(message), flatParams(params)) }
    }
  }
  if (typeof error === 'string' && error.length > 0) {
    return { code: 'unexpected', message: inUserWords('unexpected', error, undefined) }
  }
  return { code: 'unexpected', message: translate('errors:unexpected') }
}

export function errorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    return (error as { code: string }).code
  }
  return null
}

/**
 * Main's sentence for `code` in the UI language, built from its params. Main's English message is the fallback:
 * it is what English shows when main sent no params (the catalogue has the same words), and what any language
 * shows when a code is new to this window or its params do not fit the message.
 */
function inUserWords(code: string, message: string, params: Params | undefined): string {
  // Validation text ("Too small: expected number to be >=1") is for logs; people get a sentence.
  if (code === 'invalid_request') return translate('errors:invalid_request')
  const key = `errors:${code}`
  if (!/^[a-z][a-z0-9_]*$/.test(code) || !i18n.exists(key)) return message
  if (!params && currentLanguage() === 'en') return message
  const text = format(key, { variant: 'other', detail: message, ...params })
  if (text !== null) return text
  return currentLanguage() === 'en' ? message : translate('errors:internal', { detail: message })
}

/** The formatted message, or null when a placeholder had no value (ICU would print it as written). */
function format(key: string, values: Params): string | null {
  try {
    const text = (translate as (k: string, v: Params) => string)(key, values)
    return text === key || /\{[a-zA-Z]+[,}]/.test(text) ? null : text
  } catch {
    return null
  }
}

function flatParams(value: unknown): Params | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const out: Params = {}
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string' || typeof entry === 'number') out[key] = entry
  }
  return Object.keys(out).length > 0 ? out : undefined
}

// Electron prefixes rejected invoke messages with the channel name, which means nothing to a user.
function stripIpcPrefix(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
}
