import { stat, writeFile } from 'node:fs/promises'
import type { ExportOutcome, JobView, PickedFile } from '@contract/api'
import { Channels, type InvokeChannel } from '@contract/channels'
import type { PayloadOf } from '@contract/schemas'
import type { AppInfo, NumberDetail, Preferences, RowDetail } from '@contract/types'
import { defaultRegionFromLocale, displayFormats, listRegions } from '../core/phone'
import type { Services } from '../core/services'
import { ServiceError } from '../core/jobs/service-error'
import { databasePath } from '../core/paths'
import { storeErrorFrom } from '../core/store/database'
import { FileHandleRegistry } from './file-handles'
import type { Platform } from './platform'

/** The eight bytes every PNG file starts with. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export type HandlerTable = { [C in InvokeChannel]: (payload: PayloadOf<C>) => Promise<unknown> }

export interface HandlerContext {
  services: Services
  platform: Platform
  version: string
  locale: string | undefined
  /** The registry of file handles; one per process (tests may pass their own to look inside). */
  files?: FileHandleRegistry
  /** Told when the user changes language or theme (the app re-themes native parts and rebuilds its menu). */
  onPreferences?: (preferences: Preferences) => void
}

/** The implementation of the Api contract on the core services; transport-agnostic (IPC or the test WebSocket). */
export function createHandlers({
  services,
  platform,
  version,
  locale,
  files = new FileHandleRegistry(),
  onPreferences
}: HandlerContext): HandlerTable {
  const { jobs, store, exports, providers } = services
  const regions = listRegions()
  const picked = (path: string | null, kind: 'open' | 'save'): PickedFile | null =>
    path ? files.issue(path, kind) : null
  const table: HandlerTable = {
    [Channels.appInfo]: async (): Promise<AppInfo> => ({
      version,
      dataDir: services.dataDir,
      defaultRegion: defaultRegionFromLocale(locale),
      regions,
      osLocale: locale ?? 'en-US',
      preferences: services.preferences.read()
    }),
    [Channels.setPreferences]: async (patch) => {
      const preferences = services.preferences.save(patch)
      onPreferences?.(preferences)
      return preferences
    },
    // Paths come only from the user (native dialogs, drops) and leave main only as handles; every file channel
    // below resolves a handle in `files`, for the one use its kind allows.
    [Channels.pickSpreadsheet]: async () => picked(await platform.pickSpreadsheet(), 'open'),
    [Channels.pickSavePath]: async (request) => picked(await platform.pickSavePath(request), 'save'),
    [Channels.reveal]: (file) => platform.reveal(files.resolve(file, 'reveal')),
    [Channels.writeImage]: async ({ target, png }) => {
      const path = files.resolve(target, 'write')
      const bytes = Buffer.from(png, 'base64')
      if (!bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
        throw new ServiceError(
          'not_an_image',
          'The chart could not be saved: the picture is not a PNG image.'
        )
      }
      await writeFile(path, bytes)
      files.revoke(target)
      return files.issue(path, 'written')
    },
    [Channels.registerDrop]: async (path) => {
      const info = await stat(path).catch(() => null)
      if (!info?.isFile()) {
        throw new ServiceError('not_a_file', 'The dropped item is not a file Ringtrue can open.', {
          variant: 'dropped'
        })
      }
      return files.issue(path, 'open')
    },
    [Channels.preview]: ({ file, ...options }) =>
      jobs.preview({ ...options, filePath: files.resolve(file, 'read') }),
    [Channels.countrySplit]: ({ file, mapping }) =>
      jobs.countrySplit({ mapping, filePath: files.resolve(file, 'read') }),
    [Channels.createJob]: ({ file, ...request }) =>
      jobs.create({ ...request, filePath: files.resolve(file, 'read') }),
    [Channels.listJobs]: async () => jobs.list(),
    [Channels.getJob]: async (jobId): Promise<JobView> => {
      const job = jobs.get(jobId)
      return { ...job, sourceFile: files.issue(job.filePath, 'source').handle }
    },
    [Channels.cancelJob]: (jobId) => jobs.cancel(jobId),
    [Channels.removeJob]: (jobId) => jobs.remove(jobId),
    [Channels.preflight]: (jobId) => jobs.preflight(jobId),
    [Channels.startLive]: (request) => jobs.startLive(request),
    [Channels.pauseJob]: async (jobId) => jobs.pause(jobId),
    [Channels.recheck]: async ({ jobId, statuses }) => ({ queued: jobs.recheck(jobId, statuses) }),
    [Channels.uncertain]: async (jobId) => jobs.uncertain(jobId),
    [Channels.resolveAmbiguous]: async ({ jobId, country }) => ({
      resolved: jobs.resolveAmbiguous(jobId, country)
    }),
    [Channels.ambiguousChoices]: async (jobId) => jobs.ambiguousChoices(jobId),
    [Channels.queryResults]: async ({ jobId, filter, offset, limit, sort }) => {
      jobs.assertExists(jobId)
      const page = store.results.queryResults(jobId, filter, offset, limit, sort)
      return { total: page.total, offset, rows: page.rows }
    },
    [Channels.compare]: async ({ olderId, newerId }) => {
      jobs.assertExists(olderId)
      jobs.assertExists(newerId)
      return store.compare.compare(olderId, newerId)
    },
    [Channels.compareRows]: async ({ olderId, newerId, changes, offset, limit }) => {
      jobs.assertExists(olderId)
      jobs.assertExists(newerId)
      return store.compare.compareRows(olderId, newerId, changes, offset, limit)
    },
    [Channels.exportComparison]: async ({ target, ...request }): Promise<ExportOutcome> => {
      const result = await exports.runComparison({ ...request, outPath: files.resolve(target, 'write') })
      files.revoke(target)
      return { ...result, written: result.files.map((path) => files.issue(path, 'written')) }
    },
    [Channels.spend]: async (jobId) => {
      jobs.assertExists(jobId)
      return store.results.spendByProvider(jobId)
    },
    [Channels.facets]: async ({ jobId, filter }) => {
      jobs.assertExists(jobId)
      return store.results.facets(jobId, filter)
    },
    [Channels.rowDetail]: async ({ jobId, rowIndex }): Promise<RowDetail> => {
      const job = jobs.get(jobId)
      const row = store.results.resultRow(jobId, rowIndex)
      if (!row)
        throw new ServiceError('row_not_found', `Row ${rowIndex + 1} is not part of this job.`, {
          row: rowIndex + 1
        })
      const numbers: NumberDetail[] = store.results.rowNumbers(jobId, rowIndex).map((n) => {
        // Formats are worked out from the E.164 when shown; the check no longer stores them.
        const formats = n.e164 ? displayFormats(n.e164) : null
        const nationalFormat = formats?.national ?? n.national_format
        const internationalFormat = formats?.international ?? n.international_format
        return {
          raw: n.cell_raw,
          column: n.column_index,
          e164: n.e164,
          status: n.status,
          reason: n.reason,
          lineType: n.line_type,
          country: n.country,
          nationalFormat,
          internationalFormat,
          extension: n.extension,
          note: n.note,
          // The offline verdict lives on the number itself (free and deterministic, so never cached as a check);
          // once a paid answer replaced it, offline_status keeps what the offline check said.
          checks: [
            ...(n.e164 ? store.results.checksFor(jobId, n.e164) : []),
            {
              provider: 'offline',
              state: n.offline_status ?? n.status,
              reason: n.offline_status ? n.offline_reason : n.reason,
              checkedAt: job.createdAt,
              cost: 0,
              raw: {
                lineType: n.line_type,
                country: n.country,
                nationalFormat,
                internationalFormat
              }
            }
          ]
        }
      })
      return { ...row, headers: job.headers, numbers }
    },
    [Channels.runExport]: async ({ target, ...request }): Promise<ExportOutcome> => {
      const result = await exports.run({ ...request, outPath: files.resolve(target, 'write') })
      // A save handle is spent once written: writing there again needs the save dialog again.
      files.revoke(target)
      return { ...result, written: result.files.map((path) => files.issue(path, 'written')) }
    },
    [Channels.cancelExport]: async (exportId) => exports.cancel(exportId),
    // Every change answers with the fresh overview, so the screen never shows a state main did not confirm.
    [Channels.listProviders]: () => providers.list(),
    [Channels.saveProviderSettings]: async ({ id, patch }) => {
      providers.saveSettings(id, patch)
      return providers.list()
    },
    [Channels.setProviderKey]: async ({ id, field, secret }) => {
      await providers.setKey(id, field, secret)
      return providers.list()
    },
    [Channels.deleteProviderKey]: async ({ id, field }) => {
      await providers.deleteKey(id, field)
      return providers.list()
    },
    [Channels.testProvider]: (id) => providers.testConnection(id)
  }
  return withStoreErrors(table, databasePath(services.dataDir))
}

/**
 * A SQLite failure (busy, read-only, damaged, full) reaches the renderer as the store's own message with the
 * folder and the next step, not as "database is locked".
 */
function withStoreErrors(table: HandlerTable, databaseFile: string): HandlerTable {
  const wrapped: Record<string, (payload: never) => Promise<unknown>> = {}
  for (const [channel, handler] of Object.entries(table) as [string, (p: never) => Promise<unknown>][]) {
    wrapped[channel] = async (payload) => {
      try {
        return await handler(payload)
      } catch (error) {
        throw storeErrorFrom(error, databaseFile) ?? error
      }
    }
  }
  return wrapped as HandlerTable
}
