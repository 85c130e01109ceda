import { useTranslation } from 'react-i18next'
import { useJobsStore } from '../stores/jobs-store'

/** The progress of one job, from its `job:progress` events; indeterminate until a percent arrives. */
export function JobProgress({
  jobId,
  label,
  onCancel,
}: {
  jobId: string | undefined
  label: string
  onCancel?: () => void
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation()
  const p = useJobsStore((s) => (jobId ? s.progress[jobId] : undefined))
  if (!jobId) return null
  const step = p ? (i18n.exists(`jobs.${p.step}`) ? t(`jobs.${p.step}`) : p.step) : t('jobs.starting')
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        <span>{label}</span>
        <span className="muted">{step}</span>
      </div>
      <progress aria-label={label} max={100} value={p?.percent} />
      {onCancel && (
        <button type="button" className="btn btn-link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  )
}
