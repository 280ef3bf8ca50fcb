import { describe, expect, it } from 'vitest'
import { importCycles, importGraph } from './import-graph'

describe('the import graph of src-main/core', () => {
  const graph = importGraph('src-main/core')

  it('finds the files and follows path aliases', () => {
    const edges = graph.get('src-main/core/jobs/worker-runner.ts') ?? []
    expect(edges.map((edge) => edge.target)).toContain('src-main/core/jobs/service-error.ts')
  })

  it('has no import cycle (type-only imports count)', () => {
    const cycles = importCycles(graph).map((cycle) => cycle.join(' -> '))
    expect(cycles).toEqual([])
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
