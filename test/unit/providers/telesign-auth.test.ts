import { describe, expect, it } from 'vitest'
import {
  isBase64Key,
  telesignAuthHeaders,
  telesignBasicAuthorization,
  telesignSignature,
  telesignStringToSign
} from '@core/providers/telesign-auth'

// The official SDK test vectors (TeleSign/node_telesign test/RestClient.test.js, TeleSign/python_telesign
// tests/test_rest.py), as recorded in research/providers.md §4.3.
const CUSTOMER_ID = 'FFFFFFFF-EEEE-DDDD-1234-AB1234567890'
const API_KEY = 'VGVzdCBLZXk='
const DATE = 'Wed, 14 Dec 2016 18:20:12 GMT'
const NONCE = 'A1592C6F-E384-4CDB-BC42-C3AB970369E9'
const RESOURCE = '/v1/resource'
const FORM = 'application/x-www-form-urlencoded'

describe('Telesign signing: SDK test vectors', () => {
  it('GET without a body', () => {
    const headers = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE,
      date: DATE,
      nonce: NONCE
    })
    expect(headers.signature).toBe('wscyrZZtA7kdXu0i4D5KXyDmBcwH52JF1feiEKp+ir0=')
    expect(headers.headers).toEqual({
      Authorization: `TSA ${CUSTOMER_ID}:wscyrZZtA7kdXu0i4D5KXyDmBcwH52JF1feiEKp+ir0=`,
      Date: DATE,
      'x-ts-auth-method': 'HMAC-SHA256',
      'x-ts-nonce': NONCE
    })
  })

  it('GET with the form Content-Type that seed 003 requires: the Content-Type line is signed', () => {
    // Computed independently (Python hmac/hashlib) over the SDKs' string layout with the Content-Type line
    // filled in: GET, application/x-www-form-urlencoded, the date, x-ts-auth-method, x-ts-nonce, the resource.
    const headers = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE,
      contentType: FORM,
      date: DATE,
      nonce: NONCE
    })
    expect(headers.signature).toBe('xN/6OzxDpNgMuf2kez/RuobS1IlQrKcKcJ/Y/Ahh88Q=')
    expect(headers.headers['Content-Type']).toBe(FORM)
    expect(
      telesignStringToSign({ method: 'GET', resource: RESOURCE, contentType: FORM, date: DATE, nonce: NONCE })
    ).toBe(`GET\n${FORM}\n${DATE}\nx-ts-auth-method:HMAC-SHA256\nx-ts-nonce:${NONCE}\n${RESOURCE}`)
  })

  it('POST with a form body', () => {
    const headers = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'POST',
      resource: RESOURCE,
      contentType: FORM,
      body: 'test=param',
      date: DATE,
      nonce: NONCE
    })
    expect(headers.signature).toBe('vXw/XzywdhgfEG2/zWLaFp7oXmjLB8iJDMndvDbZMjk=')
    expect(headers.headers['Content-Type']).toBe(FORM)
  })

  it('POST with a percent-encoded UTF-8 body', () => {
    const signature = telesignSignature(
      API_KEY,
      telesignStringToSign({
        method: 'POST',
        resource: RESOURCE,
        contentType: FORM,
        body: 'test=%CF%BF',
        date: DATE,
        nonce: NONCE
      })
    )
    expect(signature).toBe('lPpGXw4jTRdaEp2obzYAD5rR+2aWDInJ8ThLbq0nTGU=')
  })

  it('Basic with the same credentials', () => {
    expect(telesignBasicAuthorization(CUSTOMER_ID, API_KEY)).toBe(
      'Basic RkZGRkZGRkYtRUVFRS1ERERELTEyMzQtQUIxMjM0NTY3ODkwOlZHVnpkQ0JMWlhrPQ=='
    )
    const headers = telesignAuthHeaders({
      mode: 'basic',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE,
      date: DATE,
      nonce: NONCE
    })
    expect(headers.signature).toBeNull()
    expect(headers.headers).toEqual({
      Authorization: 'Basic RkZGRkZGRkYtRUVFRS1ERERELTEyMzQtQUIxMjM0NTY3ODkwOlZHVnpkQ0JMWlhrPQ==',
      Date: DATE,
      'x-ts-auth-method': 'Basic',
      'x-ts-nonce': NONCE
    })
  })
})

describe('Telesign string to sign', () => {
  it('has the SDK layout for a GET: empty Content-Type, Date, sorted x-ts headers, no query', () => {
    expect(
      telesignStringToSign({
        method: 'get',
        resource: '/v1/phoneid/live/15555550100',
        date: DATE,
        nonce: NONCE
      })
    ).toBe(
      [
        'GET',
        '',
        DATE,
        'x-ts-auth-method:HMAC-SHA256',
        `x-ts-nonce:${NONCE}`,
        '/v1/phoneid/live/15555550100'
      ].join('\n')
    )
  })

  it('with x-ts-date, leaves the Date line blank and signs x-ts-date among the sorted x-ts headers', () => {
    const input = {
      method: 'GET',
      resource: RESOURCE,
      date: DATE,
      nonce: NONCE,
      dateHeader: 'x-ts-date' as const
    }
    expect(telesignStringToSign(input)).toBe(
      [
        'GET',
        '',
        '',
        'x-ts-auth-method:HMAC-SHA256',
        `x-ts-date:${DATE}`,
        `x-ts-nonce:${NONCE}`,
        RESOURCE
      ].join('\n')
    )
    const headers = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE,
      date: DATE,
      nonce: NONCE,
      dateHeader: 'x-ts-date'
    })
    expect(headers.headers['x-ts-date']).toBe(DATE)
    expect(headers.headers.Date).toBeUndefined()
    // A different string to sign, so a different signature from the Date vector.
    expect(headers.signature).not.toBe('wscyrZZtA7kdXu0i4D5KXyDmBcwH52JF1feiEKp+ir0=')
    expect(headers.signature).toBe(telesignSignature(API_KEY, telesignStringToSign(input)))
  })

  it('takes the current time and a fresh UUID nonce when none is given', () => {
    const before = Date.now()
    const first = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE
    })
    const second = telesignAuthHeaders({
      mode: 'hmac',
      customerId: CUSTOMER_ID,
      apiKey: API_KEY,
      method: 'GET',
      resource: RESOURCE
    })
    expect(first.headers['x-ts-nonce']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(first.headers['x-ts-nonce']).not.toBe(second.headers['x-ts-nonce'])
    expect(first.headers.Date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(Math.abs(Date.parse(first.headers.Date) - before)).toBeLessThan(5_000)
  })
})

describe('isBase64Key', () => {
  it.each([
    [API_KEY, true],
    ['vW4G4ZmvGKby2dlowcdHxhkwy5RqwC+mfV9eVk3p', true],
    ['not a key!', false],
    ['abc', true],
    ['a', false],
    ['', false],
    ['key-with-dashes_and_underscores', false]
  ])('%s → %s', (key, valid) => {
    expect(isBase64Key(key)).toBe(valid)
  })
})
