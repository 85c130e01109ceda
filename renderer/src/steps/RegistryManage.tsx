import { ConfirmDialog } from '../components/ConfirmDialog'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, KeptStorage, Plan, RegistryStatusInfo, Result } from '../../../main/ipc/contract'
import type { Message } from '../../../main/messages/types'
import { api } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { CaPassphraseField } from '../components/Field'
import { JobProgress } from '../components/ProgressBar'
import { uptimeParts } from '../lib/duration'
import { translator } from '../i18n'
import { routeError } from '../lib/field-errors'
import { formatDate } from '../lib/format'
import { newJobId } from '../lib/job-id'
import { usePolledStatus } from '../lib/use-polled-status'
import { refreshIssued, useCertsStore } from '../stores/certs-store'
import { useJobsStore } from '../stores/jobs-store'
import { useStagesStore } from '../stores/stages-store'

type Action = 'stop' | 'restart' | 'remove' | 'replace'
/** An action's call and the line it ends with when it succeeds (a message: its words may depend on the answer). */
type Run = <T>(
  action: Action,
  call: (jobId: string) => Promise<Result<T>>,
  done: Message | ((value: T) => Message),
) => Promise<boolean>
const gui = (key: string, params?: Message['params']): Message =>
  params === undefined ? { key: `gui.${key}` } : { key: `gui.${key}`, params }
interface Busy {
  action: Action
  jobId: string
}

/** One action at a time: its job id, the error or the done line it ends with, then a fresh status read. */
function useActions(refresh: () => Promise<void>): {
  busy: Busy | undefined
  error: ErrorInfo | undefined
  setError: (e: ErrorInfo | undefined) => void
  done: Message | undefined
  run: Run
} {
  const [busy, setBusy] = useState<Busy>()
  const [error, setError] = useState<ErrorInfo>()
  const [done, setDone] = useState<Message>()
  const run: Run = async (action, call, doneLine) => {
    const jobId = newJobId(action)
    setBusy({ action, jobId })
    setError(undefined)
    setDone(undefined)
    const r = await call(jobId)
    setBusy(undefined)
    // Stopping or removing frees the port and the name: earlier preflight rows would be stale, so they go.
    if (action === 'stop' || action === 'remove') useStagesStore.getState().set({ preflight: undefined })
    // A removed container is no longer "running": the step (and the sidebar) stop saying so.
    if (action === 'remove' && r.ok) useStagesStore.getState().set({ containerId: undefined })
    if (r.ok) setDone(typeof doneLine === 'function' ? doneLine(r.value) : doneLine)
    else setError(r.error)
    await refresh()
    return r.ok
  }
  return { busy, error, setError, done, run }
}

/** Following the log is a job of its own (cancelled to stop following); lines arrive in the jobs store. */
function useLogFollow(
  plan: Plan,
  onError: (e: ErrorInfo) => void,
): { logJob?: string; toggle: () => Promise<void> } {
  const [logJob, setLogJob] = useState<string>()
  const toggle = async (): Promise<void> => {
    if (logJob) {
      await api().cancelJob({ jobId: logJob })
      setLogJob(undefined)
      return
    }
    const jobId = newJobId('logs')
    useJobsStore.getState().clear(jobId)
    setLogJob(jobId)
    const r = await api().followRegistryLogs({ jobId, plan })
    setLogJob((current) => (current === jobId ? undefined : current))
    if (!r.ok && r.error.code !== 'CANCELLED') onError(r.error)
  }
  return { logJob, toggle }
}

function StatusFacts({ status }: { status: RegistryStatusInfo }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const uptime =
    status.uptimeSeconds === undefined
      ? '—'
      : uptimeParts(status.uptimeSeconds)
          .map((p) => t(`registry.units.${p.unit}`, { count: p.value }))
          .join(' ')
  const state = i18n.exists(`registry.manage.states.${status.state}`)
    ? t(`registry.manage.states.${status.state}`)
    : status.state
  const storage = status.storage
    ? `${t(`registry.manage.storageKind.${status.storage.kind}`)} ${status.storage.source}`
    : '—'
  const served = status.servedCert
    ? t('registry.manage.expiry', {
        date: formatDate(status.servedCert.notAfter, i18n.language),
        left: t('cert.daysLeft', { count: status.servedCert.daysLeft }),
      })
    : '—'
  return (
    <dl className="facts" aria-label={t('registry.manage.status')}>
      <dt>{t('registry.manage.state')}</dt>
      <dd>
        <span className={`badge badge-${status.running ? 'ok' : 'soon'}`} data-state={status.state}>
          {state}
        </span>
      </dd>
      <dt>{t('registry.manage.uptime')}</dt>
      <dd>{uptime}</dd>
      <dt>{t('registry.manage.image')}</dt>
      <dd className="mono">{status.image}</dd>
      <dt>{t('registry.manage.port')}</dt>
      <dd className="mono">{status.port ?? '—'}</dd>
      <dt>{t('registry.manage.storage')}</dt>
      <dd className="mono">{storage}</dd>
      <dt>{t('registry.manage.servedCert')}</dt>
      <dd>{served}</dd>
    </dl>
  )
}

function ActionsRow(props: {
  running: boolean
  busy: boolean
  following: boolean
  onStop: () => void
  onRestart: () => void
  onFollow: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="actions">
      <button
        type="button"
        className="btn btn-secondary"
        disabled={props.busy || !props.running}
        onClick={props.onStop}
      >
        {t('registry.manage.stop')}
      </button>
      <button type="button" className="btn btn-secondary" disabled={props.busy} onClick={props.onRestart}>
        {t('registry.manage.restart')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={props.onFollow}>
        {props.following ? t('registry.manage.unfollow') : t('registry.manage.follow')}
      </button>
    </div>
  )
}

function LogView({ jobId }: { jobId: string | undefined }): React.JSX.Element | null {
  const { t } = useTranslation()
  const lines = useJobsStore((s) => (jobId ? s.logs[jobId] : undefined))
  if (!lines || lines.length === 0) return null
  return (
    <pre className="code log" aria-label={t('registry.manage.logs')} aria-live="polite">
      {lines.slice(-200).join('\n')}
    </pre>
  )
}

/**
 * Replace the certificate: ONE main-side job (issue into a staging folder, swap into the folder and the container,
 * health; the old pair back on any failure or cancel). The CA passphrase is asked here and never kept.
 */
function ReplaceCard(props: {
  plan: Plan
  certDir: string
  busy: Busy | undefined
  error: ErrorInfo | undefined
  setError: (e: ErrorInfo | undefined) => void
  run: Run
}): React.JSX.Element {
  const { t } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const ca = useCertsStore((s) => s.ca)
  const { plan, certDir } = props
  const replace = async (): Promise<void> => {
    if (!ca) return
    if (ca.encrypted && !passphrase) {
      const message = 'certs.server.passphraseRequired'
      props.setError({ code: 'PASSPHRASE_REQUIRED', field: 'passphrase', message })
      return
    }
    const secret = passphrase ? { passphrase } : {}
    setPassphrase('')
    const call = (jobId: string): ReturnType<ReturnType<typeof api>['registryReplaceCert']> =>
      api().registryReplaceCert({ jobId, plan, certDir, caDir: ca.dir, ...secret })
    if (await props.run('replace', call, gui('registry.manage.replaced'))) await refreshIssued(certDir)
  }
  return (
    <div className="sub-card">
      <h3>{t('registry.manage.replace')}</h3>
      <p className="muted">{t('registry.manage.replaceHelp')}</p>
      {ca?.encrypted && (
        <CaPassphraseField
          id="replace-passphrase"
          value={passphrase}
          onChange={setPassphrase}
          error={routeError(props.error, ['passphrase']).at('passphrase')}
        />
      )}
      <button
        type="button"
        className="btn btn-secondary"
        disabled={!!props.busy || !ca}
        onClick={() => void replace()}
      >
        {t('registry.manage.replace')}
      </button>
      {props.busy?.action === 'replace' && (
        <JobProgress
          jobId={props.busy.jobId}
          label={t('registry.manage.replacing')}
          channel="registryReplaceCert"
        />
      )}
    </div>
  )
}

/** What a remove says it did: all gone, or where the stored images stay (the data the domain reports, in words here). */
function removedLine({ keptStorage }: { keptStorage?: KeptStorage | undefined }): Message {
  if (keptStorage === undefined) return gui('registry.manage.removedAll')
  const data: Message =
    keptStorage.kind === 'volume'
      ? { key: 'docker.storage.volume', params: { name: keptStorage.name } }
      : { key: 'docker.storage.keptHostPath', params: { path: keptStorage.path } }
  return gui('lifecycle.removedKeptIn', { data })
}

function RemoveCard({
  busy,
  run,
  plan,
  name,
}: {
  busy: boolean
  run: Run
  plan: Plan
  name: string
}): React.JSX.Element {
  const { t } = useTranslation()
  const [deleteData, setDeleteData] = useState(false)
  const remove = (): Promise<boolean> =>
    run('remove', () => api().registryRemove({ plan, deleteData }), removedLine)
  return (
    <div className="sub-card">
      <h3>{t('registry.manage.remove')}</h3>
      <label className="check-label">
        <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} />{' '}
        {t('registry.manage.deleteData')}
      </label>
      <ConfirmDialog
        trigger={t('registry.manage.remove')}
        title={t('registry.manage.removeConfirm.title', { name })}
        description={t(
          deleteData ? 'registry.manage.removeConfirm.withData' : 'registry.manage.removeConfirm.keepData',
        )}
        confirm={t('registry.manage.removeConfirm.confirm')}
        disabled={busy}
        onConfirm={() => void remove()}
      />
    </div>
  )
}

/** The container's live status (polled), its log (followed as a job), and stop / restart / remove / new certificate. */
/** `containerId`: the container this session started, if any; the status is read again at once when it changes. */
export function RegistryManage({
  plan,
  certDir,
  containerId,
  pollMs = 3000,
}: {
  plan: Plan
  certDir: string
  containerId?: string | undefined
  pollMs?: number
}): React.JSX.Element {
  const { t } = useTranslation()
  const { status, refresh } = usePolledStatus('registryStatus', plan, { pollMs, resetKey: containerId })
  const { busy, error, setError, done, run } = useActions(refresh)
  const logs = useLogFollow(plan, setError)
  const encrypted = useCertsStore((s) => s.ca?.encrypted ?? false)
  const stop = (): Promise<boolean> =>
    run('stop', () => api().registryStop({ plan }), gui('registry.manage.stopped'))
  const restart = (): Promise<boolean> =>
    run(
      'restart',
      (jobId) => api().registryRestart({ jobId, plan, certDir }),
      gui('registry.manage.restarted'),
    )
  return (
    <section className="card" aria-labelledby="registry-manage">
      <h2 id="registry-manage">{t('registry.manage.title')}</h2>
      {status === null && <p className="muted">{t('registry.manage.none')}</p>}
      {status && <StatusFacts status={status} />}
      {status && (
        <ActionsRow
          running={status.running}
          busy={!!busy}
          following={!!logs.logJob}
          onStop={() => void stop()}
          onRestart={() => void restart()}
          onFollow={() => void logs.toggle()}
        />
      )}
      {done && (
        <p className="ok-line" role="status">
          ✓ {translator().render(done)}
        </p>
      )}
      {busy?.action === 'restart' && (
        <JobProgress jobId={busy.jobId} label={t('registry.manage.restarting')} channel="registryRestart" />
      )}
      <LogView jobId={logs.logJob} />
      {status && (
        <ReplaceCard plan={plan} certDir={certDir} busy={busy} error={error} setError={setError} run={run} />
      )}
      {status && <RemoveCard busy={!!busy} run={run} plan={plan} name={status.name} />}
      <ErrorNotice error={routeError(error, encrypted ? ['passphrase'] : []).rest} />
    </section>
  )
}
