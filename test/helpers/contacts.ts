import { createWriteStream, writeFileSync } from 'node:fs'
import * as XLSX from 'xlsx'
import type { CellValue } from '../../src-preload/contract/types'

const FIRST = ['Ann', 'Bob', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Goran', 'Hiro', 'Ines', 'Jonas']
const LAST = ['Smith', 'Müller', 'García', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Silva', 'Novak', 'Berg']
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'IT']

/** A realistic contact row: most numbers valid in their country, some duplicates, some junk. */
export function contactRow(i: number): CellValue[] {
  const country = COUNTRIES[i % COUNTRIES.length]
  const n = String(1_000_000 + ((i * 7919) % 8_999_999)).slice(-7)
  let phone: string
  switch (country) {
    case 'US':
      phone = `(201) 55${n.slice(0, 1)}-${n.slice(1, 5)}`
      break
    case 'GB':
      phone = `+44 7400 ${n.slice(0, 6)}`
      break
    case 'DE':
      phone = `0151 ${n}${n.slice(0, 1)}`
      break
    case 'FR':
      phone = `06 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}0`
      break
    default:
      phone = `+39 312 ${n}`
  }
  if (i % 50 === 0) phone = '12345'
  return [
    FIRST[i % FIRST.length],
    LAST[(i * 3) % LAST.length],
    phone,
    `user${i}@example.com`,
    `Company ${i % 997}`,
    country,
    i % 7 === 0 ? 'call after 5pm, ask for "the boss"' : ''
  ]
}

export const HEADERS = ['First Name', 'Last Name', 'Phone', 'Email', 'Company', 'Country', 'Note']

export function contactGrid(rows: number): CellValue[][] {
  const grid: CellValue[][] = [HEADERS]
  for (let i = 0; i < rows; i++) grid.push(contactRow(i))
  return grid
}

export function writeXlsx(path: string, rows: number): void {
  const sheet = XLSX.utils.aoa_to_sheet(contactGrid(rows), { dense: true })
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, 'Contacts')
  // XLSX.write + fs works under both CJS and Vitest's ESM, where SheetJS has no fs of its own.
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }))
}

export async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  const quote = (v: CellValue): string => {
    const s = v === null ? '' : String(v)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  out.write(`${HEADERS.join(',')}\n`)
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${contactRow(i).map(quote).join(',')}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  )
}
