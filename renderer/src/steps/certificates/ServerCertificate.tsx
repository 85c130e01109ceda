import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaSummary, IssuedServerCert, LintFindingInfo } from '../../../../main/ipc/contract'
import { CertificateCard } from '../../components/CertificateCard'
import { ChainPicture } from '../../components/ChainPicture'
import { translator } from '../../i18n'
import { useAppStore } from '../../stores/app-store'
import { useCertsStore } from '../../stores/certs-store'
import { usePlanStore } from '../../stores/plan-store'
import { IssueForm } from './IssueForm'

/** The registry's server certificate: the planned names, the checks before issuing, the form, then the result. */
export function ServerCertificate(): React.JSX.Element {
  const { t } = useTranslation()
  const addresses = usePlanStore((s) => s.addresses)
  const { ca, issued: issuedAny, sanCheck, checkSans } = useCertsStore()
  // A certificate issued for other addresses than the plan's is stale: offer to issue (replace) it.
  const issued =
    issuedAny && issuedAny.certificate.sans.map((s) => s.value).join(',') === addresses.join(',')
      ? issuedAny
      : undefined
  const key = addresses.join(',')
  useEffect(() => {
    if (key) void checkSans(key.split(','))
  }, [key, checkSans])
  if (addresses.length === 0) return <NeedPlan />
  const findings = issued ? issued.lint : (sanCheck?.findings ?? [])
  return (
    <section className="card" aria-labelledby="server-title">
      <h2 id="server-title">{t('certs.server.title')}</h2>
      <p className="muted">{t('certs.server.help')}</p>
      <SanChips />
      <Findings findings={findings} checked={sanCheck !== undefined} />
      {ca && !issued && (
        <IssueForm
          ca={ca}
          stale={issuedAny !== undefined}
          blocked={findings.some((f) => f.severity === 'error')}
        />
      )}
      {!ca && <p className="muted">{t('certs.server.needCa')}</p>}
      {ca && <ChainPicture ca={ca.certificate} chain={ca.chain} server={issued?.certificate} />}
      {issued && <Issued issued={issued} ca={ca} />}
    </section>
  )
}

function NeedPlan(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  return (
    <section className="card card-muted" aria-labelledby="server-title">
      <h2 id="server-title">{t('certs.server.title')}</h2>
      <p>{t('certs.server.needPlan')}</p>
      <button type="button" className="btn btn-secondary" onClick={() => go('plan')}>
        {t('certs.server.toPlan')}
      </button>
    </section>
  )
}

/** The names the certificate will carry, as the core classified them (IP or DNS). */
function SanChips(): React.JSX.Element {
  const { t } = useTranslation()
  const addresses = usePlanStore((s) => s.addresses)
  const sanCheck = useCertsStore((s) => s.sanCheck)
  const sans = sanCheck?.sans ?? addresses.map((value) => ({ type: 'dns' as const, value }))
  return (
    <div className="field">
      <span className="field-label" id="server-sans-label">
        {t('certs.server.sans')}
      </span>
      <ul className="chips" aria-labelledby="server-sans-label">
        {sans.map((s) => (
          <li key={s.value} className="chip">
            <span className="chip-kind">{s.type === 'ip' ? 'IP' : 'DNS'}</span> {s.value}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Findings({
  findings,
  checked,
}: {
  findings: LintFindingInfo[]
  checked: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  if (findings.length === 0)
    return <>{checked && <p className="ok-line">✓ {t('certs.server.lintClean')}</p>}</>
  return (
    <ul className="findings" aria-label={t('certs.server.lint')} data-testid="lint-findings">
      {findings.map((f) => (
        <li key={f.code + f.message} className={`finding finding-${f.severity}`}>
          <span className="finding-sev">{t(`certs.server.severity.${f.severity}`)}</span>
          <span>{findingText(f)}</span>
        </li>
      ))}
    </ul>
  )
}

/** A lint finding in the UI's language (`lint.CODE` with its params); the core's English when the code has none. */
function findingText(f: LintFindingInfo): string {
  const tr = translator()
  return tr.has(`lint.${f.code}`) ? tr.text(`lint.${f.code}`, f.params) : f.message
}

/** The issued certificate: its card, the files written and what each is for, and the way on. */
function Issued({ issued, ca }: { issued: IssuedServerCert; ca: CaSummary | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  const withChain =
    issued.chainLength !== undefined ? issued.chainLength > 1 : ca?.chain?.intermediate === true
  return (
    <>
      <CertificateCard cert={issued.certificate} title={t('certs.server.cardTitle')} testId="server-card" />
      <dl className="files">
        <dt>{t('certs.server.files')}</dt>
        <dd>
          <span className="mono">{issued.certPath}</span> ·{' '}
          {withChain ? t('certs.server.fileCertChain') : t('certs.server.fileCert')}
        </dd>
        <dd>
          <span className="mono">{issued.keyPath}</span> · {t('certs.server.fileKey')}
        </dd>
        <dd data-testid="issued-ca-file">
          <span className="mono">{issued.caCertPath}</span> ·{' '}
          {ca?.chain?.intermediate ? t('certs.server.fileRoot') : t('certs.server.fileCa')}
        </dd>
      </dl>
      <footer className="step-actions">
        <button type="button" className="btn btn-primary" onClick={() => go('registry')}>
          {t('common.next')}
        </button>
      </footer>
    </>
  )
}
