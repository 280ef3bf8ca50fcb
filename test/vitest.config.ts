import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const root = resolve(__dirname, '..')

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@contract': resolve(root, 'src-preload/contract'),
      '@core': resolve(root, 'src-main/core'),
      '@renderer': resolve(root, 'src-renderer/src')
    }
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // contrast.test.ts reads the stylesheet as text (app.css?raw); other CSS stays stubbed.
    css: { include: [/app\.css/] },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' }
  }
})
