import type { DelimitedChunk } from './delimited'
import type { OpenedSource } from './source'
import type { VCard } from './vcard'

/**
 * What a preview leaves behind so the import of the same, unchanged file need not read it again: the opened
 * source (a parsed workbook; a text file's encoding and dialect), plus whatever of a text file the preview
 * already parsed. Lives only inside the import worker, for one file at a time.
 */
export interface KeptRead {
  source: OpenedSource
  /** Delimited text: the chunks the preview read, exactly as a full read yields them... */
  chunks?: DelimitedChunk[]
  /** ...and, when the preview stopped at its window, the paused stream that yields the rest of the file. */
  rest?: AsyncGenerator<DelimitedChunk>
  /** vCards: the phone labels used anywhere in the file and the card count; every card when the file is small. */
  vcard?: { labels: string[]; count: number; cards: VCard[] | null }
}

/** A vCard file up to this size keeps its parsed cards between preview and import (they cost a few times that). */
export const KEEP_VCARD_BYTES = 16 * 1024 * 1024
