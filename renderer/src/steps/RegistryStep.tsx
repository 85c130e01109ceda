import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useTranslation } from 'react-i18next'
import type { CheckRow, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows } from '../components/CheckRows'
import { ErrorNotice } from '../components/ErrorNotice'
import { NotAvailable } from '../components/NotAvailable'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { planOf, usePlanStore } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

export function RegistryStep(): React.JSX.Element {
  const available = useAppStore((s) => s.info?.capabilities.docker ?? false)
  if (!available) return <NotAvailable step="registry" cli="registry-wizard registry start --certs DIR --port 5000" />
  return <RegistryPanel />
}

function RegistryPanel(): React.JSX.Element {
  const { t } = useTranslation()
  const target = useTarget()
  const plan = planOf(usePlanStore(useShallow((s) => ({ addresses: s.addresses, port: s.port, dockerKind: s.dockerKind, dockerUrl: s.dockerUrl, tlsDir: s.tlsDir }))))
  const checks = useStagesStore((s) => s.preflight)
  const started = useStagesStore((s) => s.containerId)
  const save = useStagesStore((s) => s.set)
  const setChecks = (preflight: CheckRow[]): void => save({ preflight })
  const setStarted = (containerId: string): void => save({ containerId })
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  if (!target) return <NeedCertificate />
  const preflight = async (): Promise<void> => {
    const r = await api().registryPreflight({ plan, certDir: target.certDir })
    if (r.ok) setChecks(r.value.checks)
    else setError(r.error)
  }
  const start = async (): Promise<void> => {
    const id = newJobId('registry')
    setJobId(id)
    setError(undefined)
    const r = await api().startRegistry({ jobId: id, plan, certDir: target.certDir })
    setJobId(undefined)
    if (r.ok) setStarted(r.value.containerId)
    else setError(r.error)
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
        <h2>{t('registry.start')}</h2>
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void start()}>
          {t('registry.start')}
        </button>
        <JobProgress jobId={jobId} label={t('registry.starting')} onCancel={() => jobId && void api().cancelJob({ jobId })} />
        {started && <p className="ok-line">✓ {t('registry.started', { id: started.slice(0, 12) })}</p>}
        <ErrorNotice error={error} />
      </section>
    </div>
  )
}
