import { useEffect } from 'react'
import { CircleHelp } from 'lucide-react'
import { Spinner } from '../../components/Spinner'
import { formatCount, formatDateTime } from '../../lib/format'
import { providerLabel } from '../../lib/labels'
import { useAppStore } from '../../store'

interface UncertainPanelProps {
  jobId: string
  count: number
  resend: boolean
  onResendChange: (resend: boolean) => void
  /** Inside a dialog the panel drops its own card frame. */
  bare?: boolean
}

/**
 * Requests that may have been billed although their answer never arrived (a dropped connection, a crash).
 * They are re-sent only when the user ticks the box, because the provider may charge for them again.
 */
export function UncertainPanel({ jobId, count, resend, onResendChange, bare }: UncertainPanelProps) {
  const list = useAppStore((state) => state.uncertainList)
  const listState = useAppStore((state) => state.uncertainState)
  const overview = useAppStore((state) => state.providers)
  const loadUncertain = useAppStore((state) => state.loadUncertain)

  useEffect(() => {
    void loadUncertain(jobId)
  }, [jobId, count, loadUncertain])

  return (
    <section
      className={bare ? 'uncertain-panel is-bare' : 'card uncertain-panel'}
      data-testid="uncertain-panel"
      aria-labelledby="uncertain-title"
    >
      <header className="uncertain-head">
        <CircleHelp size={16} aria-hidden="true" />
        <div>
          <h2 id="uncertain-title" className="card-title" data-testid="uncertain-count">
            {formatCount(count)} possibly charged
          </h2>
          <p className="uncertain-sub">
            These requests reached the provider, but their answer never arrived, so Ringtrue cannot tell
            whether they were billed. They are not sent again unless you ask for it.
          </p>
        </div>
      </header>
      {listState === 'loading' && !list ? (
        <div className="uncertain-loading">
          <Spinner size={16} label="Loading the requests" />
        </div>
      ) : listState === 'error' ? (
        <p className="provider-error">The list could not be loaded.</p>
      ) : list && list.length > 0 ? (
        <div className="uncertain-scroll">
          <table className="uncertain-table" data-testid="uncertain-list">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Provider</th>
                <th scope="col">Sent</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {list.map((attempt, i) => (
                <tr key={`${attempt.provider}-${attempt.e164}-${i}`}>
                  <td className="mono">{attempt.e164}</td>
                  <td>{providerLabel(attempt.provider, overview?.providers)}</td>
                  <td className="nowrap">{formatDateTime(attempt.sentAt)}</td>
                  <td className="uncertain-error">{attempt.error ?? 'No answer'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <label className="checkbox-row uncertain-optin">
        <input
          type="checkbox"
          checked={resend}
          onChange={(event) => onResendChange(event.currentTarget.checked)}
          data-testid="recheck-uncertain"
        />
        <span>
          <strong>Re-send them</strong> (you may be charged twice)
        </span>
      </label>
    </section>
  )
}
