// A piped list has no name to go by: its copy is named from its first bytes, and the job from the argument.
import { describe, expect, it } from 'vitest'
import { extensionFor, inputStem } from '../../../src-main/cli/input'

describe('the copy of a piped list', () => {
  it.each([
    ['an xlsx or ods (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), '.xlsx'],
    ['a legacy xls (OLE)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '.xls'],
    [
      'a vCard after a BOM and blank lines',
      Buffer.from('\ufeff\r\n  begin:VCARD\r\nVERSION:3.0\r\n'),
      '.vcf'
    ],
    ['CSV text', Buffer.from('Name;Phone\nAnn;+1 201 555 0123\n'), ''],
    ['TSV text', Buffer.from('Name\tPhone\n'), ''],
    ['a stray "PK" in text', Buffer.from('PK,Phone\n1,+1 201 555 0123\n'), '']
  ])('names %s by its content', (_what, head, extension) => {
    expect(extensionFor(head)).toBe(extension)
  })

  it('names the job "stdin" for "-", else after the argument without folder or extension', () => {
    expect(inputStem('-')).toBe('stdin')
    expect(inputStem('/dev/stdin')).toBe('stdin')
    expect(inputStem('/dev/fd/63')).toBe('63')
    expect(inputStem('lists/march.csv')).toBe('march')
    expect(inputStem('.hidden')).toBe('.hidden')
  })
})
