import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo, Plan, RegistryStatusInfo } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ExpiryBadge } from '../../components/ExpiryBadge'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { formatDate } from '../../lib/format'
import { newJobId } from '../../lib/job-id'
import { useAppStore } from '../../stores/app-store'

/** The registry's status, read once: undefined while reading, null when the engine has no such container. */
function useStatus(plan: Plan): {
  status: RegistryStatusInfo | null | undefined
  refresh: () => Promise<void>
} {
  const [status, setStatus] = useState<RegistryStatusInfo | null>()
  const planKey = JSON.stringify(plan)
  const refresh = useCallback(async (): Promise<void> => {
    const r = await api().registryStatus({ plan: JSON.parse(planKey) as Plan })
    setStatus(r.ok ? r.value : null)
  }, [planKey])
  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0)
    return () => clearTimeout(first)
  }, [refresh])
  return { status, refresh }
}

const PASSPHRASE_CODES = ['PASSPHRASE_REQUIRED', 'WRONG_PASSPHRASE']

/** Renew: ONE main-side job (the same CA, the same addresses plus the plan's; the old pair back on any failure). */
function RenewAction(props: { plan: Plan; name: string; onDone: () => Promise<void> }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const [asked, setAsked] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [renewed, setRenewed] = useState<string>()
  const renew = async (): Promise<void> => {
    const id = newJobId('renew')
    setJobId(id)
    setError(undefined)
    setRenewed(undefined)
    const secret = passphrase ? { passphrase } : {}
    setPassphrase('')
    const r = await api().registryRenewCert({ jobId: id, plan: props.plan, ...secret })
    setJobId(undefined)
    if (r.ok) setRenewed(r.value.notAfter)
    else {
      setError(r.error)
      if (PASSPHRASE_CODES.includes(r.error.code)) setAsked(true)
    }
    await props.onDone()
  }
  return (
    <div className="renew-action">
      {asked && (
        <TextField
          id={`renew-passphrase-${props.name}`}
          type="password"
          autoComplete="off"
          label={t('expiry.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
        />
      )}
      <button
        type="button"
        className="btn btn-secondary"
        aria-label={t('expiry.renewLabel', { name: props.name })}
        disabled={jobId !== undefined}
        onClick={() => void renew()}
      >
        {t('expiry.renew')}
      </button>
      {jobId !== undefined && (
        <JobProgress jobId={jobId} label={t('expiry.renewing')} channel="registryRenewCert" />
      )}
      {renewed !== undefined && (
        <p className="ok-line" role="status">
          {t('expiry.renewed', { date: formatDate(renewed, i18n.language) })}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  )
}

function RegistryRow({ plan }: { plan: Plan }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const { status, refresh } = useStatus(plan)
  const address = `${plan.addresses[0] ?? ''}:${plan.port}`
  const cert = status?.servedCert
  return (
    <tr>
      <td>{status?.name ?? t('expiry.registry')}</td>
      <td className="mono">{address}</td>
      <td>
        {status === undefined && <span className="muted">{t('expiry.reading')}</span>}
        {status === null && <span className="muted">{t('expiry.notRunning')}</span>}
        {cert !== undefined && (
          <>
            {formatDate(cert.notAfter, i18n.language)} <ExpiryBadge notAfter={cert.notAfter} />
          </>
        )}
      </td>
      <td>
        {cert !== undefined && <RenewAction plan={plan} name={status?.name ?? address} onDone={refresh} />}
      </td>
    </tr>
  )
}

/** Every registry the app knows (the saved plan's), with the served certificate's days left and Renew. */
export function KnownRegistries(): React.JSX.Element {
  const { t } = useTranslation()
  const plan = useAppStore((s) => s.settings?.plan)
  return (
    <section className="card" aria-labelledby="home-registries">
      <h2 id="home-registries">{t('expiry.registries')}</h2>
      {plan === undefined || plan.addresses.length === 0 ? (
        <p className="muted">{t('expiry.noRegistries')}</p>
      ) : (
        <table className="table" aria-label={t('expiry.registries')}>
          <thead>
            <tr>
              <th scope="col">{t('expiry.registry')}</th>
              <th scope="col">{t('expiry.address')}</th>
              <th scope="col">{t('expiry.served')}</th>
              <th scope="col">
                <span className="sr-only">{t('home.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <RegistryRow plan={plan} />
          </tbody>
        </table>
      )}
    </section>
  )
}
