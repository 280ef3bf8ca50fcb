import { ProviderError, type LiveProviderId } from './types'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string | Uint8Array | FormData
  timeoutMs: number
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  bytes: Uint8Array
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause
  return cause?.code ?? (error as { code?: string }).code
}

/**
 * One HTTP exchange with a provider. Failures before an answer become ProviderErrors that say whether the
 * request may have been processed: a refused connection never reached the provider (safe to retry), a reset
 * or a timeout after sending might have been charged (the ledger must treat it as uncertain).
 */
export async function send(provider: LiveProviderId, request: HttpRequest): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs)
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'error'
    })
  } catch (error) {
    throw transportError(provider, error, request, timeout)
  }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (error) {
    throw transportError(provider, error, request, timeout)
  }
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) }
}

function transportError(
  provider: LiveProviderId,
  error: unknown,
  request: HttpRequest,
  timeout: AbortSignal
): ProviderError {
  if (request.signal?.aborted) {
    return new ProviderError(provider, 'network', 'The request was cancelled.', {
      retryable: false,
      maybeProcessed: true
    })
  }
  if (timeout.aborted) {
    return new ProviderError(
      provider,
      'timeout',
      `No answer within ${request.timeoutMs < 1000 ? `${request.timeoutMs} ms` : `${Math.round(request.timeoutMs / 1000)} s`}.`,
      {
        retryable: false,
        maybeProcessed: true
      }
    )
  }
  const code = causeCode(error)
  if (code && NOT_SENT_CODES.has(code)) {
    return new ProviderError(provider, 'network', `Cannot reach the provider (${code}).`, {
      retryable: true,
      maybeProcessed: false
    })
  }
  return new ProviderError(provider, 'network', `The connection failed${code ? ` (${code})` : ''}.`, {
    retryable: false,
    maybeProcessed: true
  })
}

/** Parses a JSON answer or raises a 'malformed' error that keeps the start of the body for diagnosis. */
export function parseJson(provider: LiveProviderId, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.text)
  } catch {
    throw new ProviderError(
      provider,
      'malformed',
      `Unreadable answer (HTTP ${response.status}): ${response.text.slice(0, 120) || 'empty body'}`,
      { retryable: false, maybeProcessed: true, httpStatus: response.status }
    )
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Joins a base URL (with or without a path, e.g. https://api.checkmobi.com/v1) and an endpoint path. */
export function endpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
