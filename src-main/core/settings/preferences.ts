import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_PREFERENCES, preferencesSchema, type Preferences } from '../domain/preferences'

const FILE_NAME = 'preferences.json'

/**
 * The app's look-and-language choices, kept as a small JSON file in the data folder (not in the job store, so a
 * damaged or busy database never costs the user their language). A missing or unreadable file reads as the
 * defaults; each field is checked on its own, so one bad value does not reset the other.
 */
export class PreferencesStore {
  constructor(private readonly dataDir: string) {}

  get file(): string {
    return join(this.dataDir, FILE_NAME)
  }

  read(): Preferences {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'))
    } catch {
      return { ...DEFAULT_PREFERENCES }
    }
    const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
    const language = preferencesSchema.shape.language.safeParse(stored.language)
    const theme = preferencesSchema.shape.theme.safeParse(stored.theme)
    return {
      language: language.success ? language.data : DEFAULT_PREFERENCES.language,
      theme: theme.success ? theme.data : DEFAULT_PREFERENCES.theme
    }
  }

  /** Merges `patch` into the stored choices and writes them whole (temp file + rename). */
  save(patch: Partial<Preferences>): Preferences {
    const next = preferencesSchema.parse({ ...this.read(), ...patch })
    mkdirSync(this.dataDir, { recursive: true })
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`)
    renameSync(temp, this.file)
    return next
  }
}
