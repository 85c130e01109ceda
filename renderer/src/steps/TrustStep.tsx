import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BundleResult, DriveInfo, ErrorInfo, TrustChange } from '../../../main/ipc/contract'
import { api } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { TextField } from '../components/Field'
import { NotAvailable } from '../components/NotAvailable'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { useStagesStore } from '../stores/stages-store'
import { DriveWriter } from './DriveWriter'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

export function TrustStep(): React.JSX.Element {
  const { t } = useTranslation()
  const caps = useAppStore((s) => s.info?.capabilities)
  return (
    <div className="step">
      {caps?.trust ? (
        <ThisMachine />
      ) : (
        <NotAvailable
          step="trust"
          title={t('trust.thisMachine')}
          cli="registry-wizard trust install --ca ca.crt --registry HOST:PORT"
        />
      )}
      {caps?.bundle ? (
        <OtherMachines />
      ) : (
        <NotAvailable
          step="bundle"
          title={t('trust.otherMachines')}
          cli="registry-wizard bundle export --ca ca.crt --registry HOST:PORT --out DIR"
        />
      )}
    </div>
  )
}

function ThisMachine(): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const changes = useStagesStore((s) => s.trustChanges)
  const applied = useStagesStore((s) => s.trustApplied)
  const save = useStagesStore((s) => s.set)
  const setChanges = (trustChanges: TrustChange[]): void => save({ trustChanges })
  const [jobId, setJobId] = useState<string>()
  const done = applied !== undefined && applied.pending.length === 0
  const pending = applied?.pending ?? []
  const [error, setError] = useState<ErrorInfo>()
  if (!target) return <NeedCertificate />
  const req = { caCertPath: target.caCertPath, host: target.host, port: target.port }
  const plan = async (): Promise<void> => {
    const r = await api().planTrust(req)
    if (r.ok) setChanges(r.value.changes)
    else setError(r.error)
  }
  const apply = async (): Promise<void> => {
    const id = newJobId('trust')
    setJobId(id)
    const r = await api().applyTrust({ jobId: id, ...req })
    setJobId(undefined)
    if (r.ok) save({ trustApplied: { pending: r.value.pending } })
    else setError(r.error)
  }
  return (
    <section className="card">
      <h2>{t('trust.thisMachine')}</h2>
      <button type="button" className="btn btn-secondary" onClick={() => void plan()}>
        {t('trust.showChanges')}
      </button>
      {changes && (
        <ul className="changes">
          {changes.map((c) => (
            <li key={c.target + c.description}>
              <strong>{c.target}</strong> <span className="mono">{c.description}</span>
            </li>
          ))}
        </ul>
      )}
      {changes && (
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void apply()}>
          {t('trust.apply')}
        </button>
      )}
      <JobProgress jobId={jobId} label={t('trust.applying')} />
      {done && <p className="ok-line">✓ {t('trust.applied')}</p>}
      {pending.length > 0 && (
        <>
          <p>{t('trust.pending')}</p>
          <pre className="code">{pending.join('\n')}</pre>
        </>
      )}
      <ErrorNotice error={error} />
    </section>
  )
}

function OtherMachines(): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const [outDir, setOutDir] = useState('')
  const [jobId, setJobId] = useState<string>()
  const result = useStagesStore((s) => s.bundle)
  const saveStage = useStagesStore((s) => s.set)
  const setResult = (bundle: BundleResult): void => saveStage({ bundle })
  const [error, setError] = useState<ErrorInfo>()
  const [drives, setDrives] = useState<DriveInfo[]>([])
  const hasDrives = useAppStore((s) => s.info?.capabilities.drives ?? false)
  useEffect(() => {
    if (hasDrives)
      void api()
        .listDrives()
        .then((r) => r.ok && setDrives(r.value.drives))
  }, [hasDrives])
  if (!target) return <NeedCertificate />
  const exportBundle = async (): Promise<void> => {
    const id = newJobId('bundle')
    setJobId(id)
    setError(undefined)
    const r = await api().exportBundle({
      jobId: id,
      outDir,
      caCertPath: target.caCertPath,
      host: target.host,
      port: target.port,
    })
    setJobId(undefined)
    if (r.ok) setResult(r.value)
    else setError(r.error)
  }
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
      {drives.length > 0 && !result && (
        <p className="muted">
          {t('trust.drivesDetected', {
            drives: drives.map((d) => `${d.description} (${d.mountpoints.join(', ')})`).join(', '),
          })}
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={!!jobId || !outDir}
        onClick={() => void exportBundle()}
      >
        {t('trust.export')}
      </button>
      <JobProgress
        jobId={jobId}
        label={t('trust.exporting')}
        onCancel={() => jobId && void api().cancelJob({ jobId })}
      />
      {result && (
        <p className="ok-line">
          ✓ {t('trust.exported', { dir: result.outDir })}
          <br />
          <span className="muted">{t('trust.fingerprint')}</span>{' '}
          <span className="mono">{result.fingerprintSha256}</span>
        </p>
      )}
      {result && hasDrives && <DriveWriter bundleId={result.bundleId} drives={drives} />}
      {error?.field !== 'outDir' && <ErrorNotice error={error} />}
    </section>
  )
}
