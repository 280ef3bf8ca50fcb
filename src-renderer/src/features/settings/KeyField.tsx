import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { KeyRound, Trash2 } from 'lucide-react'
import type { ConfigurableProviderId, KeyState } from '@contract/types'
import { Button } from '../../components/Button'
import { useAppStore } from '../../store'
import { describeKey } from './describe-key'

interface KeyFieldProps {
  provider: ConfigurableProviderId
  providerName: string
  keyState: KeyState
  keychainAvailable: boolean
}

/**
 * A write-only secret field. The input is uncontrolled on purpose: a controlled input mirrors its value into the
 * DOM's value attribute, and the typed key would then sit in the page until the next render.
 */
export function KeyField({ provider, providerName, keyState, keychainAvailable }: KeyFieldProps) {
  const { t } = useTranslation('settings')
  const input = useRef<HTMLInputElement>(null)
  const [hasText, setHasText] = useState(false)
  const busy = useAppStore((state) => state.providerBusy[provider])
  const setProviderKey = useAppStore((state) => state.setProviderKey)
  const deleteProviderKey = useAppStore((state) => state.deleteProviderKey)
  const { field } = keyState
  const label = t(`key.label.${field}`)
  const fromEnvironment = keyState.source === 'environment'
  const inKeychain = keyState.source === 'keychain'

  const save = async () => {
    const element = input.current
    if (!element || element.value.trim() === '') return
    const saved = await setProviderKey(provider, field, element.value)
    // Cleared either way on success; on failure kept so a typo can be fixed without pasting again.
    if (saved) {
      element.value = ''
      setHasText(false)
    }
  }

  return (
    <div className="key-field">
      <div className="key-field-head">
        <span className="field-label">{label}</span>
        <span
          className={`key-state${keyState.set ? ' is-set' : ''}`}
          data-testid={`key-state-${provider}-${field}`}
        >
          {keyState.set ? <KeyRound size={12} aria-hidden="true" /> : null}
          {describeKey(keyState)}
        </span>
      </div>
      <form
        className="key-field-row"
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <input
          ref={input}
          type="password"
          className="text-input mono"
          autoComplete="off"
          spellCheck={false}
          aria-label={`${providerName} ${label}`}
          placeholder={keyState.set ? t(`key.placeholderReplace.${field}`) : t(`key.placeholderNew.${field}`)}
          disabled={!keychainAvailable}
          onInput={(event) => setHasText(event.currentTarget.value.trim() !== '')}
          data-testid={`key-input-${provider}-${field}`}
        />
        <Button
          type="submit"
          variant="primary"
          disabled={!hasText || !keychainAvailable}
          busy={busy === `key-save-${field}`}
          data-testid={`key-save-${provider}-${field}`}
        >
          {t('key.save')}
        </Button>
        <Button
          variant="ghost"
          icon={<Trash2 size={14} aria-hidden="true" />}
          disabled={!inKeychain}
          busy={busy === `key-delete-${field}`}
          onClick={() => void deleteProviderKey(provider, field)}
          title={t(`key.removeTitle.${field}`)}
          data-testid={`key-delete-${provider}-${field}`}
        >
          {t('key.remove')}
        </Button>
      </form>
      {fromEnvironment ? (
        <p className="field-hint">{t('key.fromEnvironment', { envVar: keyState.envVar })}</p>
      ) : null}
    </div>
  )
}
