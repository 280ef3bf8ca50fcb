import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importGraph } from './import-graph'

// One repository writes the `jobs` table (issue 10): store/jobs-repo.ts holds every statement that inserts,
// updates or deletes its rows, and outside store/ only the job runner and the service that creates and deletes
// jobs import it. The migrations rewrite the table as a whole and are left out.
const ROOT = resolve(__dirname, '../../..')
const JOBS_REPO = 'src-main/core/store/jobs-repo.ts'
const MIGRATIONS = 'src-main/core/store/migrations.ts'
const WRITER_IMPORTERS = ['src-main/core/jobs/job-runner.ts', 'src-main/core/jobs/job-service.ts']

/** SQL that writes rows of the jobs table (not job_rows: the table name must end there). */
const JOBS_WRITE =
  /\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+["`]?jobs\b(?!_)/i

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

describe('the jobs table has one writer', () => {
  it('recognizes SQL that writes jobs, and not SQL that writes job_rows', () => {
    expect(JOBS_WRITE.test("db.prepare('UPDATE jobs SET phase = ? WHERE id = ?')")).toBe(true)
    expect(JOBS_WRITE.test('insert or replace into jobs (id) values (?)')).toBe(true)
    expect(JOBS_WRITE.test('`DELETE FROM jobs WHERE id = ?`')).toBe(true)
    expect(JOBS_WRITE.test('INSERT INTO job_rows (job) VALUES (?)')).toBe(false)
    expect(JOBS_WRITE.test('DELETE FROM jobs_old')).toBe(false)
    expect(JOBS_WRITE.test('SELECT id FROM jobs WHERE id = ?')).toBe(false)
  })

  it('runs INSERT, UPDATE and DELETE on jobs only in store/jobs-repo.ts (migrations aside)', () => {
    const files = sourceFiles('src-main')
    const writers = files.filter(
      (file) => file !== MIGRATIONS && JOBS_WRITE.test(readFileSync(join(ROOT, file), 'utf8'))
    )
    expect(writers).toEqual([JOBS_REPO])
  })

  it('is imported outside store/ only by the job runner and the job service', () => {
    const importers = [...importGraph('src-main')]
      .filter(
        ([file, edges]) =>
          edges.some((edge) => edge.target === JOBS_REPO) && !file.startsWith('src-main/core/store/')
      )
      .map(([file]) => file)
      .sort()
    expect(importers).toEqual(WRITER_IMPORTERS)
  })
})
