import { resolve } from 'node:path'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../src-main/api/dispatch'
import type { HandlerTable } from '../../../src-main/api/handlers'
import { importError } from '../../../src-main/core/import/errors'
import { ServiceError } from '../../../src-main/core/jobs/service-error'
import { KeychainUnavailableError } from '../../../src-main/core/secrets/secret-store'
import { FileHandleRegistry } from '../../../src-main/api/file-handles'
import { StoreError, storeMessages } from '../../../src-main/core/store/database'

/** The envelope the handler table answers when a handler throws `error`. */
async function envelopeOf(error: unknown) {
  const handlers = {
    'files:reveal': async () => {
      throw error
    }
  } as unknown as HandlerTable
  return createDispatch(handlers)('files:reveal', 'fh_0123456789abcdef0123456789abcdef')
}

async function englishCatalogue(): Promise<Record<string, string>> {
  // Loaded by path: the renderer's catalogue belongs to the web project, this test to the node one.
  const path = resolve(__dirname, '../../../src-renderer/src/i18n/en/errors.ts')
  return ((await import(path)) as { default: Record<string, string> }).default
}

describe('coded errors carry the values of their sentence', () => {
  it('sends params beside code and message through the handler table', async () => {
    expect(
      await envelopeOf(new ServiceError('file_exists', 'out.csv already exists.', { name: 'out.csv' }))
    ).toEqual({
      ok: false,
      error: { code: 'file_exists', message: 'out.csv already exists.', params: { name: 'out.csv' } }
    })
    expect(await envelopeOf(importError('empty_file', '/data/leads.csv'))).toEqual({
      ok: false,
      error: { code: 'empty_file', message: 'leads.csv is empty.', params: { name: 'leads.csv' } }
    })
    // Only flat text and numbers cross: params are interpolated into a sentence, nothing else.
    const odd = Object.assign(new Error('Odd.'), { code: 'odd', params: { a: 1, b: { x: 1 }, c: 'c' } })
    expect(await envelopeOf(odd)).toEqual({
      ok: false,
      error: { code: 'odd', message: 'Odd.', params: { a: 1, c: 'c' } }
    })
  })

  it('names the refused field of an invalid request', async () => {
    const dispatch = createDispatch({} as HandlerTable)
    const envelope = await dispatch('files:reveal', '/etc/passwd')
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('invalid_request')
    expect(envelope.error.params).toEqual({ channel: 'files:reveal', field: '' })
  })

  it('says in the English catalogue exactly what main says, so the CLI and the window agree', async () => {
    const catalogue = await englishCatalogue()
    const registry = new FileHandleRegistry()
    const opened = registry.issue('/data/leads.xlsx', 'open')
    const refused = (() => {
      try {
        registry.resolve(opened.handle, 'write')
      } catch (error) {
        return error
      }
      throw new Error('expected a refusal')
    })()
    const file = '/d/ringtrue.db'
    const errors = [
      refused,
      new StoreError('store_locked', storeMessages.locked(file), { file, seconds: 5 }),
      new StoreError('store_corrupt', storeMessages.damaged(file, 'malformed'), {
        file,
        detail: 'malformed'
      }),
      new StoreError('store_readonly', storeMessages.readonly(file, 'read-only disk'), {
        file,
        detail: 'read-only disk'
      }),
      new StoreError('store_unreadable', storeMessages.unreadable(file, 'EACCES'), {
        file,
        detail: 'EACCES'
      }),
      new StoreError('store_empty', storeMessages.empty(file), { file }),
      new StoreError('store_outdated', storeMessages.outdated(file), { file, folder: '/d' }),
      new StoreError('store_newer', storeMessages.newer(file, 12), { file, version: 12 }),
      new StoreError('store_tampered', storeMessages.tampered(file, 3), { file, version: 3 }),
      new ServiceError('file_exists', 'out.csv already exists.', { name: 'out.csv' }),
      new ServiceError('row_not_found', 'Row 12 is not part of this job.', { row: 12 }),
      new ServiceError('job_running', 'Pause the job before re-checking rows.', { variant: 'recheck' }),
      new ServiceError('worker_failed', 'A background task stopped unexpectedly (exit 3).', {
        variant: 'exit',
        exitCode: 3
      }),
      new ServiceError('job_not_finished', '"Leads" has not finished (paused); export it once it is done.', {
        name: 'Leads',
        status: 'paused'
      }),
      importError('empty_file', '/data/leads.csv'),
      importError('encrypted', '/data/leads.xlsx'),
      importError('too_many_rows', '/data/big.csv', { rows: 1_048_576 }),
      importError('too_many_columns', '/data/wide.xlsx', { columns: 20_000, maxColumns: 16_384 }),
      importError('too_many_columns', '/data/wide.xlsx'),
      importError('no_data', '/data/a.xlsx', { sheet: 'Sheet 2' }),
      importError('no_data', '/data/a.xlsx'),
      importError('corrupt', '/data/a.xlsx', { reason: 'the zip directory holds impossible sizes' }),
      importError('corrupt', '/data/a.xlsx'),
      importError('unsupported_format', '/data/a.docx', { reason: 'it is a Word document' }),
      importError('too_large', '/data/a.xlsx', { size: '212 MB', limit: '200 MB' }),
      importError('zip_bomb', '/data/a.xlsx'),
      importError('sheet_not_found', '/data/a.xlsx', { sheet: 'Leads' }),
      importError('timeout', '/data/a.xlsx', { seconds: 120 }),
      importError('cancelled', '/data/a.xlsx'),
      importError('not_found', '/data/a.xlsx'),
      new KeychainUnavailableError('no_secret_service', 'No keychain answers.', 'Install one.', 'x'),
      new StoreError(
        'store_full',
        'The disk holding /d/ringtrue.db is full. Free some space, then try again.',
        {
          file: '/d/ringtrue.db'
        }
      )
    ]
    for (const error of errors) {
      const envelope = await envelopeOf(error)
      if (envelope.ok) throw new Error('expected an error')
      const { code, message, params } = envelope.error
      const text = new IntlMessageFormat(catalogue[code], 'en').format({ variant: 'other', ...params })
      expect(text, code).toBe(message)
    }
  })
})
