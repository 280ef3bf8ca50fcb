import type { ConfigurableProviderId, FreshnessState, LineType } from '@contract/types'
import { initialLiveDraft, moveItem, type LivePlanDraft } from '../lib/live-plan'
import type { SliceFactory } from './types'

/** The "Paid check" section of the import form. Off by default: a new file never starts out spending money. */
export interface PlanSlice {
  liveDraft: LivePlanDraft
  setLiveEnabled: (enabled: boolean) => void
  addRouteStep: (provider: ConfigurableProviderId) => void
  removeRouteStep: (index: number) => void
  moveRouteStep: (index: number, delta: -1 | 1) => void
  setStepCountries: (index: number, countries: string[]) => void
  setFallback: (provider: ConfigurableProviderId | null) => void
  toggleLineType: (lineType: LineType) => void
  setSpendCapText: (text: string) => void
  setFreshnessText: (state: FreshnessState, text: string) => void
  resetFreshness: () => void
}

export const createPlanSlice: SliceFactory<PlanSlice> = () => (set) => {
  const edit = (change: (draft: LivePlanDraft) => Partial<LivePlanDraft>) =>
    set((state) => ({ liveDraft: { ...state.liveDraft, ...change(state.liveDraft) } }))

  return {
    liveDraft: initialLiveDraft(),

    setLiveEnabled(enabled) {
      edit(() => ({ enabled }))
    },

    addRouteStep(provider) {
      edit((draft) => ({
        route: [...draft.route, { provider, countries: [] }],
        // A provider in the chain is not also its own fallback.
        fallback: draft.fallback === provider ? null : draft.fallback
      }))
    },

    removeRouteStep(index) {
      edit((draft) => ({ route: draft.route.filter((_, i) => i !== index) }))
    },

    moveRouteStep(index, delta) {
      edit((draft) => ({ route: moveItem(draft.route, index, delta) }))
    },

    setStepCountries(index, countries) {
      edit((draft) => ({
        route: draft.route.map((step, i) =>
          i === index ? { ...step, countries: [...new Set(countries)].sort() } : step
        )
      }))
    },

    setFallback(provider) {
      edit(() => ({ fallback: provider }))
    },

    toggleLineType(lineType) {
      edit((draft) => ({
        lineTypes: draft.lineTypes.includes(lineType)
          ? draft.lineTypes.filter((t) => t !== lineType)
          : [...draft.lineTypes, lineType]
      }))
    },

    setSpendCapText(text) {
      edit(() => ({ spendCap: text }))
    },

    setFreshnessText(state, text) {
      edit((draft) => ({ freshnessDays: { ...draft.freshnessDays, [state]: text } }))
    },

    resetFreshness() {
      edit(() => ({ freshnessDays: initialLiveDraft().freshnessDays }))
    }
  }
}
