import {
  FRESHNESS_STATES,
  JOB_STATUSES,
  PAUSE_REASONS,
  SOURCE_FORMATS,
  STATUSES,
  lineTypeLabel as coreLineTypeLabel,
  reasonLabel as coreReasonLabel,
  type FreshnessState,
  type JobPhase,
  type JobStatus,
  type PauseReason,
  type ProviderView,
  type SourceFormat,
  type Status
} from '@contract/types'
import { currentLanguage, translate } from '../i18n'

/**
 * A record whose values are read from the catalogue at each access, so `STATUS_LABELS.active` is in the language
 * on screen now (the app re-renders every component when the language changes).
 */
function localized<K extends string>(keys: readonly K[], keyOf: (key: K) => string): Record<K, string> {
  const record = {} as Record<K, string>
  for (const key of keys) {
    Object.defineProperty(record, key, {
      enumerable: true,
      get: () => translate(keyOf(key) as never) as string
    })
  }
  return record
}

export const STATUS_LABELS: Record<Status, string> = localized(STATUSES, (s) => `labels.status.${s}`)

export const STATUS_DESCRIPTIONS: Record<Status, string> = localized(
  STATUSES,
  (s) => `labels.statusDescription.${s}`
)

export function reasonLabel(code: string | null): string {
  return coreReasonLabel(code, currentLanguage())
}

export function lineTypeLabel(lineType: string | null): string {
  return coreLineTypeLabel(lineType, currentLanguage())
}

export const JOB_STATUS_LABELS: Record<JobStatus, string> = localized(
  JOB_STATUSES,
  (s) => `labels.jobStatus.${s}`
)

export const PHASE_LABELS: Record<JobPhase, string> = localized(
  ['importing', 'checking', 'live', 'finished'],
  (p) => `labels.phase.${p}`
)

const FORMAT_LABELS: Record<SourceFormat, string> = localized(SOURCE_FORMATS, (f) => `labels.format.${f}`)

export function formatLabel(format: SourceFormat): string {
  return (SOURCE_FORMATS as readonly string[]).includes(format) ? FORMAT_LABELS[format] : format.toUpperCase()
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
  ' ': 'space'
}

export function delimiterLabel(delimiter: string | null): string | null {
  if (delimiter === null) return null
  const name = DELIMITER_NAMES[delimiter]
  return name
    ? translate(`labels.delimiter.${name}` as never)
    : translate('labels.delimiter.other', { delimiter })
}

export function isTerminal(status: JobStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled'
}

/** Display names for provider ids, used until (or without) the provider list from main. Names stay as written. */
const PROVIDER_NAMES: Record<string, string> = {
  acedata: 'Ace Data Cloud',
  toolkk: 'toolkk',
  checknumber: 'CheckNumber.ai',
  telesign: 'Telesign PhoneID Live',
  checkmobi: 'CheckMobi HLR lookup'
}

/** The provider's display name: main's own name when the list is loaded, then the built-in one, then the id. */
export function providerLabel(id: string | null, providers?: readonly ProviderView[] | null): string {
  if (!id) return ''
  if (id === 'offline') return translate('labels.offlineCheck')
  return providers?.find((p) => p.id === id)?.name ?? PROVIDER_NAMES[id] ?? id
}

export const PAUSE_TITLES: Record<PauseReason, string> = localized(
  PAUSE_REASONS,
  (r) => `labels.pauseTitle.${r}`
)

/** Short form for the job list. */
export const PAUSE_SHORT: Record<PauseReason, string> = localized(
  PAUSE_REASONS,
  (r) => `labels.pauseShort.${r}`
)

export const FRESHNESS_LABELS: Record<FreshnessState, string> = localized(
  FRESHNESS_STATES,
  (s) => `labels.freshness.${s}`
)
