// Every provider Ringtrue knows, in the order the settings screen shows them. The adapters live in providers/
// (owned by their authors); this list is the one place that decides which of them the app offers.
import { acedataProvider } from './providers/acedata'
import { checkmobiProvider } from './providers/checkmobi'
import { checknumberProvider } from './providers/checknumber'
import { telesignProvider } from './providers/telesign'
import { toolkkProvider } from './providers/toolkk'
import type { Confidence, LiveProvider, LiveProviderId, ProviderId } from './providers/types'

export const LIVE_PROVIDERS: readonly LiveProvider[] = [
  acedataProvider,
  toolkkProvider,
  checknumberProvider,
  telesignProvider,
  checkmobiProvider
]

/** The built-in check, described like a provider so the settings screen and the CLI can list it too. */
export interface OfflineProviderInfo {
  id: 'offline'
  name: string
  measures: string
  coverage: string
  confidence: Confidence
  bulk: false
  keyFields: []
}

export const OFFLINE_PROVIDER: OfflineProviderInfo = {
  id: 'offline',
  name: 'Offline check',
  measures:
    'Whether the number is well formed and possible for its country, and its line type (mobile, landline, ' +
    'toll-free…) from numbering-plan data; it cannot tell whether a number is in service.',
  coverage: 'Every country (libphonenumber metadata)',
  confidence: 'inferred',
  bulk: false,
  keyFields: []
}

export const PROVIDER_IDS: readonly ProviderId[] = ['offline', ...LIVE_PROVIDERS.map((p) => p.info.id)]

export function liveProvider(id: LiveProviderId): LiveProvider {
  const provider = LIVE_PROVIDERS.find((p) => p.info.id === id)
  // Only reachable if an id was added to LIVE_PROVIDER_IDS without registering its adapter here.
  if (!provider) throw new Error(`No adapter is registered for provider ${id}.`)
  return provider
}

export function isLiveProviderId(id: string): id is LiveProviderId {
  return LIVE_PROVIDERS.some((p) => p.info.id === id)
}
