import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, StartMirrorRequest } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { guiMessage, type MirrorActions } from './use-mirror'

interface Form {
  upstream: string
  upstreamCaPath: string
  upstreamUser: string
  upstreamPasswordPath: string
  port: string
}

const EMPTY: Form = {
  upstream: '',
  upstreamCaPath: '',
  upstreamUser: '',
  upstreamPasswordPath: '',
  port: '5001',
}

/** The request from the form: empty fields left out (main's defaults: Docker Hub, port 5001). */
function request(jobId: string, plan: Plan, certDir: string, f: Form): StartMirrorRequest {
  const opt = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim())
  const port = Number(f.port)
  return {
    jobId,
    plan,
    certDir,
    upstream: opt(f.upstream),
    upstreamCaPath: opt(f.upstreamCaPath),
    upstreamUser: opt(f.upstreamUser),
    upstreamPasswordPath: opt(f.upstreamPasswordPath),
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
  }
}

/** Upstream (default Docker Hub), its CA file, its login (a password FILE: main reads it), port; then Start. */
export function MirrorStartForm(props: {
  plan: Plan
  certDir: string
  actions: MirrorActions
}): React.JSX.Element {
  const { t } = useTranslation()
  const [form, setForm] = useState<Form>(EMPTY)
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }))
  const { busy, error, run } = props.actions
  const start = (): Promise<void> =>
    run(
      'start',
      (jobId) => api().startMirror(request(jobId, props.plan, props.certDir, form)),
      (v) => guiMessage('started', { url: v.url, upstream: v.upstream }),
      (v) => v.notices,
    )
  return (
    <div className="form-grid">
      <UpstreamFields form={form} set={set} error={error} />
      <TextField id="mirror-port" label={t('mirror.form.port')} value={form.port} onChange={set('port')} />
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== undefined}
          onClick={() => void start()}
        >
          {t('mirror.form.start')}
        </button>
      </div>
      <JobProgress
        jobId={busy?.action === 'start' ? busy.jobId : undefined}
        label={t('mirror.form.start')}
        channel="startMirror"
      />
    </div>
  )
}

/** The upstream, its CA file and its login (user and password file). */
function UpstreamFields(props: {
  form: Form
  set: (k: keyof Form) => (v: string) => void
  error: ErrorInfo | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { form, set, error } = props
  const pem = { extensions: ['crt', 'pem'] }
  return (
    <>
      <TextField
        id="mirror-upstream"
        label={t('mirror.form.upstream')}
        placeholder={t('mirror.form.upstreamPlaceholder')}
        value={form.upstream}
        onChange={set('upstream')}
        error={error}
      />
      <TextField
        id="mirror-upstream-ca"
        label={t('mirror.form.upstreamCa')}
        value={form.upstreamCaPath}
        onChange={set('upstreamCaPath')}
        browse={pem}
        error={error}
      />
      <TextField
        id="mirror-upstream-user"
        label={t('mirror.form.upstreamUser')}
        value={form.upstreamUser}
        onChange={set('upstreamUser')}
        error={error}
      />
      <TextField
        id="mirror-password-file"
        label={t('mirror.form.passwordFile')}
        value={form.upstreamPasswordPath}
        onChange={set('upstreamPasswordPath')}
        browse={{ extensions: [] }}
        error={error}
      />
    </>
  )
}
