/**
 * A module loaded when first needed. The bundle turns `import()` into the require of a chunk of its own; run from
 * source under tsx's require hook (tests, development), which cannot serve `import()` of a TypeScript file, the
 * source file is required instead.
 */
export function lazyModule<T>(bundled: () => Promise<T>, sourceFile: string): () => Promise<T> {
  const fromSource = __filename.endsWith('.ts')
  return () => {
    if (!fromSource) return bundled()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return Promise.resolve(require(sourceFile) as T)
  }
}
