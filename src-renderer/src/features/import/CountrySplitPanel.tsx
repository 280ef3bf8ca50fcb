import { TriangleAlert } from 'lucide-react'
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
          Countries in this list
        </h2>
        <p className="card-subtitle">
          {split && state !== 'error'
            ? `${split.rows >= totalRows ? 'All' : 'The first'} ${formatCount(split.rows)} ${split.rows === 1 ? 'row' : 'rows'}, read as the check will read them`
            : 'The numbers of the phone columns, read as the check will read them'}
        </p>
        {loading ? (
          <span className="split-spinner">
            <Spinner size={14} label="Working out the countries" />
          </span>
        ) : null}
      </header>
      <div className="split-body">
        {phoneColumns.length === 0 ? (
          <p className="dim">Choose a phone column to see which countries its numbers belong to.</p>
        ) : state === 'error' ? (
          <p className="split-error" role="alert" data-testid="country-split-error">
            The countries could not be worked out: {error?.message ?? 'unknown error'}
          </p>
        ) : !split ? (
          <p className="dim">Working out the countries…</p>
        ) : split.numbers === 0 ? (
          <p className="dim">No phone numbers were found in these columns.</p>
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
  const entries = splitEntries(split)
  return (
    <div className={`split-figures${stale ? ' is-stale' : ''}`}>
      <div className="split-bar" aria-hidden="true">
        {entries.map((entry, i) => (
          <span
            key={entry.country ?? 'other'}
            className={`split-segment split-tone-${entry.country ? i : 'other'}`}
            style={{ width: `${Math.max(entry.share * 100, 0.5)}%` }}
            title={`${entry.country ? name(entry.country) : 'Other countries'}: ${percent(entry.share)}`}
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
                  {entry.country === split.defaultRegion ? <span className="dim"> (default)</span> : null}
                </>
              ) : (
                'Other countries'
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
            title={FIGURE_HINTS[figure.key]}
            data-testid={`split-${figure.key}`}
          >
            {i > 0 ? ' · ' : ''}
            {figure.text}
          </span>
        ))}
        <span className="dim"> of {formatCount(split.numbers)} numbers</span>
      </p>
    </div>
  )
}

const FIGURE_HINTS = {
  inferred:
    'Written without a country code and read in another country than the default, on the list’s evidence',
  ambiguous:
    'Valid in several countries with nothing to choose between them: held back, not checked, until you choose',
  invalid: 'Not a valid number in any country the list points to'
}
