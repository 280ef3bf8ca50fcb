// A local stand-in for toolkk's POST /mobile_status/check (seed 001, research providers.md §2), answering on
// 127.0.0.1 only. The page documents the endpoint, the X-API-Key header, the {code, message, data} envelope,
// the data fields and 60 requests a minute; the request field, the error answers and billing are not
// documented, and what the simulator does there is marked [assumed].
//
// Pattern table (the 11-digit `mobile` of the request body; code 200 unless said):
//
// | mobile                              | data.result                                   | charged |
// |-------------------------------------|-----------------------------------------------|---------|
// | ends in 0 … 5                       | that digit as a string: 0 not in network, 1 normal, 2 suspended, 3 in network but unusable, 4 pending cancellation, 5 powered off | yes |
// | ends in 6                           | "9", a code the page does not list            | yes     |
// | ends in 7                           | 1 with every value a number, not a string     | yes     |
// | ends in 8                           | the seed's example verbatim: a schema ({type, example, description} per field) instead of values | yes |
// | ends in 9                           | data without result (only orderNo) [assumed]  | yes     |
// | second-to-last digit (channel)      | 0–2 移动, 3–5 联通, 6–7 电信, 8 广电, 9 no channel field               |
// | third-to-last digit (transferStatus)| odd "1" (ported), even "0"                    |
// | not 1[3-9] + 9 digits               | code 400 手机号格式错误 [assumed]             | no      |
// | no `mobile` (e.g. {}), bad JSON     | code 400 缺少参数 mobile [assumed]            | no      |
//
// Before the number: another path → 404; a missing or wrong X-API-Key → code 401 [assumed]; more than
// `rateLimit.max` authorised requests in a fixed `rateLimit.windowMs` window (default the page's 60 a minute)
// → code 429 请求过于频繁 with Retry-After in seconds [assumed]. Errors come with the same HTTP status as their
// code, or with HTTP 200 and only the envelope code when `errorsInBody` is set (common on Chinese gateways).
// Billing is not documented: the simulator charges every code-200 answer [assumed].
//
// Modes (setMode): balance (402 余额不足), server_error (500), service_unavailable (503), malformed (200, not
// JSON), slow (answers after delayMs, charging as it would), drop_before_body (socket destroyed before the
// body is read), drop_after_body (answered and charged, then the socket is destroyed instead of replying).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback, PendingReplies } from './loopback-server'

export type ToolkkMode =
  | 'normal'
  | 'slow'
  | 'drop_before_body'
  | 'drop_after_body'
  | 'malformed'
  | 'balance'
  | 'server_error'
  | 'service_unavailable'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** Empty when the connection was dropped before the body was read. */
  body: string
  at: number
}

export interface ToolkkSimulatorOptions {
  /** The one key the simulator accepts. */
  apiKey?: string
  /** Fixed-window limit on authorised requests; default 60 per minute, as the page states. */
  rateLimit?: { max: number; windowMs: number }
  /** Send Retry-After with a 429; default true. */
  retryAfterHeader?: boolean
  /** Answer errors with HTTP 200 and the code only in the envelope. */
  errorsInBody?: boolean
  /** Put the presented key into auth error messages, as a careless server might (for redaction tests). */
  echoKeyInErrors?: boolean
  mode?: ToolkkMode
  /** For 'slow'; default 2000 ms. */
  delayMs?: number
}

export interface ToolkkSimulator {
  url: string
  requests: RecordedRequest[]
  /** Answers that would have been billed (every code-200 answer, by assumption). */
  readonly charged: number
  setMode(mode: ToolkkMode, delayMs?: number): void
  close(): Promise<void>
}

export const TOOLKK_SIM_KEY = 'tk-sim-key-83b1e0'

const PATH = '/mobile_status/check'
const MOBILE = /^1[3-9]\d{9}$/
const LABELS = ['销号或未启用', '正常', '停机', '在网但不可用', '预销号', '关机']
const CHANNELS = ['移动', '移动', '移动', '联通', '联通', '联通', '电信', '电信', '广电']

// Seed 001's response example, as published.
export const TOOLKK_SCHEMA_ANSWER = {
  code: 200,
  data: {
    result: {
      type: 'string',
      example: '1',
      description: '0销号或未启用(不在网),1正常,2停机,3在网但不可用,4预销号 5关机'
    },
    channel: { type: 'string', example: '移动', description: '移动,电信,联通,广电' },
    orderNo: { type: 'string', example: '202406282055560705659' },
    resultMsg: { type: 'string', example: '正常' },
    transferStatus: { type: 'string', example: '0', description: '0未转网 1转网' }
  },
  message: 'success'
}

let orderSeq = 0

function orderNo(): string {
  orderSeq++
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  return `${stamp}${String(orderSeq).padStart(7, '0')}`
}

/** The code-200 answer for a well-formed mobile number, following the pattern table. */
export function toolkkAnswer(mobile: string): Record<string, unknown> {
  const last = mobile[10]
  if (last === '8') return TOOLKK_SCHEMA_ANSWER
  if (last === '9') return { code: 200, message: 'success', data: { orderNo: orderNo() } }
  const channel = CHANNELS[Number(mobile[9])]
  const ported = Number(mobile[8]) % 2 === 1 ? '1' : '0'
  if (last === '7') {
    const data: Record<string, unknown> = {
      orderNo: orderNo(),
      result: 1,
      resultMsg: '正常',
      transferStatus: Number(ported)
    }
    if (channel) data.channel = channel
    return { code: 200, message: 'success', data }
  }
  const result = last === '6' ? '9' : last
  const data: Record<string, unknown> = {
    orderNo: orderNo(),
    result,
    resultMsg: LABELS[Number(result)] ?? '未知',
    transferStatus: ported
  }
  if (channel) data.channel = channel
  return { code: 200, message: 'success', data }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startToolkkSimulator(options: ToolkkSimulatorOptions = {}): Promise<ToolkkSimulator> {
  const apiKey = options.apiKey ?? TOOLKK_SIM_KEY
  const limit = options.rateLimit ?? { max: 60, windowMs: 60_000 }
  const retryAfterHeader = options.retryAfterHeader ?? true
  let mode: ToolkkMode = options.mode ?? 'normal'
  let delayMs = options.delayMs ?? 2000
  let charged = 0
  let windowStart = 0
  let windowCount = 0
  const requests: RecordedRequest[] = []
  const pending = new PendingReplies()

  function reply(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(200, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  function fail(
    res: ServerResponse,
    code: number,
    message: string,
    headers: Record<string, string> = {}
  ): void {
    res.writeHead(options.errorsInBody ? 200 : code, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ code, message, data: null }))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: '',
      at: Date.now()
    }
    requests.push(record)
    if (mode === 'drop_before_body') {
      req.socket.destroy()
      return
    }
    record.body = await readBody(req)

    if (req.method !== 'POST' || record.path !== PATH) {
      fail(res, 404, 'Not Found')
      return
    }
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || !key) {
      fail(res, 401, '缺少 API Key (missing API key)')
      return
    }
    if (key !== apiKey) {
      fail(res, 401, `API Key 无效 (invalid API key)${options.echoKeyInErrors ? `: ${key}` : ''}`)
      return
    }
    if (mode === 'balance') {
      fail(res, 402, '余额不足，请充值 (insufficient balance)')
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
      fail(
        res,
        429,
        '请求过于频繁 (too many requests)',
        retryAfterHeader ? { 'retry-after': String(seconds) } : {}
      )
      return
    }

    switch (mode) {
      case 'server_error':
        fail(res, 500, '服务内部错误 (internal error)')
        return
      case 'service_unavailable':
        fail(res, 503, '服务暂不可用 (service unavailable)')
        return
      case 'malformed':
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html><body>系统维护中</body></html>')
        return
    }

    let mobile: unknown
    try {
      mobile = (JSON.parse(record.body) as { mobile?: unknown }).mobile
    } catch {
      mobile = undefined
    }
    if (typeof mobile !== 'string' || !mobile) {
      fail(res, 400, '缺少参数 mobile (missing parameter: mobile)')
      return
    }
    if (!MOBILE.test(mobile)) {
      fail(res, 400, '手机号格式错误 (invalid mobile number)')
      return
    }
    const answer = toolkkAnswer(mobile)
    charged++
    if (mode === 'drop_after_body') {
      req.socket.destroy()
      return
    }
    if (mode === 'slow') {
      pending.later(() => {
        if (!res.destroyed) reply(res, answer)
      }, delayMs)
      return
    }
    reply(res, answer)
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
    setMode(next, nextDelayMs) {
      mode = next
      if (nextDelayMs !== undefined) delayMs = nextDelayMs
    },
    close() {
      return server.close()
    }
  }
}
