import type { CellValue, ImportPreview } from '../domain'
import type { EncodedBatch } from '../store/source-blocks'
import type { ImportErrorCode } from './errors'
import type { ErrorParams } from '../jobs/service-error'
import type { ImportLimits } from './limits'
import type { PreviewOptions } from './preview'

export type WorkerRequest =
  | { type: 'preview'; filePath: string; options: Omit<PreviewOptions, 'limits'>; limits: ImportLimits }
  | {
      type: 'read'
      filePath: string
      options: {
        sheet: string
        headerRow: number | null
        batchSize?: number
        sample?: boolean
        /** Send each batch in its stored form ('blocks') instead of its rows. */
        encode?: boolean
      }
      limits: ImportLimits
    }

export type WorkerMessage =
  | { type: 'parse-start'; bytes: number }
  | { type: 'parse-end' }
  | { type: 'file-read' }
  | { type: 'batch'; rows: CellValue[][]; firstRowIndex: number }
  | { type: 'progress'; rowsRead: number; fraction: number | null }
  | { type: 'total'; rows: number; exact: boolean }
  | { type: 'sample'; rows: CellValue[][] }
  | { type: 'blocks'; batch: EncodedBatch }
  | { type: 'preview'; preview: ImportPreview }
  | { type: 'read'; headers: string[]; rowCount: number; blankRows: number }
  | { type: 'error'; code: ImportErrorCode | null; message: string; params?: ErrorParams; stack?: string }

/** `exit`: end the thread between two steps (see stopWorker in worker-client.ts). */
export type ParentMessage = { type: 'run'; request: WorkerRequest } | { type: 'ack' } | { type: 'exit' }
