import { useTranslation } from 'react-i18next'
import type { CaSummary } from '../../../../main/ipc/contract'
import { CertificateCard } from '../../components/CertificateCard'
import { useCertsStore } from '../../stores/certs-store'

/** The CA in use: its card, folder and key protection, and its root when it is an intermediate. */
export function CaDone({ ca }: { ca: CaSummary }): React.JSX.Element {
  const { t } = useTranslation()
  const reset = useCertsStore((s) => s.reset)
  return (
    <section className="card" aria-labelledby="ca-title">
      <div className="card-title-row">
        <h2 id="ca-title">{t('certs.ca.title')}</h2>
        <button type="button" className="btn btn-link" onClick={reset}>
          {t('certs.ca.change')}
        </button>
      </div>
      <CertificateCard
        cert={ca.certificate}
        title={ca.chain?.intermediate ? t('certs.ca.intermediateCardTitle') : t('certs.ca.cardTitle')}
        testId="ca-card"
      />
      <p className="muted">
        {t('certs.ca.folder')} <span className="mono">{ca.dir}</span> ·{' '}
        {ca.encrypted ? t('certs.ca.encrypted') : t('certs.ca.notEncrypted')}
      </p>
      {ca.chain?.intermediate && (
        <>
          <p className="muted" data-testid="ca-chain-note">
            {t('certs.ca.chainNote', { length: ca.chain.length })}
          </p>
          <CertificateCard cert={ca.chain.root} title={t('certs.ca.rootCardTitle')} testId="root-card" />
        </>
      )}
    </section>
  )
}
