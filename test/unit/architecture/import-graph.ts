// Walks the static imports of the TypeScript files under a folder, type-only imports included (a type import
// still ties two files together for whoever reads or moves them). Module names are resolved with the
// project's own tsconfig, so path aliases (@contract, @core) count like relative imports.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(__dirname, '../../..')

function compilerOptions(): ts.CompilerOptions {
  const file = join(ROOT, 'tsconfig.node.json')
  const config = ts.readConfigFile(file, ts.sys.readFile)
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, file).options
}

function tsFiles(folder: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) out.push(...tsFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

export interface ImportEdge {
  /** The module name as written in the import. */
  specifier: string
  /** Repo-relative path of the file it resolves to; null for packages and node built-ins. */
  target: string | null
}

/** Repo-relative file path -> the imports it makes (static, dynamic and re-exports). */
export function importGraph(folder: string): Map<string, ImportEdge[]> {
  const options = compilerOptions()
  const graph = new Map<string, ImportEdge[]>()
  for (const file of tsFiles(join(ROOT, folder))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const edges = info.importedFiles.map(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule
      const inProject = resolved && !resolved.isExternalLibraryImport
      return { specifier: fileName, target: inProject ? relative(ROOT, resolved.resolvedFileName) : null }
    })
    graph.set(relative(ROOT, file), edges)
  }
  return graph
}

/** Every import cycle among the files of the graph, each as its path of files, first file repeated at the end. */
export function importCycles(graph: Map<string, ImportEdge[]>): string[][] {
  const cycles: string[][] = []
  const seen = new Set<string>()
  const done = new Set<string>()
  const stack: string[] = []
  const visit = (file: string): void => {
    seen.add(file)
    stack.push(file)
    for (const { target } of graph.get(file) ?? []) {
      if (!target || !graph.has(target)) continue
      if (!seen.has(target)) visit(target)
      else if (!done.has(target)) cycles.push([...stack.slice(stack.indexOf(target)), target])
    }
    stack.pop()
    done.add(file)
  }
  for (const file of [...graph.keys()].sort()) if (!seen.has(file)) visit(file)
  return cycles
}
