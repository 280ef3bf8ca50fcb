// The host's dialog queues (host.ts): the next native dialog of that kind answers `path`.
import type { TestHost } from './host'

export type QueueKind = 'open-path' | 'save-path' | 'drop-path'

export async function queuePath(host: TestHost, kind: QueueKind, path: string): Promise<void> {
  const response = await fetch(`${host.url}__test/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path })
  })
  if (!response.ok) throw new Error(`The test host refused to queue ${kind} ${path}: HTTP ${response.status}`)
}
