// Child process of bench/engine.ts: a provider simulator on 127.0.0.1 in a process of its own, so it does not
// share the engine's event loop (two cores: one each).
//   instant                 the Ace Data Cloud simulator of the tests (test/fakes), with no rate limit
//   latency <ms> <limit>    a lean server on the same contract that answers after <ms> and refuses (429) any
//                           request beyond <limit> at once; it reports the most it ever held
// It prints `URL <url>`, then answers each `stats` line on stdin with `STATS <json>`; it exits when stdin ends.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { acedataAnswer, startAcedataSimulator } from '../test/fakes/acedata-simulator'

interface Stats {
  requests: number
  charged: number
  maxInFlight: number
  refused: number
}

async function instant(): Promise<{ url: string; stats(): Stats }> {
  const sim = await startAcedataSimulator({ rateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 1000 } })
  return {
    url: sim.url,
    stats: () => ({ requests: sim.requests.length, charged: sim.charged, maxInFlight: -1, refused: 0 })
  }
}

async function latency(delayMs: number, limit: number): Promise<{ url: string; stats(): Stats }> {
  const stats: Stats = { requests: 0, charged: 0, maxInFlight: 0, refused: 0 }
  let inFlight = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.requests++
    inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (inFlight > limit) {
        inFlight--
        stats.refused++
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' })
        res.end(JSON.stringify({ success: false, error: { code: 'too_many_requests', message: 'Busy.' } }))
        return
      }
      let mobile = ''
      try {
        mobile = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { mobile?: unknown }).mobile)
      } catch {
        // Answered as a bad format below.
      }
      const answer = acedataAnswer(mobile)
      if (String(answer.result) === '0') stats.charged++
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer))
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats: () => ({ ...stats }) }
}

async function main(): Promise<void> {
  const [mode, delay, limit] = process.argv.slice(2)
  const sim = mode === 'latency' ? await latency(Number(delay), Number(limit)) : await instant()
  process.stdout.write(`URL ${sim.url}\n`)
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === 'stats') process.stdout.write(`STATS ${JSON.stringify(sim.stats())}\n`)
  })
  lines.on('close', () => process.exit(0))
}

void main()
