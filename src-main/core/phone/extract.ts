import type { CellValue } from '../domain'
import { checkNumberText, checkNumericCell } from './check'
import { countDigits } from './clean-text'
import type { TextCheck } from './types'
import type { NumberResult } from './types'

// Cheap pre-test: most cells hold one number and none of these characters.
const MAY_HOLD_SEVERAL = /[;,/\n\r|:]/
// Google Contacts joins values with ' ::: '; lines and '|' always separate.
const HARD_SEPARATORS = /\s*:::\s*|[\r\n|]+/
// ';' separates numbers except in front of a parameter such as ';ext=12' or ';phone-context=+44'.
const SEMICOLON = /;(?!\s*[a-z][a-z0-9-]*\s*=)/i

/**
 * Splits on a separator only where both neighbours carry enough digits to be numbers of their own; otherwise
 * the separator is part of one number ('030/1234567' is a German area code, '…, ext 12' an extension).
 */
function splitWhereBothSidesAreNumbers(text: string, separator: string, minDigits: number): string[] {
  const parts = text.split(separator)
  if (parts.length === 1) return parts
  const out: string[] = []
  let current = parts[0]
  for (let i = 1; i < parts.length; i++) {
    if (countDigits(current) >= minDigits && countDigits(parts[i]) >= minDigits) {
      out.push(current)
      current = parts[i]
    } else {
      current += separator + parts[i]
    }
  }
  out.push(current)
  return out
}

/** Text without any separator: extractNumbers reads it as one number, `check(text, region, false)`. */
export function isOnePiece(text: string): boolean {
  return !MAY_HOLD_SEVERAL.test(text)
}

/** The pieces of a cell that each hold one number, trimmed, empty ones dropped. */
export function splitCell(text: string): string[] {
  if (!MAY_HOLD_SEVERAL.test(text)) return [text]
  const pieces: string[] = []
  for (const block of text.split(HARD_SEPARATORS)) {
    for (const semi of block.split(SEMICOLON)) {
      for (const comma of splitWhereBothSidesAreNumbers(semi, ',', 5)) {
        for (const piece of splitWhereBothSidesAreNumbers(comma, '/', 7)) {
          const trimmed = piece.trim()
          if (trimmed) pieces.push(trimmed)
        }
      }
    }
  }
  return pieces
}

/**
 * Every number in one cell, checked (by `check`: a job passes its memo). Blank cells give []; anything else gives
 * at least one result.
 */
export function extractNumbers(
  cell: CellValue,
  defaultRegion: string,
  check: TextCheck = checkNumberText
): NumberResult[] {
  if (cell === null || cell === undefined) return []
  if (typeof cell === 'number') return [checkNumericCell(cell, defaultRegion, check)]
  const text = typeof cell === 'string' ? cell.trim() : String(cell)
  if (!text) return []
  // Most cells hold one number: no list of pieces to build.
  if (isOnePiece(text)) return [check(text, defaultRegion, false)]
  const pieces = splitCell(text)
  // A cell of separators only (';') is still not blank: report it rather than lose it.
  if (pieces.length === 0) return [check(text, defaultRegion, false)]
  return pieces.map((piece) => check(piece, defaultRegion, false))
}
