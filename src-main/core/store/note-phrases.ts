// Notes of a job's numbers are long sentences that differ mostly in the number they quote ("As a number of China
// it would be +86 131 2200 2123 (mobile); read as United States (the row names a place there)"). Their text
// around the numbers is kept once per job (note_phrases) and a note stores references to it, about a fifth of
// its length. Splitting and joining are lossless: decode(encode(note)) is the note, whatever its text.
// The connection's type straight from the driver: migrations.ts (which database.ts runs) uses this file.
import type { Database as Db, Statement } from 'better-sqlite3'

/** Starts an encoded note (never the first character of a note Ringtrue writes) and separates its parts. */
const MARK = '\u0001'
/** A number as notes quote it: '+' and digits, spaces between. */
const QUOTED_NUMBER = /(\+\d[\d ]*\d)/

export class NotePhrases {
  private readonly s: Record<'all' | 'insert' | 'clear', Statement>
  /** Per job seq: phrase text → id, and id → text. */
  private readonly byJob = new Map<number, { ids: Map<string, number>; texts: string[] }>()

  constructor(db: Db) {
    this.s = {
      all: db.prepare('SELECT id, text FROM note_phrases WHERE job = ? ORDER BY id'),
      insert: db.prepare('INSERT INTO note_phrases (job, id, text) VALUES (?, ?, ?)'),
      clear: db.prepare('DELETE FROM note_phrases WHERE job = ?')
    }
  }

  /** The stored form of `note` for job `seq` (writes new phrases: call inside the row's transaction). */
  encode(seq: number, note: string | null): string | null {
    if (note === null || note.startsWith(MARK)) return note
    const phrases = this.phrasesOf(seq)
    const parts = note.split(QUOTED_NUMBER)
    for (let i = 0; i < parts.length; i += 2) {
      let id = phrases.ids.get(parts[i])
      if (id === undefined) {
        id = phrases.texts.length
        this.s.insert.run(seq, id, parts[i])
        phrases.ids.set(parts[i], id)
        phrases.texts.push(parts[i])
      }
      parts[i] = String(id)
    }
    return MARK + parts.join(MARK)
  }

  /** The note a stored form stands for (a note stored before phrases existed is returned as it is). */
  decode(seq: number, stored: string | null): string | null {
    if (stored === null || !stored.startsWith(MARK)) return stored
    const parts = stored.slice(1).split(MARK)
    let texts = this.phrasesOf(seq).texts
    for (let i = 0; i < parts.length; i += 2) {
      let text = texts[Number(parts[i])]
      // Another connection may have added phrases since they were read.
      if (text === undefined) {
        this.byJob.delete(seq)
        texts = this.phrasesOf(seq).texts
        text = texts[Number(parts[i])] ?? ''
      }
      parts[i] = text
    }
    return parts.join('')
  }

  /** Forgets the job's phrases (its notes are gone). */
  clear(seq: number): void {
    this.s.clear.run(seq)
    this.byJob.delete(seq)
  }

  private phrasesOf(seq: number): { ids: Map<string, number>; texts: string[] } {
    let phrases = this.byJob.get(seq)
    if (!phrases) {
      const texts: string[] = []
      for (const row of this.s.all.all(seq) as { id: number; text: string }[]) texts[row.id] = row.text
      phrases = { ids: new Map(texts.map((t, i) => [t, i])), texts }
      this.byJob.set(seq, phrases)
    }
    return phrases
  }
}
