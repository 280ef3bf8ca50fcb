#!/usr/bin/env node
'use strict'
// The installed `ringtrue` command (npm links this file as the bin, often through a symlink). It calls the CLI's
// exported entry explicitly: the built cli.js never starts itself when it is required.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write(
    'ringtrue: the CLI is not built yet. Run `npm run build` in the Ringtrue folder first.\n'
  )
  process.exit(2)
}
require(cli)
  .run(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code
    },
    (error) => {
      process.stderr.write(`ringtrue: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  )
