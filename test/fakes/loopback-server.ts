import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Answers a simulator holds back ('slow' modes); closing the server cancels the ones still waiting. */
export class PendingReplies {
  private readonly timers = new Set<NodeJS.Timeout>()

  later(reply: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      reply()
    }, delayMs)
    this.timers.add(timer)
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}

/** Starts a simulator's HTTP server on 127.0.0.1 (never any other address) on a free port. */
export async function listenOnLoopback(
  handler: RequestListener,
  pending: PendingReplies
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        pending.cancelAll()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
