import { ApiError } from './api'
import type { ApiErrorShape, ErrorParams } from './types'

/** What every handler call returns across a transport: errors travel as data so their code survives. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object') return false
  const { ok, error } = value as { ok?: unknown; error?: unknown }
  if (ok === true) return 'value' in value
  if (ok !== false || !error || typeof error !== 'object') return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  return typeof code === 'string' && typeof message === 'string'
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (!isEnvelope(envelope)) {
    throw new ApiError('bad_response', 'The app answered in a form the window does not understand.')
  }
  if (envelope.ok) return envelope.value
  throw new ApiError(envelope.error.code, envelope.error.message, cleanParams(envelope.error.params))
}

/** A transport failure (no handler, closed connection…) as an envelope, so bridge functions never reject. */
export function failure(code: string, error: unknown): Envelope<never> {
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code, message: message || 'The request could not be delivered.' } }
}

/** Only flat string and number values are kept: they are interpolated into a message, nothing else. */
export function cleanParams(value: unknown): ErrorParams | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const out: Record<string, string | number> = {}
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry))) out[key] = entry
  }
  return Object.keys(out).length > 0 ? out : undefined
}
