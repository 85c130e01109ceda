import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckRow, ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows } from '../components/CheckRows'
import { ErrorNotice } from '../components/ErrorNotice'
import { NotAvailable } from '../components/NotAvailable'
import { JobProgress } from '../components/ProgressBar'
import { newJobId } from '../lib/job-id'
import { useAppStore } from '../stores/app-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

export function VerifyStep(): React.JSX.Element {
  const available = useAppStore((s) => s.info?.capabilities.verify ?? false)
  if (!available) return <NotAvailable step="verify" cli="registry-wizard verify --registry HOST:PORT --ca ca.crt" />
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
    const r = await api().runVerify({ jobId: id, host: target.host, port: target.port, caCertPath: target.caCertPath, certPath: target.certPath })
    setJobId(undefined)
    if (r.ok) {
      setRows(r.value.checks)
      setPassed(r.value.ok)
    } else setError(r.error)
  }
  const report = (rows ?? []).map((r) => `[${r.status.toUpperCase()}] ${r.title}${r.reason ? ` - ${r.reason}` : ''}${r.fix ? ` (fix: ${r.fix})` : ''}`).join('\n')
  return (
    <section className="card">
      <h2>{t('verify.title', { target: `${target.host}:${target.port}` })}</h2>
      <div className="actions-inline">
        <button type="button" className="btn btn-primary" disabled={!!jobId} onClick={() => void run()}>
          {rows ? t('verify.rerun') : t('verify.run')}
        </button>
        {rows && (
          <button type="button" className="btn btn-secondary" onClick={() => void navigator.clipboard.writeText(report)}>
            {t('verify.copy')}
          </button>
        )}
      </div>
      <JobProgress jobId={jobId} label={t('verify.running')} onCancel={() => jobId && void api().cancelJob({ jobId })} />
      {rows && <CheckRows rows={rows} label={t('verify.results')} />}
      {passed === true && <p className="ok-line">✓ {t('verify.allGreen')}</p>}
      {passed === false && <p className="field-error">{t('verify.someFailed')}</p>}
      <ErrorNotice error={error} />
    </section>
  )
}
