import { z } from 'zod'
import {
  CHANGES,
  CHECKED_AGES,
  CONFIGURABLE_PROVIDER_IDS,
  EXPORT_FORMATS,
  EXPORT_MODES,
  FACET_FIELDS,
  KEY_FIELDS,
  LINE_TYPES,
  MAX_PHONE_COLUMNS,
  RESULT_SORT_FIELDS,
  STATUSES
} from './types'
import { Channels, type InvokeChannel } from './channels'
import { settingsPatchSchema } from '../../src-main/core/domain/settings-schema'
import { preferencesSchema, UI_LANGUAGES } from '../../src-main/core/domain/preferences'

export {
  SETTING_LIMITS,
  baseUrlSchema,
  settingsPatchSchema
} from '../../src-main/core/domain/settings-schema'

// Every payload that reaches main is parsed with these: the renderer is treated as untrusted input.
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), 'not an absolute path')
/** The renderer names files only by handles main issued; a path string is refused here. */
export const FILE_HANDLE_PATTERN = /^fh_[0-9a-f]{32}$/
const fileHandle = z
  .string()
  .regex(FILE_HANDLE_PATTERN, 'not a file handle: choose the file in the app (paths are not accepted)')
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a job id')
const region = z.string().regex(/^[A-Z]{2}$/, 'a region is two capital letters, e.g. US')
/** Chosen by the window (crypto.randomUUID) so it can follow and cancel its own export only. */
const exportId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not an export id')
const uiLanguage = z.enum(UI_LANGUAGES)
const columnIndex = z.number().int().min(0).max(16_383)
const rowNumber = z.number().int().min(0).max(10_000_000)

export const resultFilterSchema = z
  .object({
    statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
    reasons: z.array(z.string().max(64)).max(100).optional(),
    lineTypes: z.array(z.enum(LINE_TYPES)).max(LINE_TYPES.length).optional(),
    countries: z.array(z.string().max(8)).max(300).optional(),
    carriers: z.array(z.string().max(200)).max(300).optional(),
    providers: z.array(z.string().max(64)).max(50).optional(),
    checkedAges: z.array(z.enum(CHECKED_AGES)).max(CHECKED_AGES.length).optional(),
    exclude: z.array(z.enum(FACET_FIELDS)).max(FACET_FIELDS.length).optional(),
    search: z.string().max(200).optional()
  })
  .strict()

export const resultSortSchema = z
  .object({
    by: z.union([z.enum(RESULT_SORT_FIELDS), columnIndex]),
    descending: z.boolean().optional()
  })
  .strict()

export const previewRequestSchema = z
  .object({
    file: fileHandle,
    sheet: z.string().max(255).optional(),
    headerRow: rowNumber.nullable().optional()
  })
  .strict()

export const importMappingSchema = z
  .object({
    sheet: z.string().max(255),
    headerRow: rowNumber.nullable(),
    phoneColumns: z.array(columnIndex).min(1, 'choose at least one phone column').max(MAX_PHONE_COLUMNS),
    countryColumn: columnIndex.nullable(),
    defaultRegion: region
  })
  .strict()

const providerId = z.enum(CONFIGURABLE_PROVIDER_IDS)
const money = z.number().min(0).max(10_000_000)
const days = z.number().min(0).max(3650)

export const livePlanSchema = z
  .object({
    route: z
      .array(
        z.object({ provider: providerId, countries: z.array(region).min(1).max(300).nullable() }).strict()
      )
      .min(1, 'choose at least one provider')
      .max(10),
    fallback: providerId.nullable(),
    spendCap: money.nullable(),
    lineTypes: z.array(z.enum(LINE_TYPES)).min(1, 'choose at least one line type').max(LINE_TYPES.length),
    freshnessDays: z.object({ active: days, inactive: days, invalid: days, unknown: days }).strict()
  })
  .strict()

export const createJobSchema = z
  .object({
    file: fileHandle,
    mapping: importMappingSchema,
    name: z.string().max(200).optional(),
    live: livePlanSchema.optional()
  })
  .strict()

export const startLiveSchema = z
  .object({
    jobId,
    spendCap: money.nullable().optional(),
    recheckUncertain: z.boolean().optional(),
    sampleSize: z.number().int().min(1).max(100_000).optional()
  })
  .strict()

export const resultQuerySchema = z
  .object({
    jobId,
    filter: resultFilterSchema,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000),
    sort: resultSortSchema.optional()
  })
  .strict()

export const exportRequestSchema = z
  .object({
    jobId,
    mode: z.enum(EXPORT_MODES),
    format: z.enum(EXPORT_FORMATS),
    keepUnknown: z.boolean(),
    target: fileHandle,
    overwrite: z.boolean(),
    view: z.object({ filter: resultFilterSchema, sort: resultSortSchema.optional() }).strict().optional(),
    dedupe: z.boolean().optional(),
    labelsLanguage: uiLanguage.optional(),
    fileLanguage: uiLanguage.optional(),
    exportId: exportId.optional()
  })
  .strict()

// A key is one line of at most 4096 characters; the message never repeats what was sent.
const secret = z
  .string()
  .min(1, 'the key is empty')
  .max(4096, 'the key is longer than 4096 characters')
  .refine((value) => !/[\r\n]/.test(value), 'the key contains a line break; enter it on one line')

export const payloadSchemas = {
  [Channels.appInfo]: z.undefined(),
  [Channels.setPreferences]: preferencesSchema.partial().strict(),
  [Channels.pickSpreadsheet]: z.undefined(),
  [Channels.pickSavePath]: z
    .object({ defaultName: z.string().min(1).max(255), format: z.enum([...EXPORT_FORMATS, 'png']) })
    .strict(),
  [Channels.reveal]: fileHandle,
  // A chart's PNG: at most 16 MB, base64 only (main checks it is a PNG before writing it).
  [Channels.writeImage]: z
    .object({
      target: fileHandle,
      png: z
        .string()
        .min(1)
        .max(22_000_000)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64 data')
    })
    .strict(),
  [Channels.registerDrop]: absolutePath,
  [Channels.preview]: previewRequestSchema,
  [Channels.countrySplit]: z.object({ file: fileHandle, mapping: importMappingSchema }).strict(),
  [Channels.createJob]: createJobSchema,
  [Channels.listJobs]: z.undefined(),
  [Channels.getJob]: jobId,
  [Channels.cancelJob]: jobId,
  [Channels.removeJob]: jobId,
  [Channels.preflight]: jobId,
  [Channels.startLive]: startLiveSchema,
  [Channels.pauseJob]: jobId,
  [Channels.recheck]: z
    .object({ jobId, statuses: z.array(z.enum(STATUSES)).min(1).max(STATUSES.length) })
    .strict(),
  [Channels.uncertain]: jobId,
  [Channels.resolveAmbiguous]: z.object({ jobId, country: region }).strict(),
  [Channels.ambiguousChoices]: jobId,
  [Channels.queryResults]: resultQuerySchema,
  [Channels.facets]: z.object({ jobId, filter: resultFilterSchema }).strict(),
  [Channels.spend]: jobId,
  [Channels.compare]: z.object({ olderId: jobId, newerId: jobId }).strict(),
  [Channels.compareRows]: z
    .object({
      olderId: jobId,
      newerId: jobId,
      changes: z.array(z.enum(CHANGES)).max(CHANGES.length).optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000)
    })
    .strict(),
  [Channels.exportComparison]: z
    .object({
      olderId: jobId,
      newerId: jobId,
      changes: z.array(z.enum(CHANGES)).max(CHANGES.length).optional(),
      format: z.enum(EXPORT_FORMATS),
      target: fileHandle,
      overwrite: z.boolean(),
      labelsLanguage: uiLanguage.optional(),
      fileLanguage: uiLanguage.optional()
    })
    .strict(),
  [Channels.rowDetail]: z.object({ jobId, rowIndex: rowNumber }).strict(),
  [Channels.runExport]: exportRequestSchema,
  [Channels.cancelExport]: exportId,
  [Channels.listProviders]: z.undefined(),
  [Channels.saveProviderSettings]: z.object({ id: providerId, patch: settingsPatchSchema }).strict(),
  [Channels.setProviderKey]: z.object({ id: providerId, field: z.enum(KEY_FIELDS), secret }).strict(),
  [Channels.deleteProviderKey]: z.object({ id: providerId, field: z.enum(KEY_FIELDS) }).strict(),
  [Channels.testProvider]: providerId
} satisfies Record<InvokeChannel, z.ZodType>

export type PayloadOf<C extends InvokeChannel> = z.infer<(typeof payloadSchemas)[C]>
