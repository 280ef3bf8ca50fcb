// Builds (or downloads) a better-sqlite3 binary for Electron's ABI next to the Node one that `npm install`
// built, so the same checkout runs the tests and CLI under Node and the desktop app under Electron.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const { platform, arch } = process
const targetDir = join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`)
const target = join(targetDir, 'better_sqlite3.node')

if (existsSync(target)) process.exit(0)

const source = dirname(require.resolve('better-sqlite3/package.json'))
const work = mkdtempSync(join(tmpdir(), 'ringtrue-native-'))
const env = { ...process.env }
// A machine-wide nodedir (set for Node builds) would make node-gyp use Node's headers instead of Electron's.
delete env.npm_config_nodedir
delete env.NPM_CONFIG_NODEDIR

function run(command, args) {
  execFileSync(command, args, { cwd: work, env, stdio: 'inherit' })
}

try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) })
  console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (${platform}-${arch})…`)
  try {
    run(process.execPath, [
      require.resolve('prebuild-install/bin.js', { paths: [source] }),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`
    ])
  } catch {
    const nodeGyp = env.npm_config_node_gyp
    const gypArgs = [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers'
    ]
    if (nodeGyp) run(process.execPath, [nodeGyp, ...gypArgs])
    else run('npx', ['--yes', 'node-gyp', ...gypArgs])
  }
  mkdirSync(targetDir, { recursive: true })
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
  console.log(`better-sqlite3 for Electron ready: ${target}`)
} catch (error) {
  console.error(
    `Could not prepare better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : error}`
  )
  console.error('The desktop app needs it; the CLI and the tests do not. Check your network and build tools.')
  process.exit(1)
} finally {
  rmSync(work, { recursive: true, force: true })
}
