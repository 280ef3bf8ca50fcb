// The documented JSON shapes are built field by field: a field the core adds stays out of the CLI's documents,
// and what goes in follows the schemas in resources/schemas.
import { describe, expect, it } from 'vitest'
import type { JobDetail, LiveSummary } from '@contract/types'
import { jobListEntry, jobShowJson, uncertainJson } from '../../../src-main/cli/json'
import { schemaId } from '../../../src-main/cli/output'
import { schemaErrors } from '../../helpers/json-schemas'

const LIVE: LiveSummary = {
  plan: {
    route: [{ provider: 'acedata', countries: ['CN'] }],
    fallback: null,
    spendCap: 5,
    lineTypes: ['mobile'],
    freshnessDays: { active: 30, inactive: 30, invalid: 365, unknown: 1 }
  },
  pauseReason: 'spend_cap',
  pauseMessage: 'The spending cap of 5 USD is reached.',
  pauseProvider: null,
  pauseDetail: 'The spending cap is reached.',
  spend: [{ currency: 'USD', amount: 4.98 }],
  total: 300,
  pending: 134,
  inFlight: 0,
  answered: 166,
  cached: 0,
  failed: 0,
  uncertain: 0,
  skipped: 0,
  errors: 2,
  lastError: 'timeout',
  sample: null
}

/** A job as the store hands it out, with a field the documents do not name. */
const JOB = {
  id: 'a1b2c3d4e5f60718',
  name: 'leads',
  fileName: 'leads.csv',
  format: 'csv',
  sheet: 'leads',
  providers: ['acedata'],
  status: 'paused',
  phase: 'live',
  counts: {
    rows: 3,
    numbers: 3,
    unique: 3,
    byStatus: { active: 1, unchecked: 1, unknown: 0, inactive: 0, invalid: 1 },
    emptyRows: 0
  },
  createdAt: '2026-12-05 21:04:05',
  finishedAt: null,
  error: null,
  live: LIVE,
  importId: 'imp1',
  filePath: '/lists/leads.csv',
  headers: ['Name', 'Phone', 'Country'],
  phoneColumns: [1],
  countryColumn: 2,
  defaultRegion: 'US',
  warnings: [],
  internalOnly: 'must not leak'
} as unknown as JobDetail

describe('the documented job shapes', () => {
  it('jobs show names columns by header, keeps no internal field and follows its schema', () => {
    const shown: Record<string, unknown> = { schema: schemaId('jobs.show'), ...jobShowJson(JOB) }
    expect(schemaErrors('jobs.show', shown)).toEqual([])
    expect(shown).toMatchObject({
      phoneColumns: ['Phone'],
      countryColumn: 'Country',
      rows: 3,
      byStatus: { active: 1, unchecked: 1, unknown: 0, inactive: 0, invalid: 1 }
    })
    const text = JSON.stringify(shown)
    for (const hidden of ['internalOnly', 'importId', 'warnings', 'pauseDetail', 'freshnessDays', 'counts']) {
      expect(text).not.toContain(`"${hidden}"`)
    }
    expect(shown.live).toMatchObject({
      providers: ['acedata'],
      spend: [{ currency: 'USD', amount: 4.98, estimated: false }],
      pending: 134,
      answered: 166,
      pauseReason: 'spend_cap'
    })
  })

  it('times are ISO 8601 with their offset', () => {
    expect(jobListEntry(JOB).createdAt).toBe(new Date('2026-12-05 21:04:05').toISOString())
    const listed = { schema: schemaId('jobs.list'), jobs: [jobListEntry(JOB)] }
    expect(schemaErrors('jobs.list', listed)).toEqual([])
  })

  it('jobs uncertain lists provider, number, time sent and error of each request', () => {
    const doc: Record<string, unknown> = {
      schema: schemaId('jobs.uncertain'),
      ...uncertainJson('a1b2', [
        {
          provider: 'acedata',
          e164: '+8613800138000',
          sentAt: '2026-12-05T21:04:05.000Z',
          error: 'socket hang up'
        }
      ])
    }
    expect(schemaErrors('jobs.uncertain', doc)).toEqual([])
    expect(doc.requests).toEqual([
      {
        provider: 'acedata',
        e164: '+8613800138000',
        sentAt: '2026-12-05T21:04:05.000Z',
        error: 'socket hang up'
      }
    ])
  })

  it('a document with an unknown field does not pass its schema', () => {
    const shown = { schema: schemaId('jobs.show'), ...jobShowJson(JOB), extra: 1 }
    expect(schemaErrors('jobs.show', shown).join('\n')).toMatch(/must NOT have additional properties.*extra/)
  })
})
