import { useTranslation } from 'react-i18next'
import type { CertificateSummary } from '../../../main/ipc/contract'

/** CA -> server certificate -> the clients that trust the CA: what goes where. */
export function ChainPicture({ ca, server }: { ca: CertificateSummary; server: CertificateSummary | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <figure className="chain" aria-label={t('chain.label')}>
      <div className="chain-node chain-ca">
        <strong>{t('chain.ca')}</strong>
        <span className="mono">{ca.commonName ?? ca.subject}</span>
        <span className="muted">{t('chain.caWhere')}</span>
      </div>
      <div className="chain-arrow" aria-hidden="true">
        {t('chain.signs')} →
      </div>
      <div className={`chain-node chain-server${server ? '' : ' chain-pending'}`}>
        <strong>{t('chain.server')}</strong>
        <span className="mono">{server ? (server.sans.map((s) => s.value).join(', ') || server.subject) : t('chain.notIssued')}</span>
        <span className="muted">{t('chain.serverWhere')}</span>
      </div>
      <div className="chain-arrow" aria-hidden="true">
        {t('chain.trustedBy')} ←
      </div>
      <div className="chain-node chain-clients">
        <strong>{t('chain.clients')}</strong>
        <span className="muted">{t('chain.clientsWhere')}</span>
      </div>
    </figure>
  )
}
