export interface UiError {
  code: string
  message: string
}

// Errors are recognised by shape: the ApiErrors from lib/api.ts (made here from the bridge's envelopes, code
// intact) and anything else that reached the renderer, which keeps at most a message.
export function toUiError(error: unknown): UiError {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown }
    if (typeof message === 'string' && message.length > 0) {
      return { code: typeof code === 'string' ? code : 'unexpected', message: stripIpcPrefix(message) }
    }
  }
  if (typeof error === 'string' && error.length > 0) return { code: 'unexpected', message: error }
  return { code: 'unexpected', message: 'Something went wrong. Please try again.' }
}

export function errorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    return (error as { code: string }).code
  }
  return null
}

// Electron prefixes rejected invoke messages with the channel name, which means nothing to a user.
function stripIpcPrefix(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
}
