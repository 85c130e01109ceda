import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, StartSwarmRequest, SwarmStartInfo } from '../../../../../main/ipc/contract'
import { api } from '../../../api'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { JobProgress } from '../../../components/ProgressBar'
import { translator } from '../../../i18n/index'
import { routeError } from '../../../lib/field-errors'
import { newJobId } from '../../../lib/job-id'
import { OPTION_CONTROLS, type RegistryOptions } from '../OptionsCard'
import { JobLog } from '../StartCard'
import { parseVolumeOptions, SWARM_CONTROLS, type SwarmOptions } from './SwarmOptionsCard'

/** The start request from the shared options (image tar, users) and the Swarm ones; names and numbers only. */
export function swarmRequest(
  base: { jobId: string; plan: Plan; certDir: string },
  shared: RegistryOptions,
  o: SwarmOptions,
): StartSwarmRequest {
  const parsed = parseVolumeOptions(o.volumeOptions)
  const options = 'options' in parsed && Object.keys(parsed.options).length > 0 ? parsed.options : undefined
  const volume = {
    ...(o.volume.trim() ? { name: o.volume.trim() } : {}),
    ...(o.volumeDriver.trim() ? { driver: o.volumeDriver.trim() } : {}),
    ...(options ? { options } : {}),
  }
  return {
    ...base,
    replicas: Number(o.replicas),
    publishMode: o.publishMode,
    ...(Object.keys(volume).length > 0 ? { volume } : {}),
    ...(o.redisImage.trim() ? { redisImage: o.redisImage.trim() } : {}),
    ...(o.replace ? { replace: true } : {}),
    ...(shared.imageTar.trim() ? { imageTar: shared.imageTar.trim() } : {}),
    ...(shared.users.length ? { users: shared.users } : {}),
  }
}

/** Starts the service as a job (progress, Cancel: the steps done are undone), then says where it answers. */
export function SwarmStartCard(props: {
  plan: Plan
  certDir: string
  shared: RegistryOptions
  options: SwarmOptions
  error: ErrorInfo | undefined
  onError: (e: ErrorInfo | undefined) => void
  onStarted: (r: SwarmStartInfo) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [jobId, setJobId] = useState<string>()
  const [lastJob, setLastJob] = useState<string>()
  const [started, setStarted] = useState<SwarmStartInfo>()
  const bad = 'bad' in parseVolumeOptions(props.options.volumeOptions)
  const start = async (): Promise<void> => {
    const id = newJobId('swarm')
    setJobId(id)
    setLastJob(id)
    setStarted(undefined)
    props.onError(undefined)
    const base = { jobId: id, plan: props.plan, certDir: props.certDir }
    const r = await api().startSwarmRegistry(swarmRequest(base, props.shared, props.options))
    setJobId(undefined)
    if (!r.ok) {
      props.onError(r.error)
      return
    }
    setStarted(r.value)
    props.onStarted(r.value)
  }
  return (
    <section className="card" aria-labelledby="swarm-start">
      <h2 id="swarm-start">{t('swarm.start')}</h2>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!!jobId || bad}
        onClick={() => void start()}
      >
        {t('swarm.start')}
      </button>
      <JobProgress jobId={jobId} label={t('swarm.starting')} channel="startSwarmRegistry" />
      <JobLog jobId={lastJob} label={t('swarm.log')} />
      {started && <Started r={started} />}
      <ErrorNotice error={routeError(props.error, [...SWARM_CONTROLS, ...OPTION_CONTROLS]).rest} />
    </section>
  )
}

function Started({ r }: { r: SwarmStartInfo }): React.JSX.Element {
  const { t } = useTranslation()
  const tr = translator()
  return (
    <div>
      <p className="ok-line">✓ {t('swarm.started', { name: r.name, replicas: r.replicas, url: r.url })}</p>
      {r.publishMode === 'host' &&
        r.endpoints.map((e) => (
          <p key={`${e.host}:${e.port}`} className="muted">
            {t('swarm.endpoint', { host: e.host, port: e.port })}
          </p>
        ))}
      {r.notices.map((n, i) => (
        <p key={i} className="muted">
          {tr.render(n)}
        </p>
      ))}
    </div>
  )
}
