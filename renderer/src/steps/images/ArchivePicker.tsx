import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useImagesStore } from '../../stores/images-store'

/**
 * Picks archives through main's dialog (main keeps the path; the screen holds its id). A file dropped here cannot
 * be used: the page never learns a dropped file's path, so it says to pick it with the button instead.
 */
export function ArchivePicker({ busy }: { busy: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const pick = useImagesStore((s) => s.pick)
  const reading = useImagesStore((s) => s.reading)
  const error = useImagesStore((s) => s.pickError)
  const [dropped, setDropped] = useState(false)
  return (
    <section className="card" aria-labelledby="images-source">
      <h2 id="images-source">{t('images.source.title')}</h2>
      <div
        className="drop-zone"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault()
          setDropped(true)
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
      </div>
      {dropped && <p className="warn-line">{t('images.source.dropUnavailable')}</p>}
      {reading && (
        <p role="status" className="muted">
          {t('images.source.reading', { name: reading })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  )
}
