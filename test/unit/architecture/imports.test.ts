import { describe, expect, it } from 'vitest'
import { importCycles, importGraph } from './import-graph'

// Cycles that predate this test and sit in areas other work owns; each is type-only. The list may only shrink:
// the test fails when one of them is gone, so it gets removed here too.
const KNOWN_CYCLES = [
  // store/: migrations need the Db type, database runs the migrations.
  'src-main/core/store/database.ts -> src-main/core/store/migrations.ts -> src-main/core/store/database.ts',
  'src-main/core/store/database.ts -> src-main/core/store/migrations.ts -> src-main/core/store/source-blocks.ts -> src-main/core/store/database.ts',
  // phone/: check names the memo's TextCheck type, the memo calls check.
  'src-main/core/phone/check.ts -> src-main/core/phone/memo.ts -> src-main/core/phone/check.ts'
]

describe('the import graph of src-main/core', () => {
  const graph = importGraph('src-main/core')

  it('finds the files and follows path aliases', () => {
    const edges = graph.get('src-main/core/jobs/worker-runner.ts') ?? []
    expect(edges.map((edge) => edge.target)).toContain('src-main/core/jobs/service-error.ts')
  })

  it('has no import cycle (type-only imports count)', () => {
    const cycles = importCycles(graph).map((cycle) => cycle.join(' -> '))
    expect(cycles.filter((cycle) => !KNOWN_CYCLES.includes(cycle))).toEqual([])
    expect(KNOWN_CYCLES.filter((cycle) => !cycles.includes(cycle))).toEqual([])
  })

  it('never imports the preload contract: the contract re-exports the core, not the other way', () => {
    const contractImports = [...graph].flatMap(([file, edges]) =>
      edges
        .filter(
          ({ specifier, target }) => specifier.startsWith('@contract') || target?.startsWith('src-preload/')
        )
        .map(({ specifier }) => `${file} imports ${specifier}`)
    )
    expect(contractImports).toEqual([])
  })

  it('keeps the domain vocabulary free of Node and of the rest of the core', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('src-main/core/domain/'))
      .flatMap(([file, edges]) =>
        edges
          .filter(({ specifier, target }) =>
            target ? !target.startsWith('src-main/core/domain/') : specifier !== 'zod'
          )
          .map(({ specifier }) => `${file} imports ${specifier}`)
      )
    expect(outside).toEqual([])
  })
})
