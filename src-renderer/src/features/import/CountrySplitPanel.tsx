import { TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { CountrySplit } from '@contract/types'
import { Button } from '../../components/Button'
import { Spinner } from '../../components/Spinner'
import { flagEmoji, formatCount, regionName } from '../../lib/format'
import { useAppStore } from '../../store'
import { mismatchFix, mismatchWarning, percent, splitEntries, splitFigures } from './country-split'

/**
 * "Countries in this list": how the chosen phone columns' numbers split by country, read as the check will read
 * them, with a warning and a one-click fix when most numbers do not fit the default country.
 */
export function CountrySplitPanel({ disabled, totalRows }: { disabled: boolean; totalRows: number }) {
  const split = useAppStore((state) => state.countrySplit)
  const state = useAppStore((state) => state.countrySplitState)
  const error = useAppStore((state) => state.countrySplitError)
  const phoneColumns = useAppStore((state) => state.phoneColumns)
  const appInfo = useAppStore((state) => state.appInfo)
  const useAsDefault = useAppStore((state) => state.useSplitCountryAsDefault)
  const { t } = useTranslation('import')
  const name = (code: string) => regionName(code, appInfo?.regions)
  const loading = state === 'loading'

  return (
    <section
      className="card split-card"
      data-testid="country-split"
      data-state={state}
      aria-labelledby="split-title"
      aria-busy={loading || undefined}
    >
      <header className="card-header">
        <h2 id="split-title" className="card-title">
          {t('split.title')}
        </h2>
        <p className="card-subtitle">
          {split && state !== 'error'
            ? t(split.rows >= totalRows ? 'split.subtitleAll' : 'split.subtitleFirst', { count: split.rows })
            : t('split.subtitleIdle')}
        </p>
        {loading ? (
          <span className="split-spinner">
            <Spinner size={14} label={t('split.working')} />
          </span>
        ) : null}
      </header>
      <div className="split-body">
        {phoneColumns.length === 0 ? (
          <p className="dim">{t('split.choosePhone')}</p>
        ) : state === 'error' ? (
          <p className="split-error" role="alert" data-testid="country-split-error">
            {t('split.failed', { message: error?.message ?? t('split.unknownError') })}
          </p>
        ) : !split ? (
          <p className="dim">{t('split.workingDots')}</p>
        ) : split.numbers === 0 ? (
          <p className="dim">{t('split.noNumbers')}</p>
        ) : (
          <SplitFigures split={split} name={name} stale={loading} />
        )}
        {split && state !== 'error' && split.mismatch ? (
          <div className="callout callout-warning split-warning" role="status" data-testid="country-mismatch">
            <TriangleAlert size={16} aria-hidden="true" className="callout-icon" />
            <p>{mismatchWarning(split, name)}</p>
            <Button
              size="sm"
              data-testid="use-split-country"
              disabled={disabled || loading}
              onClick={useAsDefault}
            >
              {mismatchFix(split, name)?.label}
            </Button>
          </div>
        ) : null}
      </div>
    </section>
  )
}

function SplitFigures({
  split,
  name,
  stale
}: {
  split: CountrySplit
  name: (code: string) => string
  stale: boolean
}) {
  const { t } = useTranslation('import')
  const entries = splitEntries(split)
  return (
    <div className={`split-figures${stale ? ' is-stale' : ''}`}>
      <div className="split-bar" aria-hidden="true">
        {entries.map((entry, i) => (
          <span
            key={entry.country ?? 'other'}
            className={`split-segment split-tone-${entry.country ? i : 'other'}`}
            style={{ width: `${Math.max(entry.share * 100, 0.5)}%` }}
            title={t('split.segment', {
              name: entry.country ? name(entry.country) : t('split.other'),
              share: percent(entry.share)
            })}
          />
        ))}
      </div>
      <ol className="split-list" data-testid="country-split-list">
        {entries.map((entry, i) => (
          <li key={entry.country ?? 'other'} data-testid={`split-country-${entry.country ?? 'other'}`}>
            <span className={`split-swatch split-tone-${entry.country ? i : 'other'}`} aria-hidden="true" />
            <span className="split-name">
              {entry.country ? (
                <>
                  {flagEmoji(entry.country)} {name(entry.country)}
                  {entry.country === split.defaultRegion ? (
                    <span className="dim"> {t('split.isDefault')}</span>
                  ) : null}
                </>
              ) : (
                t('split.other')
              )}
            </span>
            <span className="split-count">{formatCount(entry.numbers)}</span>
            <span className="split-share">{percent(entry.share)}</span>
          </li>
        ))}
      </ol>
      <p className="split-extra" data-testid="country-split-extra">
        {splitFigures(split).map((figure, i) => (
          <span
            key={figure.key}
            className={`split-extra-${figure.key}`}
            title={t(FIGURE_HINTS[figure.key])}
            data-testid={`split-${figure.key}`}
          >
            {i > 0 ? ' · ' : ''}
            {figure.text}
          </span>
        ))}
        <span className="dim"> {t('split.ofNumbers', { count: split.numbers })}</span>
      </p>
    </div>
  )
}

const FIGURE_HINTS = {
  inferred: 'split.inferredHint',
  ambiguous: 'split.ambiguousHint',
  invalid: 'split.invalidHint'
} as const
