import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProviderGate, GateRegistry } from '../../../src-main/core/engine/provider-gate'
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src-main/core/engine/timing'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => vi.useRealTimers())

/** Acquires `n` times in a row and returns the fake-clock time of each grant. */
async function grantTimes(gate: ProviderGate, n: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const granted = gate.acquire().then(() => times.push(Date.now()))
    await vi.runAllTimersAsync()
    await granted
    gate.release()
  }
  return times
}

describe('ProviderGate', () => {
  it('never lets more than `concurrency` requests in flight', async () => {
    const gate = new ProviderGate({ concurrency: 2, ratePerSecond: 1000 })
    expect(await gate.acquire()).toBe(true)
    await vi.advanceTimersByTimeAsync(5)
    expect(await gate.acquire()).toBe(true)
    let third = false
    void gate.acquire().then(() => (third = true))
    await vi.advanceTimersByTimeAsync(1000)
    expect(third).toBe(false)
    expect(gate.current.inFlight).toBe(2)
    gate.release()
    await vi.advanceTimersByTimeAsync(10)
    expect(third).toBe(true)
  })

  it('spaces requests at the configured rate', async () => {
    const gate = new ProviderGate({ concurrency: 10, ratePerSecond: 10 })
    const times = await grantTimes(gate, 6)
    // The first is immediate; a 10/s bucket with a burst of 2 then grants one every 100 ms.
    expect(times[5] - times[0]).toBeGreaterThanOrEqual(400)
    expect(times[5] - times[0]).toBeLessThanOrEqual(520)
  })

  it('halves concurrency and rate once per throttling episode and waits out Retry-After', async () => {
    const gate = new ProviderGate({ concurrency: 8, ratePerSecond: 40 })
    gate.throttled(2000)
    gate.throttled(2000) // a second 429 from a request already in flight: same episode
    expect(gate.current).toMatchObject({ concurrency: 4, ratePerSecond: 20 })
    let granted = false
    void gate.acquire().then(() => (granted = true))
    await vi.advanceTimersByTimeAsync(1900)
    expect(granted).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    expect(granted).toBe(true)
  })

  it('gives capacity back step by step after clean traffic', async () => {
    const gate = new ProviderGate({ concurrency: 8, ratePerSecond: 40 })
    gate.throttled(100)
    expect(gate.current.concurrency).toBe(4)
    await vi.advanceTimersByTimeAsync(10_500)
    await grantTimes(gate, 1)
    expect(gate.current.concurrency).toBe(5)
    expect(gate.current.ratePerSecond).toBe(30)
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(10_500)
      await grantTimes(gate, 1)
    }
    expect(gate.current).toMatchObject({ concurrency: 8, ratePerSecond: 40 })
  })

  it('returns false and holds nothing when the wait is aborted', async () => {
    const gate = new ProviderGate({ concurrency: 1, ratePerSecond: 100 })
    await gate.acquire()
    const controller = new AbortController()
    const waiting = gate.acquire(controller.signal)
    controller.abort()
    expect(await waiting).toBe(false)
    gate.release()
    expect(gate.current.inFlight).toBe(0)
  })

  it('is shared per provider across jobs', () => {
    const registry = new GateRegistry()
    const a = registry.gate('acedata', { concurrency: 4, ratePerSecond: 20 })
    expect(registry.gate('acedata', { concurrency: 4, ratePerSecond: 20 })).toBe(a)
    expect(registry.gate('toolkk', { concurrency: 1, ratePerSecond: 1 })).not.toBe(a)
  })
})

describe('backoffDelay', () => {
  it('is full jitter under a doubling, capped ceiling', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, undefined, () => 0.999)).toBeLessThan(500)
    expect(backoffDelay(DEFAULT_BACKOFF, 3, undefined, () => 0.999)).toBeCloseTo(1998, 0)
    expect(backoffDelay(DEFAULT_BACKOFF, 20, undefined, () => 1)).toBe(30_000)
    expect(backoffDelay(DEFAULT_BACKOFF, 3, undefined, () => 0)).toBe(0)
  })

  it('never waits less than the provider asked (Retry-After), capped at five minutes', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, 7000, () => 0)).toBe(7000)
    expect(backoffDelay(DEFAULT_BACKOFF, 1, 60 * 60_000, () => 0)).toBe(5 * 60_000)
  })
})
