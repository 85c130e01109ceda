import { useTranslation } from 'react-i18next'
import {
  JOB_CANCELLABLE,
  type JobChannel,
  type JobProgress as JobProgressEvent,
} from '../../../main/ipc/contract'
import { api } from '../api'
import { translator } from '../i18n/index'
import { useJobsStore } from '../stores/jobs-store'

/**
 * The progress of one job, from its `job:progress` events; indeterminate until a percent arrives. `channel` names
 * the job's kind: a Cancel button is offered exactly when the contract says that kind is cancellable
 * (JOB_CANCELLABLE), so no screen can offer a cancel that would not stop the work.
 */
export function JobProgress({
  jobId,
  label,
  channel,
}: {
  jobId: string | undefined
  label: string
  channel: JobChannel
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const p = useJobsStore((s) => (jobId ? s.progress[jobId] : undefined))
  const step = useStepText(p)
  if (!jobId) return null
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-label">
        <span>{label}</span>
        <span className="muted">{step}</span>
      </div>
      <progress aria-label={label} max={100} value={p?.percent} />
      {JOB_CANCELLABLE[channel] && (
        <button type="button" className="btn btn-link" onClick={() => void api().cancelJob({ jobId })}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  )
}

/** The step's text: the runner's message when it sent one, else the renderer's `jobs.<step>`, else the step id. */
function useStepText(p: JobProgressEvent | undefined): string {
  const { t, i18n } = useTranslation()
  if (!p) return t('jobs.starting')
  if (p.message) return translator().render(p.message)
  return i18n.exists(`jobs.${p.step}`) ? t(`jobs.${p.step}`) : p.step
}
