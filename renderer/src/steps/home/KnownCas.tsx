import { useTranslation } from 'react-i18next'
import type { KnownCa } from '../../../../main/ipc/contract'
import { caExpiryWarning } from '../../../../main/lifecycle/expiry'
import { DataTable, type DataColumn } from '../../components/DataTable'
import { ExpiryBadge } from '../../components/ExpiryBadge'
import { translator } from '../../i18n'
import { formatDate } from '../../lib/format'
import { useAppStore } from '../../stores/app-store'
import { useCertsStore } from '../../stores/certs-store'
import { RenewCaAction } from './CaRenewal'

export function Expires({ iso, kind }: { iso: string; kind?: 'ca' }): React.JSX.Element {
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

export const byDate = (iso: string): number => new Date(iso).getTime()

export function KnownCas(): React.JSX.Element {
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
        <div className="actions">
          <button
            type="button"
            className="btn btn-link"
            aria-label={t('home.useCa', { name: name(c) })}
            onClick={() => void openCa(c.dir).then((ok) => ok && go('certificates'))}
          >
            {t('home.use')}
          </button>
          <RenewCaAction ca={c} />
        </div>
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
