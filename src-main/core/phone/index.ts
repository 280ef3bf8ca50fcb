// Offline phone engine: finds, cleans and validates the numbers in a cell with libphonenumber's full metadata.
export type { NumberResult, OfflineReason } from './types'
export { checkNumberText, checkNumericCell, preferDefaultReading } from './check'
export { extractNumbers, splitCell } from './extract'
export { displayFormats, type DisplayFormats } from './format'
export { NumberMemo, type NumberMemoOptions, type TextCheck } from './memo'
export { defaultRegionFromLocale, listRegions, resolveRegion } from './regions'
export {
  ProfileBuilder,
  RegionInference,
  regionName,
  writtenWithCountryCode,
  type InferenceSettings,
  type ListProfile
} from './infer'
export { isPlaceHeader, placeRegion } from './places'
