import { afterAll, describe, expect, it } from 'vitest'
import { previewFile } from '@core/import'
import { readVCards } from '@core/import/vcard'
import { collect, tempFolder } from './helpers'

const tmp = tempFolder('vcf-charset')
afterAll(() => tmp.cleanup())

/** Bytes written by hand: the text in the charset named beside it. */
const hex = (h: string) => Buffer.from(h, 'hex')
const SJIS_YAMADA_N = hex('8e5293633b91be98593b3b3b') // 山田;太郎;;;
const SJIS_YAMADA = hex('8e52936391be9859') // 山田太郎
const SJIS_SOFUTOHYO = hex('835c83748367955c') // ソフト表 (two trail bytes are 0x5C, a backslash in ASCII)
const SJIS_SUZUKI = hex('97e996d8') // 鈴木
const GBK_ZHANG_N = hex('d5c53bc8fd3b3b3b') // 张;三;;;
const GBK_ZHANGSAN = hex('d5c5c8fd') // 张三
const BIG5_CHAN = hex('b3afa46aa4e5') // 陳大文
const LATIN1_MUELLER = hex('4afc7267656e204dfc6c6c6572') // Jürgen Müller
const CP1251_IVAN = hex('c8e2e0ed20cfe5f2f0eee2') // Иван Петров
const GB18030_WANGWU = hex('cdf5cee5') // 王五
const LATIN2_LUKASZ = hex('a3756b61737a2057f36a63696b') // Łukasz Wójcik
const UTF8_JOSE = hex('4a6f73c3a9204ec3bac3b1657a') // José Núñez

/** Builds a vCard file from ASCII text and raw byte runs, with CRLF line ends as phones write them. */
function vcf(...lines: (string | Buffer)[][]): Buffer {
  const parts: Buffer[] = []
  for (const line of lines) {
    for (const piece of line) parts.push(typeof piece === 'string' ? Buffer.from(piece, 'ascii') : piece)
    parts.push(Buffer.from('\r\n', 'ascii'))
  }
  return Buffer.concat(parts)
}

const card = (body: (string | Buffer)[][]) => [['BEGIN:VCARD'], ['VERSION:2.1'], ...body, ['END:VCARD']]

describe('vCard CHARSET parameters', () => {
  const file = vcf(
    ...card([
      ['N;CHARSET=SHIFT_JIS:', SJIS_YAMADA_N],
      ['FN;CHARSET=SHIFT_JIS:', SJIS_YAMADA],
      ['ORG;CHARSET=SHIFT_JIS:', SJIS_SOFUTOHYO],
      ['TEL;CELL:090-1234-5678']
    ]),
    ...card([['N;CHARSET=GB2312:', GBK_ZHANG_N], ['TEL;CELL:+86 138 1234 5678']]),
    ...card([['FN;CHARSET=GBK:', GBK_ZHANGSAN], ['TEL;CELL:13912345678']]),
    ...card([['FN;CHARSET=BIG5:', BIG5_CHAN], ['TEL;HOME:+852 2123 4567']]),
    ...card([['FN;CHARSET=ISO-8859-1:', LATIN1_MUELLER], ['TEL;WORK:+49 30 1234567']]),
    ...card([['FN;CHARSET=WINDOWS-1251:', CP1251_IVAN], ['TEL;CELL:+7 495 123-45-67']]),
    ...card([['FN;CHARSET=GB18030:', GB18030_WANGWU], ['TEL;CELL:+86 150 0000 1111']]),
    ...card([['FN;CHARSET=ISO-8859-2:', LATIN2_LUKASZ], ['TEL;CELL:+48 512 345 678']]),
    ...card([['FN;CHARSET=UTF-8:', UTF8_JOSE], ['TEL;CELL:+34 612 345 678']]),
    // No CHARSET: valid UTF-8 is read as UTF-8 (the vCard 3.0 default) even in a file that is not UTF-8 overall.
    ...card([['FN:', UTF8_JOSE], ['TEL;CELL:+34 612 345 679']])
  )

  const expected = [
    ['山田太郎', 'ソフト表', null, '090-1234-5678'],
    ['三 张', null, null, '+86 138 1234 5678'],
    ['张三', null, null, '13912345678'],
    ['陳大文', null, null, null, '+852 2123 4567'],
    ['Jürgen Müller', null, null, null, null, '+49 30 1234567'],
    ['Иван Петров', null, null, '+7 495 123-45-67'],
    ['王五', null, null, '+86 150 0000 1111'],
    ['Łukasz Wójcik', null, null, '+48 512 345 678'],
    ['José Núñez', null, null, '+34 612 345 678'],
    ['José Núñez', null, null, '+34 612 345 679']
  ]

  it('decodes each property in its own charset in the preview, and keeps the TEL values as written', async () => {
    const preview = await previewFile(tmp.file('mixed.vcf', file))
    expect(preview.format).toBe('vcf')
    expect(preview.sampleRows[0]).toEqual(['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work'])
    expect(preview.sampleRows.slice(1)).toEqual(expected)
  })

  it('reads the same names on import', async () => {
    const read = await collect(tmp.file('mixed-read.vcf', file), { sheet: 'x', headerRow: 0 })
    expect(read.rows).toEqual(expected)
  })

  it('reads a property without CHARSET in the charset the file declared elsewhere (a Shift_JIS export)', async () => {
    const path = tmp.file(
      'sjis.vcf',
      vcf(
        ...card([['N;CHARSET=SHIFT_JIS:', SJIS_YAMADA_N], ['TEL;CELL:090-1234-5678']]),
        ...card([['FN:', SJIS_SUZUKI], ['ORG:', SJIS_SOFUTOHYO], ['TEL;CELL:080-9876-5432']])
      )
    )
    const preview = await previewFile(path)
    expect(preview.sampleRows.slice(1)).toEqual([
      ['太郎 山田', null, null, '090-1234-5678'],
      ['鈴木', 'ソフト表', null, '080-9876-5432']
    ])
  })

  it('decodes characters whose bytes are split between two reads of the file', async () => {
    const path = tmp.file('chunks.vcf', file)
    const names: (string | null)[] = []
    for await (const chunk of readVCards(path, 'windows-1252', { chunkBytes: 7 })) {
      for (const c of chunk.cards) names.push(c.name)
    }
    expect(names).toEqual(expected.map((row) => row[0]))
  })

  it('accepts charset names as old phones write them (Shift-JIS, CP932, quoted)', async () => {
    const path = tmp.file(
      'labels.vcf',
      vcf(
        ...card([['FN;CHARSET=Shift-JIS:', SJIS_YAMADA], ['TEL:1']]),
        ...card([['FN;CHARSET=CP932:', SJIS_SUZUKI], ['TEL:2']]),
        ...card([['FN;CHARSET="x-sjis":', SJIS_YAMADA], ['TEL:3']]),
        ...card([['FN;CHARSET=CP1251:', CP1251_IVAN], ['TEL:4']])
      )
    )
    const preview = await previewFile(path)
    expect(preview.sampleRows.slice(1).map((r) => r[0])).toEqual([
      '山田太郎',
      '鈴木',
      '山田太郎',
      'Иван Петров'
    ])
  })
})

describe('vCard QUOTED-PRINTABLE', () => {
  it('joins soft line breaks and decodes the bytes in the declared charset', async () => {
    const path = tmp.file(
      'qp.vcf',
      vcf(
        ...card([
          // UTF-8 山田花子 split by soft line breaks in the middle of a character.
          ['FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0=E8='],
          ['=8A=B1=E5=AD=90'],
          ['TEL;CELL:+81 90 1111 2222']
        ]),
        ...card([
          ['N;CHARSET=SHIFT-JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63;=91=BE='],
          ['=98=59;;;'],
          ['TEL;CELL:+81 90 3333 4444']
        ]),
        ...card([
          ['FN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:J=FCrgen=20='],
          ['M=FCller'],
          ['TEL;CELL:+49 171 1234567']
        ])
      )
    )
    const preview = await previewFile(path)
    expect(preview.sampleRows.slice(1)).toEqual([
      ['山田花子', null, null, '+81 90 1111 2222'],
      ['太郎 山田', null, null, '+81 90 3333 4444'],
      ['Jürgen Müller', null, null, '+49 171 1234567']
    ])
  })
})
