import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckRow, DockerEndpoint, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows, checkRowText } from '../components/CheckRows'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { useCurrentPlan } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

type Target = NonNullable<ReturnType<typeof useTarget>>

interface Login {
  user: string
  password: string
}

/** Verification of the planned registry: the options, the run, and its rows as they arrive. */
export function VerifyStep(): React.JSX.Element {
  const target = useTarget()
  if (!target) return <NeedCertificate />
  return <VerifyPanel target={target} />
}

function VerifyPanel({ target }: { target: Target }): React.JSX.Element {
  const { t } = useTranslation()
  const rows = useStagesStore((s) => s.verifyRows)
  const docker = useCurrentPlan().docker
  // The round trip (check 8) is what proves a client can really use the registry: on unless the user opts out.
  const [push, setPush] = useState(true)
  const [login, setLogin] = useState<Login>({ user: '', password: '' })
  const { jobId, error, run } = useVerifyRun(target)
  const loginError = error?.field?.startsWith('credentials') ? error : undefined
  return (
    <section className="card">
      <h2>{t('verify.title', { target: `${target.host}:${target.port}` })}</h2>
      <PushChoice push={push} onChange={setPush} docker={docker} busy={!!jobId} />
      <LoginFields login={login} onChange={setLogin} busy={!!jobId} error={loginError} />
      <div className="actions-inline">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!!jobId}
          onClick={() => void run(push ? docker : undefined, login)}
        >
          {rows ? t('verify.rerun') : t('verify.run')}
        </button>
        {rows && <CopyReport rows={rows} />}
      </div>
      <JobProgress jobId={jobId} label={t('verify.running')} channel="runVerify" />
      <VerifyOutcome />
      <ErrorNotice error={loginError ? undefined : error} />
    </section>
  )
}

/** Starts a run: rows appear one by one as main reports each finished check for this run's job. */
function useVerifyRun(target: Target): {
  jobId: string | undefined
  error: ErrorInfo | undefined
  run: (docker: DockerEndpoint | undefined, login: Login) => Promise<void>
} {
  const save = useStagesStore((s) => s.set)
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  useEffect(() => {
    if (!jobId) return undefined
    return api().on('verify:check', (e) => {
      if (e.jobId !== jobId) return
      const stages = useStagesStore.getState()
      stages.set({ verifyRows: [...(stages.verifyRows ?? []), e.check] })
    })
  }, [jobId])
  const run = async (docker: DockerEndpoint | undefined, login: Login): Promise<void> => {
    const id = newJobId('verify')
    save({ verifyRows: [], verifyOk: undefined })
    setError(undefined)
    setJobId(id)
    // Typed-again credentials go to main for this run only; left empty, main uses the ones the registry start got.
    const user = login.user.trim()
    const credentials = user && login.password ? { credentials: { user, password: login.password } } : {}
    const r = await api().runVerify({
      jobId: id,
      host: target.host,
      port: target.port,
      caCertPath: target.caCertPath,
      certPath: target.certPath,
      ...(docker ? { push: true, docker } : {}),
      ...credentials,
    })
    setJobId(undefined)
    if (r.ok) save({ verifyRows: r.value.checks, verifyOk: r.value.ok })
    else setError(r.error)
  }
  return { jobId, error, run }
}

function PushChoice(props: {
  push: boolean
  onChange: (push: boolean) => void
  docker: DockerEndpoint
  busy: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const engine = props.docker.kind === 'local' ? t('plan.docker.local') : props.docker.url
  return (
    <>
      <label className="check-label">
        <input
          type="checkbox"
          checked={props.push}
          disabled={props.busy}
          aria-describedby="verify-push-hint"
          onChange={(e) => props.onChange(e.target.checked)}
        />{' '}
        {t('verify.push')}
      </label>
      <p id="verify-push-hint" className="muted">
        {t('verify.pushHint', { engine })}
      </p>
      <p className="muted small" data-note="mirror-no-push">
        {t('mirror.noPush')}
      </p>
    </>
  )
}

function LoginFields(props: {
  login: Login
  onChange: (login: Login) => void
  busy: boolean
  error: ErrorInfo | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { login, onChange } = props
  return (
    <fieldset className="inline-form login">
      <legend>{t('verify.login')}</legend>
      <TextField
        id="verify-user"
        label={t('verify.user')}
        value={login.user}
        onChange={(user) => onChange({ ...login, user })}
        disabled={props.busy}
        error={props.error}
      />
      <TextField
        id="verify-password"
        type="password"
        autoComplete="current-password"
        label={t('verify.password')}
        value={login.password}
        onChange={(password) => onChange({ ...login, password })}
        disabled={props.busy}
        hint={t('verify.loginHint')}
      />
    </fieldset>
  )
}

/** The rows as text in the UI's language, one per line, for a ticket or a chat. */
function CopyReport({ rows }: { rows: CheckRow[] }): React.JSX.Element {
  const { t } = useTranslation()
  const copy = (): void => {
    const report = rows.map((r) => {
      const text = checkRowText(r)
      const reason = text.reason ? ` - ${text.reason}` : ''
      return `[${t(`checks.${r.status}`)}] ${text.title}${reason}${text.fix ? ` → ${text.fix}` : ''}`
    })
    void navigator.clipboard.writeText(report.join('\n'))
  }
  return (
    <button type="button" className="btn btn-secondary" onClick={copy}>
      {t('verify.copy')}
    </button>
  )
}

/** The rows and what they add up to: "every check passed" only when it is true (a warning is said as such). */
function VerifyOutcome(): React.JSX.Element | null {
  const { t } = useTranslation()
  const rows = useStagesStore((s) => s.verifyRows)
  const passed = useStagesStore((s) => s.verifyOk)
  if (!rows) return null
  const warned = rows.some((r) => r.status === 'warn')
  return (
    <>
      <CheckRows rows={rows} label={t('verify.results')} />
      {passed === true && !warned && <p className="ok-line">✓ {t('verify.allGreen')}</p>}
      {passed === true && warned && <p className="warn-line">{t('verify.passedWithWarnings')}</p>}
      {passed === false && <p className="field-error">{t('verify.someFailed')}</p>}
      {passed === true && <NextSteps />}
    </>
  )
}

/** After a passing run: on to the Images screen or the Registry contents screen (a group, not a landmark). */
function NextSteps(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  return (
    <div className="actions-inline" role="group" aria-labelledby="verify-next">
      <p id="verify-next" className="muted">
        {t('verify.next')}
      </p>
      <button type="button" className="btn btn-secondary" onClick={() => go('images')}>
        {t('verify.toImages')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => go('contents')}>
        {t('verify.toContents')}
      </button>
    </div>
  )
}
