import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  BundleResult,
  ErrorInfo,
  KnownCa,
  Plan,
  RenewCaInfo,
  ServedCaInfo,
} from '../../../../main/ipc/contract'
import { CA_CERT_FILE } from '../../../../main/pki/file-names'
import { api } from '../../api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { formatDate } from '../../lib/format'
import { newJobId } from '../../lib/job-id'
import { joinPath } from '../../lib/paths'
import { useAppStore } from '../../stores/app-store'
import { useOverlapStore } from './overlap-store'
import { JobButton, PassphraseJobParts, usePassphraseJob } from './use-passphrase-job'

const caName = (subject: string): string => subject.replace(/^CN=/, '')

async function afterRenewal(value: RenewCaInfo | undefined): Promise<void> {
  if (value === undefined) return
  useOverlapStore.getState().setRenewed(value)
  const s = await api().getSettings()
  if (s.ok) useAppStore.getState().setSettings(s.value)
}

/** Renew CA: confirmed first (a new key: clients need both CAs for a while), then ONE main-side job. */
export function RenewCaAction({ ca }: { ca: KnownCa }): React.JSX.Element {
  const { t } = useTranslation()
  const name = caName(ca.subject)
  const job = usePassphraseJob(
    'renew-ca',
    (jobId, secret) => api().renewCa({ jobId, caDir: ca.dir, ...secret }),
    afterRenewal,
  )
  return (
    <div className="renew-action">
      <ConfirmDialog
        trigger={t('caRenewal.renew')}
        triggerLabel={t('caRenewal.renewLabel', { name })}
        title={t('caRenewal.confirmTitle', { name })}
        description={t('caRenewal.confirmText')}
        confirm={t('caRenewal.confirm')}
        disabled={job.jobId !== undefined}
        onConfirm={() => void job.run()}
      />
      <PassphraseJobParts
        job={job}
        id={`renew-ca-passphrase-${ca.dir}`}
        label={t('caRenewal.passphrase')}
        progressLabel={t('caRenewal.renewing')}
        channel="renewCa"
      />
    </div>
  )
}

/** The bundle for other machines with BOTH CAs: main adds the CA the renewal archived (the window names no file). */
function TwoCaExport({ caDir, plan }: { caDir: string; plan: Plan | undefined }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const [outDir, setOutDir] = useState('')
  const [jobId, setJobId] = useState<string>()
  const [error, setError] = useState<ErrorInfo>()
  const [result, setResult] = useState<BundleResult>()
  const run = async (): Promise<void> => {
    const id = newJobId('bundle-two-ca')
    setJobId(id)
    setError(undefined)
    const host = plan?.addresses[0] ?? ''
    const caCertPath = joinPath(caDir, CA_CERT_FILE)
    const r = await api().exportBundle({
      jobId: id,
      outDir,
      caCertPath,
      host,
      port: plan?.port ?? 5000,
      previousCa: true,
    })
    setJobId(undefined)
    if (r.ok) setResult(r.value)
    else setError(r.error)
  }
  return (
    <div className="sub-card">
      <h3>{t('caRenewal.exportTitle')}</h3>
      <p className="muted">{t('caRenewal.exportHelp')}</p>
      <TextField
        id="two-ca-out"
        label={t('caRenewal.folder')}
        value={outDir}
        onChange={setOutDir}
        browse="folder"
      />
      <button
        type="button"
        className="btn btn-primary"
        disabled={jobId !== undefined || outDir === '' || plan === undefined}
        onClick={() => void run()}
      >
        {t('caRenewal.export')}
      </button>
      <JobProgress jobId={jobId} label={t('caRenewal.exporting')} channel="exportBundle" />
      {result?.previousCa && (
        <p className="ok-line" role="status" data-testid="two-ca-exported">
          ✓{' '}
          {t('caRenewal.exported', {
            dir: result.outDir,
            fingerprint: result.fingerprintSha256,
            previous: result.previousCa.fingerprintSha256,
            until: formatDate(result.previousCa.notAfter, i18n.language),
          })}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  )
}

/** Move the registry to the new CA: the renewal job with toNewCa (swap, health, the old pair back on failure). */
function MoveToNewCa({ plan, caDir }: { plan: Plan; caDir: string }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const job = usePassphraseJob(
    'move-ca',
    (jobId, secret) => api().registryRenewCert({ jobId, plan, caDir, toNewCa: true, ...secret }),
    () => useOverlapStore.getState().reread(),
  )
  const move = job.result?.move
  const word = (w: 'accepted' | 'refused'): string => t(`caRenewal.client.${w}`)
  return (
    <div className="sub-card">
      <JobButton job={job} text={t('caRenewal.move')} />
      <PassphraseJobParts
        job={job}
        id="move-ca-passphrase"
        label={t('caRenewal.passphrase')}
        progressLabel={t('caRenewal.moving')}
        channel="registryRenewCert"
      />
      {job.result && (
        <p className="ok-line" role="status" data-testid="moved">
          ✓ {t('caRenewal.moved', { date: formatDate(job.result.notAfter, i18n.language) })}{' '}
          {move &&
            t('caRenewal.movedClients', {
              previousOnly: word(move.previousCaOnly),
              both: word(move.bothCas),
            })}
        </p>
      )}
    </div>
  )
}

function RenewedFacts({ r }: { r: RenewCaInfo }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const date = (iso: string): string => formatDate(iso, i18n.language)
  return (
    <>
      <p className="ok-line" role="status">
        ✓{' '}
        {t('caRenewal.renewed', {
          name: caName(r.subject),
          notAfter: date(r.notAfter),
          fingerprint: r.fingerprintSha256,
        })}
      </p>
      <p>
        {t('caRenewal.oldCa', {
          fingerprint: r.previous.fingerprintSha256,
          path: r.previous.certPath,
          until: date(r.overlapUntil),
        })}
      </p>
    </>
  )
}

/**
 * The overlap after a CA renewal (this session's, or one main finds the registry still serves a certificate of):
 * what still needs the new bundle and until when, the two-CA bundle, and the move of the registry to the new CA.
 */
export function CaOverlap(): React.JSX.Element | null {
  const { t, i18n } = useTranslation()
  const plan = useAppStore((s) => s.settings?.plan)
  const { renewed, served } = useOverlapStore()
  const fromOld = served?.issuer === 'previous' && served.caDir !== undefined ? served : undefined
  // Kept once seen: after the move the registry serves the new CA, and the move's outcome stays on screen.
  const [seen, setSeen] = useState<ServedCaInfo>()
  if (fromOld !== undefined && seen?.caDir !== fromOld.caDir) setSeen(fromOld)
  const old = fromOld ?? seen
  const caDir = renewed?.dir ?? old?.caDir
  const until = renewed?.overlapUntil ?? old?.previousCa?.notAfter
  if (caDir === undefined || until === undefined) return null
  const address = `${plan?.addresses[0] ?? ''}:${plan?.port ?? ''}`
  return (
    <section className="card" aria-labelledby="home-overlap" data-panel="ca-overlap">
      <h2 id="home-overlap">{t('caRenewal.overlapTitle')}</h2>
      {renewed && <RenewedFacts r={renewed} />}
      <p>{t('caRenewal.needTitle', { until: formatDate(until, i18n.language) })}</p>
      <ul data-testid="needs-bundle">
        <li>{t('caRenewal.needClients')}</li>
        {fromOld && <li>{t('caRenewal.needRegistry', { address })}</li>}
      </ul>
      <TwoCaExport caDir={caDir} plan={plan} />
      {old && plan && <MoveToNewCa plan={plan} caDir={old.caDir ?? caDir} />}
    </section>
  )
}
