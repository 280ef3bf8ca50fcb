import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'url'
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.native/**',
      'coverage/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        module: 'writable'
      }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // Core and the API layer run under plain Node (tests, CLI): Electron stays in app/.
    files: ['src-main/core/**/*.ts', 'src-main/api/**/*.ts', 'src-main/cli.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Keep Electron in src-main/app.' }] }
      ]
    }
  },
  {
    // The renderer is a plain web page: no Node, no Electron, no native modules; it talks only through window.api.
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'keytar', 'xlsx', ...nodeBuiltins].map((name) => ({
            name,
            message: 'The renderer has no Node or Electron; use window.api through src/lib/api.ts.'
          })),
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node.' },
            { group: ['**/src-main/**'], message: 'Import the contract, not main code.' }
          ]
        }
      ]
    }
  },
  {
    // shell.openExternal only through app/security.ts, which allows the documentation sites alone.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/security.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'Use openExternalSafely from app/security.ts.'
        }
      ]
    }
  }
)
