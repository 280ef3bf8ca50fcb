import { useEffect } from 'react'
import { CircleHelp } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Spinner } from '../../components/Spinner'
import { formatDateTime } from '../../lib/format'
import { providerLabel } from '../../lib/labels'
import { useAppStore } from '../../store'
import { localizeProviderText } from './provider-text'

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
  const { t } = useTranslation('live')

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
            {t('uncertain.title', { count })}
          </h2>
          <p className="uncertain-sub">{t('uncertain.sub')}</p>
        </div>
      </header>
      {listState === 'loading' && !list ? (
        <div className="uncertain-loading">
          <Spinner size={16} label={t('uncertain.loading')} />
        </div>
      ) : listState === 'error' ? (
        <p className="provider-error">{t('uncertain.failed')}</p>
      ) : list && list.length > 0 ? (
        <div className="uncertain-scroll">
          <table className="uncertain-table" data-testid="uncertain-list">
            <thead>
              <tr>
                <th scope="col">{t('uncertain.number')}</th>
                <th scope="col">{t('uncertain.provider')}</th>
                <th scope="col">{t('uncertain.sent')}</th>
                <th scope="col">{t('uncertain.what')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((attempt, i) => (
                <tr key={`${attempt.provider}-${attempt.e164}-${i}`}>
                  <td className="mono">{attempt.e164}</td>
                  <td className="nowrap">{providerLabel(attempt.provider, overview?.providers)}</td>
                  <td className="nowrap">{formatDateTime(attempt.sentAt)}</td>
                  <td className="uncertain-error">
                    {localizeProviderText(attempt.error) ?? t('uncertain.noAnswer')}
                  </td>
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
          <strong>{t('uncertain.resend')}</strong> {t('uncertain.resendNote')}
        </span>
      </label>
    </section>
  )
}
