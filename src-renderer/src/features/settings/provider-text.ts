import type { ProviderView } from '@contract/types'
import { translate } from '../../i18n'

export interface ProviderText {
  name: string
  measures: string
  coverage: string
}

/**
 * A provider's name and descriptions in the UI's language. Main describes providers in English; the renderer
 * holds the same sentences per provider id in the settings catalogue. Product names stay as written, except the
 * built-in offline check, which is ours to name.
 */
export function providerText(provider: Pick<ProviderView, 'id' | 'name'>): ProviderText {
  const { id } = provider
  return {
    name: id === 'offline' ? translate('settings:providers.offline.name') : provider.name,
    measures: translate(`settings:providers.${id}.measures`),
    coverage: translate(`settings:providers.${id}.coverage`)
  }
}
