// A local stand-in for api.checknumber.ai (task_type active_check), built from research/providers.md §3.
//
// checknumber.ai has no sandbox, so the answer for each number is decided here, by its last digit:
//
// | last digit | result file row                      | counted in | adapter maps to (§7)        |
// |------------|--------------------------------------|------------|-----------------------------|
// | 0 1 2 3    | ActiveStatus active                  | success    | active / in_service         |
// | 4 5 6      | ActiveStatus inactive                | success    | inactive / low_activity     |
// | 7          | ActiveStatus unknown                 | success    | unknown / inconclusive      |
// | 8          | row present, ActiveStatus left empty | failure    | unknown / lookup_failed     |
// | 9          | row missing from the export          | failure    | unknown / lookup_failed     |
//
// What it enforces, as documented: the X-API-Key header on every API call (401 otherwise); multipart upload with
// `file` (one E.164 number per line, '\n' endings) and `task_type=active_check`; a row maximum (400), and a row
// minimum only when a test sets `minRows` (the active_check document states none, so by default there is none);
// the balance (402), charged per row when a task is accepted; unknown task ids (404); a file size limit (413).
// Tasks go pending → processing → completed → exported (or failed), one step per poll by default or when the test
// calls advance(). The result is a real zip on a pre-signed-looking link that needs no key and can expire.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { strToU8, zipSync, type Zippable } from 'fflate'
import * as XLSX from 'xlsx'

export type SimEndpoint = 'tasks' | 'gettasks' | 'balance' | 'download'

export type SimMode =
  | 'normal'
  /** 402 on task creation whatever the balance. */
  | 'insufficient_balance'
  /** Tasks created while set end in `failed` instead of `exported`. */
  | 'fail_task'
  /** Answers after `delayMs`. */
  | 'slow'
  /** Closes the connection without an answer. */
  | 'drop'
  /** 200 with a body that is not JSON. */
  | 'malformed'
  /** 429 with Retry-After. */
  | 'rate_limit'
  /** 5xx (`status`, 500 unless told). */
  | 'server_error'

export interface SimModeOptions {
  /** Endpoints the mode applies to; all when left out. */
  only?: SimEndpoint[]
  /** How many requests (tasks, for fail_task) it applies to before going back to normal; unlimited if left out. */
  times?: number
  status?: number
  /** Retry-After header value for rate_limit ('7' unless told). */
  retryAfter?: string
  delayMs?: number
}

export interface ChecknumberSimulatorOptions {
  apiKey?: string
  /** Starting balance in USD. */
  balance?: number
  pricePerRow?: number
  /** A row minimum to enforce (400 "row count must be between …"); none by default, as documented. */
  minRows?: number
  maxRows?: number
  maxFileBytes?: number
  /** Inside the zip a CSV or an XLSX; 'bare-xlsx' serves the workbook itself (the older docs' results.xlsx). */
  resultFormat?: 'csv' | 'xlsx' | 'bare-xlsx'
  /** Put the result in a folder inside the zip (`<task_id>/all.csv`, as a third-party script reads it). */
  nested?: boolean
  /** Also write active.csv / inactive.csv / unknown.csv beside all.csv, repeating its rows. */
  splitFiles?: boolean
  lowercaseHeaders?: boolean
  /** Write result numbers without the '+', as a spreadsheet round trip does. */
  digitsOnly?: boolean
  /** 'poll': each poll of a task moves it one step; 'manual': only advance() does. */
  advance?: 'poll' | 'manual'
  /** Pass through the older `completed` status between processing and exported. */
  passCompleted?: boolean
  createStatus?: 200 | 202
  /** How long a result link stays valid. */
  resultTtlMs?: number
  /** Repeat the received key in 401 bodies, as a careless server might. */
  echoKeyInErrors?: boolean
}

export interface SimUpload {
  taskType: string | null
  fileName: string | null
  contentType: string | null
  text: string
  numbers: string[]
}

export interface SimDownload {
  path: string
  /** The X-API-Key header the download carried, if any (it should carry none). */
  apiKey: string | undefined
}

export type SimTaskStatus = 'pending' | 'processing' | 'completed' | 'exported' | 'failed'

export interface SimTask {
  taskId: string
  numbers: string[]
  status: SimTaskStatus
  polls: number
  willFail: boolean
  createdAt: string
  updatedAt: string
  /** Rows the export will hold: [number, ActiveStatus]. */
  rows: [string, string][]
  failure: number
  amountMicros: number
  token: string
  exportedAt: number | null
}

export interface ChecknumberSimulator {
  url: string
  close(): Promise<void>
  tasks: Map<string, SimTask>
  uploads: SimUpload[]
  downloads: SimDownload[]
  /** Rows charged so far. */
  readonly charged: number
  /** What those rows cost, in USD. */
  readonly chargedAmount: number
  readonly balance: number
  setBalance(amount: number): void
  setMode(mode: SimMode, options?: SimModeOptions): void
  /** Moves one task (or every unfinished task) one step along its state machine. */
  advance(taskId?: string): void
  /** Every request seen, in order, as `METHOD path`. */
  requests: string[]
}

/** The ActiveStatus the pattern table gives a number; null means the row is left out of the export. */
export function simulatedStatus(e164: string): string | null {
  const digit = Number(e164.slice(-1))
  if (digit <= 3) return 'active'
  if (digit <= 6) return 'inactive'
  if (digit === 7) return 'unknown'
  if (digit === 8) return ''
  return null
}

const E164 = /^\+[1-9]\d{6,14}$/
const MICROS = 1_000_000

function taskId(): string {
  // Same look as the documented ids: 20 characters of lowercase base32.
  const alphabet = '0123456789abcdefghijklmnopqrstuv'
  return [...randomBytes(20)].map((b) => alphabet[b % 32]).join('')
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return 'too_large'
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function readForm(req: IncomingMessage, body: Buffer): Promise<FormData | null> {
  const type = req.headers['content-type']
  if (!type) return null
  try {
    return await new Response(body, { headers: { 'content-type': type } }).formData()
  } catch {
    return null
  }
}

export async function startChecknumberSimulator(
  options: ChecknumberSimulatorOptions = {}
): Promise<ChecknumberSimulator> {
  const apiKey = options.apiKey ?? 'sim-checknumber-key'
  const priceMicros = Math.round((options.pricePerRow ?? 0.002) * MICROS)
  // Seed 002 states no minimum for active_check: none unless a test asks for one.
  const minRows = options.minRows ?? 1
  const maxRows = options.maxRows ?? 10_000_000
  const maxFileBytes = options.maxFileBytes ?? 64 * 1024 * 1024
  const advanceOn = options.advance ?? 'poll'
  const passCompleted = options.passCompleted ?? true
  const ttlMs = options.resultTtlMs ?? 7 * 24 * 3600 * 1000

  let balanceMicros = Math.round((options.balance ?? 100) * MICROS)
  let chargedRows = 0
  let chargedMicros = 0
  let mode: SimMode = 'normal'
  let modeOptions: SimModeOptions = {}
  let modeLeft = Infinity

  const tasks = new Map<string, SimTask>()
  const uploads: SimUpload[] = []
  const downloads: SimDownload[] = []
  const requests: string[] = []
  const sockets = new Set<Socket>()
  let baseUrl = ''

  /** The mode in force for this endpoint, consuming one of its `times`. */
  function activeMode(endpoint: SimEndpoint): SimMode {
    if (mode === 'normal' || mode === 'fail_task') return 'normal'
    if (modeOptions.only && !modeOptions.only.includes(endpoint)) return 'normal'
    if (mode === 'insufficient_balance' && endpoint !== 'tasks') return 'normal'
    const current = mode
    modeLeft -= 1
    if (modeLeft <= 0) mode = 'normal'
    return current
  }

  function step(task: SimTask): void {
    const next: Record<SimTaskStatus, SimTaskStatus> = {
      pending: 'processing',
      processing: task.willFail ? 'failed' : passCompleted ? 'completed' : 'exported',
      completed: 'exported',
      exported: 'exported',
      failed: 'failed'
    }
    const status = next[task.status]
    if (status === task.status) return
    task.status = status
    task.updatedAt = new Date().toISOString()
    if (status === 'exported') task.exportedAt = Date.now()
  }

  function resultPath(task: SimTask): string {
    const ext = options.resultFormat === 'bare-xlsx' ? 'xlsx' : 'zip'
    return `/externalcheck/${task.taskId}/${task.taskId}.${ext}`
  }

  function taskView(task: SimTask): Record<string, unknown> {
    const done = task.status === 'completed' || task.status === 'exported' || task.status === 'failed'
    const total = task.numbers.length
    const processed = task.status === 'processing' ? Math.floor(total / 2) : done ? total : 0
    const failure = done ? task.failure : 0
    const money = { amount: (task.amountMicros / MICROS).toFixed(4), currency: 'USD' }
    return {
      created_at: task.createdAt,
      updated_at: task.updatedAt,
      task_id: task.taskId,
      user_id: 'simUser01',
      status: task.status,
      total,
      success: processed - failure,
      failure,
      estimated_amount: money,
      ...(task.status === 'exported'
        ? {
            actual_amount: money,
            result_url:
              `${baseUrl}${resultPath(task)}?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
              `&X-Amz-Expires=${Math.round(ttlMs / 1000)}&X-Amz-Signature=${task.token}`
          }
        : {}),
      ...(task.status === 'failed' ? { message: 'Task processing failed' } : {})
    }
  }

  function resultFile(task: SimTask): Uint8Array {
    const header = options.lowercaseHeaders ? ['number', 'activestatus'] : ['Number', 'ActiveStatus']
    const rows = task.rows.map(([n, s]) => [options.digitsOnly ? n.slice(1) : n, s])
    const folder = options.nested ? `${task.taskId}/` : ''
    const base = options.nested ? 'all' : task.taskId
    if (options.resultFormat === 'xlsx' || options.resultFormat === 'bare-xlsx') {
      const book = XLSX.utils.book_new()
      // Digits-only numbers go in as numeric cells, the way Excel would keep them.
      const cells = rows.map(([n, s]) => [options.digitsOnly ? Number(n) : n, s])
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([header, ...cells]), 'Result')
      const xlsx = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
      if (options.resultFormat === 'bare-xlsx') return xlsx
      return zipSync({ [`${folder}${base}.xlsx`]: xlsx })
    }
    const csv = (list: string[][]): Uint8Array =>
      strToU8([header, ...list].map((r) => r.join(',')).join('\r\n') + '\r\n')
    const files: Zippable = { [`${folder}${base}.csv`]: csv(rows) }
    if (options.splitFiles) {
      for (const label of ['active', 'inactive', 'unknown']) {
        files[`${folder}${label}.csv`] = csv(rows.filter(([, s]) => s === label))
      }
    }
    return zipSync(files)
  }

  async function handleTasks(req: IncomingMessage, res: ServerResponse, noBalance: boolean): Promise<void> {
    const body = await readBody(req, maxFileBytes)
    if (body === 'too_large') {
      json(res, 413, { message: 'File too large' })
      return
    }
    const form = await readForm(req, body)
    const file = form?.get('file')
    if (!form || !(file instanceof Blob)) {
      json(res, 400, { message: 'file is required' })
      return
    }
    const text = await file.text()
    const taskType = form.get('task_type')
    const upload: SimUpload = {
      taskType: typeof taskType === 'string' ? taskType : null,
      fileName: file instanceof File ? file.name : null,
      contentType: file.type || null,
      text,
      numbers: text.split('\n').filter((line) => line !== '')
    }
    uploads.push(upload)
    if (upload.taskType !== 'active_check') {
      json(res, 400, { message: 'invalid task_type' })
      return
    }
    const badLine = text.includes('\r') ? 0 : upload.numbers.findIndex((n) => !E164.test(n))
    if (badLine >= 0 || !text.endsWith('\n')) {
      json(res, 400, { message: `invalid file format at line ${Math.max(badLine, 0) + 1}` })
      return
    }
    const count = upload.numbers.length
    if (count < minRows || count > maxRows) {
      json(res, 400, { message: `row count must be between ${minRows} and ${maxRows}, got ${count}` })
      return
    }
    const cost = count * priceMicros
    if (noBalance || cost > balanceMicros) {
      json(res, 402, { message: 'Insufficient balance' })
      return
    }
    balanceMicros -= cost
    chargedRows += count
    chargedMicros += cost
    const now = new Date().toISOString()
    const rows: [string, string][] = []
    let failure = 0
    for (const n of upload.numbers) {
      const status = simulatedStatus(n)
      if (status === null || status === '') failure += 1
      if (status !== null) rows.push([n, status])
    }
    const willFail = mode === 'fail_task'
    if (willFail && --modeLeft <= 0) mode = 'normal'
    const task: SimTask = {
      taskId: taskId(),
      numbers: upload.numbers,
      status: 'pending',
      polls: 0,
      willFail,
      createdAt: now,
      updatedAt: now,
      rows,
      failure,
      amountMicros: cost,
      token: randomBytes(16).toString('hex'),
      exportedAt: null
    }
    tasks.set(task.taskId, task)
    json(res, options.createStatus ?? 200, {
      task_id: task.taskId,
      status: 'pending',
      total: count,
      message: 'Task created successfully',
      created_at: now,
      estimated_amount: { amount: (cost / MICROS).toFixed(4), currency: 'USD' }
    })
  }

  async function handleGetTasks(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 1024 * 1024)
    const form = body === 'too_large' ? null : await readForm(req, body)
    const id = form?.get('task_id')
    if (typeof id !== 'string' || !id) {
      json(res, 400, { message: 'task_id is required' })
      return
    }
    const task = tasks.get(id)
    if (!task) {
      json(res, 404, { message: 'task not found' })
      return
    }
    task.polls += 1
    if (advanceOn === 'poll') step(task)
    json(res, 200, taskView(task))
  }

  function handleDownload(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const key = req.headers['x-api-key']
    downloads.push({ path: url.pathname, apiKey: Array.isArray(key) ? key[0] : key })
    const task = [...tasks.values()].find((t) => resultPath(t) === url.pathname)
    const s3Error = (status: number, code: string, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
      )
    }
    if (!task || task.status !== 'exported' || task.exportedAt === null) {
      s3Error(404, 'NoSuchKey', 'The specified key does not exist.')
      return
    }
    if (url.searchParams.get('X-Amz-Signature') !== task.token) {
      s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match.')
      return
    }
    if (Date.now() - task.exportedAt > ttlMs) {
      s3Error(403, 'AccessDenied', 'Request has expired')
      return
    }
    const bytes = resultFile(task)
    const type =
      options.resultFormat === 'bare-xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'application/zip'
    res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length) })
    res.end(Buffer.from(bytes))
  }

  function keyOk(req: IncomingMessage, res: ServerResponse): boolean {
    const sent = req.headers['x-api-key']
    if (sent === apiKey) return true
    const shown = options.echoKeyInErrors && typeof sent === 'string' ? ` ${sent}` : ''
    json(res, 401, { message: `Invalid API key${shown}` })
    return false
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl)
    requests.push(`${req.method} ${url.pathname}`)
    const route: SimEndpoint | null =
      req.method === 'POST' && url.pathname === '/v1/tasks'
        ? 'tasks'
        : req.method === 'POST' && url.pathname === '/v1/gettasks'
          ? 'gettasks'
          : req.method === 'GET' && url.pathname === '/v1/balance'
            ? 'balance'
            : req.method === 'GET' && url.pathname.startsWith('/externalcheck/')
              ? 'download'
              : null
    if (!route) {
      json(res, 404, { message: 'not found' })
      return
    }
    const current = activeMode(route)
    if (current === 'slow') await new Promise((r) => setTimeout(r, modeOptions.delayMs ?? 2000))
    if (current === 'drop') {
      req.socket.destroy()
      return
    }
    if (current === 'malformed') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body><h1>Gateway</h1> upstream sent an invalid answer</body></html>')
      return
    }
    if (current === 'rate_limit') {
      json(res, 429, { message: 'Too many requests' }, { 'retry-after': modeOptions.retryAfter ?? '7' })
      return
    }
    if (current === 'server_error') {
      json(res, modeOptions.status ?? 500, { message: 'internal server error' })
      return
    }
    if (route === 'download') {
      handleDownload(req, res, url)
      return
    }
    if (!keyOk(req, res)) return
    if (route === 'tasks') {
      await handleTasks(req, res, current === 'insufficient_balance')
    } else if (route === 'gettasks') {
      await handleGetTasks(req, res)
    } else {
      json(res, 200, { balance: balanceMicros / MICROS })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { message: `simulator error: ${String(error)}` })
      else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    tasks,
    uploads,
    downloads,
    requests,
    get charged() {
      return chargedRows
    },
    get chargedAmount() {
      return chargedMicros / MICROS
    },
    get balance() {
      return balanceMicros / MICROS
    },
    setBalance(amount: number) {
      balanceMicros = Math.round(amount * MICROS)
    },
    setMode(next: SimMode, opts: SimModeOptions = {}) {
      mode = next
      modeOptions = opts
      modeLeft = opts.times ?? Infinity
    },
    advance(id?: string) {
      for (const task of id ? [tasks.get(id)].filter((t) => t !== undefined) : tasks.values()) step(task)
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
