import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CellValue, ImportPreview, SourceFormat } from '@contract/types'
import {
  headerPhoneMatch,
  ImportError,
  type ImportErrorCode,
  previewFile,
  previewFileInWorker,
  readTable,
  sourceWorkerScriptForTests
} from '@core/import'
import { EXTERNAL_DIR, externalSkipReason } from '../../helpers/external'

interface Result {
  preview: ImportPreview
  headers: string[]
  rows: CellValue[][]
  firsts: number[]
}

interface Imported {
  format: SourceFormat
  sheet: string
  headerRow: number | null
  /**
   * Data rows: totalRows of the preview, the sheet picker's count and rowCount of the read; blank rows (which
   * the read delivers as [] to keep row numbers) are not data.
   */
  rows: number
  /** The first header names readTable returns. */
  headers: string[]
  /** Display headers of the suggested phone columns. */
  phones: string[]
  country?: string
  encoding?: string
  delimiter?: string
  check?: (r: Result) => void
}
type Expectation = Imported | { error: ImportErrorCode }

const col = (r: Result, header: string) => {
  const i = r.preview.columns.findIndex((c) => c.header === header)
  expect(i, `column ${header}`).toBeGreaterThanOrEqual(0)
  return i
}
/** The one data row of a vCard or a one-contact file, as header → value. */
const record = (r: Result, n = 0) => Object.fromEntries(r.headers.map((h, i) => [h, r.rows[n][i] ?? null]))

const EXPECTED: Record<string, Expectation> = {
  // Phone-relevant sheets.
  'spreadsheets/poi__51626_contact.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 2,
    headers: ['First Name', 'Last Name', 'Company', 'Address 1'],
    phones: ['Home', 'Office', 'Mobile'],
    check: (r) => {
      const fax = r.preview.columns[col(r, 'Fax')]
      expect(fax.phoneConfidence).toBeGreaterThan(0)
      expect(fax.phoneConfidence).toBeLessThan(r.preview.columns[col(r, 'Mobile')].phoneConfidence)
      // Row 2 of the sheet is blank: delivered as [] to keep row numbers, not counted as data; J3 keeps both
      // numbers and the extension.
      expect(r.rows[0]).toEqual([])
      expect(r.rows[1][col(r, 'Office')]).toBe('801-555-7712x4563;801-555-9999')
      expect(r.rows[1][col(r, 'Mobile')]).toBe('999-999-5555')
      expect(r.rows[1][col(r, 'Postal Code')]).toBe('04001')
    }
  },
  'spreadsheets/poi__51626.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 5,
    headers: ['Store#', 'Store Name', 'Address Line 1', 'Address Line 2'],
    // The phone columns are empty: suggested from the header alone; the fax one is not.
    phones: ['Phone # w area code'],
    check: (r) => {
      expect(r.headers).toContain('State  leave blank')
      expect(r.preview.columns[col(r, 'Fax # w area code')].phoneConfidence).toBeLessThan(0.5)
    }
  },
  'spreadsheets/oh_sheet__contacts.xlsx': {
    format: 'xlsx',
    sheet: 'Planilha1',
    headerRow: 0,
    rows: 12,
    headers: ['Name', 'Phone'],
    phones: ['Phone'],
    check: (r) => {
      expect(r.rows[0]).toEqual(['John Doe 1', 2345678])
      expect(r.rows.every((row) => typeof row[1] === 'number')).toBe(true)
    }
  },
  'spreadsheets/poi__testVarious.xlsb': {
    format: 'xlsb',
    sheet: 'mySheet1',
    headerRow: null,
    rows: 21,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    check: (r) => {
      // Raw values, never the General-format display text 1.23457E+14.
      expect(r.rows.find((row) => row[0] === 'long int')?.[1]).toBe(123456789012345)
      expect(r.rows.find((row) => row[0] === 'longer int')?.[1]).toBe(1234567890123450)
      expect(r.rows.find((row) => row[0] === 'date')?.[1]).toBe('3/9/17')
      expect(r.rows.flat()).not.toContain('1.23457E+14')
    }
  },
  'spreadsheets/sheetjs__xlsx-stream-d-date-cell.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 12,
    headers: ['String', 'てすと', '&\'";<>', '&amp;'],
    phones: [],
    check: (r) => {
      expect(r.rows[1]).toEqual(['Float', 1.5, 0.3, 1.23456789e22])
      expect(r.rows[3]).toEqual(['Date', '2/14/14'])
    }
  },
  'spreadsheets/lo__string-number.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 3,
    headers: ['String Number', 'num x 2', "Excel's answer", 'Check'],
    phones: [],
    check: (r) => expect(r.rows[0].slice(0, 2)).toEqual(['1', 2])
  },
  'spreadsheets/poi__CVLKRA-KYC_Download_File_Structure_V3.1.xlsx': {
    format: 'xlsx',
    sheet: 'KYC HEADER',
    headerRow: 0,
    rows: 5,
    headers: ['S.No', 'Field', 'Field Type', 'Field Length'],
    phones: [],
    check: (r) => {
      expect(r.preview.sheets).toHaveLength(30)
      expect(r.preview.sheets.map((s) => s.name)).toContain('Country Master (2)')
    }
  },
  'spreadsheets/sheetjs__text_and_numbers.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 2,
    headers: ['English', 'Hello', 'World'],
    phones: [],
    check: (r) => expect(r.rows).toEqual([['Hebrew', 'שלום', 'עולם'], [], [1337, 13.37, 1337]])
  },
  'spreadsheets/sheetjs__text_and_numbers.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 2,
    headers: ['English', 'Hello', 'World'],
    phones: [],
    check: (r) => expect(r.rows).toEqual([['Hebrew', 'שלום', 'עולם'], [], [1337, 13.37, 1337]])
  },
  'spreadsheets/sheetjs__biff5_text_and_numbers.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 2,
    headers: ['English', 'Hello', 'World'],
    phones: [],
    // The Hebrew was lost when Excel 95 saved the file; what is there is read as is.
    check: (r) => expect(r.rows).toEqual([['Hebrew', '????', '????'], [], [1337, 13.37, 1337]])
  },

  // Structure.
  'spreadsheets/sheetjs__merge_cells.xlsx': {
    format: 'xlsx',
    sheet: 'Merge',
    headerRow: 0,
    rows: 2,
    headers: ['A1:B2', 'B', 'C1:C2', 'Separate blocks'],
    phones: [],
    check: (r) => expect(r.rows).toEqual([[], ['A3:B3', null, 'C3'], ['… are merged separately']])
  },
  'spreadsheets/sheetjs__merge_cells.ods': {
    format: 'ods',
    sheet: 'Merge',
    headerRow: 0,
    rows: 2,
    headers: ['A1:B2', 'B', 'C1:C2', 'Separate blocks'],
    phones: [],
    check: (r) => expect(r.rows).toEqual([[], ['A3:B3', null, 'C3'], ['… are merged separately']])
  },
  'spreadsheets/sheetjs__sheet_visibility.xlsx': {
    format: 'xlsx',
    sheet: 'Visible',
    headerRow: 0,
    rows: 1,
    headers: ['v', 'i', 's', 'i'],
    phones: [],
    check: (r) =>
      expect(r.preview.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['Visible', false],
        ['Hidden', true],
        ['VeryHidden', true]
      ])
  },
  'spreadsheets/sheetjs__sheet_visibility_strict.xlsx': {
    format: 'xlsx',
    sheet: 'Visible',
    headerRow: 0,
    rows: 1,
    headers: ['v', 'i', 's', 'i'],
    phones: [],
    check: (r) =>
      expect(r.preview.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['Visible', false],
        ['Hidden', true],
        ['VeryHidden', true]
      ])
  },
  'spreadsheets/poi__TwoSheetsOneHidden.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet2',
    headerRow: null,
    rows: 1,
    headers: ['A'],
    phones: [],
    check: (r) => {
      expect(r.preview.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['Sheet1', true],
        ['Sheet2', false]
      ])
      expect(r.rows).toEqual([['Sheet2A1']])
    }
  },
  'spreadsheets/lo__row-filtered.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 49,
    headers: ['Name', 'Value', 'C'],
    phones: [],
    // Rows hidden by the autofilter are data like any other.
    check: (r) =>
      expect(r.rows.slice(0, 2)).toEqual([
        ['A', 54],
        ['A', 3]
      ])
  },
  'spreadsheets/sheetjs__wtf_path.xlsx': {
    format: 'xlsx',
    sheet: 'SheetJS',
    headerRow: null,
    rows: 6,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    check: (r) => {
      expect(r.preview.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['SheetJS', false],
        ['Hidden', true]
      ])
      expect(r.rows[0]).toEqual([1, 2, 3])
    }
  },
  'spreadsheets/poi__53105.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 2,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    check: (r) => {
      expect(r.headers).toHaveLength(16_384)
      expect(r.headers.at(-1)).toBe('XFD')
      expect(r.rows[0]).toHaveLength(16_384)
    }
  },
  'spreadsheets/poi__51535.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 1,
    headers: ['Top Left Cell', 'B', 'C', 'D'],
    phones: [],
    check: (r) => {
      // The last row of the grid, after a skipped run of 65,534 empty rows.
      expect(r.firsts).toEqual([65_534])
      expect(r.rows[0][0]).toBe('Bottom Left Cell')
      expect(r.rows[0][255]).toBe('Bottom Right Cell')
    }
  },
  'spreadsheets/lo__export-millon-rows.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    // 30 rows with data after the header; the 14 empty rows inside short gaps arrive as [] and are not counted,
    // the long gaps are skipped.
    rows: 30,
    headers: ['First Row', 'B', 'C'],
    phones: [],
    check: (r) => {
      expect(r.firsts).toEqual([0, 65_534, 79_998, 1_048_548])
      expect(r.rows[0]).toEqual(['Second Row'])
      expect(r.rows.at(-1)).toEqual(['Last Row'])
      // The sheet picker counts data rows below the header, as the preview does.
      expect(r.preview.sheets[0].rows).toBe(30)
      expect(r.preview.blankRows).toBe(1_048_545)
    }
  },
  'spreadsheets/lo__xlsx-export-single-cell-at-last-row.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 1,
    headers: ['A'],
    phones: [],
    check: (r) => {
      expect(r.firsts).toEqual([0])
      expect(r.rows).toEqual([['This is the only non-empty cell']])
    }
  },
  'spreadsheets/poi__59746_NoRowNums.xlsx': {
    format: 'xlsx',
    sheet: 'Features',
    headerRow: 0,
    rows: 70,
    headers: ['Checked', 'Ion', 'Charge', 'Molecular Weight'],
    phones: [],
    check: (r) => expect(r.rows[0].slice(0, 3)).toEqual([true, '[M+Na]+1', 1])
  },
  'spreadsheets/poi__InlineStrings.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: 0,
    rows: 6,
    headers: ['Numbers', 'Strings', 'Inline Strings', 'Formulas'],
    phones: [],
    check: (r) => expect(r.rows[0]).toEqual([12, 'A', '1st Inline String', 12])
  },
  'spreadsheets/poi__right-to-left.xlsx': {
    format: 'xlsx',
    sheet: 'English',
    headerRow: 0,
    rows: 3,
    headers: ['text'],
    phones: [],
    check: (r) => expect(r.preview.sheets.map((s) => s.name)).toEqual(['English', 'عربى'])
  },
  'spreadsheets/sheetjs__hebrew_named_workbook.xlsx': {
    format: 'xlsx',
    sheet: 'חישוב',
    headerRow: 1,
    rows: 28,
    headers: ['הכנסה חודשית ממוצעת:', 'B', 'C', 'D'],
    phones: [],
    check: (r) => expect(r.preview.sheets.map((s) => s.name)).toEqual(['חישוב', 'מס הכנסה ', 'גיליון3'])
  },
  'spreadsheets/sheetjs__formulae_test_simple.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 6,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    check: (r) => expect(r.rows.at(-1)).toEqual(['#VALUE!', 55, '#VALUE!', 55])
  },
  'spreadsheets/poi__empty.xls': { error: 'no_data' },
  'spreadsheets/sheetjs__BlankSheetTypes.xlsb': { error: 'no_data' },

  // Dates and number formats.
  'spreadsheets/sheetjs__1904.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 5,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    check: (r) => expect(r.rows[0]).toEqual([1, '1904-01-02', '1904-01-02', '1904-01-02'])
  },
  'spreadsheets/sheetjs__DataTypesFormats.xlsx': {
    format: 'xlsx',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 6,
    headers: ['A', 'B'],
    phones: [],
    check: (r) =>
      expect(r.rows.slice(0, 3)).toEqual([
        ['Date', '7/23/2020'],
        ['Date Time', '7/23/2020 9:00:00'],
        ['Currency', 123]
      ])
  },

  // Legacy writers.
  'spreadsheets/poi__testEXCEL_4.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: 8,
    rows: 137,
    headers: ['A', 'in Calendar', 'C', 'Percentage'],
    phones: []
  },
  'spreadsheets/sheetjs__minimal_112.xls': {
    format: 'xls',
    sheet: 'Sheet 1',
    headerRow: 0,
    rows: 2,
    headers: ['Sheet', 'JS'],
    phones: []
  },
  'spreadsheets/sheetjs__A4X_gnumeric.xls': {
    format: 'xls',
    sheet: 'Sheet1',
    headerRow: null,
    rows: 1,
    headers: ['A'],
    phones: []
  },

  // Encrypted or hostile.
  'spreadsheets/sheetjs__password_2002_40_xor.xls': { error: 'encrypted' },
  'spreadsheets/lo__simple-encryption-2010.xlsx': { error: 'encrypted' },
  'spreadsheets/poi__poc-xmlbomb.xlsx': { error: 'entity_bomb' },

  // Delimited text.
  'spreadsheets/sheetjs__crlf.csv': {
    format: 'csv',
    sheet: 'sheetjs__crlf',
    headerRow: null,
    rows: 3,
    headers: ['A', 'B'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => expect(r.rows).toEqual([['Normal', 'abc\ndef'], ['Formula', 'abc\ndef'], ['Test']])
  },
  'spreadsheets/sheetjs__ErrorTypes.txt': {
    format: 'txt',
    sheet: 'sheetjs__ErrorTypes',
    headerRow: 0,
    rows: 13,
    headers: ['Error', 'Bang', 'Que', 'Non'],
    phones: [],
    encoding: 'utf-16le',
    delimiter: '\t',
    check: (r) => expect(r.rows[1].slice(0, 5)).toEqual(['#DIV/0!', '#DIV/0!', '#DIV/0?', '#DIV/0', '2'])
  },
  'spreadsheets/phpspreadsheet__premiere.utf16lebom.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__premiere.utf16lebom',
    headerRow: 0,
    rows: 1,
    headers: ['première', 'second', 'troisième'],
    phones: [],
    encoding: 'utf-16le',
    delimiter: ',',
    check: (r) => expect(r.rows).toEqual([['Quatrième', 'cinquième', 'sixième']])
  },
  'spreadsheets/phpspreadsheet__premiere.utf16be.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__premiere.utf16be',
    headerRow: 0,
    rows: 1,
    headers: ['première', 'second', 'troisième'],
    phones: [],
    encoding: 'utf-16be',
    delimiter: ',',
    check: (r) => expect(r.rows).toEqual([['Quatrième', 'cinquième', 'sixième']])
  },
  'spreadsheets/phpspreadsheet__premiere.win1252.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__premiere.win1252',
    headerRow: 0,
    rows: 1,
    headers: ['première', 'second', 'troisième'],
    phones: [],
    encoding: 'windows-1252',
    delimiter: ',',
    check: (r) => expect(r.rows).toEqual([['Quatrième', 'cinquième', 'sixième']])
  },
  'spreadsheets/phpspreadsheet__semicolon_separated.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__semicolon_separated',
    headerRow: 0,
    rows: 2,
    headers: ['This', 'Are', 'Headers'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ';',
    check: (r) =>
      expect(r.rows).toEqual([
        ['Cell A2', 'Number with comma', '25,5'],
        ['Two colons and a comma', 'B|3', ':,:']
      ])
  },
  'spreadsheets/phpspreadsheet__sep.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__sep',
    headerRow: null,
    rows: 2,
    headers: ['A', 'B'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ';',
    check: (r) =>
      expect(r.rows).toEqual([
        ['A', '1'],
        ['2', '3']
      ])
  },
  'spreadsheets/phpspreadsheet__linend.mac.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__linend.mac',
    headerRow: null,
    rows: 2,
    headers: ['A', 'B'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) =>
      expect(r.rows).toEqual([
        ['A', '1'],
        ['2', '3']
      ])
  },
  'spreadsheets/phpspreadsheet__NumberFormatTest.de.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__NumberFormatTest.de',
    headerRow: null,
    rows: 5,
    headers: ['A', 'B', 'C'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) =>
      expect(r.rows.slice(0, 4)).toEqual([
        ['-123', '1.234', '12.345,67'],
        ['123,4567', '123,456789012'],
        ['-1.234,567'],
        ['WAHR', 'FALSCH']
      ])
  },
  'spreadsheets/phpspreadsheet__enclosure.csv': {
    format: 'csv',
    sheet: 'phpspreadsheet__enclosure',
    headerRow: 0,
    rows: 3,
    headers: ['Date/Time', 'task', 'username'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => expect(r.rows[2]).toEqual(['11/29/2017 08:20', 'deletepage', 'username2'])
  },
  'spreadsheets/lo__skip-spaces.csv': {
    format: 'csv',
    sheet: 'lo__skip-spaces',
    // Its "header" line comes back twice further down, so it is read as data.
    headerRow: null,
    rows: 6,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) =>
      expect(r.rows[5]).toEqual(['10,000.344', ' 20.234  ', ' -23.34  ', ' +567.23  ', '   453,594.5332  '])
  },
  'spreadsheets/lo__cell-with-line-break.csv': {
    format: 'csv',
    sheet: 'lo__cell-with-line-break',
    headerRow: null,
    rows: 1,
    headers: ['A', 'B'],
    phones: [],
    encoding: 'utf-8',
    delimiter: '\t',
    check: (r) => expect(r.rows).toEqual([['one\ntwo\nthree', 'normal cell']])
  },
  'spreadsheets/lo__malformed-quotes.xls': {
    format: 'tsv',
    sheet: 'lo__malformed-quotes',
    headerRow: 0,
    rows: 2,
    headers: ['Record Type', 'Agency Bread', 'Pub Unit Bread', 'HripZ'],
    phones: [],
    encoding: 'windows-1252',
    delimiter: '\t',
    check: (r) => {
      expect(r.headers[12]).toBe('Beef ID – FEIN')
      expect(r.rows[0].slice(0, 5)).toEqual([
        'XCV',
        'FOO and TAGP',
        '17064',
        '3 Fish 8-hands cats',
        '="ABCTTT5055"'
      ])
      expect(r.rows[1][0]).toBe('XCV')
      expect(r.preview.warnings.join(' ')).toMatch(/unbalanced quotes/)
    }
  },

  // Contact CSV exports.
  'contacts/csv/roundcube__gmail.csv': {
    format: 'csv',
    sheet: 'roundcube__gmail',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Given Name', 'Additional Name', 'Family Name'],
    // Its phone values are placeholder words, not numbers.
    phones: [],
    country: 'Address 1 - Country',
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => {
      expect(r.headers).toHaveLength(81)
      expect(record(r)['Group Membership']).toBe('* My Contacts ::: Test')
      expect(r.preview.columns[col(r, 'Phone 1 - Value')].phoneConfidence).toBeLessThan(0.5)
      expect(r.preview.warnings.join(' ')).toMatch(/No column looks like phone numbers/)
    }
  },
  'contacts/csv/roundcube__all.csv': {
    format: 'csv',
    sheet: 'roundcube__all',
    headerRow: 0,
    rows: 1,
    headers: ['Display Name', 'Title', 'First Name', 'Middle Name'],
    phones: [
      'Home Phone',
      'Home Phone 2',
      'Business Phone',
      'Business Phone 2',
      'Home Mobile',
      'Primary Phone',
      'Car Phone',
      'Pager',
      'Phone Video',
      "Assistant's Phone",
      'Other Phone'
    ],
    country: 'Home Country',
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => {
      expect(record(r)['Home Phone']).toBe('100')
      expect(record(r)['Other Phone']).toBe('444')
      const fax = r.preview.columns[col(r, 'Home Fax')]
      expect(fax.phoneConfidence).toBeLessThan(r.preview.columns[col(r, 'Home Phone')].phoneConfidence)
    }
  },
  'contacts/csv/roundcube__tb_plain.csv': {
    format: 'csv',
    sheet: 'roundcube__tb_plain',
    headerRow: 0,
    rows: 1,
    headers: ['First Name', 'Last Name', 'Display Name', 'Nickname'],
    phones: [],
    country: 'Home Country',
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => expect(record(r)['Work Phone']).toBe('phone work')
  },
  'contacts/csv/roundcube__outlook.csv': {
    format: 'csv',
    sheet: 'roundcube__outlook',
    headerRow: 0,
    rows: 1,
    headers: ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ','
  },
  'contacts/csv/roundcube__email.csv': {
    format: 'csv',
    sheet: 'roundcube__email',
    headerRow: 0,
    rows: 4,
    headers: ['Primary Email'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ','
  },
  'contacts/csv/thunderbird__basic_csv_addressbook.csv': {
    format: 'csv',
    sheet: 'thunderbird__basic_csv_addressbook',
    headerRow: 0,
    rows: 2,
    headers: ['First Name', 'Last Name', 'Display Name', 'Nickname'],
    // Empty in this export, but named so in every Thunderbird export.
    phones: ['Work Phone', 'Home Phone', 'Pager Number', 'Mobile Number'],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => expect(r.rows[0].slice(0, 5)).toEqual(['John', 'Doe', 'John Doe', null, 'john@doe.invalid'])
  },
  'contacts/csv/thunderbird__csv_semicolon.csv': {
    format: 'csv',
    sheet: 'thunderbird__csv_semicolon',
    headerRow: 0,
    rows: 2,
    headers: ['Display Name', 'First Name', 'Last Name', 'Primary Email'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ';'
  },
  'contacts/csv/thunderbird__csv_no_header.csv': {
    format: 'csv',
    sheet: 'thunderbird__csv_no_header',
    headerRow: null,
    rows: 2,
    headers: ['A', 'B', 'C', 'D'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) =>
      expect(r.rows).toEqual([
        ['John Doe', 'John', 'Doe', 'john@doe.invalid'],
        ['Jane Doe', 'Jane', 'Doe', 'jane@doe.invalid']
      ])
  },
  'contacts/csv/honey_format__mailchimp_export.csv': {
    format: 'csv',
    sheet: 'honey_format__mailchimp_export',
    headerRow: 0,
    rows: 1,
    headers: ['Email Address', 'First Name', 'Last Name', 'MEMBER_RATING'],
    phones: [],
    encoding: 'utf-8',
    delimiter: ',',
    check: (r) => expect(record(r)['LAST_CHANGED']).toBe('2015-03-16 14:40:47')
  },
  'contacts/csv/roundcube__all.expected.vcf': {
    format: 'vcf',
    sheet: 'roundcube__all.expected',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile'],
    phones: ['Mobile', 'Home', 'Work', 'Main', 'Other', 'Car', 'Pager'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Mobile: '500',
        Home: '100',
        Work: '300',
        Main: '600',
        Car: '900',
        Pager: '111',
        Fax: '700; 800'
      })
  },
  'contacts/csv/roundcube__gmail.expected.vcf': {
    format: 'vcf',
    sheet: 'roundcube__gmail.expected',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile'],
    phones: ['Mobile', 'Home', 'Work', 'Main', 'Pager'],
    encoding: 'utf-8',
    check: (r) => expect(record(r)).toMatchObject({ Mobile: 'mobile', Fax: 'homefax; workfax' })
  },
  'contacts/csv/roundcube__tb_plain.expected.vcf': {
    format: 'vcf',
    sheet: 'roundcube__tb_plain.expected',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile'],
    phones: ['Mobile', 'Home', 'Work', 'Pager'],
    encoding: 'utf-8'
  },
  'contacts/csv/roundcube__outlook.expected.vcf': {
    format: 'vcf',
    sheet: 'roundcube__outlook.expected',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-8',
    check: (r) => expect(record(r).Email).toBe('test1@domain.tld; test2@domain.tld; test3@domain.tld')
  },
  'contacts/csv/roundcube__email.expected.vcf': {
    format: 'vcf',
    sheet: 'roundcube__email.expected',
    headerRow: 0,
    rows: 4,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-8'
  },

  // vCards.
  'contacts/vcards/ez-vcard__John_Doe_ANDROID.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_ANDROID',
    headerRow: 0,
    rows: 6,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Fax'],
    phones: ['Mobile', 'Home', 'Work'],
    encoding: 'utf-8',
    check: (r) => {
      expect(record(r, 0)).toMatchObject({ Name: null, Email: 'john.doe@company.com', Mobile: null })
      expect(record(r, 2)).toMatchObject({ Name: 'Ñ Ñ Ñ Ñ Ñ', Mobile: '123456789' })
      expect(record(r, 3)).toMatchObject({ Mobile: '123456; 3456789', Home: '234567; 45678901' })
      expect(record(r, 4)).toMatchObject({
        Mobile: '123456',
        Work: '123456',
        Fax: '123456',
        Email: 'bob@company.com; ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ'
      })
      expect(record(r, 5)).toMatchObject({ Name: 'ÑÑÑÑ', Organization: 'Ñ'.repeat(44), Mobile: '55556666' })
    }
  },
  'contacts/vcards/ez-vcard__John_Doe_BLACK_BERRY.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_BLACK_BERRY',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile'],
    phones: ['Mobile'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Name: 'John Doe',
        Organization: 'Acme Solutions',
        Mobile: '+96123456789'
      })
  },
  'contacts/vcards/ez-vcard__John_Doe_EVOLUTION.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_EVOLUTION',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Work'],
    phones: ['Mobile', 'Work'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Name: 'Mr. John Richter, James Doe Sr.',
        Mobile: '905-666-1234',
        Work: '905-555-1234'
      })
  },
  'contacts/vcards/ez-vcard__John_Doe_GMAIL.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_GMAIL',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home'],
    phones: ['Mobile', 'Home'],
    encoding: 'utf-8',
    check: (r) => expect(record(r)).toMatchObject({ Mobile: '905-555-1234', Home: '905-666-1234' })
  },
  'contacts/vcards/ez-vcard__John_Doe_IPHONE.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_IPHONE',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Pager', 'Fax', 'AssistantPhone'],
    phones: ['Mobile', 'Home', 'Work', 'Pager', 'AssistantPhone'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toEqual({
        Name: 'Mr. John Richter James Doe Sr.',
        Organization: 'IBM, Accounting',
        Email: 'john.doe@ibm.com',
        Mobile: '905-555-1234',
        Home: '905-666-1234',
        Work: '905-777-1234',
        Pager: '905-111-1234',
        Fax: '905-888-1234; 905-999-1234',
        AssistantPhone: '905-222-1234'
      })
  },
  'contacts/vcards/ez-vcard__John_Doe_MAC_ADDRESS_BOOK.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_MAC_ADDRESS_BOOK',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Pager', 'Fax', 'AssistantPhone'],
    phones: ['Mobile', 'Home', 'Work', 'Pager', 'AssistantPhone'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Mobile: '905-555-1234',
        Home: '905-666-1234',
        Work: '905-777-1234',
        AssistantPhone: '905-222-1234'
      })
  },
  'contacts/vcards/ez-vcard__John_Doe_LOTUS_NOTES.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_LOTUS_NOTES',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Fax'],
    phones: ['Mobile'],
    encoding: 'utf-8',
    check: (r) => expect(record(r)).toMatchObject({ Mobile: '+1 (212) 204-34456', Fax: '00-1-212-555-7777' })
  },
  'contacts/vcards/ez-vcard__John_Doe_MS_OUTLOOK.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__John_Doe_MS_OUTLOOK',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Home', 'Work'],
    phones: ['Home', 'Work'],
    encoding: 'utf-8',
    check: (r) => expect(record(r)).toMatchObject({ Home: '(905) 666-1234', Work: '(905) 555-1234' })
  },
  'contacts/vcards/ez-vcard__gmail-single.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__gmail-single',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'GRAND_CENTRAL'],
    phones: ['Mobile', 'GRAND_CENTRAL'],
    encoding: 'utf-8',
    check: (r) => expect(record(r)).toMatchObject({ Mobile: '555 555 1111', GRAND_CENTRAL: '555 555 2222' })
  },
  'contacts/vcards/ez-vcard__gmail-single2.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__gmail-single2',
    headerRow: 0,
    rows: 1,
    headers: [
      'Name',
      'Organization',
      'Email',
      'Mobile',
      'Home',
      'Work',
      'Main',
      'Other',
      'Pager',
      'Fax',
      'GRAND_CENTRAL',
      'CustomePhoneCategory'
    ],
    phones: ['Mobile', 'Home', 'Work', 'Main', 'Other', 'Pager', 'GRAND_CENTRAL', 'CustomePhoneCategory'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Other: '5555551111; 5555551114',
        Home: '5555551112',
        Work: '5555551113',
        Mobile: '5555551115',
        Main: '5555551116',
        Fax: '5555551117; 5555551118',
        GRAND_CENTRAL: '5555551119',
        Pager: '5555551120',
        CustomePhoneCategory: '5555551121'
      })
  },
  'contacts/vcards/ez-vcard__gmail-list.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__gmail-list',
    headerRow: 0,
    rows: 3,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-8',
    check: (r) => expect(r.rows.map((row) => row[0])).toEqual(['Arnold Smith', 'Chris Beatle', 'Doug White'])
  },
  'contacts/vcards/ez-vcard__outlook-2003.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__outlook-2003',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Fax'],
    phones: ['Mobile', 'Home', 'Work'],
    encoding: 'utf-8',
    // Placeholder text where numbers belong: kept as written for the phone engine to reject.
    check: (r) =>
      expect(record(r)).toMatchObject({
        Mobile: 'MobilePhone',
        Work: 'BusinessPhone',
        Fax: 'BusinessFaxPhone'
      })
  },
  'contacts/vcards/ez-vcard__outlook-2007.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__outlook-2007',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Fax'],
    phones: ['Mobile', 'Home', 'Work'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Work: '(111) 555-1111',
        Home: '(111) 555-2222',
        Mobile: '(111) 555-4444',
        Fax: '(111) 555-3333'
      })
  },
  'contacts/vcards/ez-vcard__rfc2426-example.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__rfc2426-example',
    headerRow: 0,
    rows: 2,
    headers: ['Name', 'Organization', 'Email', 'Work', 'Fax'],
    phones: ['Work'],
    encoding: 'utf-8',
    check: (r) => {
      expect(record(r, 0)).toMatchObject({
        Name: 'Frank Dawson',
        Work: '+1-919-676-9515',
        Fax: '+1-919-676-9564'
      })
      expect(record(r, 1)).toMatchObject({ Name: 'Tim Howes', Work: '+1-415-937-3419' })
    }
  },
  'contacts/vcards/ez-vcard__rfc6350-example.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__rfc6350-example',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Work'],
    phones: ['Mobile', 'Work'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({ Work: 'tel:+1-418-656-9254;ext=102', Mobile: 'tel:+1-418-262-6501' })
  },
  'contacts/vcards/ez-vcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf': {
    format: 'vcf',
    sheet: 'ez-vcard__thunderbird-MoreFunctionsForAddressBook-extension',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Home', 'Work', 'Pager', 'Fax'],
    phones: ['Mobile', 'Home', 'Work', 'Pager'],
    encoding: 'utf-8',
    check: (r) =>
      expect(record(r)).toMatchObject({
        Work: '555-555-1111',
        Home: '555-555-2222',
        Mobile: '555-555-5555',
        Fax: '555-555-3333'
      })
  },
  'contacts/vcards/roundcube__apple.vcf': {
    format: 'vcf',
    sheet: 'roundcube__apple',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-8',
    check: (r) => expect(r.rows).toEqual([['Apple Computer AG', 'Apple Computer AG']])
  },
  'contacts/vcards/roundcube__johndoe.vcf': {
    format: 'vcf',
    sheet: 'roundcube__johndoe',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email', 'Mobile', 'Work'],
    phones: ['Mobile', 'Work'],
    encoding: 'windows-1252',
    check: (r) =>
      expect(record(r)).toMatchObject({ Name: 'John Doë', Mobile: '+987654321', Work: '+123456789' })
  },
  'contacts/vcards/roundcube__thebat.vcf': {
    format: 'vcf',
    sheet: 'roundcube__thebat',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-8',
    check: (r) => expect(record(r).Email).toBe('piotr.iksinski@somedomain.com')
  },
  'contacts/vcards/roundcube__utf-16_sample.vcf': {
    format: 'vcf',
    sheet: 'roundcube__utf-16_sample',
    headerRow: 0,
    rows: 1,
    headers: ['Name', 'Organization', 'Email'],
    phones: [],
    encoding: 'utf-16be',
    check: (r) => expect(r.rows).toEqual([['Ǽgean ĽdaMonté']])
  },

  // Header lists.
  'contacts/headers/zimbra_phone_columns.tsv': {
    format: 'tsv',
    sheet: 'zimbra_phone_columns',
    headerRow: 0,
    rows: 492,
    headers: ['format', 'locale', 'csv_header', 'zimbra_field'],
    phones: [],
    encoding: 'utf-8',
    delimiter: '\t'
  },
  // Zimbra's mapping definitions: XML, but not a spreadsheet.
  'contacts/headers/zimbra__zimbra-contact-fields.xml': { error: 'unsupported_format' }
}

/** Not contact or spreadsheet files: the manifests and the vCard samples' licence note. */
const NOT_DATA = new Set(['contacts/vcards/ez-vcard__vcard-samples-license.txt'])

function listFiles(): string[] {
  const out: string[] = []
  for (const folder of ['spreadsheets', 'contacts/csv', 'contacts/vcards', 'contacts/headers']) {
    for (const name of readdirSync(join(EXTERNAL_DIR, folder))) {
      const rel = `${folder}/${name}`
      if (name.endsWith('.md') || NOT_DATA.has(rel)) continue
      out.push(rel)
    }
  }
  return out.sort()
}

async function importFile(rel: string): Promise<Result> {
  const path = join(EXTERNAL_DIR, rel)
  const preview = await previewFile(path)
  const rows: CellValue[][] = []
  const firsts: number[] = []
  const read = await readTable(path, {
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    onBatch: (batch, first) => {
      rows.push(...batch)
      firsts.push(first)
    }
  })
  expect(read.rowCount).toBe(rows.filter((row) => row.length > 0).length)
  return { preview, headers: read.headers, rows, firsts }
}

const skipReason = externalSkipReason()

describe.skipIf(skipReason !== null)(skipReason ?? 'import of real third-party files', () => {
  it('has an expected outcome for every spreadsheet and contact file in the folder', () => {
    expect(listFiles()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))(
    '%s',
    async (rel, expected) => {
      if ('error' in expected) {
        const err = await previewFile(join(EXTERNAL_DIR, rel)).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(ImportError)
        expect((err as ImportError).code).toBe(expected.error)
        expect((err as ImportError).message).toContain(rel.split('/').pop())
        return
      }
      const r = await importFile(rel)
      const { preview } = r
      expect(preview.format).toBe(expected.format)
      expect(preview.sheet).toBe(expected.sheet)
      expect(preview.headerRow).toBe(expected.headerRow)
      expect(preview.totalRows).toBe(expected.rows)
      expect(preview.sheets.find((s) => s.name === preview.sheet)?.rows).toBe(expected.rows)
      expect(r.rows.filter((row) => row.length > 0)).toHaveLength(expected.rows)
      expect(r.headers.slice(0, expected.headers.length)).toEqual(expected.headers)
      expect(preview.suggestedPhoneColumns.map((i) => preview.columns[i].header)).toEqual(expected.phones)
      const country =
        preview.suggestedCountryColumn === null
          ? undefined
          : preview.columns[preview.suggestedCountryColumn].header
      expect(country).toBe(expected.country)
      expect(preview.encoding).toBe(expected.encoding ?? null)
      expect(preview.delimiter).toBe(expected.delimiter ?? null)
      // The preview shows the header row, then the same first rows the read delivers.
      const dataStart = expected.headerRow === null ? -1 : expected.headerRow
      const sampleData = preview.sampleRows.filter((_, i) => preview.sampleRowIndexes[i] > dataStart)
      expect(sampleData).toEqual(r.rows.slice(0, 50))
      expect(preview.sampleRowIndexes).toHaveLength(preview.sampleRows.length)
      expect(preview.sampleRowIndexes.every((v, i, all) => i === 0 || v > all[i - 1])).toBe(true)
      if (expected.headerRow !== null) expect(preview.sampleRowIndexes).toContain(expected.headerRow)
      for (const c of preview.columns) {
        expect(c.phoneConfidence).toBeGreaterThanOrEqual(0)
        expect(c.phoneConfidence).toBeLessThanOrEqual(1)
      }
      expected.check?.(r)
    },
    60_000
  )

  it('refuses chart, macro and dialog sheets as data sheets', async () => {
    const path = join(EXTERNAL_DIR, 'spreadsheets/sheetjs__BlankSheetTypes.xlsb')
    await expect(previewFile(path, { sheet: 'Chart1' })).rejects.toMatchObject({ code: 'sheet_not_found' })
    const sheet1 = await previewFile(path, { sheet: 'Sheet1' })
    expect(sheet1.sheets.map((s) => s.name)).toEqual(['Sheet1'])
    expect(sheet1.totalRows).toBe(0)
  })

  it('recognises the localized phone and fax headers of Outlook, Thunderbird, Windows Live Mail and Yahoo', () => {
    const lines = readFileSync(join(EXTERNAL_DIR, 'contacts/headers/zimbra_phone_columns.tsv'), 'utf8')
      .trim()
      .split('\n')
    // Bare words (Home, Work, Ufficio …) only mean a phone number next to other phone columns.
    const contextual = new Set([
      'Home',
      'Work',
      'Other',
      'Hem',
      'Arbete',
      'Ufficio',
      'Ufficio 2',
      'Abitazione',
      'Abitazione 2',
      'Particular'
    ])
    let checked = 0
    for (const line of lines.slice(1)) {
      const [, , header, field] = line.split('\t')
      const kind = headerPhoneMatch(header).kind
      // Telex numbers are not dialled; phonetic* are name readings that the list picked up by their field name.
      if (field === 'telex' || field.startsWith('phonetic')) expect(kind, header).toBe(null)
      else if (/fax/i.test(field)) expect(kind, header).toBe('fax')
      else if (contextual.has(header)) expect(kind, header).toBe('context')
      else expect(kind, header).toBe('phone')
      checked++
    }
    expect(checked).toBe(492)
  })

  it('gives the same answers through the worker thread, including refusals', async () => {
    const script = sourceWorkerScriptForTests()
    for (const rel of [
      'spreadsheets/oh_sheet__contacts.xlsx',
      'spreadsheets/lo__export-millon-rows.xlsx',
      'contacts/vcards/roundcube__utf-16_sample.vcf'
    ]) {
      const path = join(EXTERNAL_DIR, rel)
      expect(await previewFileInWorker(script, path)).toEqual(await previewFile(path))
    }
    for (const rel of [
      'spreadsheets/lo__simple-encryption-2010.xlsx',
      'spreadsheets/poi__poc-xmlbomb.xlsx'
    ]) {
      const path = join(EXTERNAL_DIR, rel)
      const err = await previewFileInWorker(script, path).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ImportError)
      expect((err as ImportError).code).toBe((EXPECTED[rel] as { error: string }).error)
    }
  }, 120_000)
})
