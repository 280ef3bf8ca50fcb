import { FileSpreadsheet } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Spinner } from '../../components/Spinner'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useAppStore } from '../../store'
import { DropZone } from './DropZone'
import { PreviewPanel } from './PreviewPanel'

export function ImportScreen() {
  const { t } = useTranslation('import')
  const phase = useAppStore((state) => state.importPhase)
  const preview = useAppStore((state) => state.preview)
  const importFile = useAppStore((state) => state.importFile)
  const error = useAppStore((state) => state.importError)
  const chooseFile = useAppStore((state) => state.chooseFile)
  const dropFile = useAppStore((state) => state.dropFile)
  const dismissError = useAppStore((state) => state.dismissImportError)

  if (preview && (phase === 'ready' || phase === 'creating')) return <PreviewPanel preview={preview} />

  return (
    <div className="page page-import">
      <header className="page-header">
        <div>
          <h1 className="page-title">{t('screen.title')}</h1>
          <p className="page-subtitle">{t('screen.subtitle')}</p>
        </div>
      </header>
      {error ? (
        <ErrorPanel
          title={error.code === 'no_dropped_path' ? t('screen.openFailed') : t('screen.readFailed')}
          message={error.message}
          code={error.code}
          onDismiss={dismissError}
        />
      ) : null}
      {phase === 'loading' ? (
        <div className="drop-zone is-loading" aria-busy="true" data-testid="drop-zone">
          <div className="drop-zone-icon" aria-hidden="true">
            <FileSpreadsheet size={30} strokeWidth={1.6} />
          </div>
          <p className="drop-zone-title">
            {importFile ? t('screen.reading', { name: importFile.name }) : t('screen.readingFile')}
          </p>
          <p className="drop-zone-formats">{t('screen.detecting')}</p>
          <Spinner size={22} label={t('screen.readingLabel')} />
        </div>
      ) : (
        <DropZone onFile={(file) => void dropFile(file)} onChoose={() => void chooseFile()} />
      )}
    </div>
  )
}
