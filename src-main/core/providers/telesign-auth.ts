// Telesign request authentication as pure functions, so the signing can be checked against the official SDK test
// vectors (research/providers.md §4.3) without a network, and the simulator can verify what the adapter sends.
//
// Two schemes, both documented by Telesign:
// - Basic: `Authorization: Basic base64(customerId:apiKey)`. Simple, but the key itself crosses the wire.
// - TSA HMAC-SHA256 ("Digest" in Telesign's docs): `Authorization: TSA customerId:signature`, where the signature is
//   an HMAC over a canonical description of the request keyed with the base64-decoded API key. The key never
//   leaves this computer, and the date and nonce stop a captured request from being replayed later.

import { createHmac, randomUUID } from 'node:crypto'

export type TelesignAuthMode = 'basic' | 'hmac'

/** Which header carries the request time: the standard Date, or Telesign's own x-ts-date (same value). */
export type TelesignDateHeader = 'Date' | 'x-ts-date'

export const HMAC_AUTH_METHOD = 'HMAC-SHA256'
export const BASIC_AUTH_METHOD = 'Basic'

export interface TelesignSigningInput {
  /** Upper-case HTTP method. */
  method: string
  /** The resource path as Telesign sees it, e.g. /v1/phoneid/live/15555550100: no host and no query string. */
  resource: string
  /** The Content-Type the request carries; empty for GET and DELETE, which have no body. */
  contentType?: string
  /** The URL-encoded form or JSON body of a POST/PUT; absent for GET. */
  body?: string
  /** RFC 1123 date, e.g. `Wed, 14 Dec 2016 18:20:12 GMT`. */
  date: string
  nonce: string
  /** Defaults to Date, which is what the current official SDKs send. */
  dateHeader?: TelesignDateHeader
}

/**
 * The canonical string Telesign signs, lines joined with \n:
 * method, Content-Type, Date (blank when the time travels in x-ts-date), every x-ts-* header as `name:value` sorted
 * by name, the body when there is one, and the resource path.
 *
 * With the Date header the x-ts-* lines are just x-ts-auth-method and x-ts-nonce, which gives exactly the layout of
 * the node and python SDKs; with x-ts-date that header joins the sorted lines and the Date line stays empty, as the
 * older SDKs and Telesign's own error examples show.
 */
export function telesignStringToSign(input: TelesignSigningInput): string {
  const dateHeader = input.dateHeader ?? 'Date'
  const tsHeaders: [string, string][] = [
    ['x-ts-auth-method', HMAC_AUTH_METHOD],
    ['x-ts-nonce', input.nonce]
  ]
  if (dateHeader === 'x-ts-date') tsHeaders.push(['x-ts-date', input.date])
  tsHeaders.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

  const lines = [input.method.toUpperCase(), input.contentType ?? '', dateHeader === 'Date' ? input.date : '']
  for (const [name, value] of tsHeaders) lines.push(`${name}:${value}`)
  if (input.body) lines.push(input.body)
  lines.push(input.resource)
  return lines.join('\n')
}

/** base64(HMAC-SHA256(key = base64decode(apiKey), message = utf8(stringToSign))). */
export function telesignSignature(apiKey: string, stringToSign: string): string {
  return createHmac('sha256', Buffer.from(apiKey, 'base64')).update(stringToSign, 'utf8').digest('base64')
}

export function telesignBasicAuthorization(customerId: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${customerId}:${apiKey}`, 'utf8').toString('base64')}`
}

export function telesignHmacAuthorization(customerId: string, signature: string): string {
  return `TSA ${customerId}:${signature}`
}

/**
 * Whether an API key can be used for HMAC signing: Telesign keys are base64, and Node's decoder silently skips
 * characters outside the alphabet, so a mistyped key would otherwise only show up as a rejected signature.
 */
export function isBase64Key(apiKey: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(apiKey) || apiKey.length % 4 === 1) return false
  return Buffer.from(apiKey, 'base64').length > 0
}

export interface TelesignAuthRequest {
  mode: TelesignAuthMode
  customerId: string
  apiKey: string
  method: string
  resource: string
  contentType?: string
  body?: string
  dateHeader?: TelesignDateHeader
  /** Fixed values for tests; a live request takes the current time and a fresh UUID. */
  date?: string
  nonce?: string
}

export interface TelesignAuthHeaders {
  headers: Record<string, string>
  /** The HMAC signature (null for Basic), returned so callers can keep it out of anything they log. */
  signature: string | null
}

/** The authentication headers of one request, in the shape the official SDKs send them. */
export function telesignAuthHeaders(request: TelesignAuthRequest): TelesignAuthHeaders {
  const date = request.date ?? new Date().toUTCString()
  const nonce = request.nonce ?? randomUUID()
  const dateHeader = request.dateHeader ?? 'Date'
  const headers: Record<string, string> = { [dateHeader]: date, 'x-ts-nonce': nonce }
  if (request.contentType) headers['Content-Type'] = request.contentType

  if (request.mode === 'basic') {
    headers['x-ts-auth-method'] = BASIC_AUTH_METHOD
    headers.Authorization = telesignBasicAuthorization(request.customerId, request.apiKey)
    return { headers, signature: null }
  }

  const signature = telesignSignature(
    request.apiKey,
    telesignStringToSign({
      method: request.method,
      resource: request.resource,
      contentType: request.contentType,
      body: request.body,
      date,
      nonce,
      dateHeader
    })
  )
  headers['x-ts-auth-method'] = HMAC_AUTH_METHOD
  headers.Authorization = telesignHmacAuthorization(request.customerId, signature)
  return { headers, signature }
}
