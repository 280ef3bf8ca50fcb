import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
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

// Pooled keep-alive connections per origin. node:http rather than fetch: on this kind of machine fetch spends
// ~4× the CPU per request (web streams, Request/Response objects, their garbage), which capped a paid run
// near 1,000 lookups/s (research §5.4 measured the same gap for TLS).
// An idle connection is dropped after 4 s (undici's default), before the usual 5 s of servers, so a request is
// not sent on a connection the server is closing (that would look like a possibly charged reset).
const httpAgent = new HttpAgent({ keepAlive: true, scheduling: 'lifo', timeout: 4_000 })
const httpsAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 4_000 })

/**
 * One HTTP exchange with a provider. Failures before an answer become ProviderErrors that say whether the
 * request may have been processed: a refused connection never reached the provider (safe to retry), a reset
 * or a timeout after sending might have been charged (the ledger must treat it as uncertain).
 */
export async function send(provider: LiveProviderId, request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProviderError(provider, 'network', `Unsupported address ${url.protocol}//.`, {
      retryable: false,
      maybeProcessed: false
    })
  }
  // The defaults fetch sent, so a provider's gateway sees the same kind of client (no compression asked for).
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'Ringtrue' }
  // Names lowercased as fetch sends them, so a provider's `Accept` replaces the default instead of doubling it.
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
  let body: string | Uint8Array | undefined
  if (request.body instanceof FormData) {
    // The platform's multipart encoder, boundary and all.
    const encoded = new Request(url, { method: 'POST', body: request.body })
    body = new Uint8Array(await encoded.arrayBuffer())
    headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data'
  } else {
    body = request.body
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
  const started = Date.now()
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false
    let timedOut = false
    const finish = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      request.signal?.removeEventListener('abort', cancel)
      outcome()
    }
    const fail = (error: unknown): void =>
      finish(() => reject(transportError(provider, error, request, timedOut)))
    const https = url.protocol === 'https:'
    const call = https ? httpsRequest : httpRequest
    const req = call(
      url,
      { method: request.method, headers, agent: https ? httpsAgent : httpAgent },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', fail)
        res.on('aborted', () =>
          fail(Object.assign(new Error('The answer was cut off.'), { code: 'ECONNRESET' }))
        )
        res.on('end', () => {
          if (!res.complete) {
            fail(Object.assign(new Error('The answer was cut off.'), { code: 'ECONNRESET' }))
            return
          }
          const status = res.statusCode ?? 0
          if (status >= 300 && status < 400) {
            // As fetch with redirect: 'error' did: a redirect is not followed (a key must not go elsewhere).
            fail(new Error(`unexpected redirect (HTTP ${status})`))
            return
          }
          const bytes = new Uint8Array(Buffer.concat(chunks))
          finish(() =>
            resolve({
              status,
              headers: toHeaders(res.rawHeaders),
              bytes,
              text: new TextDecoder().decode(bytes)
            })
          )
        })
      }
    )
    const cancel = (): void => {
      req.destroy(new Error('cancelled'))
    }
    const timer = setTimeout(() => {
      timedOut = true
      req.destroy(new Error(`timeout after ${Date.now() - started} ms`))
    }, request.timeoutMs)
    req.on('error', fail)
    if (request.signal?.aborted) cancel()
    else request.signal?.addEventListener('abort', cancel, { once: true })
    req.end(body)
  })
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers()
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1])
    } catch {
      // A header value the WHATWG rules refuse is not one a provider's answer depends on.
    }
  }
  return headers
}

function transportError(
  provider: LiveProviderId,
  error: unknown,
  request: HttpRequest,
  timedOut: boolean
): ProviderError {
  if (request.signal?.aborted) {
    return new ProviderError(provider, 'network', 'The request was cancelled.', {
      retryable: false,
      maybeProcessed: true
    })
  }
  if (timedOut) {
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

/**
 * What an answer is when it is not the JSON an API documents: a web page (a proxy's or gateway's error page, a
 * maintenance notice), nothing at all, or other text. null when the body parses as JSON, whatever its
 * content-type says (some providers label JSON as text/html).
 */
export type AnswerShape = 'html' | 'empty' | 'not_json'

/** Stable codes for the summaries, so the UI can say them in its own language. */
export const ANSWER_CODES: Record<AnswerShape, string> = {
  html: 'provider_answer_html',
  empty: 'provider_answer_empty',
  not_json: 'provider_answer_not_json'
}

export function answerShape(response: Pick<HttpResponse, 'headers' | 'text'>): AnswerShape | null {
  const text = response.text.replace(/^\uFEFF/, '').trim()
  if (!text) return 'empty'
  try {
    JSON.parse(text)
    return null
  } catch {
    // Not JSON: told apart only to word the summary.
  }
  const type = response.headers.get('content-type') ?? ''
  if (/\b(?:text\/html|application\/xhtml\+xml)\b/i.test(type)) return 'html'
  if (/^<(?:!doctype\s+html|html|head|body)\b/i.test(text)) return 'html'
  return 'not_json'
}

/**
 * One sentence that says what came back instead of the API's answer, never the body itself: a web page's markup
 * means nothing to a user and can be large.
 */
export function answerSummary(shape: AnswerShape, status: number): string {
  switch (shape) {
    case 'html':
      return `The server answered with a web page (HTTP ${status}) instead of the API's answer.`
    case 'empty':
      return `The server sent an empty answer (HTTP ${status}) instead of the API's answer.`
    case 'not_json':
      return `The server answered with text that is not JSON (HTTP ${status}) instead of the API's answer.`
  }
}

/** Parses a JSON answer or raises a 'malformed' error that says what came back instead (see answerSummary). */
export function parseJson(provider: LiveProviderId, response: HttpResponse): unknown {
  try {
    return JSON.parse(response.text)
  } catch {
    const shape = answerShape(response) ?? 'not_json'
    throw new ProviderError(provider, 'malformed', answerSummary(shape, response.status), {
      retryable: false,
      maybeProcessed: true,
      httpStatus: response.status,
      answer: shape
    })
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
