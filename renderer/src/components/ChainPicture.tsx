import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaChainSummary, CertificateSummary } from '../../../main/ipc/contract'

interface Node {
  key: string
  className: string
  title: string
  name: string
  where: string
}

const nameOf = (c: CertificateSummary): string => c.commonName ?? c.subject

type T = (key: string) => string

/** The CAs from the top down: the root, its intermediates, the issuing CA; or the one root CA. */
function caNodes(t: T, ca: CertificateSummary, chain: CaChainSummary | undefined): Node[] {
  if (!chain?.intermediate)
    return [
      { key: 'ca', className: 'chain-ca', title: t('chain.ca'), name: nameOf(ca), where: t('chain.caWhere') },
    ]
  return [
    {
      key: 'root',
      className: 'chain-ca',
      title: t('chain.root'),
      name: nameOf(chain.root),
      where: t('chain.rootWhere'),
    },
    // chain.intermediates is nearest first: draw it from the root down.
    ...[...chain.intermediates].reverse().map((c) => ({
      key: `intermediate-${c.fingerprintSha256}`,
      className: 'chain-ca',
      title: t('chain.intermediate'),
      name: nameOf(c),
      where: t('chain.intermediateWhere'),
    })),
    {
      key: 'issuing',
      className: 'chain-ca',
      title: t('chain.issuing'),
      name: nameOf(ca),
      where: t('chain.issuingWhere'),
    },
  ]
}

function serverNode(t: T, server: CertificateSummary | undefined, intermediate: boolean): Node {
  return {
    key: 'server',
    className: `chain-server${server ? '' : ' chain-pending'}`,
    title: t('chain.server'),
    name: server ? server.sans.map((s) => s.value).join(', ') || server.subject : t('chain.notIssued'),
    where: intermediate ? t('chain.serverChainWhere') : t('chain.serverWhere'),
  }
}

/**
 * Who signs whom and what goes where. A root CA: CA -> server certificate, trusted by the clients. An intermediate CA
 * (a company PKI): root -> intermediate(s) -> the issuing CA -> server certificate; clients trust the root only.
 */
export function ChainPicture({
  ca,
  chain,
  server,
}: {
  ca: CertificateSummary
  chain?: CaChainSummary | undefined
  server: CertificateSummary | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const intermediate = chain?.intermediate === true
  const nodes = [...caNodes(t, ca, chain), serverNode(t, server, intermediate)]
  return (
    <figure className="chain" aria-label={t('chain.label')}>
      {nodes.map((n, i) => (
        <Fragment key={n.key}>
          {i > 0 && (
            <div className="chain-arrow" aria-hidden="true">
              {t('chain.signs')} →
            </div>
          )}
          <div className={`chain-node ${n.className}`} data-testid={`chain-${n.key.replace(/-.*/, '')}`}>
            <strong>{n.title}</strong>
            <span className="mono">{n.name}</span>
            <span className="muted">{n.where}</span>
          </div>
        </Fragment>
      ))}
      <div className="chain-arrow" aria-hidden="true">
        {t('chain.trustedBy')} ←
      </div>
      <div className="chain-node chain-clients" data-testid="chain-clients">
        <strong>{t('chain.clients')}</strong>
        <span className="muted">{intermediate ? t('chain.clientsRootWhere') : t('chain.clientsWhere')}</span>
      </div>
    </figure>
  )
}
