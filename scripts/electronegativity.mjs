// Security baseline: Doyensec's Electronegativity over the main and preload sources. Its CLI breaks on the
// commander version hoisted by other tools, so it runs through its programmatic API.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity')

const failOn = new Set(['HIGH', 'MEDIUM'])
let blocking = 0
for (const input of ['src-main', 'src-preload']) {
  const result = await run({
    input,
    output: null,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: 'INFORMATIONAL',
    confidenceSet: 'FIRM',
    isRelative: true,
    electronVersionOverride: '45.4.1',
    parserPlugins: []
  })
  const issues = result?.issues ?? []
  for (const issue of issues) {
    const severity = issue.severity?.name ?? issue.severity
    const where = `${issue.file}:${issue.location?.line ?? '?'}`
    console.log(`${severity} ${issue.id} ${where} ${issue.description ?? ''}`)
    if (failOn.has(String(severity).toUpperCase()) && issue.manualReview !== true) blocking++
  }
  console.log(`electronegativity ${input}: ${issues.length} finding(s)`)
}
if (blocking > 0) {
  console.error(`electronegativity: ${blocking} high/medium finding(s) that are not manual-review notes`)
  process.exit(1)
}
