import { ApiError, type Api, type BridgeApi } from './api'
import { unwrap } from './envelope'

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as { then?: unknown }).then === 'function'
}

function wrap(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown
    return (...args: unknown[]) => {
      const result = fn(...args)
      if (!isThenable(result)) return result
      return Promise.resolve(result).then(
        (envelope) => unwrap(envelope as never),
        // The bridge itself never rejects; if something below it does, keep the message, mark it unexpected.
        (error: unknown) => {
          throw new ApiError('unexpected', error instanceof Error ? error.message : String(error))
        }
      )
    }
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) out[key] = wrap((value as Record<string, unknown>)[key])
    return Object.freeze(out)
  }
  return value
}

/**
 * The renderer's side of the bridge: turns `window.api` (whose async methods resolve with envelopes, because
 * contextBridge would strip an ApiError's `code`) back into the `Api` that rejects with an ApiError carrying
 * its code. Runs in the renderer, so the ApiError is created there and keeps every field.
 */
export function fromBridge(bridge: BridgeApi): Api {
  return wrap(bridge) as Api
}
