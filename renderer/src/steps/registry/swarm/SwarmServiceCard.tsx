import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, ResponseOf, Result, SwarmStatusInfo } from '../../../../../main/ipc/contract'
import { api } from '../../../api'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { JobProgress } from '../../../components/ProgressBar'
import { newJobId } from '../../../lib/job-id'
import { useSwarmStatus } from './use-swarm'

type JobBusy = { jobId: string; channel: 'swarmRestart' | 'swarmReplaceCert'; label: string }
type Busy = JobBusy | 'remove'

interface Runner {
  busy: Busy | undefined
  line: string | undefined
  error: ErrorInfo | undefined
  run: <T>(b: Busy, call: () => Promise<Result<T>>, done: (v: T) => string) => Promise<void>
}

/** One action at a time: its result line or its error, then the status read again. */
function useRunner(refresh: () => Promise<void>): Runner {
  const [busy, setBusy] = useState<Busy>()
  const [line, setLine] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const run = async <T,>(b: Busy, call: () => Promise<Result<T>>, done: (v: T) => string): Promise<void> => {
    setBusy(b)
    setLine(undefined)
    setError(undefined)
    const r = await call()
    setBusy(undefined)
    if (r.ok) setLine(done(r.value))
    else setError(r.error)
    await refresh()
  }
  return { busy, line, error, run }
}

const job = (channel: JobBusy['channel'], label: string): JobBusy => ({
  jobId: newJobId(channel),
  channel,
  label,
})

/** The running service: tasks running/desired, the served certificate; restart, replace-cert, remove. */
export function SwarmServiceCard(props: {
  plan: Plan
  certDir: string
  resetKey: unknown
}): React.JSX.Element {
  const { t } = useTranslation()
  const { status, refresh } = useSwarmStatus(props.plan, 3000, props.resetKey)
  const runner = useRunner(refresh)
  const { busy, run } = runner
  const { plan } = props
  const removed = (v: ResponseOf<'swarmRemove'>): string =>
    [
      t('swarm.removed', { services: v.removedServices.join(', ') }),
      v.keptVolume ? t('swarm.keptVolume', { volume: v.keptVolume }) : '',
    ].join(' ')
  return (
    <section className="card" aria-labelledby="swarm-service">
      <h2 id="swarm-service">{t('swarm.service')}</h2>
      {status === null && <p className="muted">{t('swarm.none')}</p>}
      {status && <StatusLines s={status} />}
      <ServiceActions {...props} runner={runner} refresh={refresh} disabled={!status || !!busy} />
      {busy && busy !== 'remove' && (
        <JobProgress jobId={busy.jobId} label={busy.label} channel={busy.channel} />
      )}
      <RemoveControls
        disabled={!status || !!busy}
        onRemove={(deleteData) => void run('remove', () => api().swarmRemove({ plan, deleteData }), removed)}
      />
      {runner.line && <p className="ok-line">✓ {runner.line}</p>}
      <ErrorNotice error={runner.error} />
    </section>
  )
}

function ServiceActions(props: {
  plan: Plan
  certDir: string
  runner: Runner
  refresh: () => Promise<void>
  disabled: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const { plan, certDir, runner } = props
  const restart = (): void => {
    const b = job('swarmRestart', t('swarm.restarting'))
    void runner.run(
      b,
      () => api().swarmRestart({ jobId: b.jobId, plan, certDir }),
      (v) => t('swarm.restarted', { status: v.status, ms: v.elapsedMs }),
    )
  }
  const replace = (): void => {
    const b = job('swarmReplaceCert', t('swarm.replacing'))
    void runner.run(
      b,
      () => api().swarmReplaceCert({ jobId: b.jobId, plan, certDir }),
      (v) => t('swarm.replaced', { fingerprint: v.fingerprint.slice(0, 16), notAfter: v.notAfter }),
    )
  }
  return (
    <>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => void props.refresh()}>
          {t('swarm.refresh')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={props.disabled} onClick={restart}>
          {t('swarm.restart')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={props.disabled}
          aria-describedby="swarm-replace-hint"
          onClick={replace}
        >
          {t('swarm.replaceCert')}
        </button>
      </div>
      <p id="swarm-replace-hint" className="muted">
        {t('swarm.replaceCertHint')}
      </p>
    </>
  )
}

function StatusLines({ s }: { s: SwarmStatusInfo }): React.JSX.Element {
  const { t } = useTranslation()
  const cert = s.servedCert
  return (
    <div>
      <p>
        <strong>{s.name}</strong> · {t('swarm.tasks', { running: s.running, replicas: s.replicas })}
        {s.updateState && ` · ${t('swarm.update', { state: s.updateState })}`}
      </p>
      <ul aria-label={t('swarm.service')}>
        {s.tasks.map((task) => {
          const params = { slot: task.slot ?? '-', state: task.state, node: task.nodeId.slice(0, 12) }
          return (
            <li key={task.id}>
              {task.error ? t('swarm.taskError', { ...params, error: task.error }) : t('swarm.task', params)}
            </li>
          )
        })}
      </ul>
      {cert && (
        <p className="muted">
          {t('swarm.servedCert', {
            notAfter: cert.notAfter,
            days: cert.daysLeft,
            fingerprint: cert.fingerprint.slice(0, 16),
          })}
        </p>
      )}
    </div>
  )
}

function RemoveControls(props: {
  disabled: boolean
  onRemove: (deleteData: boolean) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [deleteData, setDeleteData] = useState(false)
  return (
    <div className="inline-form">
      <label className="check">
        <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} />{' '}
        {t('swarm.deleteData')}
      </label>
      <ConfirmDialog
        trigger={t('swarm.remove')}
        title={t('swarm.removeConfirm.title')}
        description={t(deleteData ? 'swarm.removeConfirm.withData' : 'swarm.removeConfirm.keepData')}
        confirm={t('swarm.remove')}
        disabled={props.disabled}
        onConfirm={() => props.onRemove(deleteData)}
      />
    </div>
  )
}
