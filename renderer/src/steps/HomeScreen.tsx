import { useTranslation } from 'react-i18next'
import { daysUntil, expiryLevel, formatDate } from '../lib/format'
import { useAppStore } from '../stores/app-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import type { StepId } from '../stores/app-store'

/** For returning users: known CAs and certificates with their expiry, and quick actions. */
export function HomeScreen(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const settings = useAppStore((s) => s.settings)
  const caps = useAppStore((s) => s.info?.capabilities)
  const go = useAppStore((s) => s.go)
  const openCa = useCertsStore((s) => s.openCa)
  const resume = useCertsStore((s) => s.resume)
  // Quick actions pick up the saved plan's certificate first, so the step opens ready to act.
  const quick = (step: StepId): void => {
    void resume(usePlanStore.getState().addresses).then(() => go(step))
  }
  const cas = settings?.knownCas ?? []
  const certs = settings?.knownCerts ?? []
  const expiry = (iso: string): React.JSX.Element => {
    const days = daysUntil(iso)
    const level = expiryLevel(days, days < 0)
    return (
      <span className={`badge badge-${level}`}>
        {level === 'expired' ? t('cert.expired') : t('cert.daysLeft', { count: days })}
      </span>
    )
  }
  return (
    <div className="step">
      <section className="hero card">
        <div>
          <h2>{t('home.welcome')}</h2>
          <p className="muted">{t('home.intro')}</p>
        </div>
        <button type="button" className="btn btn-primary btn-large" onClick={() => go('plan')}>
          {cas.length > 0 ? t('home.newSetup') : t('home.start')}
        </button>
      </section>

      <section className="card" aria-labelledby="home-quick">
        <h2 id="home-quick">{t('home.quick')}</h2>
        <div className="quick-actions">
          <button type="button" className="quick" onClick={() => quick('verify')}>
            <strong>{t('home.verify')}</strong>
            <span className="muted">{caps?.verify ? t('home.verifyHelp') : t('notAvailable.badge')}</span>
          </button>
          <button type="button" className="quick" onClick={() => quick('registry')}>
            <strong>{t('home.replace')}</strong>
            <span className="muted">{t('home.replaceHelp')}</span>
          </button>
          <button type="button" className="quick" onClick={() => quick('trust')}>
            <strong>{t('home.export')}</strong>
            <span className="muted">{caps?.bundle ? t('home.exportHelp') : t('notAvailable.badge')}</span>
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="home-cas">
        <h2 id="home-cas">{t('home.cas')}</h2>
        {cas.length === 0 ? (
          <p className="muted">{t('home.noCas')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('home.subject')}</th>
                <th scope="col">{t('home.folder')}</th>
                <th scope="col">{t('home.expires')}</th>
                <th scope="col">
                  <span className="sr-only">{t('home.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cas.map((c) => (
                <tr key={c.dir}>
                  <td>{c.subject.replace(/^CN=/, '')}</td>
                  <td className="mono">{c.dir}</td>
                  <td>
                    {formatDate(c.notAfter, i18n.language)} {expiry(c.notAfter)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => void openCa(c.dir).then((ok) => ok && go('certificates'))}
                    >
                      {t('home.use')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="home-certs">
        <h2 id="home-certs">{t('home.certs')}</h2>
        {certs.length === 0 ? (
          <p className="muted">{t('home.noCerts')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('home.addresses')}</th>
                <th scope="col">{t('home.file')}</th>
                <th scope="col">{t('home.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {certs.map((c) => (
                <tr key={c.certPath}>
                  <td className="mono">{c.sans.join(', ')}</td>
                  <td className="mono">{c.certPath}</td>
                  <td>
                    {formatDate(c.notAfter, i18n.language)} {expiry(c.notAfter)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
