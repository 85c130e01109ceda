import { useTranslation } from 'react-i18next'
import type { KnownCert, Plan } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { ExpiryBadge } from '../../components/ExpiryBadge'
import { formatDate } from '../../lib/format'
import { usePolledStatus } from '../../lib/use-polled-status'
import { useAppStore } from '../../stores/app-store'
import { MirrorRow } from './MirrorRow'
import { useOverlapStore, useServedCa } from './overlap-store'
import { JobButton, PassphraseJobParts, usePassphraseJob } from './use-passphrase-job'

/** Renew: ONE main-side job (the same CA, the same addresses plus the plan's; the old pair back on any failure). */
function RenewAction(props: { plan: Plan; name: string; onDone: () => Promise<void> }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const job = usePassphraseJob(
    'renew',
    (jobId, secret) => api().registryRenewCert({ jobId, plan: props.plan, ...secret }),
    props.onDone,
  )
  return (
    <div className="renew-action">
      <JobButton job={job} text={t('expiry.renew')} label={t('expiry.renewLabel', { name: props.name })} />
      <PassphraseJobParts
        job={job}
        id={`renew-passphrase-${props.name}`}
        label={t('expiry.passphrase')}
        progressLabel={t('expiry.renewing')}
        channel="registryRenewCert"
      />
      {job.result !== undefined && (
        <p className="ok-line" role="status">
          {t('expiry.renewed', { date: formatDate(job.result.notAfter, i18n.language) })}
        </p>
      )}
    </div>
  )
}

/** The served certificate's end, or why there is none to show. */
function ServedCell(props: { status: { servedCert?: { notAfter: string } | undefined } | null | undefined }) {
  const { t, i18n } = useTranslation()
  const { status } = props
  const cert = status?.servedCert
  return (
    <td>
      {status === undefined && <span className="muted">{t('expiry.reading')}</span>}
      {status === null && <span className="muted">{t('expiry.notRunning')}</span>}
      {cert !== undefined && (
        <>
          {formatDate(cert.notAfter, i18n.language)} <ExpiryBadge notAfter={cert.notAfter} />
        </>
      )}
    </td>
  )
}

function RegistryRow({ plan }: { plan: Plan }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const tick = useOverlapStore((s) => s.tick)
  const served = useOverlapStore((s) => s.served)
  const { status, refresh } = usePolledStatus('registryStatus', plan, { resetKey: tick, nullOnError: true })
  const address = `${plan.addresses[0] ?? ''}:${plan.port}`
  const cert = status?.servedCert
  const fromOld = served?.issuer === 'previous' ? served.previousCa : undefined
  return (
    <tr>
      <td>{status?.name ?? t('expiry.registry')}</td>
      <td className="mono">{address}</td>
      <ServedCell status={status} />
      <td>
        {cert !== undefined && fromOld === undefined && (
          <RenewAction plan={plan} name={status?.name ?? address} onDone={refresh} />
        )}
        {cert !== undefined && fromOld !== undefined && (
          <span className="muted" data-testid="served-by-old">
            {t('caRenewal.servedByOld', { until: formatDate(fromOld.notAfter, i18n.language) })}
          </span>
        )}
      </td>
    </tr>
  )
}

/** The folder of the certificate the app issued for the plan's addresses (the mirror's restart checks with its CA). */
function certDirOf(plan: Plan, certs: KnownCert[]): string | undefined {
  const known =
    certs.find((c) => c.sans.join(',') === plan.addresses.join(',')) ??
    certs.find((c) => c.sans.includes(plan.addresses[0] ?? ''))
  return known?.certPath.replace(/[\\/][^\\/]+$/, '')
}

function RegistriesTable({ plan }: { plan: Plan }): React.JSX.Element {
  const { t } = useTranslation()
  const certs = useAppStore((s) => s.settings?.knownCerts ?? [])
  useServedCa(plan)
  return (
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
        <MirrorRow plan={plan} certDir={certDirOf(plan, certs)} />
      </tbody>
    </table>
  )
}

/** Every registry the app knows (the saved plan's) and its mirror, with the served certificate's days left. */
export function KnownRegistries(): React.JSX.Element {
  const { t } = useTranslation()
  const plan = useAppStore((s) => s.settings?.plan)
  return (
    <section className="card" aria-labelledby="home-registries">
      <h2 id="home-registries">{t('expiry.registries')}</h2>
      {plan === undefined || plan.addresses.length === 0 ? (
        <p className="muted">{t('expiry.noRegistries')}</p>
      ) : (
        <RegistriesTable plan={plan} />
      )}
    </section>
  )
}
