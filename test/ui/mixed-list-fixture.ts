// A small mixed contact list for the region-inference journey: bare and international Chinese mobiles with
// Chinese cities, US numbers in NANP writing with US cities, a few London numbers, and one bare 11-digit number
// that is valid both as +1 and as +86 with nothing in its row to choose between them.
import { writeFileSync } from 'node:fs'

/** The row (0-based, below the header) of the number that reads validly in the US and in China. */
export const AMBIGUOUS_ROW = 61
export const AMBIGUOUS_NUMBER = '13125550100'

export function mixedListRows(): string[][] {
  const rows: string[][] = []
  // 24 bare mainland mobiles, with a Chinese city; the first two are the issue's own examples.
  const bareCn = [
    '15249817734',
    '158-1979-5579',
    ...Array.from({ length: 22 }, (_, i) => `139${String(21000000 + i * 1303).padStart(8, '0')}`)
  ]
  bareCn.forEach((n, i) => rows.push([`Chen ${i + 1}`, n, i % 2 === 0 ? 'Shanghai' : 'Beijing']))
  // 6 written with +86 and 4 with 0086.
  for (let i = 0; i < 6; i++)
    rows.push([`Wang ${i + 1}`, `+86 138 0013 80${String(i).padStart(2, '0')}`, 'Beijing'])
  for (let i = 0; i < 4; i++)
    rows.push([`Liu ${i + 1}`, `0086 186 2100 77${String(i).padStart(2, '0')}`, 'Shanghai'])
  // 16 US numbers in the usual NANP writings.
  for (let i = 0; i < 10; i++)
    rows.push([`Smith ${i + 1}`, `(212) 555-01${String(i).padStart(2, '0')}`, 'New York'])
  for (let i = 0; i < 3; i++) rows.push([`Jones ${i + 1}`, `+1 415 555 013${i}`, ''])
  for (let i = 0; i < 3; i++) rows.push([`Brown ${i + 1}`, `1-617-555-019${i}`, 'Boston'])
  // 8 US numbers written as 11 bare digits too, so that way of writing does not by itself mean China.
  for (let i = 0; i < 8; i++) rows.push([`Miller ${i + 1}`, `1212555011${i}`, 'New York'])
  // 3 London numbers.
  for (let i = 0; i < 3; i++) rows.push([`Taylor ${i + 1}`, `+44 20 7946 095${8 - i}`, 'London'])
  rows.push(['Nobody', AMBIGUOUS_NUMBER, ''])
  // A few more bare Chinese mobiles after it, so the list's share stays mostly Chinese.
  for (let i = 0; i < 3; i++) rows.push([`Zhao ${i + 1}`, `1502100${String(3300 + i)}`, 'Shanghai'])
  return rows
}

export function writeMixedList(path: string): void {
  const rows = [['Name', 'Phone', 'City'], ...mixedListRows()]
  writeFileSync(path, rows.map((r) => r.join(',')).join('\r\n'))
}
