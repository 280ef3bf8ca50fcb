// The desktop app at start-up (issue 8, "Data safety"): a store that cannot be opened gets a native error
// dialog naming the database and the next step (the CLI's wording, built in the core), not a crash or a bare
// SQLite string; the database is left as it was.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openServicesOrExplain, STORE_DIALOG_TITLE } from '../../../src-main/app/store-dialog'
import { databasePath } from '../../../src-main/core/paths'
import { createServices } from '../../../src-main/core/services'
import { MemorySecretStore } from '../../fakes/memory-secret-store'
import { sourceWorkers } from '../../helpers/services'

describe('opening the store when the app starts', () => {
  let dir: string
  let dataDir: string
  let file: string
  const shown: { title: string; content: string }[] = []
  const dialog = { showErrorBox: (title: string, content: string) => void shown.push({ title, content }) }
  const open = (): ReturnType<typeof createServices> =>
    createServices({ dataDir, ...sourceWorkers(), secrets: new MemorySecretStore(), env: {} })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringtrue-app-store-'))
    dataDir = join(dir, 'Ringtrue')
    file = databasePath(dataDir)
    shown.length = 0
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    {
      name: 'a damaged database',
      write: () => writeFileSync(file, Buffer.alloc(8192, 'garbage ')),
      message:
        /^The database at .* is damaged \(it is not a SQLite database\); Ringtrue left it untouched\. Move it aside to start fresh, or restore a backup\.$/
    },
    {
      name: 'a 0-byte database',
      write: () => writeFileSync(file, ''),
      message:
        /^The database at .* is empty \(0 bytes\).*Move it aside to start fresh, or restore a backup\.$/
    }
  ])('$name: a native dialog with the path and the next step, nothing opened, file untouched', (c) => {
    mkdirSync(dataDir, { recursive: true })
    c.write()
    const before = createHash('sha256').update(readFileSync(file)).digest('hex')
    expect(openServicesOrExplain(open, file, dialog)).toBeNull()
    expect(shown).toHaveLength(1)
    expect(shown[0].title).toBe(STORE_DIALOG_TITLE)
    expect(shown[0].content).toContain(file)
    expect(shown[0].content).toMatch(c.message)
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before)
    expect(readdirSync(dataDir)).toEqual(['ringtrue.db'])
  })

  it('a failure the store does not foresee still names the database and what to do', () => {
    const result = openServicesOrExplain(
      () => {
        throw new Error('boom')
      },
      file,
      dialog
    )
    expect(result).toBeNull()
    expect(shown[0].content).toBe(
      `Ringtrue could not open its database at ${file} (boom). Ringtrue left it untouched; if this persists, move it aside to start fresh, or restore a backup.`
    )
  })

  it('a sound store opens without a dialog', () => {
    const services = openServicesOrExplain(open, file, dialog)
    expect(services).not.toBeNull()
    expect(shown).toEqual([])
    services?.close()
  })
})
