// TEMPORARY local stand-in until the places branch merges (not committed).
import { resolveRegion } from './regions'
export function placeRegion(text: string): string | null {
  if (/上海|北京|shanghai|beijing/i.test(text)) return 'CN'
  if (/new york|boston|london|berlin/i.test(text))
    return /london/i.test(text) ? 'GB' : /berlin/i.test(text) ? 'DE' : 'US'
  return resolveRegion(text)
}
export function isPlaceHeader(header: string): boolean {
  return /city|address|country|region|城市|地址|国家/i.test(header)
}
