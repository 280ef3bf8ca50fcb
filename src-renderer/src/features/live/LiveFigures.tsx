import type { ReactNode } from 'react'
import { TriangleAlert } from 'lucide-react'
import type { LiveSummary, ProvidersOverview } from '@contract/types'
import { useTranslation } from 'react-i18next'
import { translate } from '../../i18n'
import { formatCount, formatMoney, formatSpend } from '../../lib/format'
import { localizeProviderText } from './provider-text'

/** How far the paid check is: numbers no longer waiting or in flight, out of every number it covers. */
export function liveDone(live: LiveSummary): number {
  return Math.max(0, live.total - live.pending - live.inFlight)
}

/** The currency the plan's providers charge in, when they all use one; null when mixed or not known yet. */
export function planCurrency(live: LiveSummary, overview: ProvidersOverview | null): string | null {
  const ids = new Set([
    ...live.plan.route.map((step) => step.provider),
    ...(live.plan.fallback ? [live.plan.fallback] : [])
  ])
  const currencies = new Set<string>()
  for (const id of ids) {
    const currency = overview?.providers.find((p) => p.id === id)?.settings?.currency
    if (currency) currencies.add(currency)
  }
  for (const line of live.spend) currencies.add(line.currency)
  return currencies.size === 1 ? [...currencies][0] : null
}

/** "0.18 USD" spent, with the cap next to it when there is one. */
export function spendText(live: LiveSummary, currency: string | null): string {
  const estimated = live.spend.some((line) => line.estimated && line.amount !== 0)
  const amount = formatSpend(live.spend, formatMoney(0, currency ?? ''))
  const spent = estimated ? translate('live:figures.spentEstimated', { spent: amount }) : amount
  const cap = live.plan.spendCap
  if (cap === null) return spent
  return translate('live:figures.spentOfCap', { spent, cap: formatMoney(cap, currency ?? '') })
}

interface FigureProps {
  label: string
  value: ReactNode
  testId: string
  tone?: 'warning' | 'danger'
  title?: string
}

function Figure({ label, value, testId, tone, title }: FigureProps) {
  return (
    <div className={tone ? `is-${tone}` : undefined} title={title}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
}

/** Where every number of the paid check stands; the same figures running and paused. */
export function LiveCounters({ live }: { live: LiveSummary }) {
  const { t } = useTranslation('live')
  return (
    <dl className="live-counters" aria-label={t('figures.label')}>
      <Figure
        label={t('figures.answered')}
        value={formatCount(live.answered)}
        testId="live-answered"
        title={t('figures.answeredHint')}
      />
      <Figure
        label={t('figures.cached')}
        value={formatCount(live.cached)}
        testId="live-cached"
        title={t('figures.cachedHint')}
      />
      <Figure
        label={t('figures.pending')}
        value={formatCount(live.pending)}
        testId="live-pending"
        title={t('figures.pendingHint')}
      />
      <Figure
        label={t('figures.inFlight')}
        value={formatCount(live.inFlight)}
        testId="live-inflight"
        title={t('figures.inFlightHint')}
      />
      <Figure
        label={t('figures.failed')}
        value={formatCount(live.failed)}
        testId="live-failed"
        tone={live.failed > 0 ? 'warning' : undefined}
        title={t('figures.failedHint')}
      />
      <Figure
        label={t('figures.uncertain')}
        value={formatCount(live.uncertain)}
        testId="live-uncertain"
        tone={live.uncertain > 0 ? 'warning' : undefined}
        title={t('figures.uncertainHint')}
      />
      <Figure
        label={t('figures.errors')}
        value={formatCount(live.errors)}
        testId="live-errors"
        tone={live.errors > 0 ? 'warning' : undefined}
        title={t('figures.errorsHint')}
      />
    </dl>
  )
}

export function LastError({ live }: { live: LiveSummary }) {
  const { t } = useTranslation('live')
  if (!live.lastError) return null
  return (
    <p className="live-last-error" data-testid="live-last-error">
      <TriangleAlert size={14} aria-hidden="true" />
      <span>
        <strong>{t('figures.lastError')}</strong> {localizeProviderText(live.lastError)}
      </span>
    </p>
  )
}
