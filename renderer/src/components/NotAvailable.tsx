import { useTranslation } from 'react-i18next'

/** Said honestly: this step's core is not built yet. Shows what it will do and what to do meanwhile. */
export function NotAvailable({ step, cli }: { step: string; cli: string }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <section className="card card-muted" aria-labelledby={`${step}-na-title`}>
      <span className="badge badge-neutral">{t('notAvailable.badge')}</span>
      <h2 id={`${step}-na-title`}>{t('notAvailable.title')}</h2>
      <p>{t(`notAvailable.${step}`)}</p>
      <p className="muted">{t('notAvailable.meanwhile')}</p>
      <pre className="code">{cli}</pre>
    </section>
  )
}
