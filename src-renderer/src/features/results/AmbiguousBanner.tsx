import { useEffect } from 'react'
import { Globe2 } from 'lucide-react'
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
  const appInfo = useAppStore((state) => state.appInfo)
  const loadAmbiguous = useAppStore((state) => state.loadAmbiguous)
  const resolve = useAppStore((state) => state.resolveAmbiguous)
  const showAmbiguous = useAppStore((state) => state.showAmbiguous)

  // Ambiguous numbers appear as the offline check runs and go when chosen; re-read when either may have changed.
  const key = `${job.id}|${job.status}|${job.phase}|${job.counts.byStatus.unknown}`
  useEffect(() => {
    void loadAmbiguous(job.id)
  }, [key, job.id, loadAmbiguous])

  if (jobId !== job.id || (choices.length === 0 && rows === 0)) return null

  const running = job.status === 'running' || job.status === 'draft'
  const showing = filter.reasons?.length === 1 && filter.reasons[0] === AMBIGUOUS_REASON
  const lead =
    rows > 0
      ? `${formatCount(rows)} ${rows === 1 ? 'row has a number' : 'rows have numbers'} valid in more than one country, not checked.`
      : 'Some numbers are valid in more than one country and were not checked.'

  return (
    <div className="notice notice-live ambiguous-banner" role="note" data-testid="ambiguous-banner">
      <span>
        <Globe2 size={14} aria-hidden="true" /> {lead}
      </span>
      <span className="ambiguous-choices">
        {choices.length > 0 ? <span>Read them as:</span> : null}
        {choices.map((choice) => (
          <Button
            key={choice.country}
            size="sm"
            data-testid={`ambiguous-choose-${choice.country}`}
            disabled={running || (resolving !== null && resolving !== choice.country)}
            busy={resolving === choice.country}
            title={
              running
                ? 'Available once the file is read and checked offline'
                : `Read ${formatCount(choice.numbers)} of them as numbers of ${regionName(choice.country, appInfo?.regions)}`
            }
            onClick={() => void resolve(choice.country)}
          >
            {regionName(choice.country, appInfo?.regions)} ({formatCount(choice.numbers)})
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
          Show them
        </Button>
      </span>
    </div>
  )
}
