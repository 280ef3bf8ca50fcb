// The plain progress lines a CI log keeps: read back by people, so counts agree with their nouns.
import { describe, expect, it } from 'vitest'
import { plainLine, type ProgressEvent } from '../../../src-main/cli/progress'

function event(patch: Partial<ProgressEvent>): ProgressEvent {
  return {
    schema: 'ringtrue.progress/1',
    event: 'progress',
    jobId: 'abc',
    phase: 'import',
    done: 0,
    total: 0,
    rate: 0,
    etaSeconds: null,
    spend: [],
    errors: 0,
    at: '2026-12-06T00:00:00.000Z',
    ...patch
  }
}

describe('plain progress lines', () => {
  it('say one row, one number and one error in the singular', () => {
    expect(plainLine(event({ event: 'start', total: 1 }))).toBe('ringtrue: import started · job abc · 1 row')
    expect(
      plainLine(event({ event: 'end', phase: 'offline', done: 1, total: 1, errors: 1, status: 'done' }))
    ).toBe('ringtrue: offline check finished · 1/1 row (100%) · 1 error')
    expect(
      plainLine(
        event({
          phase: 'paid',
          done: 0,
          total: 1,
          rate: 2,
          etaSeconds: 65,
          spend: [{ currency: 'USD', amount: 0.5, estimated: false }]
        })
      )
    ).toBe('ringtrue: paid check 0/1 number (0%) · 2/s · ETA 1m 05s · spent 0.50 USD · 0 errors')
  })

  it('use the plural otherwise, and name how a phase stopped', () => {
    expect(plainLine(event({ event: 'start', phase: 'paid', total: 20 }))).toBe(
      'ringtrue: paid check started · job abc · 20 numbers'
    )
    expect(
      plainLine(event({ event: 'end', phase: 'paid', done: 5, total: 20, errors: 3, status: 'paused' }))
    ).toBe('ringtrue: paid check stopped (paused) · 5/20 numbers (25%) · spent nothing · 3 errors')
  })
})
