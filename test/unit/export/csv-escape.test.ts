import { describe, expect, it } from 'vitest'
import { escapeCsvCell } from '@core/export'

describe('escapeCsvCell: formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"],
    ['\0=1', "'\0=1"],
    ['+1 555 CALL NOW=1', "'+1 555 CALL NOW=1"],
    ['+1-2', "'+1-2"],
    ['+', "'+"],
    ["=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1"]
  ])('prefixes %j', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected)
  })

  it('prefixes CR and LF starts and then quotes them', () => {
    expect(escapeCsvCell('\r=1+1')).toBe(`"'\r=1+1"`)
    expect(escapeCsvCell('\n=1+1')).toBe(`"'\n=1+1"`)
  })

  it.each([
    '+442079460958',
    '+44 20 7946 0958',
    '+1 (555) 010-0100',
    '+1.555.010.0100',
    '+(44) 20 7946 0958',
    '+447911123456; +33612345678'
  ])('leaves the phone text %j readable', (phone) => {
    expect(escapeCsvCell(phone)).toBe(phone)
  })

  it('quotes and escapes a phone list separated by commas, which stays unprefixed', () => {
    expect(escapeCsvCell('+33 6 12 34 56 78, +33 6 98 76 54 32')).toBe(
      '"+33 6 12 34 56 78, +33 6 98 76 54 32"'
    )
  })

  it('does not let a phone prefix carry a formula', () => {
    expect(escapeCsvCell('+44 20 7946 0958,=HYPERLINK("x")')).toBe(`"'+44 20 7946 0958,=HYPERLINK(""x"")"`)
    expect(escapeCsvCell('+' + '1'.repeat(300))).toBe("'+" + '1'.repeat(300))
  })

  it('leaves text that does not start like a formula alone', () => {
    expect(escapeCsvCell('plain')).toBe('plain')
    expect(escapeCsvCell('')).toBe('')
    expect(escapeCsvCell('a=1')).toBe('a=1')
    expect(escapeCsvCell(' =1')).toBe(' =1')
    expect(escapeCsvCell('07700 900123')).toBe('07700 900123')
  })
})

describe('escapeCsvCell: RFC 4180 quoting', () => {
  it('quotes fields with a comma, quote, CR or LF and doubles quotes', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"')
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""')
    expect(escapeCsvCell('line\r\nbreak')).toBe('"line\r\nbreak"')
    expect(escapeCsvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(escapeCsvCell('"')).toBe('""""')
  })

  it('escapes before quoting, so the apostrophe sits inside the quotes', () => {
    expect(escapeCsvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
  })
})
