import { useEffect } from 'react'
import { Globe2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { JobDetail } from '@contract/types'
import { Button } from '../../components/Button'
import { formatCount, regionName } from '../../lib/format'
import { useAppStore } from '../../store'
import { AMBIGUOUS_REASON } from '../../store/ambiguous-slice'

/**
 * Above the table when some numbers read validly in several countries: they were held back, and one click reads
 * them in the country the user picks.
 */
export function AmbiguousBanner({ job }: { job: JobDetail }) {
  const jobId = useAppStore((state) => state.ambiguousJobId)
  const choices = useAppStore((state) => state.ambiguousChoices)
  const rows = useAppStore((state) => state.ambiguousRows)
  const resolving = useAppStore((state) => state.ambiguousResolving)
  const filter = useAppStore((state) => state.filter)
  const loadAmbiguous = useAppStore((state) => state.loadAmbiguous)
  const resolve = useAppStore((state) => state.resolveAmbiguous)
  const showAmbiguous = useAppStore((state) => state.showAmbiguous)
  const { t } = useTranslation('results')

  // Ambiguous numbers appear as the offline check runs and go when chosen; re-read when either may have changed.
  const key = `${job.id}|${job.status}|${job.phase}|${job.counts.byStatus.unknown}`
  useEffect(() => {
    void loadAmbiguous(job.id)
  }, [key, job.id, loadAmbiguous])

  if (jobId !== job.id || (choices.length === 0 && rows === 0)) return null

  const running = job.status === 'running' || job.status === 'draft'
  const showing = filter.reasons?.length === 1 && filter.reasons[0] === AMBIGUOUS_REASON
  const lead = rows > 0 ? t('ambiguous.lead', { count: rows }) : t('ambiguous.leadNoRows')

  return (
    <div className="notice notice-live ambiguous-banner" role="note" data-testid="ambiguous-banner">
      <span>
        <Globe2 size={14} aria-hidden="true" /> {lead}
      </span>
      <span className="ambiguous-choices">
        {choices.length > 0 ? <span>{t('ambiguous.readAs')}</span> : null}
        {choices.map((choice) => (
          <Button
            key={choice.country}
            size="sm"
            data-testid={`ambiguous-choose-${choice.country}`}
            disabled={running || (resolving !== null && resolving !== choice.country)}
            busy={resolving === choice.country}
            title={
              running
                ? t('ambiguous.waiting')
                : t('ambiguous.choose', { count: choice.numbers, country: regionName(choice.country) })
            }
            onClick={() => void resolve(choice.country)}
          >
            <span data-count>
              {t('ambiguous.choice', {
                country: regionName(choice.country),
                shown: formatCount(choice.numbers)
              })}
            </span>
          </Button>
        ))}
        <span aria-hidden="true">·</span>
        <Button
          size="sm"
          variant="ghost"
          data-testid="ambiguous-show"
          disabled={showing}
          onClick={showAmbiguous}
        >
          {t('ambiguous.show')}
        </Button>
      </span>
    </div>
  )
}
