import { z } from 'zod'
import { cleanParams, type Envelope } from '@contract/envelope'
import { payloadSchemas } from '@contract/schemas'
import type { InvokeChannel } from '@contract/channels'
import type { HandlerTable } from './handlers'

export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>

interface CodedError {
  code: string
  message: string
  params?: unknown
}

function isCoded(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    error.message.length > 0
  )
}

/**
 * Validates every payload against its schema before a handler sees it, and turns failures into
 * `{ code, message }` without stack traces, whatever transport carries the call.
 */
export function createDispatch(handlers: HandlerTable, onUnexpected?: (error: unknown) => void): Dispatch {
  return async (channel, payload) => {
    if (!Object.hasOwn(payloadSchemas, channel)) {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `Unknown operation ${channel}.`, params: { channel } }
      }
    }
    const key = channel as InvokeChannel
    const parsed = (payloadSchemas[key] as z.ZodType).safeParse(payload)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `Invalid request for ${channel}${where}: ${issue?.message}`,
          // The window says a sentence of its own; the zod text stays in the message for logs and tests.
          params: { channel, field: issue?.path.join('.') ?? '' }
        }
      }
    }
    try {
      const handler = handlers[key] as (p: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      return { ok: true, value: value ?? null }
    } catch (error) {
      if (isCoded(error) && !/^E[A-Z]+$/.test(error.code)) {
        const params = cleanParams(error.params)
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(params ? { params } : {}) }
        }
      }
      onUnexpected?.(error)
      const message = error instanceof Error ? error.message : String(error)
      return {
        ok: false,
        error: { code: 'internal', message: `Something went wrong: ${message}`, params: { detail: message } }
      }
    }
  }
}
