// A provider as one run of a paid check uses it: the adapter with the user's key, settings, limits and price.
import type { LiveProvider, ProviderCredentials, ProviderSettings } from './types'

/** What a run needs of one provider: the adapter, its key and settings, limits and price. */
export interface ProviderRuntime {
  provider: LiveProvider
  name: string
  credentials: ProviderCredentials
  settings: ProviderSettings
  concurrency: number
  ratePerSecond: number
  pricePerLookup: number
  currency: string
  /** Values that must never appear in a message (the key, the customer id). */
  secrets: string[]
}

/** The message with every secret of the runtime masked (too-short values are left, they would mask words). */
export function scrub(runtime: ProviderRuntime, message: string): string {
  let text = message
  for (const secret of runtime.secrets) if (secret.length >= 4) text = text.split(secret).join('••••')
  return text
}
