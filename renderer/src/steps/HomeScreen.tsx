import { useTranslation } from 'react-i18next'
import type { KnownCa, KnownCert } from '../../../main/ipc/contract'
import { DataTable, type DataColumn } from '../components/DataTable'
import { caExpiryWarning } from '../../../main/lifecycle/expiry'
import { ExpiryBadge } from '../components/ExpiryBadge'
import { translator } from '../i18n'
import { formatDate } from '../lib/format'
import { useAppStore, type StepId } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { KnownRegistries } from './home/KnownRegistries'

/** For returning users: known CAs and certificates with their expiry, and quick actions. */
export function HomeScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const hasCa = useAppStore((s) => (s.settings?.knownCas.length ?? 0) > 0)
  const go = useAppStore((s) => s.go)
  return (
    <div className="step">
      <section className="hero card">
        <div>
          <h2>{t('home.welcome')}</h2>
          <p className="muted">{t('home.intro')}</p>
        </div>
        <button type="button" className="btn btn-primary btn-large" onClick={() => go('plan')}>
          {hasCa ? t('home.newSetup') : t('home.start')}
        </button>
      </section>
      <QuickActions />
      <KnownRegistries />
      <KnownCas />
      <KnownCerts />
    </div>
  )
}

function QuickActions(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  const resume = useCertsStore((s) => s.resume)
  // Quick actions pick up the saved plan's certificate first, so the step opens ready to act.
  const quick = (step: StepId): void => {
    void resume(usePlanStore.getState().addresses).then(() => go(step))
  }
  const actions: [StepId, string, string][] = [
    ['verify', 'home.verify', 'home.verifyHelp'],
    ['registry', 'home.replace', 'home.replaceHelp'],
    ['trust', 'home.export', 'home.exportHelp'],
    ['images', 'images.home', 'images.homeHelp'],
    ['contents', 'contents.home', 'contents.homeHelp'],
  ]
  return (
    <section className="card" aria-labelledby="home-quick">
      <h2 id="home-quick">{t('home.quick')}</h2>
      <div className="quick-actions">
        {actions.map(([step, title, help]) => (
          <button key={step} type="button" className="quick" onClick={() => quick(step)}>
            <strong>{t(title)}</strong>
            <span className="muted">{t(help)}</span>
          </button>
        ))}
      </div>
    </section>
  )
}

function Expires({ iso, kind }: { iso: string; kind?: 'ca' }): React.JSX.Element {
  const { i18n } = useTranslation()
  return (
    <>
      {formatDate(iso, i18n.language)} <ExpiryBadge notAfter={iso} kind={kind} />
    </>
  )
}

/** The CA rule (main/lifecycle/expiry): a CA ending within 180 days, or ended, is said in words under the table. */
function CaWarnings({ cas }: { cas: KnownCa[] }): React.JSX.Element | null {
  useTranslation()
  const warnings = cas.flatMap((c) => {
    const w = caExpiryWarning(c.notAfter)
    return w === undefined ? [] : [{ dir: c.dir, subject: c.subject, text: translator().render(w.message) }]
  })
  if (warnings.length === 0) return null
  return (
    <>
      {warnings.map((w) => (
        <p key={w.dir} className="notice notice-warn" role="status" data-testid="ca-warning">
          <strong>{w.subject.replace(/^CN=/, '')}</strong> {w.text}
        </p>
      ))}
    </>
  )
}

const byDate = (iso: string): number => new Date(iso).getTime()

function KnownCas(): React.JSX.Element {
  const { t } = useTranslation()
  const cas = useAppStore((s) => s.settings?.knownCas ?? [])
  const go = useAppStore((s) => s.go)
  const openCa = useCertsStore((s) => s.openCa)
  const name = (c: KnownCa): string => c.subject.replace(/^CN=/, '')
  const columns: DataColumn<KnownCa>[] = [
    { id: 'subject', header: t('home.subject'), cell: name, sortValue: name },
    { id: 'dir', header: t('home.folder'), cell: (c) => c.dir, sortValue: (c) => c.dir, className: 'mono' },
    {
      id: 'expires',
      header: t('home.expires'),
      cell: (c) => <Expires iso={c.notAfter} kind="ca" />,
      sortValue: (c) => byDate(c.notAfter),
    },
    {
      id: 'actions',
      header: t('home.actions'),
      hiddenHeader: true,
      cell: (c) => (
        <button
          type="button"
          className="btn btn-link"
          aria-label={t('home.useCa', { name: name(c) })}
          onClick={() => void openCa(c.dir).then((ok) => ok && go('certificates'))}
        >
          {t('home.use')}
        </button>
      ),
    },
  ]
  return (
    <section className="card" aria-labelledby="home-cas">
      <h2 id="home-cas">{t('home.cas')}</h2>
      {cas.length === 0 ? (
        <p className="muted">{t('home.noCas')}</p>
      ) : (
        <DataTable rows={cas} columns={columns} rowKey={(c) => c.dir} label={t('home.cas')} />
      )}
      <CaWarnings cas={cas} />
    </section>
  )
}

function KnownCerts(): React.JSX.Element {
  const { t } = useTranslation()
  const certs = useAppStore((s) => s.settings?.knownCerts ?? [])
  const sans = (c: KnownCert): string => c.sans.join(', ')
  const columns: DataColumn<KnownCert>[] = [
    { id: 'sans', header: t('home.addresses'), cell: sans, sortValue: sans, className: 'mono' },
    { id: 'file', header: t('home.file'), cell: (c) => c.certPath, className: 'mono' },
    {
      id: 'expires',
      header: t('home.expires'),
      cell: (c) => <Expires iso={c.notAfter} />,
      sortValue: (c) => byDate(c.notAfter),
    },
  ]
  return (
    <section className="card" aria-labelledby="home-certs">
      <h2 id="home-certs">{t('home.certs')}</h2>
      {certs.length === 0 ? (
        <p className="muted">{t('home.noCerts')}</p>
      ) : (
        <DataTable rows={certs} columns={columns} rowKey={(c) => c.certPath} label={t('home.certs')} />
      )}
    </section>
  )
}
