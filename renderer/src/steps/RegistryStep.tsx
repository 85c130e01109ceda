import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows } from '../components/CheckRows'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { NotAvailable } from '../components/NotAvailable'
import { LayerBars } from '../components/LayerBars'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { useJobsStore } from '../stores/jobs-store'
import { useCurrentPlan } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { RegistryManage } from './RegistryManage'
import { useTarget } from './use-target'

export function RegistryStep(): React.JSX.Element {
  const available = useAppStore((s) => s.info?.capabilities.docker ?? false)
  if (!available)
    return <NotAvailable step="registry" cli="registry-wizard registry start --certs DIR --port 5000" />
  return <RegistryPanel />
}

function JobLog({ jobId, label }: { jobId: string | undefined; label: string }): React.JSX.Element | null {
  const lines = useJobsStore((s) => (jobId ? s.logs[jobId] : undefined))
  if (!lines?.length) return null
  return (
    <pre className="code log" aria-label={label} aria-live="polite">
      {lines.slice(-12).join('\n')}
    </pre>
  )
}

function RegistryPanel(): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const plan = useCurrentPlan()
  const checks = useStagesStore((s) => s.preflight)
  const started = useStagesStore((s) => s.containerId)
  const save = useStagesStore((s) => s.set)
  const [jobId, setJobId] = useState<string>()
  const [lastJob, setLastJob] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const [imageTar, setImageTar] = useState('')
  const [storagePath, setStoragePath] = useState('')
  const [users, setUsers] = useState<{ user: string; password: string }[]>([])
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  if (!target) return <NeedCertificate />
  const preflight = async (): Promise<void> => {
    setError(undefined)
    const r = await api().registryPreflight({ plan, certDir: target.certDir })
    if (r.ok) save({ preflight: r.value.checks })
    else setError(r.error)
  }
  const addUser = (): void => {
    if (!user.trim() || !password) return
    setUsers((u) => [...u.filter((x) => x.user !== user.trim()), { user: user.trim(), password }])
    setUser('')
    setPassword('')
  }
  const start = async (): Promise<void> => {
    const id = newJobId('registry')
    setJobId(id)
    setLastJob(id)
    setError(undefined)
    const r = await api().startRegistry({
      jobId: id,
      plan,
      certDir: target.certDir,
      ...(imageTar.trim() ? { imageTar: imageTar.trim() } : {}),
      ...(storagePath.trim() ? { storagePath: storagePath.trim() } : {}),
      ...(users.length ? { users } : {}),
    })
    setJobId(undefined)
    // The preflight described the engine before this start (port free, name free): no longer true, so it goes.
    if (r.ok) save({ containerId: r.value.containerId, preflight: undefined })
    else {
      save({ preflight: undefined })
      setError(r.error)
    }
  }
  return (
    <div className="step">
      <section className="card">
        <h2>{t('registry.preflight')}</h2>
        <button type="button" className="btn btn-secondary" onClick={() => void preflight()}>
          {t('registry.runPreflight')}
        </button>
        {checks && <CheckRows rows={checks} label={t('registry.preflight')} />}
      </section>
      <section className="card">
        <h2>{t('registry.options')}</h2>
        <div className="grid-2">
          <TextField
            id="registry-tar"
            label={t('registry.imageTar')}
            value={imageTar}
            onChange={setImageTar}
            browse={{ extensions: ['tar'] }}
            hint={t('registry.imageTarHint')}
            error={error?.field === 'imageTar' ? error : undefined}
          />
          <TextField
            id="registry-storage"
            label={t('registry.storage')}
            value={storagePath}
            onChange={setStoragePath}
            hint={t('registry.storageHint')}
            error={error?.field === 'storagePath' ? error : undefined}
          />
        </div>
        <div className="inline-form">
          <TextField id="registry-user" label={t('registry.user')} value={user} onChange={setUser} />
          <TextField
            id="registry-password"
            type="password"
            autoComplete="new-password"
            label={t('registry.password')}
            value={password}
            onChange={setPassword}
            onEnter={addUser}
          />
          <button type="button" className="btn btn-secondary" onClick={addUser}>
            {t('plan.add')}
          </button>
        </div>
        <ul className="chips" aria-label={t('registry.users')}>
          {users.map((u) => (
            <li key={u.user} className="chip">
              {u.user}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('plan.remove', { address: u.user })}
                onClick={() => setUsers((x) => x.filter((y) => y.user !== u.user))}
              >
                ×
              </button>
            </li>
          ))}
          {users.length === 0 && <li className="muted">{t('registry.noUsers')}</li>}
        </ul>
      </section>
      <section className="card">
        <h2>{t('registry.start')}</h2>
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void start()}>
          {t('registry.start')}
        </button>
        <JobProgress
          jobId={jobId}
          label={t('registry.starting')}
          onCancel={() => jobId && void api().cancelJob({ jobId })}
        />
        <LayerBars jobId={jobId} />
        <JobLog jobId={lastJob} label={t('registry.log')} />
        {started && <p className="ok-line">✓ {t('registry.started', { id: started.slice(0, 12) })}</p>}
        <ErrorNotice
          error={error?.field === 'imageTar' || error?.field === 'storagePath' ? undefined : error}
        />
      </section>
      <RegistryManage plan={plan} certDir={target.certDir} containerId={started} />
    </div>
  )
}
