// Spreadsheet column letters, the way every spreadsheet names columns: A..Z, AA..ZZ, AAA.. (bijective base 26).

/** The letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** The 0-based index of up to three column letters (either case); null when the text is not column letters. */
export function columnIndexOfLetters(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null
  let index = 0
  for (const ch of letters.toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64)
  return index - 1
}
