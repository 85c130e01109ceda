import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../../../main/images/format-bytes'
import { api } from '../../api'
import { useImagesStore, type BlobBar } from '../../stores/images-store'

const EMPTY: BlobBar[] = []

/** Feeds the store with `job:transfer` events while the screen is open (for whichever job is running). */
export function useTransferEvents(): void {
  const onTransfer = useImagesStore((s) => s.onTransfer)
  useEffect(() => api().on('job:transfer', (e) => onTransfer(e.jobId, e.transfer)), [onTransfer])
}

/** The last push's or export's (`kind`) total with bytes/s, then one bar per blob (its outcome once known: uploaded, already there, mounted). */
export function TransferBars({
  kind,
}: {
  kind: 'images-import' | 'images-export'
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const transfer = useImagesStore((s) =>
    s.barsJob?.startsWith(`${kind}-`) ? s.transfers[s.barsJob] : undefined,
  )
  const blobs = transfer?.blobs ?? EMPTY
  const last = transfer?.last
  if (!last) return null
  const total = t('images.push.total', {
    done: formatBytes(last.done),
    total: formatBytes(last.total),
    rate: formatBytes(last.bytesPerSecond),
  })
  return (
    <div className="transfer">
      <div className="progress-label">
        <span>{total}</span>
      </div>
      <progress aria-label={total} max={Math.max(last.total, 1)} value={last.done} />
      <ul className="layers" aria-label={t('images.push.blobs')}>
        {blobs.map((b) => (
          <li key={b.digest} className="layer">
            <span className="mono">{b.digest.slice(7, 19)}</span>
            <progress
              aria-label={t('images.push.blob', { digest: b.digest.slice(7, 19) })}
              max={Math.max(b.size, 1)}
              value={b.done}
            />
            <span className="muted">
              {b.outcome
                ? t(`images.push.outcome.${b.outcome}`)
                : `${formatBytes(b.done)} / ${formatBytes(b.size)}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}
