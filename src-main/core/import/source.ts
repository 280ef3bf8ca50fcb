import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { SourceFormat } from '../domain'
import { type Dialect, sniffDialect } from './delimited'
import { formatBytes, ImportError, importError } from './errors'
import type { ImportLimits } from './limits'
import { readHead, sniffContainer } from './sniff'
import { confirmUtf8, decode, type TextEncodingName } from './text-decode'
import { loadWorkbook, type LoadedWorkbook, type ParseHooks } from './workbook'

export type OpenedSource =
  | { kind: 'workbook'; format: SourceFormat; workbook: LoadedWorkbook; size: number }
  | { kind: 'delimited'; format: SourceFormat; encoding: TextEncodingName; dialect: Dialect; size: number }
  | { kind: 'vcard'; format: 'vcf'; encoding: TextEncodingName; size: number }

function fsError(filePath: string, e: unknown): ImportError {
  const code = (e as { code?: string }).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return importError('not_found', filePath)
  if (code === 'EACCES' || code === 'EPERM') {
    return new ImportError('not_found', `${basename(filePath)} cannot be opened: permission denied.`)
  }
  if (code === 'EISDIR') return importError('unsupported_format', filePath, { reason: 'it is a folder' })
  return importError('corrupt', filePath, { reason: (e as Error).message ?? String(e) })
}

/** The name a one-table file shows as its only sheet, as Excel does: the file name without extension. */
export function textSheetName(filePath: string): string {
  const base = basename(filePath)
  const ext = extname(base)
  return (ext ? base.slice(0, -ext.length) : base) || base
}

function delimitedFormat(filePath: string, delimiter: string): SourceFormat {
  const ext = extname(filePath).toLowerCase()
  if (ext === '.tsv' || ext === '.tab') return 'tsv'
  if (ext === '.txt') return 'txt'
  if (ext === '.csv') return 'csv'
  return delimiter === '\t' ? 'tsv' : 'csv'
}

function hasUtf8Bom(head: Buffer): boolean {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
}

/** Sniffs the file and, for workbooks, parses it; text formats are only sniffed here and streamed later. */
export async function openSource(
  filePath: string,
  limits: ImportLimits,
  hooks: ParseHooks = {}
): Promise<OpenedSource> {
  let size: number
  try {
    const info = await stat(filePath)
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
    size = info.size
  } catch (e) {
    throw fsError(filePath, e)
  }
  let head
  try {
    head = await readHead(filePath)
  } catch (e) {
    throw fsError(filePath, e)
  }
  const container = sniffContainer(head)
  switch (container.kind) {
    case 'empty':
      throw importError('empty_file', filePath)
    case 'binary':
      throw importError('binary_file', filePath)
    case 'unsupported':
      throw importError('unsupported_format', filePath, { reason: container.reason })
    case 'entity_bomb':
      throw importError('entity_bomb', filePath)
    case 'zip':
    case 'cfb':
    case 'biff':
    case 'markup': {
      const workbook = await loadWorkbook(filePath, container, size, limits, hooks)
      return { kind: 'workbook', format: workbook.format, workbook, size }
    }
    case 'text': {
      if (size > limits.maxTextBytes) {
        throw importError('too_large', filePath, {
          size: formatBytes(size),
          limit: `${formatBytes(limits.maxTextBytes)} for text files`
        })
      }
      let encoding = container.encoding
      if (
        encoding === 'utf-8' &&
        !hasUtf8Bom(head.head) &&
        size > head.head.length &&
        !(await confirmUtf8(filePath))
      ) {
        encoding = 'windows-1252'
      }
      if (container.vcard) return { kind: 'vcard', format: 'vcf', encoding, size }
      const sample = decode(head.head, encoding)
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
      const dialect = sniffDialect(sample, size > head.head.length, extname(filePath).toLowerCase())
      return {
        kind: 'delimited',
        format: delimitedFormat(filePath, dialect.delimiter),
        encoding,
        dialect,
        size
      }
    }
  }
}
