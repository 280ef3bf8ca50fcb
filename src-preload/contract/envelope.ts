import { ApiError } from './api'
import type { ApiErrorShape } from './types'

/** What every handler call returns across a transport: errors travel as data so their code survives. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value
  throw new ApiError(envelope.error.code, envelope.error.message)
}
