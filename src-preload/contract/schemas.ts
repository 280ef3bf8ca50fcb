import { z } from 'zod'
import { EXPORT_FORMATS, EXPORT_MODES, LINE_TYPES, STATUSES } from './types'
import { Channels, type InvokeChannel } from './channels'

// Every payload that reaches main is parsed with these: the renderer is treated as untrusted input.
const filePath = z.string().min(1).max(4096)
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a job id')
const region = z.string().regex(/^[A-Z]{2}$/, 'a region is two capital letters, e.g. US')
const columnIndex = z.number().int().min(0).max(16_383)
const rowNumber = z.number().int().min(0).max(10_000_000)

export const resultFilterSchema = z
  .object({
    statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
    reasons: z.array(z.string().max(64)).max(100).optional(),
    lineTypes: z.array(z.enum(LINE_TYPES)).max(LINE_TYPES.length).optional(),
    countries: z.array(z.string().max(8)).max(300).optional(),
    search: z.string().max(200).optional()
  })
  .strict()

export const previewRequestSchema = z
  .object({ filePath, sheet: z.string().max(255).optional(), headerRow: rowNumber.nullable().optional() })
  .strict()

export const importMappingSchema = z
  .object({
    sheet: z.string().max(255),
    headerRow: rowNumber.nullable(),
    phoneColumns: z.array(columnIndex).min(1, 'choose at least one phone column').max(64),
    countryColumn: columnIndex.nullable(),
    defaultRegion: region
  })
  .strict()

export const createJobSchema = z
  .object({ filePath, mapping: importMappingSchema, name: z.string().max(200).optional() })
  .strict()

export const resultQuerySchema = z
  .object({
    jobId,
    filter: resultFilterSchema,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000)
  })
  .strict()

export const exportRequestSchema = z
  .object({
    jobId,
    mode: z.enum(EXPORT_MODES),
    format: z.enum(EXPORT_FORMATS),
    keepUnknown: z.boolean(),
    outPath: filePath,
    overwrite: z.boolean()
  })
  .strict()

export const payloadSchemas = {
  [Channels.appInfo]: z.undefined(),
  [Channels.pickSpreadsheet]: z.undefined(),
  [Channels.pickSavePath]: z
    .object({ defaultName: z.string().min(1).max(255), format: z.enum(EXPORT_FORMATS) })
    .strict(),
  [Channels.reveal]: filePath,
  [Channels.preview]: previewRequestSchema,
  [Channels.createJob]: createJobSchema,
  [Channels.listJobs]: z.undefined(),
  [Channels.getJob]: jobId,
  [Channels.cancelJob]: jobId,
  [Channels.removeJob]: jobId,
  [Channels.queryResults]: resultQuerySchema,
  [Channels.facets]: z.object({ jobId, filter: resultFilterSchema }).strict(),
  [Channels.rowDetail]: z.object({ jobId, rowIndex: rowNumber }).strict(),
  [Channels.runExport]: exportRequestSchema
} satisfies Record<InvokeChannel, z.ZodType>

export type PayloadOf<C extends InvokeChannel> = z.infer<(typeof payloadSchemas)[C]>
