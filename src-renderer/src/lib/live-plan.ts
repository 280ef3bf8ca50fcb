import {
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_LIVE_LINE_TYPES,
  FRESHNESS_STATES,
  type ConfigurableProviderId,
  type FreshnessState,
  type LineType,
  type LivePlan
} from '@contract/types'
import { translate } from '../i18n'
import { parseAmount } from './format'
import { FRESHNESS_LABELS } from './labels'

/** One step of the chain as the form edits it: an empty country list means every country the provider covers. */
export interface RouteStepDraft {
  provider: ConfigurableProviderId
  countries: string[]
}

/** The paid-check part of the import form. Numbers stay text while typed, so a half-typed value does not jump. */
export interface LivePlanDraft {
  enabled: boolean
  route: RouteStepDraft[]
  fallback: ConfigurableProviderId | null
  lineTypes: LineType[]
  spendCap: string
  freshnessDays: Record<FreshnessState, string>
}

export function initialLiveDraft(): LivePlanDraft {
  return {
    enabled: false,
    route: [],
    fallback: null,
    lineTypes: [...DEFAULT_LIVE_LINE_TYPES],
    spendCap: '',
    freshnessDays: Object.fromEntries(
      FRESHNESS_STATES.map((state) => [state, String(DEFAULT_FRESHNESS_DAYS[state])])
    ) as Record<FreshnessState, string>
  }
}

const MAX_DAYS = 3650

export type BuiltPlan = { ok: true; plan: LivePlan } | { ok: false; error: string }

/** The plan to send with the job, or the first thing the user still has to fix, in words. */
export function buildLivePlan(draft: LivePlanDraft): BuiltPlan {
  if (draft.route.length === 0) return { ok: false, error: translate('import:plan.noProvider') }
  const unrestricted = new Set<string>()
  for (const step of draft.route) {
    if (step.countries.length > 0) continue
    if (unrestricted.has(step.provider)) {
      return { ok: false, error: translate('import:plan.twice') }
    }
    unrestricted.add(step.provider)
  }
  if (draft.lineTypes.length === 0) {
    return { ok: false, error: translate('import:plan.noLineType') }
  }
  const cap = parseAmount(draft.spendCap)
  if (cap !== null && Number.isNaN(cap)) {
    return { ok: false, error: translate('import:plan.badCap') }
  }
  const freshnessDays = {} as Record<FreshnessState, number>
  for (const state of FRESHNESS_STATES) {
    const days = parseAmount(draft.freshnessDays[state])
    if (days === null || Number.isNaN(days) || days > MAX_DAYS) {
      return {
        ok: false,
        error: translate('import:plan.badFreshness', { label: FRESHNESS_LABELS[state], max: MAX_DAYS })
      }
    }
    freshnessDays[state] = days
  }
  return {
    ok: true,
    plan: {
      route: draft.route.map((step) => ({
        provider: step.provider,
        countries: step.countries.length > 0 ? [...step.countries] : null
      })),
      fallback: draft.fallback,
      spendCap: cap,
      lineTypes: [...draft.lineTypes],
      freshnessDays
    }
  }
}

/** Moves one entry up (-1) or down (+1); out-of-range moves leave the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list]
  const next = [...list]
  ;[next[index], next[target]] = [next[target], next[index]]
  return next
}
