// A local stand-in for Ace Data Cloud's POST /identity/phone/check-1e (seed 000, research providers.md §1),
// answering on 127.0.0.1 only. Answers are chosen by the number sent, so a test asks for a status by number.
//
// Pattern table (the 11-digit `mobile` of the request body):
//
// | mobile                                   | answer (HTTP 200 unless said)                           | charged |
// |------------------------------------------|---------------------------------------------------------|---------|
// | not 1[3-9] + 9 digits (e.g. 00000000000) | result "-2", status_code 99 (format incorrect)          | no      |
// | ends in 0                                | result "0", status_code 0 (normal)                      | yes     |
// | ends in 1                                | result "0", status_code 1 (suspended)                   | yes     |
// | ends in 2                                | result "0", status_code 2 (cancelled)                   | yes     |
// | ends in 3                                | result "0", status_code 3 (vacant)                      | yes     |
// | ends in 4                                | result "0", status_code 4 (not in network)              | yes     |
// | ends in 5                                | result "0", status_code 99 (unknown status)             | yes     |
// | ends in 6                                | result "-1", status_code 99 (no result found)           | no      |
// | ends in 7                                | result "-3", status_code 99 (verification centre busy)  | no      |
// | ends in 8                                | result "-4", status_code 99 (daily limit; Tencent code) | no      |
// | ends in 9                                | result "-2", status_code 99 (upstream refuses format)   | no      |
// | second-to-last digit odd                 | same, but result as a number and status_code as a string (the OpenAPI schema's types) |
// | missing or non-string mobile, bad JSON   | 400 bad_request                                         | no      |
//
// Before the number is looked at: another path → 400 api_not_implemented; a missing or wrong
// `authorization: Bearer <token>` → 401 invalid_token (the documented code for both); more than
// `rateLimit.max` authorised requests in a fixed `rateLimit.windowMs` window → 429 too_many_requests, with a
// Retry-After in seconds until the window ends (Ace does not document the header; the option turns it off).
//
// Modes (setMode): account and server errors with Ace's envelope {success:false, error:{code,message},
// trace_id}: used_up (HTTP 403, status inferred), payment_required (402 x402 challenge), token_mismatched (400,
// documented as a bad request), moderation (403 without a code, the SDK's reading),
// disabled (403), not_implemented (400), server_error (500 api_error "fetch failed", documented), bad_gateway
// (502 HTML from a proxy), service_unavailable (503 HTML), not_implemented_page (501, a full HTML page from a
// web server, doctype and all), empty_gateway (502, no body); malformed (200, not JSON), no_result (200 JSON
// without result); slow (answers after delayMs, charging as it would); drop_before_body (socket destroyed
// before the body is read, nothing processed); drop_after_body (looked up and charged, then the socket is
// destroyed instead of answering). setMode's `times` limits a mode to that many requests, then the simulator
// is back to normal (a burst).
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback, PendingReplies } from './loopback-server'

export type AcedataMode =
  | 'normal'
  | 'slow'
  | 'drop_before_body'
  | 'drop_after_body'
  | 'malformed'
  | 'no_result'
  | 'used_up'
  | 'payment_required'
  | 'token_mismatched'
  | 'moderation'
  | 'disabled'
  | 'not_implemented'
  | 'server_error'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'not_implemented_page'
  | 'empty_gateway'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** Empty when the connection was dropped before the body was read. */
  body: string
  at: number
}

export interface AcedataSimulatorOptions {
  /** The one token the simulator accepts. */
  apiKey?: string
  /** Fixed-window limit on authorised requests; default 20 per second (the Tencent cap Ace appears to pass on). */
  rateLimit?: { max: number; windowMs: number }
  /** Send Retry-After with a 429; default true. */
  retryAfterHeader?: boolean
  /** Put the presented token into auth error messages, as a careless server might (for redaction tests). */
  echoKeyInErrors?: boolean
  mode?: AcedataMode
  /** For 'slow'; default 2000 ms. */
  delayMs?: number
}

export interface AcedataSimulator {
  url: string
  requests: RecordedRequest[]
  /** Lookups that would have been billed (result "0"), including ones whose answer never arrived. */
  readonly charged: number
  /** `times`: the mode applies to that many requests, then it is back to 'normal'; unlimited if left out. */
  setMode(mode: AcedataMode, delayMs?: number, times?: number): void
  close(): Promise<void>
}

export const ACEDATA_SIM_KEY = 'ace-sim-token-5f2c9a'

const PATH = '/identity/phone/check-1e'
const MOBILE = /^1[3-9]\d{9}$/

const STATUS_BY_LAST_DIGIT: Record<string, { result: number; status: number; description: string }> = {
  '0': { result: 0, status: 0, description: 'Success' },
  '1': { result: 0, status: 1, description: 'Success' },
  '2': { result: 0, status: 2, description: 'Success' },
  '3': { result: 0, status: 3, description: 'Success' },
  '4': { result: 0, status: 4, description: 'Success' },
  '5': { result: 0, status: 99, description: 'Success' },
  '6': { result: -1, status: 99, description: 'No results found' },
  '7': { result: -3, status: 99, description: 'Verification center service is busy' },
  '8': { result: -4, status: 99, description: 'Too many verification attempts today' },
  '9': { result: -2, status: 99, description: 'Mobile number format is incorrect' }
}

function traceId(): string {
  return randomUUID()
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers = {}): void {
  sendJson(res, status, { success: false, error: { code, message }, trace_id: traceId() }, headers)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The answer the documented contract gives for one mobile number. */
export function acedataAnswer(mobile: string): {
  result: string | number
  description: string
  status_code: string | number
} {
  const row = MOBILE.test(mobile)
    ? STATUS_BY_LAST_DIGIT[mobile[10]]
    : { result: -2, status: 99, description: 'Mobile number format is incorrect' }
  const schemaTypes = MOBILE.test(mobile) && Number(mobile[9]) % 2 === 1
  return schemaTypes
    ? { result: row.result, description: row.description, status_code: String(row.status) }
    : { result: String(row.result), description: row.description, status_code: row.status }
}

export async function startAcedataSimulator(
  options: AcedataSimulatorOptions = {}
): Promise<AcedataSimulator> {
  const apiKey = options.apiKey ?? ACEDATA_SIM_KEY
  const limit = options.rateLimit ?? { max: 20, windowMs: 1000 }
  const retryAfterHeader = options.retryAfterHeader ?? true
  let currentMode: AcedataMode = options.mode ?? 'normal'
  let modeLeft = Infinity
  let delayMs = options.delayMs ?? 2000
  let charged = 0
  let windowStart = 0
  let windowCount = 0
  const requests: RecordedRequest[] = []
  const pending = new PendingReplies()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: '',
      at: Date.now()
    }
    requests.push(record)
    const mode = currentMode
    if (mode !== 'normal' && --modeLeft <= 0) currentMode = 'normal'
    if (mode === 'drop_before_body') {
      req.socket.destroy()
      return
    }
    record.body = await readBody(req)

    if (req.method !== 'POST' || record.path !== PATH) {
      sendError(res, 400, 'api_not_implemented', 'The API is not implemented.')
      return
    }
    const auth = req.headers.authorization ?? ''
    const token = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim()
    if (token !== apiKey) {
      const shown = options.echoKeyInErrors && token ? ` (${token})` : ''
      sendError(res, 401, 'invalid_token', `The specified token is invalid or wrong${shown}.`)
      return
    }
    switch (mode) {
      case 'used_up':
        sendError(res, 403, 'used_up', 'The balance of your account has been used up.')
        return
      case 'payment_required':
        sendJson(res, 402, {
          x402Version: 1,
          error: 'payment required',
          accepts: [{ scheme: 'exact', network: 'base' }]
        })
        return
      case 'token_mismatched':
        sendError(res, 400, 'token_mismatched', 'The specified token is not matched with API.')
        return
      case 'disabled':
        sendError(res, 403, 'disabled', 'The resource has been disabled.')
        return
      case 'moderation':
        // A 403 without an error code: the official SDK reads it as content moderation (research §1.3).
        sendJson(res, 403, { success: false, error: { message: 'Request refused.' }, trace_id: traceId() })
        return
      case 'not_implemented':
        sendError(res, 400, 'api_not_implemented', 'The API is not implemented.')
        return
    }

    const now = Date.now()
    if (now - windowStart >= limit.windowMs) {
      windowStart = now
      windowCount = 0
    }
    windowCount++
    if (windowCount > limit.max) {
      const seconds = Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000))
      const headers: Record<string, string> = retryAfterHeader ? { 'retry-after': String(seconds) } : {}
      sendError(res, 429, 'too_many_requests', 'You have exceeded the rate limit.', headers)
      return
    }

    switch (mode) {
      case 'server_error':
        sendError(res, 500, 'api_error', 'fetch failed')
        return
      case 'bad_gateway':
        res.writeHead(502, { 'content-type': 'text/html' })
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
        return
      case 'service_unavailable':
        res.writeHead(503, { 'content-type': 'text/html' })
        res.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>')
        return
      case 'not_implemented_page':
        res.writeHead(501, { 'content-type': 'text/html; charset=utf-8' })
        res.end(
          '<!DOCTYPE html>\n<html lang="en"><head><title>501 Not Implemented</title><style>body{font:14px sans-serif}</style></head>' +
            '<body><h1>Not Implemented</h1><p>POST to /identity/phone/check-1e not supported.</p><hr><address>nginx</address></body></html>'
        )
        return
      case 'empty_gateway':
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end()
        return
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"result": "0", "description": "Succ')
        return
      case 'no_result':
        sendJson(res, 200, { description: 'Success', trace_id: traceId() })
        return
    }

    let mobile: unknown
    try {
      mobile = (JSON.parse(record.body) as { mobile?: unknown }).mobile
    } catch {
      mobile = undefined
    }
    if (typeof mobile !== 'string' || !mobile) {
      sendError(res, 400, 'bad_request', 'The mobile field is required.')
      return
    }
    const answer = acedataAnswer(mobile)
    // Billed the moment the upstream answers, whether or not the answer then reaches the caller.
    if (String(answer.result) === '0') charged++
    if (mode === 'drop_after_body') {
      req.socket.destroy()
      return
    }
    if (mode === 'slow') {
      pending.later(() => {
        if (!res.destroyed) sendJson(res, 200, answer)
      }, delayMs)
      return
    }
    sendJson(res, 200, answer)
  }

  const server = await listenOnLoopback((req, res) => {
    handle(req, res).catch(() => req.socket.destroy())
  }, pending)
  const { port } = server

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get charged() {
      return charged
    },
    setMode(next, nextDelayMs, times) {
      currentMode = next
      modeLeft = times ?? Infinity
      if (nextDelayMs !== undefined) delayMs = nextDelayMs
    },
    close() {
      return server.close()
    }
  }
}
