import { useTranslation } from 'react-i18next'
import type { KnownCa, KnownCert } from '../../../main/ipc/contract'
import { DataTable, type DataColumn } from '../components/DataTable'
import { daysUntil, expiryLevel, formatDate } from '../lib/format'
import { useAppStore, type StepId } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'

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

function Expires({ iso }: { iso: string }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const days = daysUntil(iso)
  const level = expiryLevel(days, days < 0)
  return (
    <>
      {formatDate(iso, i18n.language)}{' '}
      <span className={`badge badge-${level}`}>
        {level === 'expired' ? t('cert.expired') : t('cert.daysLeft', { count: days })}
      </span>
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
      cell: (c) => <Expires iso={c.notAfter} />,
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
