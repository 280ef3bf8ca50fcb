// postinstall: applies patches/ with patch-package in a checkout of the repository. An installed ringtrue (npm pack,
// npm install -g) has no dev dependencies, so patch-package is absent there: the install must not fail over it.
// The patch only makes libphonenumber-js faster (its equivalence test proves the answers are the same), so an
// installed CLI without it reads every number the same way, more slowly.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(join(process.cwd(), 'package.json'))
let bin
try {
  const manifest = require.resolve('patch-package/package.json')
  bin = join(manifest, '..', 'index.js')
} catch {
  console.log(
    'ringtrue: patch-package is not installed (a production install); libphonenumber-js stays unpatched.'
  )
  process.exit(0)
}
const result = spawnSync(process.execPath, [bin], { stdio: 'inherit' })
process.exit(result.status ?? 1)
