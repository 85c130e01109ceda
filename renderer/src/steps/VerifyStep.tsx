import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckRow, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows } from '../components/CheckRows'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { NotAvailable } from '../components/NotAvailable'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { useCurrentPlan } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

export function VerifyStep(): React.JSX.Element {
  const available = useAppStore((s) => s.info?.capabilities.verify ?? false)
  if (!available)
    return <NotAvailable step="verify" cli="registry-wizard verify --registry HOST:PORT --ca ca.crt" />
  return <VerifyPanel />
}

function VerifyPanel(): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const rows = useStagesStore((s) => s.verifyRows)
  const passed = useStagesStore((s) => s.verifyOk)
  const save = useStagesStore((s) => s.set)
  const setRows = (verifyRows: CheckRow[]): void => save({ verifyRows })
  const setPassed = (verifyOk: boolean | undefined): void => save({ verifyOk })
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  // The round trip (check 8) is what proves a client can really use the registry: on unless the user opts out.
  const [push, setPush] = useState(true)
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const docker = useCurrentPlan().docker
  // Rows appear one by one as main reports each finished check for our job.
  useEffect(() => {
    if (!jobId) return undefined
    return api().on('verify:check', (e) => {
      if (e.jobId !== jobId) return
      const stages = useStagesStore.getState()
      stages.set({ verifyRows: [...(stages.verifyRows ?? []), e.check] })
    })
  }, [jobId])
  if (!target) return <NeedCertificate />
  const run = async (): Promise<void> => {
    const id = newJobId('verify')
    setRows([])
    setPassed(undefined)
    setError(undefined)
    setJobId(id)
    // Typed-again credentials go to main for this run only; left empty, main uses the ones the registry start got.
    const credentials = user.trim() && password ? { credentials: { user: user.trim(), password } } : {}
    const r = await api().runVerify({
      jobId: id,
      host: target.host,
      port: target.port,
      caCertPath: target.caCertPath,
      certPath: target.certPath,
      ...(push ? { push: true, docker } : {}),
      ...credentials,
    })
    setJobId(undefined)
    if (r.ok) {
      setRows(r.value.checks)
      setPassed(r.value.ok)
    } else setError(r.error)
  }
  // "Every check passed" only when it is true: a warning (e.g. loopback does not prove trust) is said as such.
  const warned = (rows ?? []).some((r) => r.status === 'warn')
  const report = (rows ?? [])
    .map(
      (r) =>
        `[${r.status.toUpperCase()}] ${r.title}${r.reason ? ` - ${r.reason}` : ''}${r.fix ? ` (fix: ${r.fix})` : ''}`,
    )
    .join('\n')
  return (
    <section className="card">
      <h2>{t('verify.title', { target: `${target.host}:${target.port}` })}</h2>
      <label className="check-label">
        <input
          type="checkbox"
          checked={push}
          disabled={!!jobId}
          aria-describedby="verify-push-hint"
          onChange={(e) => setPush(e.target.checked)}
        />{' '}
        {t('verify.push')}
      </label>
      <p id="verify-push-hint" className="muted">
        {t('verify.pushHint', { engine: docker.kind === 'local' ? t('plan.docker.local') : docker.url })}
      </p>
      <fieldset className="inline-form login">
        <legend>{t('verify.login')}</legend>
        <TextField
          id="verify-user"
          label={t('verify.user')}
          value={user}
          onChange={setUser}
          disabled={!!jobId}
          error={error?.field?.startsWith('credentials') ? error : undefined}
        />
        <TextField
          id="verify-password"
          type="password"
          autoComplete="current-password"
          label={t('verify.password')}
          value={password}
          onChange={setPassword}
          disabled={!!jobId}
          hint={t('verify.loginHint')}
        />
      </fieldset>
      <div className="actions-inline">
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void run()}>
          {rows ? t('verify.rerun') : t('verify.run')}
        </button>
        {rows && (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void navigator.clipboard.writeText(report)}
          >
            {t('verify.copy')}
          </button>
        )}
      </div>
      <JobProgress
        jobId={jobId}
        label={t('verify.running')}
        onCancel={() => jobId && void api().cancelJob({ jobId })}
      />
      {rows && <CheckRows rows={rows} label={t('verify.results')} />}
      {passed === true && !warned && <p className="ok-line">✓ {t('verify.allGreen')}</p>}
      {passed === true && warned && <p className="warn-line">{t('verify.passedWithWarnings')}</p>}
      {passed === false && <p className="field-error">{t('verify.someFailed')}</p>}
      <ErrorNotice error={error?.field?.startsWith('credentials') ? undefined : error} />
    </section>
  )
}
