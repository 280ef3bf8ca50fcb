import { useTranslation } from 'react-i18next'
import type { FreshnessState, SampleOutcome } from '@contract/types'
import { formatCount, formatPercent, formatSpend } from '../../lib/format'
import { STATUS_LABELS } from '../../lib/labels'

// The order of the status tiles elsewhere (unchecked cannot come out of a paid answer).
const ORDER: FreshnessState[] = ['active', 'unknown', 'inactive', 'invalid']

/** What a sample found, and what the whole list would likely give at the same shares. */
export function SampleOutcomeView({ sample }: { sample: SampleOutcome }) {
  const { checked } = sample
  const { t } = useTranslation('live')
  return (
    <section className="sample-outcome" data-testid="sample-outcome" aria-labelledby="sample-title">
      <h3 id="sample-title" className="sample-title">
        {t('sample.title', { count: checked })}
      </h3>
      <div className="sample-bar" aria-hidden="true">
        {ORDER.filter((state) => sample.byStatus[state] > 0).map((state) => (
          <span
            key={state}
            className={`sample-bar-seg status-${state}`}
            style={{ flexGrow: sample.byStatus[state] }}
          />
        ))}
      </div>
      <table className="sample-table">
        <thead>
          <tr>
            <th scope="col">{t('sample.status')}</th>
            <th scope="col" className="num">
              {t('sample.inSample')}
            </th>
            <th scope="col" className="num">
              {t('sample.share')}
            </th>
            <th scope="col" className="num">
              {t('sample.projected')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ORDER.map((state) => (
            <tr key={state} data-testid={`sample-${state}`}>
              <th scope="row">
                <span className={`status-dot status-${state}`} aria-hidden="true" /> {STATUS_LABELS[state]}
              </th>
              <td className="num">{formatCount(sample.byStatus[state])}</td>
              <td className="num">{formatPercent(sample.byStatus[state], checked)}</td>
              <td className="num">
                {t('sample.about', { count: formatCount(sample.projectedByStatus[state]) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sample-cost" data-testid="sample-projected-cost">
        {t('sample.restCost')} <strong>{formatSpend(sample.projectedCost, t('sample.nothing'))}</strong>
      </p>
    </section>
  )
}
