import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { LayerBars } from '../../components/LayerBars'
import { JobProgress } from '../../components/ProgressBar'
import { routeError } from '../../lib/field-errors'
import { newJobId } from '../../lib/job-id'
import { useJobsStore } from '../../stores/jobs-store'
import { useCurrentPlan } from '../../stores/plan-store'
import { useStagesStore } from '../../stores/stages-store'
import { OPTION_CONTROLS, type RegistryOptions } from './OptionsCard'

/** Starts the registry as a job (progress, layer bars, log), then says which container runs. */
export function StartCard(props: {
  certDir: string
  options: RegistryOptions
  error: ErrorInfo | undefined
  onError: (e: ErrorInfo | undefined) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const plan = useCurrentPlan()
  const started = useStagesStore((s) => s.containerId)
  const save = useStagesStore((s) => s.set)
  const [jobId, setJobId] = useState<string>()
  const [lastJob, setLastJob] = useState<string>()
  const start = async (): Promise<void> => {
    const id = newJobId('registry')
    setJobId(id)
    setLastJob(id)
    props.onError(undefined)
    const { imageTar, storagePath, users } = props.options
    const r = await api().startRegistry({
      jobId: id,
      plan,
      certDir: props.certDir,
      ...(imageTar.trim() ? { imageTar: imageTar.trim() } : {}),
      ...(storagePath.trim() ? { storagePath: storagePath.trim() } : {}),
      ...(users.length ? { users } : {}),
    })
    setJobId(undefined)
    // The preflight described the engine before this start (port free, name free): no longer true, so it goes.
    save(r.ok ? { containerId: r.value.containerId, preflight: undefined } : { preflight: undefined })
    if (!r.ok) props.onError(r.error)
  }
  return (
    <section className="card" aria-labelledby="registry-start">
      <h2 id="registry-start">{t('registry.start')}</h2>
      <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void start()}>
        {t('registry.start')}
      </button>
      <JobProgress jobId={jobId} label={t('registry.starting')} channel="startRegistry" />
      <LayerBars jobId={jobId} />
      <JobLog jobId={lastJob} label={t('registry.log')} />
      {started && <p className="ok-line">✓ {t('registry.started', { id: started.slice(0, 12) })}</p>}
      <ErrorNotice error={routeError(props.error, OPTION_CONTROLS).rest} />
    </section>
  )
}

export function JobLog({
  jobId,
  label,
}: {
  jobId: string | undefined
  label: string
}): React.JSX.Element | null {
  const lines = useJobsStore((s) => (jobId ? s.logs[jobId] : undefined))
  if (!lines?.length) return null
  return (
    <pre className="code log" aria-label={label} aria-live="polite">
      {lines.slice(-12).join('\n')}
    </pre>
  )
}
