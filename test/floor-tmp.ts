import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { NumberMemo } from '../src-main/core/phone/memo'
import { RowChecker } from '../src-main/core/jobs/row-check'
import { profileOfRows } from '../src-main/core/jobs/country-split'
const text = readFileSync(process.argv[2], 'utf8')
const rows = Papa.parse<string[]>(text).data.slice(1)
const settings = { phoneColumns: [1], countryColumn: null, defaultRegion: 'CN', placeColumns: [3] }
let t = performance.now()
const memo = new NumberMemo()
const sample = rows.filter((_, i) => i % 10 < 1)
const profile = profileOfRows(sample, settings, memo.check)
console.log('profile', (performance.now() - t).toFixed(0), 'ms', JSON.stringify(profile.regions))
for (let rep = 0; rep < 4; rep++) {
  const checker = new RowChecker({ ...settings, profile }, new NumberMemo().check)
  t = performance.now()
  rows.forEach((r, i) => checker.check(i, r))
  console.log('RowChecker (profile)', (performance.now() - t).toFixed(0), 'ms')
}
