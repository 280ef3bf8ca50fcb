import type { LineType } from '../domain'

export type OfflineReason =
  | 'too_short'
  | 'too_long'
  | 'invalid_length'
  | 'invalid_country_code'
  | 'not_a_number'
  /** Right length, but no valid pattern for that country. */
  | 'invalid_number'
  /** A spreadsheet stored it in scientific notation and digits are gone (8.61381E+12). */
  | 'lost_digits'
  /** Numeric cell; the national leading 0 the number needs was dropped by the spreadsheet. */
  | 'lost_leading_zero'
  /** Numeric cell; only valid as an international number, the + was dropped. */
  | 'lost_plus'
  /**
   * A valid number whose row's country (from the country column) did not fit it; it was read with the job's
   * default region instead. The only reason a valid ('unchecked') number carries.
   */
  | 'country_column_mismatch'
  /** A '+' after the first digit ('190022+22222'): malformed, not read as a number. */
  | 'stray_plus'
  /**
   * Written without a country code and not (or only unlikely) a number of the default region, but a good number
   * of another country the row or the list evidently holds: read in that country. Valid ('unchecked').
   */
  | 'region_inferred'
  /** Valid in two or more countries with nothing on the row or the list to decide: held back as 'unknown'. */
  | 'ambiguous_region'
  /** An ambiguous number the user read in one of its countries. Valid ('unchecked'). */
  | 'region_chosen'

export interface NumberResult {
  /** This number's text as found in the cell, trimmed; for a numeric cell the integer digits as text. */
  raw: string
  /** Set whenever the number is valid (status 'unchecked'). */
  e164: string | null
  /** 'unknown' only for an ambiguous_region number: it has no single reading yet. */
  status: 'unchecked' | 'invalid' | 'unknown'
  /** Null when valid, except the readings of a region other than the row's: country_column_mismatch, region_inferred. */
  reason: OfflineReason | null
  /** Null for invalid numbers; 'unknown' when libphonenumber cannot tell. */
  lineType: LineType | null
  /** ISO 3166 alpha-2 of the number, also for invalid ones when known. */
  country: string | null
  extension: string | null
  /** A plain-English explanation of a flag or a recovery. */
  note: string | null
  /** E.164 when valid, otherwise 'x:' + a normalized form of raw, so identical invalid entries group. */
  dedupeKey: string
  /** For ambiguous_region: the regions whose reading is valid, the default's first. */
  alternatives?: string[]
}

/** The check of one number text; `checkNumberText` or a memo in front of it. */
export type TextCheck = (text: string, region: string, fromNumericCell: boolean) => NumberResult
