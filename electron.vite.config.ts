import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = {
  '@contract': resolve(__dirname, 'src-preload/contract'),
  '@core': resolve(__dirname, 'src-main/core'),
  '@renderer': resolve(__dirname, 'src-renderer/src')
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The CLI and the import worker ship from the same bundle as the app so they share one build of core.
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          'import-worker': resolve(__dirname, 'src-main/core/import/worker.ts'),
          'jobs-worker': resolve(__dirname, 'src-main/core/jobs/jobs-worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs' }
      }
    }
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The window loads its code from disk at every start: a minified bundle (charts included) parses faster.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } }
    }
  }
})
