import { useTranslation } from 'react-i18next'
import type { LayerProgress } from '../../../main/ipc/contract'
import { useJobsStore } from '../stores/jobs-store'

const EMPTY: LayerProgress[] = []

/** One progress bar per image layer of a pull, from the job's `job:layer` events. */
export function LayerBars({ jobId }: { jobId: string | undefined }): React.JSX.Element | null {
  const { t } = useTranslation()
  const layers = useJobsStore((s) => (jobId ? (s.layers[jobId] ?? EMPTY) : EMPTY))
  if (layers.length === 0) return null
  return (
    <ul className="layers" aria-label={t('registry.layers')}>
      {layers.map((l) => (
        <li key={l.id} className="layer">
          <span className="mono">{l.id}</span>
          <progress
            aria-label={t('registry.layer', { id: l.id })}
            max={l.total ?? 100}
            value={l.total ? (l.current ?? 0) : undefined}
          />
          <span className="muted">{l.status}</span>
        </li>
      ))}
    </ul>
  )
}
