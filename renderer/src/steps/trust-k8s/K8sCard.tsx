import i18next from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, K8sManifestsResult, PickedPath } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import { useTarget } from '../use-target'
import { useK8s, type K8sForm as Form } from './use-k8s'

type Update = (patch: Partial<Form>) => void

/** Names a request field in an error as its control does. */
export function k8sFieldLabel(field: string): string {
  const key = `k8s.field.${field}`
  if (i18next.exists(key)) return i18next.t(key)
  return i18next.exists(`fields.${field}`) ? i18next.t(`fields.${field}`) : field
}

/** The error of the control that edits `field` (shown under it), else nothing. */
const at = (error: ErrorInfo | undefined, ...fields: string[]): ErrorInfo | undefined =>
  error?.field !== undefined && fields.includes(error.field) ? error : undefined

function Options(props: { form: Form; update: Update; error: ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        id="k8s-namespace"
        label={t('k8s.namespace')}
        value={props.form.namespace}
        onChange={(namespace) => props.update({ namespace })}
        error={at(props.error, 'namespace')}
      />
      <TextField
        id="k8s-image"
        label={t('k8s.image')}
        value={props.form.image}
        onChange={(image) => props.update({ image })}
        hint={t('k8s.imageHint')}
        error={at(props.error, 'image')}
      />
    </>
  )
}

function PullSecret(props: { form: Form; update: Update; error: ErrorInfo | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const { form, update } = props
  return (
    <>
      <label className="check-label">
        <input
          type="checkbox"
          checked={form.withLogin}
          onChange={(e) => update({ withLogin: e.target.checked })}
        />{' '}
        {t('k8s.pullSecret')}
      </label>
      {form.withLogin && (
        <>
          <TextField
            id="k8s-user"
            label={t('k8s.user')}
            value={form.user}
            onChange={(user) => update({ user })}
            error={at(props.error, 'pullSecretUser', 'login')}
          />
          <TextField
            id="k8s-password"
            type="password"
            label={t('k8s.password')}
            value={form.password}
            onChange={(password) => update({ password })}
            hint={t('k8s.passwordHint')}
            error={at(props.error, 'password')}
          />
        </>
      )}
    </>
  )
}

function Folder(props: {
  folder: PickedPath | undefined
  pick: () => void
  form: Form
  update: Update
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="field">
      <span className="field-label">{t('k8s.folder')}</span>
      <div className="field-row">
        <span className="mono">{props.folder?.path ?? t('k8s.noFolder')}</span>
        <button type="button" className="btn btn-secondary" onClick={props.pick}>
          {t('k8s.chooseFolder')}
        </button>
      </div>
      <label className="check-label">
        <input
          type="checkbox"
          checked={props.form.force}
          onChange={(e) => props.update({ force: e.target.checked })}
        />{' '}
        {t('k8s.force')}
      </label>
    </div>
  )
}

function Written({
  result,
  withLogin,
}: {
  result: K8sManifestsResult
  withLogin: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const { dir, namespace } = result
  return (
    <div className="k8s-result">
      <p className="ok-line">✓ {t('k8s.written', { count: result.files.length, dir })}</p>
      <ul className="mono">
        {result.files.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <h3>{t('k8s.next')}</h3>
      <p>{t('k8s.apply')}</p>
      <pre className="code">{`kubectl apply -f ${dir}/`}</pre>
      <p>{t('k8s.rollout')}</p>
      <pre className="code">
        {`kubectl -n ${namespace} rollout status daemonset/registry-trust\nkubectl -n ${namespace} logs -l app.kubernetes.io/name=registry-trust`}
      </pre>
      <p>{t('k8s.configPath')}</p>
      <p>{t('k8s.rancher')}</p>
      {withLogin && <p>{t('k8s.pullSecretNext', { dir })}</p>}
      <p>{t('k8s.remove', { dir })}</p>
    </div>
  )
}

/** The card's form, once the user asked for it (the Trust step stays light for the many who have no cluster). */
function K8sForm({ mirror, hostPort }: { mirror: string; hostPort: string }): React.JSX.Element {
  const { t } = useTranslation()
  const k = useK8s(mirror)
  const inline = ['namespace', 'image', 'pullSecretUser', 'login', 'password']
  return (
    <>
      <p className="muted">{t('k8s.intro', { hostPort })}</p>
      <Options form={k.form} update={k.update} error={k.error} />
      <PullSecret form={k.form} update={k.update} error={k.error} />
      <Folder folder={k.folder} pick={() => void k.pick()} form={k.form} update={k.update} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={k.busy || !k.folder}
        onClick={() => void k.write()}
      >
        {t('k8s.write')}
      </button>
      {k.result && <Written result={k.result} withLogin={k.form.withLogin} />}
      {!inline.includes(k.error?.field ?? '') && <ErrorNotice error={k.error} fieldLabel={k8sFieldLabel} />}
    </>
  )
}

/** The Client trust step's "Kubernetes cluster" card: every node of a cluster trusts the registry. */
export function K8sCard({ mirror }: { mirror: string }): React.JSX.Element | null {
  const { t } = useTranslation()
  const target = useTarget()
  const [open, setOpen] = useState(false)
  // Without a certificate the other cards already say what is missing.
  if (!target) return null
  return (
    <section className="card" aria-labelledby="k8s-title">
      <h2 id="k8s-title">{t('k8s.title')}</h2>
      {open ? (
        <K8sForm mirror={mirror} hostPort={`${target.host}:${target.port}`} />
      ) : (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {t('k8s.open')}
        </button>
      )}
    </section>
  )
}
