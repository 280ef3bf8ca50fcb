import { useRef, useState, type DragEvent } from 'react'
import { FileSpreadsheet, FolderOpen, ShieldCheck } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/Button'

export const ACCEPTED_EXTENSIONS = ['xlsx', 'xls', 'xlsb', 'ods', 'csv', 'tsv', 'txt', 'vcf']

interface DropZoneProps {
  onFile: (file: File) => void
  onChoose: () => void
  busy?: boolean
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files')
}

export function DropZone({ onFile, onChoose, busy }: DropZoneProps) {
  const { t } = useTranslation('import')
  const [over, setOver] = useState(false)
  // dragenter/dragleave fire for every child element; counting keeps the highlight from flickering.
  const depth = useRef(0)

  return (
    <div
      className={`drop-zone${over ? ' is-over' : ''}`}
      data-testid="drop-zone"
      role="region"
      aria-label={t('drop.region')}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        depth.current += 1
        setOver(true)
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1)
        if (depth.current === 0) setOver(false)
      }}
      onDrop={(event) => {
        event.preventDefault()
        depth.current = 0
        setOver(false)
        const file = event.dataTransfer.files[0]
        if (file) onFile(file)
      }}
    >
      <div className="drop-zone-icon" aria-hidden="true">
        <FileSpreadsheet size={30} strokeWidth={1.6} />
      </div>
      <p className="drop-zone-title">{t('drop.title')}</p>
      <p className="drop-zone-formats">{ACCEPTED_EXTENSIONS.map((ext) => `.${ext}`).join(', ')}</p>
      <div className="drop-zone-or" aria-hidden="true">
        <span>{t('drop.or')}</span>
      </div>
      <Button
        variant="primary"
        size="lg"
        icon={<FolderOpen size={16} aria-hidden="true" />}
        onClick={onChoose}
        busy={busy}
        data-testid="choose-file"
      >
        {t('drop.choose')}
      </Button>
      <p className="drop-zone-note">
        <ShieldCheck size={14} aria-hidden="true" />
        {t('drop.note')}
      </p>
    </div>
  )
}
