// checknumber.ai "Number Active Check" (task_type active_check), research/providers.md §3 and §7.
//
// A bulk provider: upload a text file of numbers, poll the task until it is exported, fetch a zip from a
// pre-signed storage link, read the CSV or XLSX inside. The answer is a behavioural activity score built from
// device, carrier and internet signals, not a carrier or network lookup, so every result is 'inferred'.
//
// Open points this file settles (research §9.3), each a choice to revisit once a live account shows otherwise:
// - Row limits are undocumented for active_check. No minimum is assumed: a task of any size is sent, and when the
//   provider refuses one for its size the minimum it states is read from its answer (statedMinimum) and
//   remembered by the engine for the pre-flight. The maximum is our own cap (see MAX_TASK_SIZE).
// - The archive may hold CSV or XLSX, at the root or in a folder, with any header capitalisation; a bare XLSX or
//   CSV download (the older docs) is read too.
// - The error body shape is unknown: a JSON message, an S3 XML message or plain text are all read.
// - The price per row is undocumented: the default below is a placeholder for the user to overwrite.

import { unzipSync } from 'fflate'
import type PapaModule from 'papaparse'
import type * as XLSXModule from 'xlsx'
import {
  answerShape,
  answerSummary,
  endpoint,
  parseJson,
  retryAfterMs,
  send,
  type AnswerShape,
  type HttpResponse
} from './http'
import {
  ProviderError,
  type BulkProvider,
  type BulkTask,
  type BulkTaskStatus,
  type ConnectionTest,
  type LiveResult,
  type ProviderCredentials,
  type ProviderErrorKind,
  type ProviderInfo,
  type ProviderSettings
} from './types'

// SheetJS and Papa Parse read result files only: loaded on first use, so listing or configuring providers (and
// every command that merely names them) does not pay for them.
/* eslint-disable @typescript-eslint/no-require-imports */
let xlsx: typeof XLSXModule | null = null
const XLSX = (): typeof XLSXModule => (xlsx ??= require('xlsx') as typeof XLSXModule)
let papa: typeof PapaModule | null = null
const Papa = (): typeof PapaModule => (papa ??= require('papaparse') as typeof PapaModule)
/* eslint-enable @typescript-eslint/no-require-imports */

const ID = 'checknumber' as const
const TASK_TYPE = 'active_check'

/** The active_check document states no minimum, so none is guessed: a refusal for size (400, free) is read for the
 *  minimum the provider states instead. */
const MIN_TASK_SIZE = 1
/** The vendor allows 10,000,000 rows on its sibling products and rejects large files with 413 at an unknown size.
 *  One million rows is a ~14 MB upload: small enough for one request, and a lost task stays bounded. */
const MAX_TASK_SIZE = 1_000_000

/** E.164 with the plus sign: country code (never 0) and at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/

/** Bigger than any result file a MAX_TASK_SIZE task can produce, small enough to refuse a zip bomb. */
const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024

/** Slowest upload speed we wait for (bytes per ms, ~100 kB/s): a timeout on create leaves the charge uncertain. */
const UPLOAD_BYTES_PER_MS = 100
/** Result files are free to fetch again but can be large: give them more time than an API call. */
const DOWNLOAD_TIMEOUT_FACTOR = 5

const info: ProviderInfo = {
  id: ID,
  name: 'CheckNumber.ai Number Active Check',
  measures:
    'An activity estimate from big-data signals (device system, carrier and internet behaviour), not a live ' +
    'network or carrier-register lookup: "inactive" means little recent activity, not a disconnected line.',
  coverage:
    'Any country: numbers in international E.164 form (the docs set no country limit). Bulk only: the vendor ' +
    'publishes no minimum task size for active_check; if it refuses a small task, the minimum it states is kept.',
  confidence: 'inferred',
  defaults: {
    baseUrl: 'https://api.checknumber.ai',
    // One task at a time: each task is already a bulk upload, and parallel tasks only split the same balance.
    concurrency: 1,
    // Official examples poll every 5 s; rate limits are undocumented.
    ratePerSecond: 0.2,
    timeoutMs: 60_000,
    // Estimate: the price per row is not published in a form we could read. Overwrite with the contract price.
    pricePerLookup: 0.002,
    // The newer task envelope reports amounts in USD.
    currency: 'USD'
  },
  keyFields: ['apiKey'],
  envKeys: ['RINGTRUE_CHECKNUMBER_KEY'],
  docsUrl: 'https://docs.checknumber.ai/number-active-check',
  bulk: true
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

type Operation = 'create' | 'poll' | 'balance' | 'download'

function fail(
  kind: ProviderErrorKind,
  message: string,
  details: ConstructorParameters<typeof ProviderError>[3]
): ProviderError {
  return new ProviderError(ID, kind, message, details)
}

/** The server may echo what it was sent; a key must never reach a message, however it got there. */
function redact(text: string, apiKey: string | undefined): string {
  const key = apiKey?.trim()
  return key && key.length >= 4 ? text.split(key).join('[redacted]') : text
}

/** The error body is undocumented: take a JSON message, an S3 XML code and message, or the start of the text. */
function serverMessage(
  response: HttpResponse,
  apiKey: string | undefined
): { text: string; code?: string; answer?: AnswerShape } {
  let text = ''
  let code: string | undefined
  let answer: AnswerShape | undefined
  try {
    const body = JSON.parse(response.text) as unknown
    if (body && typeof body === 'object') {
      const o = body as Record<string, unknown>
      const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : undefined
      const candidate = [o.message, o.msg, o.error, o.detail, nested?.message].find(
        (v) => typeof v === 'string'
      )
      text = typeof candidate === 'string' ? candidate : ''
      const c = o.code ?? nested?.code
      if (typeof c === 'string' || typeof c === 'number') code = String(c)
    } else if (typeof body === 'string') {
      text = body
    }
  } catch {
    const xmlMessage = /<Message>([^<]*)<\/Message>/i.exec(response.text)?.[1]
    const xmlCode = /<Code>([^<]*)<\/Code>/i.exec(response.text)?.[1]
    if (xmlMessage || xmlCode) {
      text = [xmlCode, xmlMessage].filter(Boolean).join(': ')
      code = xmlCode
    } else {
      // A web page, an empty body or other text: said in one sentence, never quoted.
      answer = answerShape(response) ?? 'not_json'
      text = answerSummary(answer, response.status)
    }
  }
  // Redact before cutting, so no fragment of a key survives at the cut.
  text = redact(text, apiKey).replace(/\s+/g, ' ').trim().slice(0, 200)
  return { text, code: code ? redact(code, apiKey).slice(0, 60) : undefined, answer }
}

/**
 * The smallest task size a size refusal states, e.g. "row count must be between 1000 and 10000000, got 600",
 * "minimum 500 rows", "at least 1,000 numbers". Undefined when the text names none.
 */
export function statedMinimum(text: string): number | undefined {
  const num = String.raw`(\d{1,3}(?:[,.\s]\d{3})+|\d+)`
  const patterns = [
    new RegExp(String.raw`between\s+${num}\s+(?:and|to|-)`, 'i'),
    new RegExp(
      String.raw`(?:minimum|min\.?|at least|no fewer than|not less than)(?:\s+(?:of|is|are|task size|size))*[\s:=]+${num}`,
      'i'
    ),
    new RegExp(String.raw`${num}\s+(?:rows?|numbers?|lines?)\s+(?:minimum|at least|or more)`, 'i')
  ]
  for (const pattern of patterns) {
    const match = pattern.exec(text)
    if (!match) continue
    const value = Number(match[1].replace(/[,.\s]/g, ''))
    if (Number.isSafeInteger(value) && value > 1) return value
  }
  return undefined
}

function withServerText(message: string, server: string): string {
  return server ? `${message}: ${server}` : `${message}.`
}

/** Maps a non-2xx answer to an error kind; the row counts and charging rules are research §3.4. */
function statusError(op: Operation, response: HttpResponse, apiKey: string | undefined): ProviderError {
  const status = response.status
  const { text, code, answer } = serverMessage(response, apiKey)
  const free = { retryable: false, maybeProcessed: false, httpStatus: status, providerCode: code, answer }
  // A summary is a sentence of its own; the provider's words are quoted after a colon.
  const withText = (message: string): string =>
    answer ? `${message}. ${text}` : withServerText(message, text)
  const soundsLikeBalance = /\bbalance\b|\bcredits?\b|\bfunds\b/i.test(text)

  if (op === 'download') {
    // The result link is a pre-signed storage URL: a refusal means it expired or was mangled. Fetching is free,
    // and polling the task again may hand out a fresh link.
    if (status === 400 || status === 401 || status === 403 || status === 404 || status === 410) {
      return fail(
        'bad_request',
        withText(`The result file link was refused (HTTP ${status}); it may have expired`),
        { ...free, retryable: true, providerCode: code ?? 'result_link_refused' }
      )
    }
  }
  if (status === 401 || (status === 403 && !soundsLikeBalance)) {
    return fail('auth', withText(`The API key was refused (HTTP ${status})`), free)
  }
  if (status === 402 || ((status === 400 || status === 403) && soundsLikeBalance)) {
    return fail('balance', withText(`Not enough balance on the account (HTTP ${status})`), free)
  }
  if (status === 429) {
    return fail('rate_limit', withText('Too many requests (HTTP 429)'), {
      ...free,
      retryable: true,
      retryAfterMs: retryAfterMs(response.headers)
    })
  }
  if (status >= 500) {
    // Documented as free for 500. A gateway error (502/504) on an upload may hide a task the backend accepted.
    const uncertain = op === 'create' && (status === 502 || status === 504)
    return fail('server', withText(`The provider had an error (HTTP ${status})`), {
      ...free,
      retryable: !uncertain,
      maybeProcessed: uncertain
    })
  }
  if (status === 413) {
    return fail('bad_request', withText('The numbers file is too large (HTTP 413)'), {
      ...free,
      providerCode: code ?? 'file_too_large'
    })
  }
  if (status === 404 && op === 'poll') {
    return fail('bad_request', withText('The task was not found (HTTP 404)'), {
      ...free,
      providerCode: 'task_not_found'
    })
  }
  if (status === 400 && op === 'create') {
    const rowCount = /\brows?\b|\bcount\b|minimum|maximum|at least|too (few|small|many)|number of/i.test(text)
    return fail(
      'bad_request',
      withText(rowCount ? `The task was refused for its size (HTTP 400)` : `The task was refused (HTTP 400)`),
      {
        ...free,
        providerCode: rowCount ? 'row_count' : code,
        statedMinimum: rowCount ? statedMinimum(text) : undefined
      }
    )
  }
  return fail('bad_request', withText(`The provider refused the request (HTTP ${status})`), free)
}

/** Poll, balance and download never charge: whatever went wrong, asking again cannot cost anything. */
async function freeCall<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind === 'auth' || error.kind === 'balance') throw error
    if (error.kind === 'bad_request' && !error.details.retryable) throw error
    // A task status we cannot read will not become readable by asking again: the caller stops on it.
    if (error.details.providerCode === 'unknown_status') throw error
    throw fail(error.kind, error.message, {
      ...error.details,
      retryable: !signal?.aborted,
      maybeProcessed: false
    })
  }
}

// parseJson summarizes a body it cannot read and never quotes it, so no fragment of an echoed key can surface.
function readJson(response: HttpResponse): unknown {
  return parseJson(ID, response)
}

function requireKey(credentials: ProviderCredentials): string {
  const key = credentials.apiKey?.trim()
  if (!key) {
    throw fail('auth', 'No API key is set for checknumber.ai.', { retryable: false, maybeProcessed: false })
  }
  return key
}

// ---------------------------------------------------------------------------------------------------------------
// Task envelope

const STATUSES: readonly BulkTaskStatus[] = ['pending', 'processing', 'completed', 'exported', 'failed']

function toTask(body: unknown, op: Operation, apiKey: string): BulkTask {
  // A create answer that we cannot read may still be a task that was charged; a poll answer is free to refetch.
  const details = { retryable: op !== 'create', maybeProcessed: op === 'create' }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw fail('malformed', 'The task answer is not a JSON object.', details)
  }
  const o = body as Record<string, unknown>
  const taskId =
    typeof o.task_id === 'string' || typeof o.task_id === 'number' ? String(o.task_id).trim() : ''
  if (!taskId) {
    const note = typeof o.message === 'string' ? `: ${redact(o.message, apiKey).slice(0, 160)}` : '.'
    throw fail('malformed', `The task answer has no task_id${note}`, details)
  }
  // The short create answer may leave the status out; it is documented as pending.
  const rawStatus =
    o.status === undefined && op === 'create' ? 'pending' : String(o.status ?? '').toLowerCase()
  const status = STATUSES.find((s) => s === rawStatus.trim())
  if (!status) {
    // Not one of the documented statuses (pending, processing, exported; failed and completed from the OpenAPI):
    // polling it forever would never end, so it is reported once, with the task id kept.
    throw fail(
      'malformed',
      `Task ${redact(taskId, apiKey).slice(0, 60)} has a status the documentation does not list: ` +
        `"${redact(rawStatus, apiKey).slice(0, 40)}".`,
      { ...details, retryable: false, providerCode: 'unknown_status' }
    )
  }
  const totalNumber = Number(o.total)
  // Some deployments answer total 0 until the file is counted.
  const total = Number.isFinite(totalNumber) && totalNumber > 0 ? totalNumber : null
  let resultUrl: string | null = null
  if (status === 'exported') {
    resultUrl = typeof o.result_url === 'string' && o.result_url.trim() ? o.result_url.trim() : null
    if (!resultUrl) {
      // Without a link the caller would wait forever; a later poll usually carries it.
      throw fail('malformed', 'The task is exported but carries no result_url.', {
        retryable: true,
        maybeProcessed: false
      })
    }
  }
  // The documented counts: rows checked, and rows that could not be processed (these are not answers).
  const count = (value: unknown): number | null => {
    const n = Number(value)
    return value !== undefined && value !== null && Number.isFinite(n) && n >= 0 ? n : null
  }
  return { taskId, status, total, resultUrl, raw: body, success: count(o.success), failure: count(o.failure) }
}

// ---------------------------------------------------------------------------------------------------------------
// Result file

interface Table {
  name: string
  rows: string[][]
}

const NUMBER_HEADERS = new Set(['number', 'phonenumber', 'phone', 'mobile', 'msisdn', 'e164'])
const STATUS_HEADERS = new Set(['activestatus'])
const HEADER_SCAN_ROWS = 20

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  // Excel stores long digit strings as numbers; integers up to 15 digits print exactly.
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value)
  return String(value)
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

function csvTable(name: string, bytes: Uint8Array): Table {
  const parsed = Papa().parse<string[]>(decodeText(bytes), { skipEmptyLines: 'greedy' })
  return { name, rows: parsed.data.map((row) => row.map(cellText)) }
}

function workbookTables(name: string, bytes: Uint8Array): Table[] {
  let workbook: XLSXModule.WorkBook
  try {
    workbook = XLSX().read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' })
  } catch {
    throw malformedFile(`The result workbook ${name} cannot be read.`)
  }
  return workbook.SheetNames.map((sheet) => {
    const rows = XLSX().utils.sheet_to_json<unknown[]>(workbook.Sheets[sheet], {
      header: 1,
      raw: true,
      defval: '',
      blankrows: false
    })
    return { name: `${name}#${sheet}`, rows: rows.map((row) => row.map(cellText)) }
  })
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)
}

function malformedFile(message: string): ProviderError {
  // The file was paid for when the task was created; downloading it again gives the same bytes.
  return fail('malformed', message, { retryable: false, maybeProcessed: true })
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize
        if (total > MAX_UNZIPPED_BYTES) throw malformedFile('The result archive is too large to open.')
        return !file.name.endsWith('/')
      }
    })
  } catch (error) {
    if (error instanceof ProviderError) throw error
    throw malformedFile('The result archive cannot be opened.')
  }
}

/** Members that carry results: skip folders and the hidden files archivers add. */
function usefulMember(path: string): boolean {
  const base = path.split('/').pop() ?? ''
  return !path.startsWith('__MACOSX/') && base !== '' && !base.startsWith('.')
}

/** An "all" file holds every row; split files (active.csv …) repeat them. Read it first so it wins the dedupe. */
function memberOrder(a: string, b: string): number {
  const all = (p: string): number => (/^all\.[a-z]+$/i.test(p.split('/').pop() ?? '') ? 0 : 1)
  return all(a) - all(b) || a.localeCompare(b)
}

function readTables(archive: Uint8Array): Table[] {
  if (archive.length === 0) throw malformedFile('The result file is empty.')
  if (!isZip(archive)) {
    if (archive.subarray(0, 4096).includes(0))
      throw malformedFile('The result file is neither a zip nor text.')
    return [csvTable('result', archive)]
  }
  const members = unzip(archive)
  const names = Object.keys(members)
  // An XLSX is itself a zip: the older docs hand out the workbook without a wrapping archive.
  if (names.includes('[Content_Types].xml')) return workbookTables('result.xlsx', archive)
  const useful = names.filter(usefulMember).sort(memberOrder)
  const texts = useful.filter((n) => /\.(csv|txt)$/i.test(n))
  if (texts.length > 0) return texts.map((n) => csvTable(n, members[n]))
  const books = useful.filter((n) => /\.(xlsx|xls)$/i.test(n))
  if (books.length > 0) return books.flatMap((n) => workbookTables(n, members[n]))
  throw malformedFile('The result archive holds no CSV or XLSX file.')
}

function findHeader(rows: string[][]): { at: number; number: number; status: number } | null {
  for (let at = 0; at < Math.min(rows.length, HEADER_SCAN_ROWS); at++) {
    const keys = rows[at].map(headerKey)
    const number = keys.findIndex((k) => NUMBER_HEADERS.has(k))
    const status = keys.findIndex((k) => STATUS_HEADERS.has(k))
    if (number >= 0 && status >= 0) return { at, number, status }
  }
  return null
}

/** Result numbers come back as E.164, but a spreadsheet may have dropped the plus or added spacing. */
function normaliseNumber(value: string): string | null {
  const compact = value
    .trim()
    .replace(/^'/, '')
    .replace(/[\s\-().]/g, '')
  const e164 = /^\d+$/.test(compact) ? `+${compact}` : compact
  return E164.test(e164) ? e164 : null
}

function rowResult(
  e164: string,
  statusCell: string,
  raw: Record<string, string>,
  price: number,
  currency: string | null,
  checkedAt: string
): LiveResult {
  const base = {
    provider: ID,
    e164,
    reachability: 'unknown' as const,
    ported: null,
    roaming: null,
    carrier: null,
    lineType: null,
    confidence: 'inferred' as const,
    currency,
    raw,
    checkedAt
  }
  switch (statusCell.trim().toLowerCase()) {
    case 'active':
      return {
        ...base,
        state: 'active',
        reason: 'in_service',
        billed: 'charged',
        cost: price,
        // The task is charged (seed 002: 200 = charge) but no price per row is documented: an estimate.
        costEstimated: true,
        retryable: false
      }
    case 'inactive':
      return {
        ...base,
        state: 'inactive',
        reason: 'low_activity',
        billed: 'charged',
        cost: price,
        // The task is charged (seed 002: 200 = charge) but no price per row is documented: an estimate.
        costEstimated: true,
        retryable: false
      }
    case 'unknown':
      return {
        ...base,
        state: 'unknown',
        reason: 'inconclusive',
        billed: 'charged',
        cost: price,
        // The task is charged (seed 002: 200 = charge) but no price per row is documented: an estimate.
        costEstimated: true,
        retryable: false
      }
    case '':
      // A row the provider could not process (counted in the documented `failure`): not an answer, and not
      // costed as one. The engine records it as a failed check, not as answered.
      return {
        ...base,
        state: 'unknown',
        reason: 'lookup_failed',
        billed: 'unknown',
        cost: 0,
        costEstimated: false,
        retryable: true
      }
    default:
      // A label the docs do not list: a determination we cannot read, kept in raw rather than guessed at.
      return {
        ...base,
        state: 'unknown',
        reason: 'inconclusive',
        billed: 'charged',
        cost: price,
        // The task is charged (seed 002: 200 = charge) but no price per row is documented: an estimate.
        costEstimated: true,
        retryable: false
      }
  }
}

function parseResult(archive: Buffer, pricePerLookup: number, currency: string): LiveResult[] {
  const tables = readTables(new Uint8Array(archive.buffer, archive.byteOffset, archive.byteLength))
  const checkedAt = new Date().toISOString()
  const results = new Map<string, LiveResult>()
  let sawHeader = false
  for (const table of tables) {
    const header = findHeader(table.rows)
    if (!header) continue
    sawHeader = true
    const names = table.rows[header.at]
    for (const row of table.rows.slice(header.at + 1)) {
      const e164 = normaliseNumber(row[header.number] ?? '')
      // A row we cannot match to a submitted number is useless; the number counts as missing instead.
      if (!e164 || results.has(e164)) continue
      const raw: Record<string, string> = {}
      names.forEach((name, i) => {
        if (name) raw[name] = row[i] ?? ''
      })
      results.set(
        e164,
        rowResult(e164, row[header.status] ?? '', raw, pricePerLookup, currency || null, checkedAt)
      )
    }
  }
  if (!sawHeader) throw malformedFile('The result file has no Number and ActiveStatus columns.')
  return [...results.values()]
}

/** A row the provider could not process (blank ActiveStatus or missing from the export): not an answer. */
export function isUnprocessedRow(result: LiveResult): boolean {
  return result.provider === ID && result.reason === 'lookup_failed'
}

/**
 * One result per submitted number. The contract's parseResult never sees the submitted list, so numbers the
 * export left out (counted in the task's `failure`) are added here as unknown / lookup_failed.
 */
export function checknumberResultsFor(
  submitted: readonly string[],
  parsed: readonly LiveResult[],
  pricePerLookup: number,
  currency: string
): LiveResult[] {
  const byNumber = new Map(parsed.map((r) => [r.e164, r]))
  const checkedAt = new Date().toISOString()
  return [...new Set(submitted)].map(
    (e164) =>
      byNumber.get(e164) ??
      rowResult(e164, '', { missing: 'true' }, pricePerLookup, currency || null, checkedAt)
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Calls

function authHeaders(apiKey: string): Record<string, string> {
  return { 'X-API-Key': apiKey, Accept: 'application/json' }
}

async function createTask(
  numbers: string[],
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<BulkTask> {
  const apiKey = requireKey(credentials)
  // Each row is charged: a repeated number would be paid twice for the same answer.
  const unique = [...new Set(numbers.map((n) => n.trim()))]
  const bad = unique.findIndex((n) => !E164.test(n))
  if (bad >= 0) {
    throw fail('bad_request', `Entry ${bad + 1} is not an E.164 number with a leading +.`, {
      retryable: false,
      maybeProcessed: false
    })
  }
  if (unique.length === 0 || unique.length > MAX_TASK_SIZE) {
    throw fail(
      'bad_request',
      `An active_check task takes 1 to ${MAX_TASK_SIZE.toLocaleString('en-US')} distinct numbers (our own cap); ` +
        `this one has ${unique.length.toLocaleString('en-US')}.`,
      { retryable: false, maybeProcessed: false, providerCode: 'task_size' }
    )
  }
  // Documented input: one E.164 number per line, '\n' line ends, sent as numbers.txt.
  const file = `${unique.join('\n')}\n`
  const form = new FormData()
  form.append('file', new Blob([file], { type: 'text/plain' }), 'numbers.txt')
  form.append('task_type', TASK_TYPE)
  const response = await send(ID, {
    method: 'POST',
    url: endpoint(settings.baseUrl, '/v1/tasks'),
    headers: authHeaders(apiKey),
    body: form,
    timeoutMs: settings.timeoutMs + Math.ceil(file.length / UPLOAD_BYTES_PER_MS),
    signal
  })
  if (response.status < 200 || response.status >= 300) throw statusError('create', response, apiKey)
  return toTask(readJson(response), 'create', apiKey)
}

async function pollTask(
  taskId: string,
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<BulkTask> {
  const apiKey = requireKey(credentials)
  return freeCall(signal, async () => {
    // Documented as multipart; the form keeps the id out of the URL and any proxy log.
    const form = new FormData()
    form.append('task_id', taskId)
    const response = await send(ID, {
      method: 'POST',
      url: endpoint(settings.baseUrl, '/v1/gettasks'),
      headers: authHeaders(apiKey),
      body: form,
      timeoutMs: settings.timeoutMs,
      signal
    })
    if (response.status < 200 || response.status >= 300) throw statusError('poll', response, apiKey)
    return toTask(readJson(response), 'poll', apiKey)
  })
}

async function downloadResult(
  task: BulkTask,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<Buffer> {
  if (task.status !== 'exported' || !task.resultUrl) {
    throw fail('bad_request', `Task ${task.taskId} has no result file (status ${task.status}).`, {
      retryable: false,
      maybeProcessed: false
    })
  }
  let url: URL
  try {
    url = new URL(task.resultUrl, settings.baseUrl)
  } catch {
    throw fail('malformed', 'The task result link is not a URL.', { retryable: false, maybeProcessed: false })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw fail('malformed', 'The task result link is not an http(s) URL.', {
      retryable: false,
      maybeProcessed: false
    })
  }
  return freeCall(signal, async () => {
    // A pre-signed storage link: no key goes with it, the storage host is not the API.
    const response = await send(ID, {
      method: 'GET',
      url: url.toString(),
      timeoutMs: settings.timeoutMs * DOWNLOAD_TIMEOUT_FACTOR,
      signal
    })
    if (response.status < 200 || response.status >= 300) throw statusError('download', response, undefined)
    if (response.bytes.length === 0) {
      throw fail('malformed', 'The result file is empty.', { retryable: true, maybeProcessed: false })
    }
    return Buffer.from(response.bytes.buffer, response.bytes.byteOffset, response.bytes.byteLength)
  })
}

async function balance(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<{ amount: number; currency: string }> {
  const apiKey = requireKey(credentials)
  return freeCall(signal, async () => {
    const response = await send(ID, {
      method: 'GET',
      url: endpoint(settings.baseUrl, '/v1/balance'),
      headers: authHeaders(apiKey),
      timeoutMs: settings.timeoutMs,
      signal
    })
    if (response.status < 200 || response.status >= 300) throw statusError('balance', response, apiKey)
    const body = readJson(response) as { balance?: unknown } | null
    const amount = typeof body?.balance === 'string' ? Number(body.balance) : body?.balance
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throw fail('malformed', 'The balance answer has no numeric balance.', {
        retryable: true,
        maybeProcessed: false
      })
    }
    // The balance answer names no currency; the account's amounts are quoted in USD.
    return { amount, currency: 'USD' }
  })
}

async function testConnection(
  credentials: ProviderCredentials,
  settings: ProviderSettings,
  signal?: AbortSignal
): Promise<ConnectionTest> {
  try {
    const result = await balance(credentials, settings, signal)
    return {
      ok: true,
      message: `Key accepted; balance ${result.amount} ${result.currency}.`,
      balance: result.amount,
      currency: result.currency
    }
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, message: error.message }
    throw error
  }
}

export const checknumberProvider: BulkProvider = {
  kind: 'bulk',
  info,
  minTaskSize: MIN_TASK_SIZE,
  maxTaskSize: MAX_TASK_SIZE,
  covers: (e164) => E164.test(e164),
  testConnection,
  balance,
  createTask,
  pollTask,
  downloadResult,
  parseResult,
  resultsFor: (submitted, archive, pricePerLookup, currency) =>
    checknumberResultsFor(
      submitted,
      parseResult(archive, pricePerLookup, currency),
      pricePerLookup,
      currency
    ),
  isUnprocessed: isUnprocessedRow
}
