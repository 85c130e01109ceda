import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useImagesStore } from '../../stores/images-store'

/**
 * Picks archives through main's dialog, or takes files dropped here: the page hands each dropped File to the
 * preload, which sends main its path (the page never learns it); main answers with an id, as for a pick.
 */
export function ArchivePicker({ busy }: { busy: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const reading = useImagesStore((s) => s.reading)
  const error = useImagesStore((s) => s.pickError)
  return (
    <section className="card" aria-labelledby="images-source">
      <h2 id="images-source">{t('images.source.title')}</h2>
      <DropZone busy={busy} />
      {reading && (
        <p role="status" className="muted">
          {t('images.source.reading', { name: reading })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  )
}

function DropZone({ busy }: { busy: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const pick = useImagesStore((s) => s.pick)
  const drop = useImagesStore((s) => s.drop)
  const [noFile, setNoFile] = useState(false)
  const [over, setOver] = useState(false)
  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="images-drop-zone"
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        const files = Array.from(e.dataTransfer.files)
        setNoFile(files.length === 0)
        if (files.length > 0 && !busy) void drop(files)
      }}
    >
      <p className="muted">{t('images.source.drop')}</p>
      <div className="actions-inline">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void pick('archive')}
        >
          {t('images.source.pickFile')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() => void pick('layout')}
        >
          {t('images.source.pickFolder')}
        </button>
      </div>
      {noFile && <p className="warn-line">{t('images.source.dropUnavailable')}</p>}
    </div>
  )
}
