import i18next from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  BundleResult,
  DriveInfo,
  ErrorInfo,
  TrustChange,
  TrustNote,
  TrustPlanView,
} from '../../../main/ipc/contract'
import type { Message } from '../../../main/messages/index'
import { CA_CERT_FILE } from '../../../main/pki/file-names'
import { api } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { JobProgress } from '../components/ProgressBar'
import { translator } from '../i18n/index'
import { formatDate } from '../lib/format'
import { newJobId } from '../lib/job-id'
import { joinPath } from '../lib/paths'
import { useCertsStore } from '../stores/certs-store'
import { useStagesStore } from '../stores/stages-store'
import { DriveWriter } from './DriveWriter'
import { NeedCertificate } from './NeedCertificate'
import { K8sCard } from './trust-k8s/K8sCard'
import { useTarget } from './use-target'

type Target = ReturnType<typeof useTarget>

export function TrustStep(): React.JSX.Element {
  const [mirror, setMirror] = useState('')
  return (
    <div className="step">
      <MirrorField value={mirror} onChange={setMirror} />
      <ThisMachine mirror={mirror.trim()} />
      <OtherMachines mirror={mirror.trim()} />
      <K8sCard mirror={mirror.trim()} />
    </div>
  )
}

/** The optional Docker Hub mirror (HOST:PORT): this machine's clients and the bundle's install.sh use it too. */
function MirrorField(props: { value: string; onChange: (v: string) => void }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <section className="card">
      <TextField
        id="trust-mirror"
        label={t('trustMirror.label')}
        value={props.value}
        onChange={props.onChange}
        placeholder={t('trustMirror.placeholder')}
        hint={t('trustMirror.help')}
      />
    </section>
  )
}

/** Names a field in an error as its control does: the mirror field by its label. */
function fieldLabel(field: string): string {
  if (field === 'mirror') return i18next.t('trustMirror.label')
  return i18next.exists(`fields.${field}`) ? i18next.t(`fields.${field}`) : field
}

/** A message from main in the UI's language (re-rendered when the language changes). */
function useRender(): (m: Message) => string {
  useTranslation()
  return (m) => translator().render(m)
}

function ChangeList({ changes }: { changes: TrustChange[] }): React.JSX.Element {
  const render = useRender()
  return (
    <ul className="changes">
      {changes.map((c) => (
        <li key={`${c.target.key}${render(c.description)}`}>
          <strong>{render(c.target)}</strong> <span className="mono">{render(c.description)}</span>
        </li>
      ))}
    </ul>
  )
}

/** The plan's notes and warnings (restart dockerd, containerd's config_path), each under its store's name. */
function PlanNotes({ notes }: { notes: TrustNote[] }): React.JSX.Element | null {
  const render = useRender()
  if (notes.length === 0) return null
  return (
    <div className="plan-notes">
      <h3>{render({ key: 'trust.view.notes' })}</h3>
      <ul>
        {notes.map((n) => (
          <li
            key={`${n.level}${n.target.key}${render(n.text)}`}
            className={n.level === 'warning' ? 'warning' : ''}
          >
            <strong>{render(n.target)}</strong>
            {n.level === 'warning' && ` ${render({ key: 'trust.view.warning' })}:`} {render(n.text)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What is left for the user: commands to run as an administrator, or the script to run as root. */
function Pending({ pending, asRoot }: { pending: string[]; asRoot: boolean }): React.JSX.Element | null {
  const { t } = useTranslation()
  const render = useRender()
  if (pending.length === 0) return null
  return (
    <>
      <p>{asRoot ? render({ key: 'trust.view.runAsRoot' }) : t('trust.pending')}</p>
      <pre className="code">{pending.join('\n')}</pre>
    </>
  )
}

function useThisMachine(target: Target, mirror: string) {
  const save = useStagesStore((s) => s.set)
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const req = target && {
    caCertPath: target.caCertPath,
    host: target.host,
    port: target.port,
    ...(mirror === '' ? {} : { mirror }),
  }
  const plan = async (): Promise<void> => {
    if (!req) return
    const r = await api().planTrust(req)
    if (r.ok) save({ trustPlan: r.value })
    else setError(r.error)
  }
  const apply = async (): Promise<void> => {
    if (!req) return
    const id = newJobId('trust')
    setJobId(id)
    const r = await api().applyTrust({ jobId: id, ...req })
    setJobId(undefined)
    if (!r.ok) {
      setError(r.error)
      return
    }
    const { changes, notes, mode, pending, script } = r.value
    const plan: TrustPlanView = { changes, notes }
    // No prompt here (print): nothing was done; the script to run as root is what is left.
    const left = mode === 'print' && script !== undefined ? script.trimEnd().split('\n') : pending
    save({ trustPlan: plan, trustApplied: { pending: left, asRoot: mode === 'print' } })
  }
  return { jobId, error, plan, apply }
}

function ThisMachine({ mirror }: { mirror: string }): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const trustPlan = useStagesStore((s) => s.trustPlan)
  const applied = useStagesStore((s) => s.trustApplied)
  const { jobId, error, plan, apply } = useThisMachine(target, mirror)
  if (!target) return <NeedCertificate />
  return (
    <section className="card">
      <h2>{t('trust.thisMachine')}</h2>
      <button type="button" className="btn btn-secondary" onClick={() => void plan()}>
        {t('trust.showChanges')}
      </button>
      {trustPlan && <ChangeList changes={trustPlan.changes} />}
      {trustPlan && <PlanNotes notes={trustPlan.notes} />}
      {trustPlan && (
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void apply()}>
          {t('trust.apply')}
        </button>
      )}
      <JobProgress jobId={jobId} label={t('trust.applying')} channel="applyTrust" />
      {applied !== undefined && applied.pending.length === 0 && (
        <p className="ok-line">✓ {t('trust.applied')}</p>
      )}
      {applied && <Pending pending={applied.pending} asRoot={applied.asRoot === true} />}
      <ErrorNotice error={error} fieldLabel={fieldLabel} />
    </section>
  )
}

function useDrives(): DriveInfo[] {
  const [drives, setDrives] = useState<DriveInfo[]>([])
  useEffect(() => {
    void api()
      .listDrives()
      .then((r) => r.ok && setDrives(r.value.drives))
  }, [])
  return drives
}

/**
 * With the previous CA (a CA renewal's overlap): the CA folder's ca.crt, beside which main finds the CA the renewal
 * archived; else the issued pair's copy of the root.
 */
function useExport(target: Target, outDir: string, mirror: string, previousOf: string | undefined) {
  const saveStage = useStagesStore((s) => s.set)
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const run = async (): Promise<void> => {
    if (!target) return
    const id = newJobId('bundle')
    setJobId(id)
    setError(undefined)
    const { host, port } = target
    const withMirror = mirror === '' ? {} : { mirror }
    const source =
      previousOf === undefined
        ? { caCertPath: target.caCertPath }
        : { caCertPath: joinPath(previousOf, CA_CERT_FILE), previousCa: true }
    const r = await api().exportBundle({ jobId: id, outDir, ...source, host, port, ...withMirror })
    setJobId(undefined)
    if (r.ok) saveStage({ bundle: r.value })
    else setError(r.error)
  }
  return { jobId, error, run }
}

function Exported({ result }: { result: BundleResult }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const previous = result.previousCa
  return (
    <p className="ok-line">
      ✓ {t('trust.exported', { dir: result.outDir })}
      <br />
      <span className="muted">{t('trust.fingerprint')}</span>{' '}
      <span className="mono">{result.fingerprintSha256}</span>
      {previous && (
        <>
          <br />
          <span className="muted">
            {t('trust.previousCaBundled', { until: formatDate(previous.notAfter, i18n.language) })}
          </span>{' '}
          <span className="mono">{previous.fingerprintSha256}</span>
        </>
      )}
    </p>
  )
}

/** Offered while the CA folder holds the CA a renewal replaced (not ended yet): clients then need both. */
function PreviousCaOption({
  checked,
  onChange,
}: {
  checked: boolean
  onChange: (v: boolean) => void
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation()
  const previous = useCertsStore((s) => s.ca?.previousCa)
  if (!previous) return null
  return (
    <label className="check-label">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {t('trust.withPreviousCa', { until: formatDate(previous.notAfter, i18n.language) })}
    </label>
  )
}

function DrivesDetected({ drives }: { drives: DriveInfo[] }): React.JSX.Element | null {
  const { t } = useTranslation()
  if (drives.length === 0) return null
  const list = drives.map((d) => `${d.description} (${d.mountpoints.join(', ')})`).join(', ')
  return <p className="muted">{t('trust.drivesDetected', { drives: list })}</p>
}

function OtherMachines({ mirror }: { mirror: string }): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const [outDir, setOutDir] = useState('')
  const result = useStagesStore((s) => s.bundle)
  const drives = useDrives()
  const [withPrevious, setWithPrevious] = useState(true)
  const ca = useCertsStore((s) => s.ca)
  const previousOf = withPrevious && ca?.previousCa ? ca.dir : undefined
  const { jobId, error, run } = useExport(target, outDir, mirror, previousOf)
  if (!target) return <NeedCertificate />
  return (
    <section className="card">
      <h2>{t('trust.otherMachines')}</h2>
      <TextField
        id="bundle-out"
        label={t('trust.bundleFolder')}
        value={outDir}
        onChange={setOutDir}
        browse="folder"
        error={error?.field === 'outDir' ? error : undefined}
      />
      <PreviousCaOption checked={withPrevious} onChange={setWithPrevious} />
      {!result && <DrivesDetected drives={drives} />}
      <button
        type="button"
        className="btn btn-primary"
        disabled={!!jobId || !outDir}
        onClick={() => void run()}
      >
        {t('trust.export')}
      </button>
      <JobProgress jobId={jobId} label={t('trust.exporting')} channel="exportBundle" />
      {result && <Exported result={result} />}
      {result && <DriveWriter bundleId={result.bundleId} drives={drives} />}
      {error?.field !== 'outDir' && <ErrorNotice error={error} fieldLabel={fieldLabel} />}
    </section>
  )
}
