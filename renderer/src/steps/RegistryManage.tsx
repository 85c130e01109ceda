import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, RegistryStatusInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { JobProgress } from '../components/ProgressBar'
import { uptimeParts } from '../lib/duration'
import { formatDate } from '../lib/format'
import { newJobId } from '../lib/job-id'
import { useCertsStore } from '../stores/certs-store'
import { useJobsStore } from '../stores/jobs-store'
import { useStagesStore } from '../stores/stages-store'

type Action = 'stop' | 'restart' | 'remove' | 'replace'

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
  const { t, i18n } = useTranslation()
  const [status, setStatus] = useState<RegistryStatusInfo | null>()
  const [busy, setBusy] = useState<{ action: Action; jobId?: string }>()
  const [logJob, setLogJob] = useState<string>()
  const [deleteData, setDeleteData] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<ErrorInfo>()
  const [done, setDone] = useState<string>()
  const encrypted = useCertsStore((s) => s.ca?.encrypted ?? false)
  const issueError = useCertsStore((s) => s.issueError)
  const planKey = JSON.stringify(plan)
  const refresh = useCallback(async (): Promise<void> => {
    const r = await api().registryStatus({ plan: JSON.parse(planKey) as Plan })
    if (r.ok) setStatus(r.value)
    else if (r.error.code === 'REGISTRY_NOT_FOUND') setStatus(null)
  }, [planKey])
  useEffect(() => {
    // First read at once (next tick, and again whenever the started container changes), then every pollMs.
    const first = setTimeout(() => void refresh(), 0)
    const timer = setInterval(() => void refresh(), pollMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [refresh, pollMs, containerId])
  const logLines = useJobsStore((s) => (logJob ? s.logs[logJob] : undefined))

  const run = async (
    action: Action,
    call: (jobId: string) => Promise<{ ok: boolean; error?: ErrorInfo }>,
    doneKey: string,
  ): Promise<void> => {
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
    if (r.ok) setDone(doneKey)
    else setError(r.error)
    await refresh()
  }
  const stop = (): Promise<void> => run('stop', () => api().registryStop({ plan }), 'registry.manage.stopped')
  const restart = (): Promise<void> =>
    run('restart', (jobId) => api().registryRestart({ jobId, plan, certDir }), 'registry.manage.restarted')
  const remove = (): Promise<void> =>
    run(
      'remove',
      () => api().registryRemove({ plan, deleteData }),
      deleteData ? 'registry.manage.removedAll' : 'registry.manage.removedKept',
    )
  const replace = (): Promise<void> =>
    run(
      'replace',
      async (jobId) => {
        const issued = await useCertsStore
          .getState()
          .issue({ outDir: certDir, sans: plan.addresses, passphrase, force: true })
        setPassphrase('')
        const failed = useCertsStore.getState().issueError
        if (!issued) return { ok: false, error: failed?.field === 'passphrase' ? undefined : failed }
        return api().registryReplaceCert({ jobId, plan, certDir })
      },
      'registry.manage.replaced',
    )
  const follow = async (): Promise<void> => {
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
    if (!r.ok && r.error.code !== 'CANCELLED') setError(r.error)
  }

  const uptime =
    status?.uptimeSeconds === undefined
      ? '—'
      : uptimeParts(status.uptimeSeconds)
          .map((p) => t(`registry.units.${p.unit}`, { count: p.value }))
          .join(' ')
  return (
    <section className="card" aria-labelledby="registry-manage">
      <h2 id="registry-manage">{t('registry.manage.title')}</h2>
      {status === null && <p className="muted">{t('registry.manage.none')}</p>}
      {status && (
        <dl className="facts" aria-label={t('registry.manage.status')}>
          <dt>{t('registry.manage.state')}</dt>
          <dd>
            <span className={`badge badge-${status.running ? 'ok' : 'soon'}`} data-state={status.state}>
              {i18n.exists(`registry.manage.states.${status.state}`)
                ? t(`registry.manage.states.${status.state}`)
                : status.state}
            </span>
          </dd>
          <dt>{t('registry.manage.uptime')}</dt>
          <dd>{uptime}</dd>
          <dt>{t('registry.manage.image')}</dt>
          <dd className="mono">{status.image}</dd>
          <dt>{t('registry.manage.port')}</dt>
          <dd className="mono">{status.port ?? '—'}</dd>
          <dt>{t('registry.manage.storage')}</dt>
          <dd className="mono">
            {status.storage
              ? `${t(`registry.manage.storageKind.${status.storage.kind}`)} ${status.storage.source}`
              : '—'}
          </dd>
          <dt>{t('registry.manage.servedCert')}</dt>
          <dd>
            {status.servedCert
              ? t('registry.manage.expiry', {
                  date: formatDate(status.servedCert.notAfter, i18n.language),
                  left: t('cert.daysLeft', { count: status.servedCert.daysLeft }),
                })
              : '—'}
          </dd>
        </dl>
      )}
      {status && (
        <div className="actions">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={!!busy || !status.running}
            onClick={() => void stop()}
          >
            {t('registry.manage.stop')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={!!busy}
            onClick={() => void restart()}
          >
            {t('registry.manage.restart')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void follow()}>
            {logJob ? t('registry.manage.unfollow') : t('registry.manage.follow')}
          </button>
        </div>
      )}
      {done && (
        <p className="ok-line" role="status">
          ✓ {t(done)}
        </p>
      )}
      {busy?.action === 'restart' && (
        <JobProgress jobId={busy.jobId} label={t('registry.manage.restarting')} />
      )}
      {logLines && logLines.length > 0 && (
        <pre className="code log" aria-label={t('registry.manage.logs')} aria-live="polite">
          {logLines.slice(-200).join('\n')}
        </pre>
      )}
      {status && (
        <div className="sub-card">
          <h3>{t('registry.manage.replace')}</h3>
          <p className="muted">{t('registry.manage.replaceHelp')}</p>
          {encrypted && (
            <TextField
              id="replace-passphrase"
              type="password"
              autoComplete="off"
              label={t('certs.server.caPassphrase')}
              value={passphrase}
              onChange={setPassphrase}
              error={issueError?.field === 'passphrase' ? issueError : undefined}
            />
          )}
          <button
            type="button"
            className="btn btn-secondary"
            disabled={!!busy}
            onClick={() => void replace()}
          >
            {t('registry.manage.replace')}
          </button>
          {busy?.action === 'replace' && (
            <JobProgress jobId={busy.jobId} label={t('registry.manage.replacing')} />
          )}
        </div>
      )}
      {status && (
        <div className="sub-card">
          <h3>{t('registry.manage.remove')}</h3>
          <label className="check-label">
            <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} />{' '}
            {t('registry.manage.deleteData')}
          </label>
          <button type="button" className="btn btn-danger" disabled={!!busy} onClick={() => void remove()}>
            {t('registry.manage.remove')}
          </button>
        </div>
      )}
      <ErrorNotice error={error} />
    </section>
  )
}
