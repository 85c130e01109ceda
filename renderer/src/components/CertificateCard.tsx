import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { CertificateSummary } from '../../../main/ipc/contract'
import { formatDate } from '../lib/format'
import { ExpiryBadge } from './ExpiryBadge'

/** The key as the key type control names it: ECDSA P-256, RSA 2048 (any other kind by its type). */
export function keyName(t: TFunction, cert: CertificateSummary): string {
  if (cert.keyType === 'ec') return t('keys.name.ec', { curve: cert.keyCurve ?? `${cert.keyBits ?? '?'}` })
  if (cert.keyType === 'rsa') return t('keys.name.rsa', { bits: cert.keyBits ?? '?' })
  return t('keys.name.other', { type: cert.keyType.toUpperCase() })
}

/** Subject, SANs, validity with a countdown, fingerprint: the public facts of a certificate. */
export function CertificateCard({
  cert,
  title,
  testId,
}: {
  cert: CertificateSummary
  title: string
  testId: string
}): React.JSX.Element {
  const { t, i18n } = useTranslation()
  return (
    <article className="cert-card" data-testid={testId} aria-label={title}>
      <header className="cert-card-head">
        <span className={`cert-icon ${cert.isCa ? 'cert-icon-ca' : 'cert-icon-leaf'}`} aria-hidden="true">
          {cert.isCa ? 'CA' : 'TLS'}
        </span>
        <div>
          <h3>{title}</h3>
          <p className="muted mono">{cert.subject}</p>
        </div>
        <ExpiryBadge notAfter={cert.notAfter} days={cert.daysLeft} kind={cert.isCa ? 'ca' : 'certificate'} />
      </header>
      <dl className="cert-facts">
        {!cert.isCa && (
          <>
            <dt>{t('cert.sans')}</dt>
            <dd>
              <ul className="chips">
                {cert.sans.map((s) => (
                  <li key={`${s.type}:${s.value}`} className="chip">
                    <span className="chip-kind">{s.type === 'ip' ? 'IP' : 'DNS'}</span> {s.value}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('cert.validity')}</dt>
        <dd>
          {formatDate(cert.notBefore, i18n.language)} – {formatDate(cert.notAfter, i18n.language)}
        </dd>
        <dt>{t('cert.issuer')}</dt>
        <dd className="mono">{cert.issuer}</dd>
        <dt>{t('cert.key')}</dt>
        <dd>
          {keyName(t, cert)} · {cert.signatureAlgorithm}
        </dd>
        <dt>{t('cert.fingerprint')}</dt>
        <dd className="mono fingerprint">{cert.fingerprintSha256}</dd>
      </dl>
    </article>
  )
}
