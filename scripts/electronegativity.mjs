// Security baseline: Doyensec's Electronegativity over the built app (out/: main, preload, renderer), which is
// the code that ships. Its CLI breaks on the commander version hoisted by other tools, so it runs through its
// programmatic API. Findings it marks for manual review are printed; any other high or medium finding fails.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity')
const electronVersion = require('electron/package.json').version

if (!existsSync('out/main/index.js')) {
  console.error('electronegativity: build first (out/ is missing)')
  process.exit(1)
}
const result = await run({
  input: 'out',
  output: null,
  isSarif: false,
  customScan: [],
  excludeFromScan: [],
  severitySet: 'INFORMATIONAL',
  confidenceSet: 'FIRM',
  isRelative: true,
  electronVersionOverride: electronVersion,
  parserPlugins: []
})
let blocking = 0
for (const issue of result.issues) {
  const severity = String(issue.severity?.name ?? issue.severity)
  const review = issue.manualReview ? ' (manual review)' : ''
  console.log(
    `${severity} ${issue.id} ${issue.file}:${issue.location?.line ?? '?'}${review} — ${issue.description}`
  )
  if (['HIGH', 'MEDIUM'].includes(severity) && !issue.manualReview) blocking++
}
console.log(`electronegativity: ${result.issues.length} finding(s), ${blocking} blocking`)
if (blocking > 0) process.exit(1)
