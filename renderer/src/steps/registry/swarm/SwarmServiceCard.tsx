import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, ResponseOf, Result, SwarmStatusInfo } from '../../../../../main/ipc/contract'
import type { Message } from '../../../../../main/messages/types'
import { api } from '../../../api'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { JobProgress } from '../../../components/ProgressBar'
import { translator } from '../../../i18n/index'
import { routeError } from '../../../lib/field-errors'
import { newJobId } from '../../../lib/job-id'
import { refreshIssued } from '../../../stores/certs-store'
import { callReplace, SwarmReplaceCert } from './SwarmReplaceCert'
import { useSwarmStatus } from './use-swarm'

type JobBusy = { jobId: string; channel: 'swarmRestart' | 'swarmReplaceCert'; label: string }
type Busy = JobBusy | 'remove'
type UpdateOrder = ResponseOf<'swarmRestart'>['updateOrder']

/** A GUI text (gui namespace) and its parameters: rendered when shown, so a language switch re-renders it. */
type Line = { key: string; params?: Record<string, string | number> }

/** What an action did: its lines, and for restart / replace-cert how the tasks were rolled and what that cost. */
export interface Outcome {
  lines: Line[]
  updateOrder?: UpdateOrder | undefined
  notices?: Message[] | undefined
}

interface Runner {
  busy: Busy | undefined
  outcome: Outcome | undefined
  error: ErrorInfo | undefined
  setError: (e: ErrorInfo | undefined) => void
  run: <T>(b: Busy, call: () => Promise<Result<T>>, done: (v: T) => Outcome) => Promise<void>
}

/** One action at a time: its outcome or its error, then the status read again. */
function useRunner(refresh: () => Promise<void>): Runner {
  const [busy, setBusy] = useState<Busy>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [error, setError] = useState<ErrorInfo>()
  const run = async <T,>(b: Busy, call: () => Promise<Result<T>>, done: (v: T) => Outcome): Promise<void> => {
    setBusy(b)
    setOutcome(undefined)
    setError(undefined)
    const r = await call()
    setBusy(undefined)
    if (r.ok) setOutcome(done(r.value))
    else setError(r.error)
    await refresh()
  }
  return { busy, outcome, error, setError, run }
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
  const removed = (v: ResponseOf<'swarmRemove'>): Outcome => ({
    lines: [
      { key: 'swarm.removed', params: { services: v.removedServices.join(', ') } },
      ...(v.keptVolume ? [{ key: 'swarm.keptVolume', params: { volume: v.keptVolume } }] : []),
    ],
  })
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
      {runner.outcome && <OutcomeLines o={runner.outcome} />}
      <ErrorNotice error={routeError(runner.error, ['passphrase']).rest} />
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
      (v) => ({
        lines: [{ key: 'swarm.restarted', params: { status: v.status, ms: v.elapsedMs } }],
        ...rolled(v),
      }),
    )
  }
  const replace = (source: { caDir?: string; passphrase?: string }): void => {
    const b = job('swarmReplaceCert', t('swarm.replacing'))
    void runner.run(
      b,
      async () => {
        const r = await callReplace({ jobId: b.jobId, plan, certDir }, source)
        // Issued from the CA, the served pair is in certDir now: the Certificates step shows it.
        if (r.ok && source.caDir !== undefined) await refreshIssued(certDir)
        return r
      },
      (v) => ({
        lines: [
          {
            key: 'swarm.replaced',
            params: { fingerprint: v.fingerprint.slice(0, 16), notAfter: v.notAfter },
          },
        ],
        ...rolled(v),
      }),
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
      </div>
      <SwarmReplaceCert
        disabled={props.disabled}
        error={runner.error}
        setError={runner.setError}
        onReplace={replace}
      />
    </>
  )
}

const rolled = (v: { updateOrder: UpdateOrder; notices: Message[] }): Omit<Outcome, 'lines'> => ({
  updateOrder: v.updateOrder,
  notices: v.notices,
})

/** The result line, the update order the rollout used and the domain's notices, in the UI's language. */
function OutcomeLines({ o }: { o: Outcome }): React.JSX.Element {
  const { t } = useTranslation()
  const tr = translator()
  return (
    <div data-testid="swarm-outcome">
      <p className="ok-line">✓ {o.lines.map((l) => t(l.key, l.params)).join(' ')}</p>
      {o.updateOrder && (
        <p data-testid="swarm-update-order">
          {t(o.updateOrder === 'stop-first' ? 'swarm.orderStopFirst' : 'swarm.orderStartFirst')}
        </p>
      )}
      {o.notices?.map((n, i) => (
        <p key={i} className="muted">
          {tr.render(n)}
        </p>
      ))}
    </div>
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
