import { useTranslation } from 'react-i18next'
import type { KnownCert } from '../../../main/ipc/contract'
import { DataTable, type DataColumn } from '../components/DataTable'
import { useAppStore, type StepId } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { CaOverlap } from './home/CaRenewal'
import { byDate, Expires, KnownCas } from './home/KnownCas'
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
      <CaOverlap />
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
